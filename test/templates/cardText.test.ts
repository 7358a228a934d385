/**
 * Where a card's text may be divided: sentence, then clause, then word
 * breaks; never in a number, a word or an open quotation.
 */
import { describe, expect, it } from 'vitest';
import { boundaries, divide } from '../../templates/cardText.js';

const T = 'أولًا، نحو 3.5 مليون؛ ثم "قال، نعم. لا" ثم هل؟ نعم! آخر.';

describe('boundaries', () => {
  it('finds sentence and clause ends followed by a space, outside quotes, not inside numbers', () => {
    const b = boundaries(T);
    const before = (ends: number[]) => ends.map((e) => T.slice(0, e).split(' ').pop());
    expect(before(b.sentence)).toEqual(['هل؟', 'نعم!']);
    expect(before(b.clause)).toEqual(['أولًا،', 'مليون؛']);
    // Every word break but those inside the quotation.
    expect(b.word.every((e) => /\s/u.test(T[e]))).toBe(true);
    expect(before(b.word)).not.toContain('"قال،');
  });
});

describe('divide', () => {
  const byLength = (n: number) => (s: string) => s.length <= n;
  it('gives back the whole text, piece by piece, at sentence breaks when they fit', () => {
    const text = 'جملة أولى قصيرة. جملة ثانية أطول قليلًا، فيها فاصلة. جملة ثالثة.';
    expect(divide(text, byLength(36), byLength(36))).toEqual(['جملة أولى قصيرة.', 'جملة ثانية أطول قليلًا، فيها فاصلة.', 'جملة ثالثة.']);
  });
  it('takes a clause break over a sentence break that would leave the piece less than 60 % as full', () => {
    const text = 'جملة أولى قصيرة. جملة ثانية أطول قليلًا، فيها فاصلة. جملة ثالثة.';
    expect(divide(text, byLength(40), byLength(40))![0]).toBe('جملة أولى قصيرة. جملة ثانية أطول قليلًا،');
  });
  it('falls back to clause, then word breaks, never inside a word', () => {
    const text = 'كلمة كلمة كلمة، كلمة كلمة كلمة كلمة كلمة';
    const pieces = divide(text, byLength(20), byLength(20))!;
    expect(pieces.join(' ')).toBe(text);
    expect(pieces[0]).toBe('كلمة كلمة كلمة،');
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(20);
  });
  it('keeps room for the footer on the last piece', () => {
    const text = 'أ. ب. ج.';
    expect(divide(text, byLength(8), byLength(3))).toEqual(['أ. ب.', 'ج.']);
  });
  it('is undefined when not even a word fits', () => {
    expect(divide('كلمةطويلة جدا', byLength(3), byLength(3))).toBeUndefined();
  });
});
