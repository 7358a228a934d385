/**
 * Hyphenation (src/text/hyphenate.ts, lineBreaks.ts `breakHyphenated`):
 * which words may be divided and where, the publisher's rules (at most two
 * hyphenated lines in a row, none before a paragraph's last line), left to
 * right only, and a hyphen that adds no character to the text: a glyph
 * without text, which every reader we test (pdftotext, mutool, pdf.js,
 * mupdf, PDFium) reads as nothing; the rest of the word is carried, as
 * hidden text, to the end of the line above (`carryRest`), so that every
 * reader returns the divided word whole.
 */
import { describe, expect, it } from 'vitest';
import { composeParagraph, type ComposedParagraph, type ComposeOptions } from '../../src/text/compose.js';
import { itemize } from '../../src/text/itemize.js';
import { hyphenCuts, hyphenPoints, MIN_AFTER, MIN_BEFORE, sameLetterSpan, wordPart } from '../../src/text/hyphenate.js';
import { MAX_RUN } from '../../src/text/lineBreaks.js';
import { amiri } from '../support/fonts.js';
import { extractText, hasTool, type Extractor } from '../support/pdfReadback.js';
import { pdfiumText } from '../support/pdfium.js';
import { renderParagraphs } from '../support/textFixtures.js';

const UDHR_23 =
  'Everyone has the right to work, to free choice of employment, to just and favourable conditions of work and to protection against unemployment. Everyone, without any discrimination, has the right to equal pay for equal work. Everyone who works has the right to just and favourable remuneration ensuring for himself and his family an existence worthy of human dignity, and supplemented, if necessary, by other means of social protection.';
const UDHR_24 = 'Everyone has the right to rest and leisure, including reasonable limitation of working hours and periodic holidays with pay.';
const UDHR_25 =
  'Everyone has the right to a standard of living adequate for the health and well‐being of himself and of his family, including food, clothing, housing and medical care and necessary social services, and the right to security in the event of unemployment, sickness, disability, widowhood, old age or other lack of livelihood in circumstances beyond his control.';
const LONG_WORDS = Array.from({ length: 12 }, () => 'internationalization responsibilities characteristically').join(' ');

const options = (o: Partial<ComposeOptions> = {}): ComposeOptions => ({
  dir: 'ltr', lang: 'en', measure: 250, align: 'justify', justify: 'spaces', space: { stretch: 0.3, shrink: 0.2, max: 2 }, hyphenate: true, ...o,
});
const set = (text: string, o: Partial<ComposeOptions> = {}) => composeParagraph([{ text, style: { fonts: [amiri()], size: 12 } }], options(o));
const points = (text: string, lang = 'en') => {
  const items = itemize([{ text, style: { fonts: [amiri()], size: 12 } }], 'ltr', lang);
  return hyphenPoints(text, items.words, lang).map((cuts, i) => cuts.map((at) => `${text.slice(items.words[i].start, at)}|${text.slice(at, items.words[i].end)}`));
};
const drawnText = (p: ComposedParagraph) => p.lines.flatMap((l) => l.glyphs).filter((g) => !g.space).map((g) => g.text).join('');

describe('where a word may be divided', () => {
  it('a plain lower-case word, by the en-US patterns, with two letters before and three after', () => {
    expect(points('international')).toEqual([['in|ternational', 'inter|national', 'interna|tional']]);
    for (const cuts of points('discrimination unemployment remuneration representatives').flat()) {
      const [a, b] = cuts.split('|');
      expect(a.length).toBeGreaterThanOrEqual(MIN_BEFORE);
      expect(b.replace(/\W/g, '').length).toBeGreaterThanOrEqual(MIN_AFTER);
    }
  });

  it('punctuation around a word stays out of the count; the letters are divided', () => {
    expect(points('(employment),')).toEqual([['(em|ployment),', '(employ|ment),']]);
  });

  it('never a name (capitalised), a number, a URL, an address, a word with a hyphen, an apostrophe or a digit', () => {
    expect(points('Declaration Nations 1948 123456789 https://www.ohchr.org/en/universal-declaration-of-human-rights someone@example.org co‐operation well-being man’s covid19').flat()).toEqual([]);
  });

  it('only languages with patterns: English yes, Arabic, French none', () => {
    expect(points('international', 'en-GB').flat().length).toBeGreaterThan(0);
    expect(points('international', 'fr').flat()).toEqual([]);
    expect(points('international', 'ar').flat()).toEqual([]);
  });
});

