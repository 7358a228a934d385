/**
 * Brackets PDFium reads right to left, given to it as their mirror by a copy
 * only it reads (glyphPainter's `mirroredInPlace` and `pdfiumCopy`,
 * docs/accessibility.md "PDFium's brackets without marks"): PDFium returns
 * them unmirrored and with no bidi mark. Where the glyphs beside such a
 * bracket move for PDFium («(«نعم»)», «(د-3)», a number inside read
 * forward), the bracket falls back to the LRM before it (pdfiumPlan): PDFium
 * returns the text with marks, and mupdf 1.28 reads the line as it did
 * before marks8 (mupdfBrackets.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { BIDI_MARKS, extractText } from '../../support/pdfReadback.js';
import { pdfiumText } from '../../support/pdfium.js';
import { renderParagraphs } from '../../support/textFixtures.js';

const MIRRORED = ['(۱) هر کس حق دارد.', 'يوم [اليوم الدولي] بأنشطة.'];
const FALLBACK = ['قال («نعم») ثم مضى.', 'القرار 217 ألف (د-3) المؤرخ في 10 كانون الأول.'];
const spaced = (s: string) => s.replace(/\s+/gu, ' ').trim();
const lineOf = (text: string, start: string) => text.split('\n').find((l) => l.includes(start)) ?? '';

describe('PDFium and brackets read right to left', () => {
  it('returns every paragraph as written; those mirrored without a bidi mark', async () => {
    const { pdf } = await renderParagraphs([...FALLBACK, ...MIRRORED]);
    const text = await pdfiumText(pdf);
    for (const p of MIRRORED) expect(lineOf(text, p.slice(0, 3))).not.toMatch(BIDI_MARKS);
    for (const p of [...FALLBACK, ...MIRRORED]) expect(spaced(text.replace(BIDI_MARKS, ''))).toContain(p);
  });

  it('falls back to the mark where the glyphs beside the bracket move: mupdf 1.28 keeps «(«نعم»)» on its line', async () => {
    const { pdf } = await renderParagraphs([FALLBACK[0]]);
    const lines = (await extractText(pdf, 'mupdf')).replace(BIDI_MARKS, '').split('\n').filter((l) => l.trim() !== '');
    expect(lines).toEqual([FALLBACK[0]]);
  });
});
