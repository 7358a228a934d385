/**
 * mupdf 1.28's lines around brackets PDFium reads right to left (pdfiumOrder's
 * `mirrored`, docs/accessibility.md "PDFium's brackets without marks"): where
 * the glyphs beside such a bracket move for PDFium, the bracket keeps its mark
 * (the plan before marks8), or mupdf started a new line after the opening
 * bracket («(⏎1945)») and reversed what followed («الجدول ( ٢١) .عبتي»).
 * The figures are those of b3fadca (before marks8), compared line by line.
 */
import { describe, expect, it } from 'vitest';
import { BIDI_MARKS, extractText } from '../../support/pdfReadback.js';
import { renderParagraphs } from '../../support/textFixtures.js';

const linesOf = (text: string) => text.replace(BIDI_MARKS, '').split(/\n|\f/u).map((l) => l.trim()).filter((l) => l !== '');

/** Each paragraph, and mupdf's lines for it as b3fadca read them (or better). */
const CASES: Array<[string, string[]]> = [
  ['الجدول (١٢) يتبع.', ['الجدول (١٢', ') يتبع.']],
  ['ثم (١٢)', ['ثم (١٢', ')']],
  ['والجدول (٣) يتبع الجدول (2).', ['والجدول (٣', ') يتبع الجدول (2).']],
  ['ميثاق الأمم المتحدة (1945)٤', ['ميثاق الأمم المتحدة (1945)٤']],
];

describe('mupdf 1.28 and brackets PDFium reads right to left', () => {
  it.each(CASES)('reads «%s» as before marks8', async (paragraph, before) => {
    const { pdf } = await renderParagraphs([paragraph]);
    const lines = linesOf(await extractText(pdf, 'mupdf'));
    expect(lines).toEqual(before);
    // Digits inside brackets never reversed.
    expect(lines.join(' ')).not.toMatch(/٢١|5491/u);
  });

  it('no line ends with an opening bracket before a right-to-left word or number read in its place', async () => {
    const { pdf } = await renderParagraphs(CASES.map(([p]) => p));
    for (const line of linesOf(await extractText(pdf, 'mupdf'))) expect(line).not.toMatch(/[([]$/u);
  });
});