describe('what the breaker plans is what is drawn', () => {
  it('the width before a cut is that of the part shaped on its own, as wordPart draws it («dif|ficult»: no «ffi» ligature across the cut)', () => {
    const text = 'difficult official affirmation different effective';
    const items = itemize([{ text, style: { fonts: [amiri()], size: 12 } }], 'ltr', 'en');
    const cuts = hyphenCuts(items, 'en');
    expect(cuts.flat().length).toBeGreaterThan(5);
    cuts.forEach((wordCuts, i) => {
      const w = items.words[i];
      for (const c of wordCuts) expect(c.before + c.hyphen, text.slice(w.start, c.at)).toBeCloseTo(wordPart(items, w, w.start, c.at, 'en').width, 6);
    });
  });
});

describe('hyphenated paragraphs', () => {
  it('divides words where that keeps the lines tighter, and adds no character: the hyphen is a glyph without text', () => {
    const plain = set(UDHR_23, { hyphenate: false });
    const hyph = set(UDHR_23);
    const hyphenated = hyph.lines.filter((l) => l.hyphenated);
    expect(hyphenated.length).toBeGreaterThan(0);
    const widest = (p: ComposedParagraph) => Math.max(...p.lines.filter((l) => l.justified).map((l) => l.spaceRatio));
    expect(widest(hyph)).toBeLessThan(widest(plain));
    for (const l of hyphenated) {
      const last = l.glyphs[l.glyphs.length - 1];
      expect(last.text).toBe('');
      expect(last.space).toBe(false);
      expect(l.end).toBeGreaterThan(l.start);
    }
    // Every character once, in order, and nothing else.
    expect(drawnText(hyph)).toBe(UDHR_23.replace(/ /g, ''));
    // The rest of a divided word: a picture on its line (no text), its text hidden at the hyphen above.
    hyph.lines.forEach((l, i) => {
      if (!l.hyphenated) return;
      const hidden = l.glyphs.filter((g) => g.hidden);
      const next = hyph.lines[i + 1];
      const rest = next.glyphs.slice(0, next.glyphs.findIndex((g) => g.space));
      expect(rest.every((g) => g.text === '')).toBe(true);
      expect(hidden.map((g) => g.text).join('')).toBe(hyph.text.slice(l.end, next.glyphs.find((g) => g.space)!.offset));
      expect(hidden[0].x).toBeCloseTo(l.glyphs[l.glyphs.length - 1].x, 6);
    });
    // The next line starts where the divided one ended.
    hyph.lines.forEach((l, i) => { if (l.hyphenated) expect(hyph.lines[i + 1].start).toBe(l.end); });
  });

  it(`at most ${MAX_RUN} hyphenated lines in a row, and not the line before the last where other breaks keep the lines justified`, () => {
    for (const measure of [140, 170, 200, 230]) {
      const p = set(LONG_WORDS, { measure });
      expect(p.lines.some((l) => l.hyphenated)).toBe(true);
      let run = 0;
      for (const l of p.lines) {
        run = l.hyphenated ? run + 1 : 0;
        expect(run).toBeLessThanOrEqual(MAX_RUN);
      }
      expect(p.lines[p.lines.length - 2].hyphenated).toBeFalsy();
      expect(drawnText(p)).toBe(LONG_WORDS.replace(/ /g, ''));
    }
  });

  it('a line before the last divides a word when only that keeps it justified («reasonable limita-|tion», udhr-en 24 in the booklet)', () => {
    let loose = 0;
    for (let measure = 250; measure <= 400; measure += 5) loose += set(UDHR_24, { measure }).lines.filter((l) => l.loose).length;
    expect(loose).toBe(0);
  });

  it('a hyphen of the text («well‐being») ends a line as a divided word does: the breaker counts no stretch the justifier cannot give (udhr-en 25)', () => {
    let loose = 0;
    for (let measure = 250; measure <= 400; measure += 5) {
      const p = set(UDHR_25, { measure });
      loose += p.lines.filter((l) => l.loose).length;
    }
    expect(loose).toBe(0);
  });

  it('never before a forced line break either', () => {
    const p = set(`${LONG_WORDS}\n${LONG_WORDS}`, { measure: 170 });
    const forced = p.lines.findIndex((l) => p.text[l.end] === '\n');
    expect(forced).toBeGreaterThan(0);
    expect(p.lines[forced - 1].hyphenated).toBeFalsy();
  });

  it('the rest of a divided word, carried to its hyphen as hidden text, stays inside the hyphen\'s box and the measure, however many like letters it has', () => {
    // «possessiveness», «successfulness»: poppler needs 0.12 em between like letters, more than a hyphen's width for «sessiveness».
    expect(sameLetterSpan('sessiveness')).toBeCloseTo(0.48);
    expect(sameLetterSpan('national')).toBeCloseTo(0.12);
    const text = Array.from({ length: 8 }, () => 'possessiveness successfulness assessments unnecessarily arbitrary').join(' ');
    let divided = 0;
    for (const measure of [120, 150, 180, 210, 240]) {
      const p = set(text, { measure });
      for (const l of p.lines) {
        if (!l.hyphenated) continue;
        divided++;
        const hyphen = l.glyphs[l.glyphs.length - 1];
        for (const g of l.glyphs.filter((x) => x.hidden)) {
          expect(g.x).toBeGreaterThanOrEqual(hyphen.x - 1e-6);
          expect(g.x + g.advance).toBeLessThanOrEqual(hyphen.x + hyphen.advance + 1e-6);
          expect(g.x + g.advance).toBeLessThanOrEqual(measure + 1e-6);
        }
      }
      expect(drawnText(p)).toBe(text.replace(/ /g, ''));
    }
    expect(divided).toBeGreaterThan(10);
  });

  it('right-to-left paragraphs and centred ones are never hyphenated', () => {
    expect(set(LONG_WORDS, { measure: 170, dir: 'rtl' }).lines.some((l) => l.hyphenated)).toBe(false);
    expect(set(LONG_WORDS, { measure: 170, align: 'center' }).lines.some((l) => l.hyphenated)).toBe(false);
  });

  it('off unless asked', () => {
    expect(set(LONG_WORDS, { measure: 170, hyphenate: undefined }).lines.some((l) => l.hyphenated)).toBe(false);
  });
});

