/**
 * Shaping conformance of the PDF output: the glyphs drawn for each word, and
 * where they are drawn, are HarfBuzz's for that word's text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readDrawnGlyphs, type DrawnPage } from '../support/pdfReadback.js';
import { formatMismatches, shapingConformance, type ConformanceReport } from '../support/conformance.js';
import { MIXED_SAMPLE, fontsByPostscriptName, renderParagraphs, seedPoints } from '../support/textFixtures.js';

const fonts = fontsByPostscriptName();
const check = (pages: DrawnPage[]) => shapingConformance(pages, { fonts, lang: 'ar', dir: 'rtl' });

function expectConformant(report: ConformanceReport, minWords: number) {
  const summary = `${report.glyphsEqual}/${report.words} words glyph-identical, ${report.positionsEqual}/${report.words} position-identical\n${formatMismatches(report)}`;
  expect(report.words, summary).toBeGreaterThanOrEqual(minWords);
  expect(report.glyphsEqual / report.words, summary).toBeGreaterThanOrEqual(0.995);
  expect(report.positionsEqual / report.words, summary).toBeGreaterThanOrEqual(0.99);
}

describe('PDF shaping conformance with HarfBuzz', () => {
  let seedPages: DrawnPage[];
  let seedReport: ConformanceReport;
  beforeAll(async () => {
    const r = await renderParagraphs(seedPoints(), { align: 'justify', justify: 'kashida' });
    seedPages = await readDrawnGlyphs(r.pdf);
    seedReport = check(seedPages);
  });

  it('the 15 seed points, justified with kashida', () => {
    expect(seedPoints()).toHaveLength(15);
    expectConformant(seedReport, 550);
    // Kashidas were set, so the tatweel handling was exercised.
    expect(seedPages.flatMap((p) => p.glyphs).filter((g) => g.unicode === '\u0640' && Math.abs(g.scaleX - 1) > 0.01).length).toBeGreaterThan(10);
  });

  it('the mixed sample (harakat, Latin, digits, brackets), justified with kashida', async () => {
    const r = await renderParagraphs([MIXED_SAMPLE], { align: 'justify', justify: 'kashida' });
    const report = check(await readDrawnGlyphs(r.pdf));
    expectConformant(report, 20);
    // Inside a checked word: the read-back cuts words at spaces and invisible
    // marks, and the painter draws no mark where no reader needs one
    // (popplerKeepsMark), so a bracket or «و» before a stretch stays with it («(EU», «و2024»).
    for (const word of ['EU', 'NATO', '30', '2024', '٢٠٢٤', 'وَفْقًا']) {
      expect(report.results.some((w) => w.text.replace(/\u0640/g, '').includes(word)), word).toBe(true);
    }
  });

  describe('the check itself catches errors', () => {
    const clone = (pages: DrawnPage[]): DrawnPage[] => pages.map((p) => ({ ...p, glyphs: p.glyphs.map((g) => ({ ...g, originalGids: [...g.originalGids] })) }));
    const firstLetter = (pages: DrawnPage[]) => pages[0].glyphs.findIndex((g, i) => i > 0 && /\p{L}/u.test(g.unicode) && /\p{L}/u.test(pages[0].glyphs[i - 1].unicode));

    it('a glyph drawn 3/100 em off its place', () => {
      const pages = clone(seedPages);
      const g = pages[0].glyphs[firstLetter(pages)];
      g.x += 0.03 * g.size;
      const report = check(pages);
      expect(report.positionsEqual).toBe(seedReport.positionsEqual - 1);
      expect(report.glyphsEqual).toBe(seedReport.glyphsEqual);
      expect(report.mismatches[0].diff.join()).toMatch(/off by \(30, 0\)/);
    });

    it('a glyph drawn 2/100 em above its place', () => {
      const pages = clone(seedPages);
      const g = pages[0].glyphs[firstLetter(pages)];
      g.y += 0.02 * g.size;
      expect(check(pages).positionsEqual).toBe(seedReport.positionsEqual - 1);
    });

    it('a different glyph', () => {
      const pages = clone(seedPages);
      pages[0].glyphs[firstLetter(pages)].originalGids = [3];
      const report = check(pages);
      expect(report.glyphsEqual).toBe(seedReport.glyphsEqual - 1);
      expect(report.mismatches[0].diff.join()).toMatch(/^glyphs of/);
    });

    it('letter-spacing inside a word', () => {
      const pages = clone(seedPages);
      const at = firstLetter(pages);
      // Right-to-left: every later glyph of the line moves left by 0.05 em.
      const y = pages[0].glyphs[at].y;
      for (const g of pages[0].glyphs.slice(at)) if (g.y === y) g.x -= 0.05 * g.size;
      expect(check(pages).positionsEqual).toBe(seedReport.positionsEqual - 1);
    });

    it('a stretched tatweel whose width is not taken into account', () => {
      const pages = clone(seedPages);
      const k = pages.flatMap((p) => p.glyphs).filter((g) => g.unicode === '\u0640').sort((a, b) => b.scaleX - a.scaleX)[0];
      expect((k.advance * (k.scaleX - 1)) / k.scaleX / k.size).toBeGreaterThan(0.05);
      k.scaleX = 1;
      expect(check(pages).positionsEqual).toBe(seedReport.positionsEqual - 1);
    });
  });
});
