/**
 * Brackets PDFium reads right to left, given to it as their mirror by a copy
 * only it reads (glyphPainter's `mirroredInPlace` and `pdfiumCopy`,
 * docs/accessibility.md "PDFium's brackets without marks"): PDFium returns
 * them unmirrored and with no bidi mark. Where the glyphs beside such a
 * bracket would move with a mark before it («(«نعم»)», «(د-3)», a number
 * inside read forward), the bracket fell back to that LRM (marks8b), which
 * PDFium returned; now it is mirrored too and those glyphs are drawn as if
 * moved (pdfiumPlan's `copied`, pdfium15): PDFium returns no mark, and mupdf
 * 1.28 reads the line as it did before marks8 (mupdfBrackets.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { BIDI_MARKS, extractText } from '../../support/pdfReadback.js';
import { pdfiumText } from '../../support/pdfium.js';
import { renderParagraphs } from '../../support/textFixtures.js';

const MIRRORED = ['(۱) هر کس حق دارد.', 'يوم [اليوم الدولي] بأنشطة.'];
/** Brackets whose neighbours a mark would move (marks8b's fallback). */
const COPIED = ['قال («نعم») ثم مضى.', 'القرار 217 ألف (د-3) المؤرخ في 10 كانون الأول.', 'ميثاق الأمم المتحدة (1945)', 'والجدول (٣) يتبع الجدول (2).'];
const spaced = (s: string) => s.replace(/\s+/gu, ' ').trim();
const lineOf = (text: string, start: string) => text.split('\n').find((l) => l.includes(start)) ?? '';

describe('PDFium and brackets read right to left', () => {
  it('returns every paragraph as written, without a bidi mark', async () => {
    const { pdf } = await renderParagraphs([...COPIED, ...MIRRORED]);
    const text = await pdfiumText(pdf);
    for (const p of [...COPIED, ...MIRRORED]) expect(lineOf(text, p.slice(0, 3))).not.toMatch(BIDI_MARKS);
    for (const p of [...COPIED, ...MIRRORED]) expect(spaced(text)).toContain(p);
  });

  it('draws the glyphs a mark would move as if moved: mupdf 1.28 keeps «(«نعم»)» on its line', async () => {
    const { pdf } = await renderParagraphs([COPIED[0]]);
    const lines = (await extractText(pdf, 'mupdf')).replace(BIDI_MARKS, '').split('\n').filter((l) => l.trim() !== '');
    expect(lines).toEqual([COPIED[0]]);
  });
});
