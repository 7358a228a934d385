/**
 * Properties, with random documents and paragraphs (fast-check, ~100 runs):
 *
 * 1. parse → model → glyph coverage: every character no font can draw is
 *    reported exactly once, at its own line:col in the source (columns in
 *    code points), and nothing else is reported — whatever the soft wraps,
 *    markup, astral characters and vocalisation around it.
 * 2. The text layer: composeParagraph on random Arabic/Latin/digit/bracket
 *    strings never throws except MissingGlyphError (and then only for a
 *    character the font lacks), every line has glyphs, and no position or
 *    width is NaN or infinite.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCoverage } from '../../src/check/coverage.js';
import { modelFromText } from '../../src/model/buildModel.js';
import { composeParagraph, type Align, type JustifyMode } from '../../src/text/compose.js';
import { MissingGlyphError } from '../../src/text/itemize.js';
import { amiri, projectRoot, templateFonts } from '../support/fonts.js';

const fonts = templateFonts();
const ALL = [...fonts.body, ...fonts.heading];

/** Characters neither Amiri cut has: BMP and astral, symbols and letters. */
const UNCOVERED = ['中', '😀', '𝄞', '☃', '✓', '→', '≠', 'π'];
const ARABIC = ['النقطة', 'الأولى', 'مُشَكَّلَةٌ', 'وَ', 'لا', 'في', 'حمايةِ', 'التراثِ', 'بـ', 'الـ٣٠', 'پژوهش', 'گفتگو', 'إلى', 'مؤتمر', 'ـــ'];
const LATIN = ['NATO', 'UNESCO', 'EU', 'café', 'naïve', 'x'];
const NUMBERS = ['١٢٣', '۱۲', '2030', '30%', '٣٠٪', '1,000', '12.5'];
const PUNCT = ['(', ')', '«', '»', '[', ']', '"', '،', '؛', '؟', '.', ':', '-', '/'];

const arabicWord = fc.constantFrom(...ARABIC);
const uncovered = fc.constantFrom(...UNCOVERED);
const word = fc.oneof(
  { weight: 6, arbitrary: arabicWord },
  { weight: 2, arbitrary: fc.constantFrom(...LATIN) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom(...PUNCT) },
  { weight: 1, arbitrary: uncovered },
  { weight: 1, arbitrary: fc.tuple(arabicWord, uncovered, fc.boolean()).map(([a, u, before]) => (before ? u + a : a + u)) },
);
/** A line of words; it starts with an Arabic word, so it never looks like a label, heading or `---`. */
const line = fc.tuple(arabicWord, fc.array(word, { maxLength: 10 })).map(([first, rest]) => [first, ...rest].join(' '));
/** A paragraph of 1–3 source lines (soft-wrapped), later lines indented or not. */
const paragraph = fc.tuple(line, fc.array(fc.tuple(fc.constantFrom('', ' ', '   '), line), { maxLength: 2 })).map(([first, rest]) => [first, ...rest.map(([ind, l]) => ind + l)].join('\n'));
const imprintSegment = fc.oneof(
  line,
  line.map((l) => `**${l}**`),
  line.map((l) => `*${l}*`),
  fc.tuple(arabicWord, uncovered).map(([a, u]) => `\\*${a}${u}\\*`),
  fc.tuple(arabicWord, uncovered).map(([a, u]) => `${a}<sup>${u}</sup>`),
);
/** Imprint lines (hard breaks), each starting with an Arabic word or `**`. */
const imprintLine = fc.tuple(fc.oneof(arabicWord, arabicWord.map((a) => `**${a}**`)), fc.array(imprintSegment, { maxLength: 3 })).map(([first, rest]) => [first, ...rest].join(' '));

const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';
const label = (n: number, style: number) => `${[...String(n)].map((d) => ARABIC_DIGITS[Number(d)]).join('')}${['. ', ') ', ' . '][style]}`;

const documentArb = fc.record({
  title: line,
  preamble: fc.option(paragraph, { nil: undefined }),
  points: fc.array(fc.tuple(paragraph, fc.nat({ max: 2 })), { minLength: 1, maxLength: 4 }),
  imprint: fc.array(imprintLine, { maxLength: 3 }),
});

function sourceOf(d: { title: string; preamble: string | undefined; points: Array<[string, number]>; imprint: string[] }): string {
  const blocks = [`## ${d.title}`];
  if (d.preamble) blocks.push(d.preamble);
  d.points.forEach(([text, style], i) => blocks.push(label(i + 1, style) + text));
  if (d.imprint.length) blocks.push(d.imprint.join('  \n'));
  return `---\ndate: 2024-01-01\n---\n${blocks.join('\n\n')}\n`;
}