describe('what readers return for a divided word', () => {
  it('every reader returns each divided word whole, with no hyphen, U+00AD or U+FFFE', async () => {
    const r = await renderParagraphs([UDHR_23, LONG_WORDS], { ...options({ measure: 200 }), size: 12 });
    const divided = r.paragraphs.flatMap((p) => p.lines.filter((l) => l.hyphenated).map((l) => {
      let s = l.end;
      while (s > 0 && /\p{L}/u.test(p.text[s - 1])) s--;
      let e = l.end;
      while (e < p.text.length && /\p{L}/u.test(p.text[e])) e++;
      // The word with a little of its context, as the reader must return it (whitespace as one space).
      return [p.text.slice(s, l.end), p.text.slice(l.end, e), p.text.slice(Math.max(0, s - 12), e + 12).trim()];
    }));
    expect(divided.length).toBeGreaterThan(3);
    const tools: Array<Extractor | 'pdfium'> = ['mupdf', 'pdfjs', 'pdfium', ...(['pdftotext', 'mutool'] as const).filter(hasTool)];
    for (const tool of tools) {
      const text = tool === 'pdfium' ? await pdfiumText(r.pdf) : await extractText(r.pdf, tool);
      expect(text, tool).not.toMatch(/[-\u00AD\u2010\uFFFE]/u);
      const oneSpace = text.replace(/[\s\u200E\u200F]+/gu, ' ');
      for (const [a, b, context] of divided) {
        expect(text, `${tool}: ${a}|${b}`).not.toMatch(new RegExp(`${a}\\s+${b}`, 'u'));
        expect(oneSpace, `${tool}: ${a}|${b}`).toContain(context.replace(/\s+/g, ' '));
      }
      // With whitespace removed (how the verbatim tests compare), the source comes back.
      expect(text.replace(/\s/g, ''), tool).toContain(UDHR_23.replace(/\s/g, ''));
    }
  });
});

describe('whole words (headings: ComposeOptions.wholeWords)', () => {
  const heading = "The Federation's website will move to a self-hosted server";
  const lineTexts = (p: ComposedParagraph) => p.lines.map((l) => heading.slice(l.start, l.end).trim());
  it('ends a line at a space only: never after a word’s own hyphen, never a word divided', () => {
    // Ragged, at a measure where «self-» ends the first line when the hyphen may break (look17, en 22).
    const measure = [150, 160, 170, 180, 190, 200, 210, 220, 230, 240, 250, 260, 270].find((m) => lineTexts(set(heading, { align: 'start', measure: m, hyphenate: false })).some((t) => t.endsWith('self-')));
    expect(measure).toBeDefined();
    const whole = set(heading, { align: 'start', measure, wholeWords: true });
    expect(lineTexts(whole).some((t) => t.endsWith('-'))).toBe(false);
    expect(whole.lines.some((l) => l.hyphenated)).toBe(false);
    expect(drawnText(whole)).toBe(heading.replace(/ /g, ''));
    // Hyphenation asked for by the theme does not divide a heading's words either.
    expect(set(LONG_WORDS, { align: 'start', measure: 200, wholeWords: true }).lines.some((l) => l.hyphenated)).toBe(false);
  });
  it('still breaks a token wider than the measure (nothing lost)', () => {
    const wide = set('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', { align: 'start', measure: 120, wholeWords: true });
    expect(wide.lines.length).toBeGreaterThan(1);
  });
});
