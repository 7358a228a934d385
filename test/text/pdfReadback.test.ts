/** The test read-back itself: what it reports for a PDF we know the content of. */
import { describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { embeddedFonts, normalizeForCompare, readDrawnGlyphs } from '../support/pdfReadback.js';
import { shapeLikeWarraq, upemOf } from '../support/conformance.js';
import { A5, MIXED_SAMPLE, projectFontBytes, renderParagraphs } from '../support/textFixtures.js';

describe('readDrawnGlyphs', () => {
  it('reports every drawn glyph with its original glyph id, page-space matrix, size and text', async () => {
    const r = await renderParagraphs([MIXED_SAMPLE], { align: 'justify', justify: 'kashida' });
    const [page] = await readDrawnGlyphs(r.pdf);
    expect(page.width).toBeCloseTo(A5.width, 2);
    // Word spaces are drawn invisibly with a flat glyph (for PDFium, see glyphPainter): they count as drawn text here.
    const visible = page.glyphs.filter((g) => !g.invisible || g.unicode === ' ');
    expect(visible.every((g) => g.originalGids.length > 0 && g.postscriptName === 'Amiri-Regular')).toBe(true);
    expect(visible.every((g) => Math.abs(g.size - 11.5) < 1e-3 && g.matrix[3] > 0)).toBe(true);
    // Word spaces sit on the baseline, in y-up page space.
    const baselines = r.placements[0].map((p) => A5.height - p.baseline);
    for (const g of visible.filter((v) => v.unicode === ' ')) expect(baselines.some((b) => Math.abs(b - g.y) < 1e-3)).toBe(true);
    // The drawn text, in drawing order, is the source text plus justification tatweels.
    expect(normalizeForCompare(visible.map((g) => g.unicode).join(''))).toBe(normalizeForCompare(MIXED_SAMPLE));
    // Invisible bidi marks around the left-to-right stretches (LRM … RLM), one
    // more RLM past a neutral that touches a number, and LRMs for PDFium and
    // poppler, after a word space that no glyph can carry in a tail for pdf.js
    // (pdfjsTails.ts; the read-back drops the tails) an RLM + space for pdf.js,
    // and an RLE where poppler would write a number and what follows it in
    // visual order (see glyphPainter, popplerOrder): nothing else is drawn invisibly.
    const pdfjsSpaces = page.glyphs.filter((g) => g.invisible && g.unicode === '\u200F ');
    const marks = page.glyphs.filter((g) => g.invisible && g.unicode !== ' ' && !pdfjsSpaces.includes(g)).map((g) => g.unicode).join('');
    expect(marks).toMatch(/^[\u200E\u200F\u202B]+$/);
    expect(marks).toContain('\u200F');
    // A kashida is the tatweel glyph, widened by its horizontal scale.
    const bytes = projectFontBytes('Amiri-Regular.ttf');
    const kashida = visible.find((g) => g.unicode === '\u0640' && Math.abs(g.scaleX - 1) > 0.01)!;
    const tatweel = shapeLikeWarraq(bytes, 'ب\u0640ب', 1, 2, true, 'ar')[0];
    expect(kashida.originalGids).toContain(tatweel.gid);
    expect(kashida.advance).toBeCloseTo((tatweel.xAdvance / upemOf(bytes)) * 11.5 * kashida.scaleX, 3);
  });

  it('copes with fonts that are not embedded or not in fonts/', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([200, 200]);
    page.drawText('Hi', { x: 20, y: 100, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
    const pdf = await doc.save();
    const [drawn] = await readDrawnGlyphs(pdf);
    expect(drawn.glyphs.map((g) => g.unicode).join('')).toBe('Hi');
    expect(drawn.glyphs[0]).toMatchObject({ x: 20, y: 100, size: 12, originalGids: [], invisible: false });
    const [helvetica, ...others] = embeddedFonts(pdf);
    expect(others).toEqual([]);
    expect(helvetica).toMatchObject({ baseFont: 'Helvetica', subtype: 'Type1' });
    expect(helvetica.fontFileKey).toBeUndefined();
  });
});
