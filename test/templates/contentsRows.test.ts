import { describe, expect, it } from 'vitest';
import { balancedPages, endsInPhrase, openingWords } from '../../templates/contentsRows.js';
import type { ComposedParagraph } from '../../src/text/compose.js';

describe('balancedPages', () => {
  // A page 100 tall from 0, the first page's rows starting at 20 (under the contents heading).
  const rows = (n: number, h = 10) => Array.from({ length: n }, () => h);
  const counts = (pages: number[][]) => pages.map((p) => p.length);

  it('leaves rows that fit on one page as they are', () => {
    expect(counts(balancedPages(rows(8), 20, 0, 100))).toEqual([8]);
  });

  it('shares rows over as many pages as filling needs, the pages ending nearly level, no page left nearly empty', () => {
    // Filled: 8 under the heading, 10, then 2 alone (ending at 100, 100, 20); shared: at 80, 80, 60.
    const shared = balancedPages(rows(20), 20, 0, 100);
    expect(counts(shared)).toEqual([6, 8, 6]);
    expect(shared.flat()).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('never takes a page more than filling does, tall rows among them', () => {
    const heights = [10, 30, 10, 10, 40, 10, 30, 10, 10, 10, 20];
    const shared = balancedPages(heights, 20, 0, 100);
    expect(shared.length).toBe(3);
    expect(shared.flat()).toEqual(heights.map((_, i) => i));
    expect(shared.every((p) => p.length > 0)).toBe(true);
  });

  it('gives a row taller than the page a page of its own', () => {
    expect(counts(balancedPages([10, 150, 10], 20, 0, 100))).toEqual([1, 1, 1]);
  });
});

describe('openingWords', () => {
  it('takes the first words up to a clause end or six words, then «…»; the whole of a short point as it is', () => {
    expect(openingWords('Paper is the single largest cost of a community print run: an 80 gsm ream.', false, 'en')).toBe('Paper is the single largest cost…');
    expect(openingWords('We note with concern, that some shops close.', false, 'en')).toBe('We note with concern…');
    expect(openingWords('Yes.', false, 'en')).toBe('Yes.');
    expect(openingWords('Yes.', true, 'en')).toBe('Yes…');
    expect(openingWords('نقطة ثانية طويلة بما يكفي كي لا تكون عنوانًا', false, 'ar')).toBe('نقطة ثانية طويلة بما يكفي كي…');
  });

  it('cuts into no address, leaves no bracket open and ends on no dash', () => {
    expect(openingWords('See https://example.org/a for more of it here.', false, 'en')).toBe('See…');
    expect(openingWords('A workshop (ninety minutes, twelve children) will run.', false, 'en')).toBe('A workshop…');
    expect(openingWords('This programme will be reviewed — yearly, by the members.', false, 'en')).toBe('This programme will be reviewed…');
    expect(openingWords('https://example.org/a is the place.', false, 'en')).toBeUndefined();
  });

  it('ends a cut on no word that leans on the next (look19: «will move to…», «…کتاب و…»)', () => {
    expect(openingWords("The Federation's website will move to a new address.", false, 'en')).toBe("The Federation's website will move…");
    expect(openingWords('ما بر پیوند میان کتاب و محیط زیست تأکید می‌کنیم.', false, 'fa')).toBe('ما بر پیوند میان کتاب…');
  });
});

describe('endsInPhrase (a Persian row broken inside a phrase whose ezafe is not written)', () => {
  /** A paragraph of `parts` as its lines (only text and line offsets are read). */
  const rowOf = (...parts: string[]): ComposedParagraph => {
    let at = 0;
    const lines = parts.map((p, i) => {
      const line = { start: at, end: at + p.length + (i < parts.length - 1 ? 1 : 0) };
      at = line.end;
      return line;
    });
    return { text: parts.join(' '), lines } as unknown as ComposedParagraph;
  };

  it('stress-fa ۸: «…و ناشران / زندانی…» ends inside a phrase; «…ناشران زندانی / و…» and «…مترجمان، / …» do not', () => {
    expect(endsInPhrase(rowOf('۸- آزادی نویسندگان، مترجمان و ناشران', 'زندانی و ممنوع‌القلم در سراسر جهان'), 'fa')).toBe(true);
    expect(endsInPhrase(rowOf('۸- آزادی نویسندگان، مترجمان و ناشران زندانی', 'و ممنوع‌القلم در سراسر جهان'), 'fa')).toBe(false);
    expect(endsInPhrase(rowOf('۸- آزادی نویسندگان،', 'مترجمان و ناشران زندانی و ممنوع‌القلم در سراسر جهان'), 'fa')).toBe(false);
  });

  it('only Persian: other languages write their ties', () => {
    expect(endsInPhrase(rowOf('A public print shop in every', 'town of more'), 'en')).toBe(false);
    expect(endsInPhrase(rowOf('حرية الرأي', 'والتعبير'), 'ar')).toBe(false);
  });
});
