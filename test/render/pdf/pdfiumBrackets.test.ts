/**
 * Brackets PDFium reads right to left, given to it as their mirror by a copy
 * only it reads (glyphPainter's `mirroredInPlace` and `pdfiumCopy`,
 * docs/accessibility.md "PDFium's brackets without marks"): PDFium returns
 * them unmirrored and with no bidi mark, also where two such brackets stand
 * side by side («(«…»)», each copy keeping apart from the bracket before it)
 * and where a number inside is read forward («(د-3)»).
 */
import { describe, expect, it } from 'vitest';
import { pdfiumText } from '../../support/pdfium.js';
import { renderParagraphs } from '../../support/textFixtures.js';

const PARAGRAPHS = ['قال («نعم») ثم مضى.', 'القرار 217 ألف (د-3) المؤرخ في 10 كانون الأول.', '(۱) هر کس حق دارد.', 'يوم [اليوم الدولي] بأنشطة.'];
const BIDI_MARKS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]/u;
const spaced = (s: string) => s.replace(/\s+/gu, ' ').trim();

describe('PDFium and brackets read right to left', () => {
  it('returns every paragraph as written, without a bidi mark', async () => {
    const { pdf } = await renderParagraphs(PARAGRAPHS);
    const text = await pdfiumText(pdf);
    expect(text).not.toMatch(BIDI_MARKS);
    for (const p of PARAGRAPHS) expect(spaced(text)).toContain(p);
  });
});
