/**
 * Each font is embedded once per PDF: a glyph drawn with another text or
 * advance (a shared glyph, a cursive advance) takes a second code in the
 * font's one subset, not a second subset of the same font. The seed's
 * booklet had 61 subsets of its two fonts (the press files the same) and
 * has 2; the pages render to the same pixels.
 */
import { describe, expect, it } from 'vitest';
import { forgetSubsetsInMemory } from '../../../src/render/pdf/rememberedSubsets.js';
import { subsetTag } from '../../../src/render/pdf/subsetTag.js';
import { renderTwin } from '../../../src/render/pdf/renderPages.js';
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

/**
 * The subset tag (`ABCDEF+`) is a digest of what the subset holds, not
 * pdfkit's tag from the resource number (`CZZZZZ+` for every file's first
 * font): files that hold different subsets of a font name them differently,
 * so a tool merging or imposing them cannot take them for one font, and the
 * same subset is named the same in every file and build.
 */
describe('subset tags', () => {
  const tagsOf = (pdf: Uint8Array) => embeddedFonts(pdf).map((f) => f.baseFont);
  const [first, second] = seedPoints();

  it('different subsets of a font get different tags; the same subset the same tag, drawn again or remembered', async () => {
    const a = await renderParagraphs([first]);
    const b = await renderParagraphs([second]);
    const both = await renderParagraphs([first, second]);
    const [ta, tb, tboth] = [a, b, both].map((r) => tagsOf(r.pdf));
    for (const t of [...ta, ...tb, ...tboth]) expect(t).toMatch(/^[A-Z]{6}\+Amiri-Regular$/);
    expect(new Set([...ta, ...tb, ...tboth]).size).toBe(3);
    // Drawn again in this thread (subsets remembered) and as a new process would (encoded again): the same names and bytes.
    expect(tagsOf((await renderParagraphs([first])).pdf)).toEqual(ta);
    forgetSubsetsInMemory();
    const again = await renderParagraphs([first]);
    expect(tagsOf(again.pdf)).toEqual(ta);
    expect(again.pdf).toEqual(a.pdf);
  });

  it('a drawing says the tags its file names (renderTwin `subsets`, for the booklet thumbnails\' page keys: src/jobs/pageThumbs.ts)', async () => {
    const r = await renderParagraphs([first, second]);
    const meta = { title: 'test', lang: 'ar', rtl: true, date: new Date(0) };
    const twin = await renderTwin(r.pages, meta);
    expect(twin.bytes).toEqual(r.pdf);
    expect(twin.subsets).toEqual(tagsOf(twin.bytes).map((name) => name.slice(0, 6)).sort());
    expect(twin.subsets).toHaveLength(1);
    // No text, no subset.
    const blank = await renderTwin([{ ...r.pages[0], blocks: [] }], meta);
    expect(blank.subsets).toEqual([]);
  });

  it('the tag follows the program, the PostScript name, the widths and the ToUnicode text: a change to any one changes it', () => {
    const subset = { program: new Uint8Array([1, 2, 3, 4]), postscriptName: 'Amiri-Regular', widths: [0, 500, 250], unicode: [[0], [0x628], [0x20]] };
    const tag = subsetTag(subset);
    expect(tag).toMatch(/^[A-Z]{6}$/);
    expect(subsetTag({ ...subset, program: new Uint8Array([1, 2, 3, 4]) })).toBe(tag);
    const changed = [
      { ...subset, program: new Uint8Array([1, 2, 3, 5]) },
      { ...subset, postscriptName: 'Amiri-Bold' },
      { ...subset, widths: [0, 500, 251] },
      { ...subset, unicode: [[0], [0x628], [0xa0]] },
    ].map(subsetTag);
    expect(new Set([tag, ...changed]).size).toBe(5);
  });
});