/** Every uncovered character of the source, found by scanning its lines (code-point columns). */
function expectedPlaces(source: string): string[] {
  const out: string[] = [];
  source.split('\n').forEach((l, i) => {
    Array.from(l).forEach((ch, j) => {
      if (UNCOVERED.includes(ch)) out.push(`${i + 1}:${j + 1} ${ch}`);
    });
  });
  return out;
}

describe('property: parse → model → glyph coverage', () => {
  it('the alphabet is what the test assumes', () => {
    for (const ch of UNCOVERED) expect(ALL.some((f) => f.covers(ch.codePointAt(0)!)), ch).toBe(false);
    for (const w of [...ARABIC, ...LATIN, ...NUMBERS, ...PUNCT, '*', '\\', '<', '>', 'sup'])
      for (const ch of w) for (const f of ALL) expect(f.covers(ch.codePointAt(0)!), `${ch} in ${f.key}`).toBe(true);
  });

  it('reports every character no font can draw once, at its exact place, and nothing else', () => {
    fc.assert(
      fc.property(documentArb, (d) => {
        const source = sourceOf(d);
        const { model } = modelFromText(source, 'doc.txt', { projectRoot });
        const diagnostics = checkCoverage(model, fonts);
        const lines = source.split('\n');
        const actual = diagnostics.map((x) => {
          expect(x.code).toBe('E-GLYPH-MISSING');
          expect(x.file).toBe('doc.txt');
          const ch = Array.from(lines[x.line - 1] ?? '')[x.col - 1];
          // The character at the reported place is the one reported.
          expect(x.found).toBe(`${ch} U+${ch?.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
          return `${x.line}:${x.col} ${ch}`;
        });
        expect(actual.sort()).toEqual(expectedPlaces(source).sort());
      }),
      { numRuns: 100 },
    );
  });
});

describe('property: the composer', () => {
  const token = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...ARABIC) },
    { weight: 2, arbitrary: fc.constantFrom(...LATIN) },
    { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
    { weight: 2, arbitrary: fc.constantFrom(...PUNCT, '<', '>', '<script>', '{', '}') },
    { weight: 3, arbitrary: fc.constantFrom(' ', '  ', '\u00A0', '\n') },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 4 }) },
    { weight: 1, arbitrary: fc.constantFrom('\u200F', '\u200E', '\u200D', '\u0640', 'ً', 'ّ') },
    { weight: 1, arbitrary: uncovered },
  );
  const input = fc.record({
    text: fc.array(token, { maxLength: 30 }).map((ts) => ts.join('')),
    dir: fc.constantFrom<'rtl' | 'ltr'>('rtl', 'ltr'),
    measure: fc.integer({ min: 20, max: 400 }),
    size: fc.constantFrom(7, 11, 24),
    align: fc.constantFrom<Align>('justify', 'start', 'end', 'center'),
    justify: fc.constantFrom<JustifyMode>('off', 'spaces', 'kashida'),
  });

  it('never throws except MissingGlyphError; lines have glyphs; no NaN positions', () => {
    const font = amiri();
    fc.assert(
      fc.property(input, ({ text, dir, measure, size, align, justify }) => {
        let para;
        try {
          para = composeParagraph([{ text, style: { fonts: [font], size } }], { dir, lang: dir === 'rtl' ? 'ar' : 'en', measure, align, justify, space: { stretch: 0.3, shrink: 0.2 } });
        } catch (e) {
          expect(e).toBeInstanceOf(MissingGlyphError);
          const cp = (e as MissingGlyphError).codePoint;
          expect(font.covers(cp)).toBe(false);
          expect(text.codePointAt((e as MissingGlyphError).offset)).toBe(cp);
          return;
        }
        if (/[^\s\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/.test(text)) expect(para.lines.length).toBeGreaterThan(0);
        for (const l of para.lines) {
          expect(l.glyphs.length).toBeGreaterThan(0);
          for (const v of [l.width, l.naturalWidth, l.ascent, l.descent, l.spaceRatio]) expect(Number.isFinite(v)).toBe(true);
          expect(l.start).toBeGreaterThanOrEqual(0);
          expect(l.end).toBeLessThanOrEqual(text.length);
          for (const g of l.glyphs) {
            for (const v of [g.x, g.y, g.advance, g.scaleX]) expect(Number.isFinite(v)).toBe(true);
            expect(g.offset).toBeGreaterThanOrEqual(0);
            expect(g.offset).toBeLessThanOrEqual(text.length);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
