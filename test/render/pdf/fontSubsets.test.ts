/**
 * Each font is embedded once per PDF: a glyph drawn with another text or
 * advance (a shared glyph, a cursive advance) takes a second code in the
 * font's one subset, not a second subset of the same font. The seed's
 * booklet had 61 subsets of its two fonts (the press files the same) and
 * has 2; the pages render to the same pixels.
 */
import { describe, expect, it } from 'vitest';
import { embeddedFonts, readDrawnGlyphs } from '../../support/pdfReadback.js';
import { MIXED_SAMPLE, projectFont, renderParagraphs, seedPoints } from '../../support/textFixtures.js';

describe('one embedded subset per font and file', () => {
  it('every seed point and the mixed sample, on several pages: one Amiri subset, each glyph under the codes its uses need', async () => {
    const r = await renderParagraphs([MIXED_SAMPLE, ...seedPoints()], { fonts: [projectFont('Amiri-Regular.ttf')] });
    const fonts = embeddedFonts(r.pdf);
    expect(fonts.map((f) => f.baseFont.slice(7))).toEqual(['Amiri-Regular']);
    const pages = await readDrawnGlyphs(r.pdf);
    expect(pages.length).toBeGreaterThan(1);
    // Some glyph of the original font is drawn under two codes of that one subset (two texts or two advances).
    const codes = new Map<number, Set<number>>();
    // (Glyphs drawn as outlines, e.g. kashidas, use no font.)
    for (const g of pages.flatMap((p) => p.glyphs).filter((g) => !g.fontName.startsWith('outline:'))) {
      expect(g.fontName).toBe(fonts[0].baseFont);
      if (g.originalGids.length === 1) codes.set(g.originalGids[0], (codes.get(g.originalGids[0]) ?? new Set()).add(g.subsetGid));
    }
    expect([...codes.values()].some((s) => s.size > 1)).toBe(true);
  });
});
