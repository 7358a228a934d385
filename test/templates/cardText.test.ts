/**
 * Where a card's text may be divided: sentence, then clause, then word
 * breaks; never in a number, a word or an open quotation.
 */
import { describe, expect, it } from 'vitest';
import { boundaries, divide, divideEvenly } from '../../templates/cardText.js';

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

describe('divideEvenly', () => {
  // A stand-in for the layout: a line holds 20 characters; a slide holds 6 lines (the last 5, beside the footer).
  const lines = (s: string) => Math.ceil(s.length / 20);
  const fitsIn = (n: number) => (s: string) => lines(s) <= n;
  const sentence = (n: number, w: string) => `${Array.from({ length: n }, () => w).join(' ')}.`;
  const words = (s: string) => s.split(/\s+/u).filter(Boolean);
  const spread = (pieces: string[]) => Math.min(...pieces.map(lines)) / Math.max(...pieces.map(lines));

  it('keeps the plain fill\'s number of slides and spreads the text between them, at sentence breaks', () => {
    // Seven sentences of about a line and a half: filled in order, 6 lines and then 2.
    const text = Array.from({ length: 7 }, (_, i) => sentence(5, 'كلمة' + i)).join(' ');
    const plain = divide(text, fitsIn(6), fitsIn(5))!;
    expect(plain.map(lines)).toEqual([5, 5, 2]);
    const even = divideEvenly(text, fitsIn(6), fitsIn(5), lines)!;
    expect(even.length).toBe(plain.length);
    expect(words(even.join(' '))).toEqual(words(text));
    expect(spread(even)).toBeGreaterThanOrEqual(0.6);
    expect(Math.max(...even.map(lines))).toBeLessThanOrEqual(Math.max(...plain.map(lines)));
    for (const p of even.slice(0, -1)) expect(p).toMatch(/\.$/u);
  });

  it('keeps sentences whole, however uneven the slides, and cuts one at a clause only to spare a slide of a single line', () => {
    const run = (n: number) => Array.from({ length: n }, () => 'كلمة').join(' ');
    // At the sentence: 3 and 5 lines; at the comma: 4 and 3. The sentence stays whole.
    const a = `${run(9)}. ${run(5)}، ${run(11)}.`;
    const atComma = [`${run(9)}. ${run(5)}،`, `${run(11)}.`];
    expect(atComma.map(lines)).toEqual([4, 3]);
    expect(divideEvenly(a, fitsIn(5), fitsIn(5), lines)).toEqual([`${run(9)}.`, `${run(5)}، ${run(11)}.`]);
    // Filled in order, a short sentence and a long one, then 2 lines: the comma in the long one would give 5 and 4
    // (udhr-en 25 on the square card was cut so, 5 and 4 lines, where its first sentence fills 7 of slide 1).
    const b = `${run(3)}. ${run(14)}، ${run(5)}. ${run(8)}.`;
    const plain = divide(b, fitsIn(6), fitsIn(6))!;
    expect(plain.map(lines)).toEqual([6, 2]);
    expect(divideEvenly(b, fitsIn(6), fitsIn(6), lines)).toEqual(plain);
    // A last slide of one line: the long sentence is cut at its comma, 5 and 2 lines.
    const c = `${run(2)}. ${run(14)}، ${run(4)}. ${run(2)}.`;
    expect(divide(c, fitsIn(6), fitsIn(5))!.map(lines)).toEqual([6, 1]);
    const spared = divideEvenly(c, fitsIn(6), fitsIn(5), lines)!;
    expect(spared.map(lines)).toEqual([5, 2]);
    expect(spared[0]).toBe(`${run(2)}. ${run(14)}،`);
  });

  it('opens every slide at a sentence end where one fits, though whole clauses would take fewer slides (page review: stress-en and udhr-en 5 opened mid-sentence)', () => {
    const run = (n: number) => Array.from({ length: n }, () => 'كلمة').join(' ');
    // Five sentences of 4 lines; a slide holds 6: cut at their commas they would fill four slides, 6, 6, 6 and 2.
    const text = Array.from({ length: 5 }, () => `${run(8)}، ${run(7)}.`).join(' ');
    const slides = divideEvenly(text, fitsIn(6), fitsIn(6), lines)!;
    expect(slides.map(lines)).toEqual([4, 4, 4, 4, 4]);
    for (const p of slides) expect(p).toMatch(/\.$/u);
    expect(words(slides.join(' '))).toEqual(words(text));
  });

  it('cuts a sentence at a clause to spare a slide of a single line', () => {
    const run = (n: number) => Array.from({ length: n }, () => 'كلمة').join(' ');
    const t = `${run(4)}. ${run(2)}، ${run(19)}. ${run(3)}.`;
    expect(divide(t, fitsIn(6), fitsIn(6))!.map(lines)).toEqual([1, 6, 1]);
    const spared = divideEvenly(t, fitsIn(6), fitsIn(6), lines)!;
    expect(spared.map(lines)).toEqual([2, 6]);
    expect(words(spared.join(' '))).toEqual(words(t));
  });

  it('takes a paragraph\'s end for a sentence\'s, a sub-item ending in «؛» too, and ends a slide there rather than inside a paragraph', () => {
    const run = (n: number) => Array.from({ length: n }, () => 'كلمة').join(' ');
    const items = `${run(3)}:\n(١) ${run(8)}؛\n(٢) ${run(8)}؛\n(٣) ${run(8)}؛\n(٤) ${run(8)}.\n${run(6)}.`;
    const b = boundaries(items);
    // The lead-in's «:», the items' «؛» and «.»: each at a paragraph's end (the text's own end is no break).
    expect(b.sentence).toHaveLength(5);
    expect(b.clause).toEqual([]);
    const slides = divideEvenly(items, fitsIn(6), fitsIn(6), lines)!;
    for (const piece of slides.slice(0, -1)) expect(items.slice(items.indexOf(piece) + piece.length, items.indexOf(piece) + piece.length + 1)).toBe('\n');
  });

  it('keeps a question, or a paragraph\'s opening sentence, on the slide of what answers it (page review: stress-en 5 ended a slide on «Several delegates asked…»)', () => {
    // Paragraphs of 3 lines each, the third opened by a question of one line: the fill in order ends a slide after it.
    const para = (w: string) => `${sentence(14, w)}`;
    const text = [para('a'), para('b'), `Why ${sentence(3, 'c')}`.replace(/\.$/u, '?') + ` ${sentence(7, 'd')}`, para('e')].join('\n');
    const slides = divideEvenly(text, fitsIn(6), fitsIn(6), lines)!;
    expect(words(slides.join(' '))).toEqual(words(text));
    for (const p of slides.slice(0, -1)) expect(p).not.toMatch(/\?$/u);
  });

  it('is the plain fill for one slide, and undefined when not even a word fits', () => {
    expect(divideEvenly('جملة قصيرة.', fitsIn(6), fitsIn(6), lines)).toEqual(['جملة قصيرة.']);
    expect(divideEvenly('كلمةطويلةجدا كلمة', () => false, () => false, lines)).toBeUndefined();
  });
});
