/**
 * The backbone, end to end: the seed → dist/booklet.pdf, read back with npm
 * PDF readers and held to the typographic requirements.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { tempDir } from '../support/tmp.js';
import path from 'node:path';
import * as mupdf from 'mupdf';
import { build } from '../../src/build.js';
import { loadFontSet } from '../../src/fonts/loadFontSet.js';
import { layoutBooklet } from '../../templates/booklet.js';
import type { DocumentModel } from '../../src/model/types.js';
import { extractText, hasTool, normalizeForCompare, readDrawnGlyphs, embeddedFonts, type DrawnPage } from '../support/pdfReadback.js';
import { shapingConformance } from '../support/conformance.js';
import { fontsByPostscriptName } from '../support/textFixtures.js';
import { projectRoot } from '../support/fonts.js';

let pdf: Uint8Array;
let model: DocumentModel;
let drawn: DrawnPage[];
let manifest: { outputs: Array<{ kind: string; path: string; pages?: number; bytes: number; sha256: string }> };
let layout: ReturnType<typeof layoutBooklet>;

beforeAll(async () => {
  const out = path.join(await tempDir('warraq-booklet-'), 'dist');
  // The model the build printed: the source with the metadata's corrections (docs/proofing.md), not the source as written.
  ({ model } = await build({ projectRoot, source: 'source/izmir-2023.txt', out, only: ['booklet'], sourceDateEpoch: '1698000000' }));
  pdf = new Uint8Array(await readFile(path.join(out, 'booklet.pdf')));
  manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
  layout = layoutBooklet(model, await loadFontSet(model.theme, projectRoot));
  drawn = await readDrawnGlyphs(pdf);
});

describe('booklet.pdf', () => {
  it('is listed in the manifest with its page count and hash', () => {
    const entry = manifest.outputs.find((o) => o.path === 'booklet.pdf')!;
    expect(entry).toMatchObject({ kind: 'booklet', pages: layout.pages.length, bytes: pdf.length });
    expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('has cover, contents, preamble, every point, notes pages up to a multiple of 4, colophon, and back cover', () => {
    const roles = layout.pages.map((p) => p.role);
    expect(roles[0]).toBe('cover');
    expect(roles[1]).toBe('contents');
    expect(roles[2]).toBe('preamble');
    expect(roles.length % 4).toBe(0);
    const notes = roles.indexOf('notes');
    expect(roles.slice(notes, -2).every((r) => r === 'notes')).toBe(true);
    expect(roles.at(-2)).toBe('colophon');
    expect(roles.at(-1)).toBe('back-cover');
    expect(layout.contents.map((c) => c.point)).toEqual(model.points.map((p) => p.number));
  });

  it('draws every word exactly as HarfBuzz shapes it (glyphs ≥ 99.5 %, positions ≥ 99 %)', () => {
    const r = shapingConformance(drawn, { fonts: fontsByPostscriptName(), lang: 'ar', dir: 'rtl' });
    expect(r.words).toBeGreaterThan(600);
    expect(r.glyphsEqual / r.words).toBeGreaterThanOrEqual(0.995);
    expect(r.positionsEqual / r.words).toBeGreaterThanOrEqual(0.99);
  });

  it('carries its title and language, binds on the right, and embeds only subset fonts', () => {
    const doc = new mupdf.PDFDocument(pdf);
    const root = doc.getTrailer().get('Root');
    expect(root.get('Lang').asString()).toBe('ar');
    expect(root.get('ViewerPreferences').get('Direction').asName()).toBe('R2L');
    expect(doc.getMetaData('info:Title')).toBe(model.title);
    const fonts = embeddedFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.baseFont).toMatch(/^[A-Z]{6}\+/);
      expect(f.fontFileKey).toBe('FontFile2');
      expect(f.program?.length).toBeGreaterThan(0);
    }
  });

  const extractors = [
    { tool: 'pdfjs' as const, available: true },
    { tool: 'pdftotext' as const, available: hasTool('pdftotext') },
    { tool: 'mutool' as const, available: hasTool('mutool') },
    { tool: 'mupdf' as const, available: true },
  ];
  /**
   * Every point's text, page by page: a point that runs over a page break is
   * found as its two fragments on their two pages (the running head and foot
   * sit between them in any extraction), in order.
   */
  const fragments = () =>
    layout.pages.flatMap((page, pi) =>
      page.blocks.flatMap((b) => {
        if (b.kind !== 'text' || !(b.lines[0]?.line.justified || b.lines.length > 2)) return [];
        const para = [model.preamble[0].text, ...model.points.map((p) => p.text)].find((t) => t === b.text);
        if (!para) return [];
        return [{ page: pi, text: para.slice(b.lines[0].line.start, b.lines.at(-1)!.line.end) }];
      }),
    );
  for (const { tool, available } of extractors) {
    it.skipIf(!available)(`returns every point's text in reading order (${tool})`, async () => {
      const raw = await extractText(pdf, tool);
      const pages = raw.split('\f');
      const perPage = pages.length >= layout.pages.length;
      const frags = fragments();
      // every point and the preamble are covered by the fragments, whole
      for (const t of [model.preamble[0].text, ...model.points.map((p) => p.text)]) {
        expect(normalizeForCompare(frags.filter((f) => t.includes(f.text)).map((f) => f.text).join(''))).toBe(normalizeForCompare(t));
      }
      for (const f of frags) {
        // mupdf 1.28 reverses runs of Arabic-Indic digits (test/text/extraction.test.ts pins it).
        if (tool === 'mupdf' && /[\u0660-\u0669]/.test(f.text)) continue;
        const hay = normalizeForCompare(perPage ? pages[f.page] : raw);
        expect(hay, `page ${f.page + 1}: ${f.text.slice(0, 30)}…`).toContain(normalizeForCompare(f.text));
      }
    });
  }

  it('numbers pages in Arabic-Indic digits, and the contents point at the right pages', async () => {
    // pdf.js, per page (mupdf 1.28 reverses lines that start with Arabic-Indic digits).
    const pages = (await extractText(pdf, 'pdfjs')).split('\f');
    const pageText = (i: number) => normalizeForCompare(pages[i]);
    const ar = (n: number) => new Intl.NumberFormat('ar-u-nu-arab').format(n);
    // Footer of page 3 is «٣».
    expect(pageText(2)).toContain(ar(3));
    for (const { point, page } of layout.contents) {
      const p = model.points.find((x) => x.number === point)!;
      expect(pageText(page - 1), `point ${point} starts on page ${page}`).toContain(normalizeForCompare(p.title));
    }
    // The contents page lists the titles with Arabic-Indic page numbers.
    const contents = pageText(1);
    for (const p of model.points) expect(contents).toContain(normalizeForCompare(p.title));
    expect(contents).toContain(ar(layout.contents.at(-1)!.page));
  });

  it('mirrors the margins for a right-bound book: the binding side alternates', () => {
    const { width } = model.theme.page.booklet;
    const { inner, outer } = model.theme.page.margins;
    const bodyPages = layout.pages.map((p, i) => ({ p, i })).filter(({ p }) => p.role === 'body' || p.role === 'preamble');
    for (const { p, i } of bodyPages) {
      const xs = p.blocks.flatMap((b) => (b.kind === 'text' ? b.lines.map((l) => l.x) : []));
      const left = Math.min(...xs);
      // Page i+1 odd (recto) binds on its right in a right-to-left book.
      const recto = (i + 1) % 2 === 1;
      expect(left).toBeCloseTo(recto ? outer : inner, 1);
      expect(left + (width - inner - outer)).toBeCloseTo(recto ? width - inner : width - outer, 1);
    }
  });

  it('sets justified lines flush on both edges and last lines flush right, as read back from the PDF', () => {
    const r = shapingConformance(drawn, { fonts: fontsByPostscriptName(), lang: 'ar', dir: 'rtl' });
    const H = model.theme.page.booklet.height;
    // Each laid-out body line, found in the read-back by page and baseline.
    let checked = 0;
    layout.pages.forEach((page, pi) => {
      if (page.role !== 'body' && page.role !== 'preamble') return;
      for (const block of page.blocks) {
        if (block.kind !== 'text') continue;
        for (const pl of block.lines) {
          const isBody = pl.line.justified || (pl.line.last && block.lines.length > 1);
          if (!isBody) continue;
          const words = r.results.filter((w) => w.page === pi && w.left !== undefined && Math.abs(w.glyphs[0].y - (H - pl.baseline)) < 0.5);
          if (!words.length) continue;
          const left = Math.min(...words.map((w) => w.left!));
          const right = Math.max(...words.map((w) => w.right!));
          const measure = model.theme.page.booklet.width - model.theme.page.margins.inner - model.theme.page.margins.outer;
          expect(Math.abs(right - (pl.x + measure)), `right edge, page ${pi + 1}`).toBeLessThan(0.5);
          if (pl.line.justified) expect(Math.abs(left - pl.x), `left edge, page ${pi + 1}`).toBeLessThan(0.5);
          checked++;
        }
      }
    });
    expect(checked).toBeGreaterThan(40);
  });

  it('keeps Latin numbers left-to-right inside right-to-left lines («في 21 سبتمبر»)', () => {
    // Word spaces are drawn invisibly (a flat glyph, for PDFium): keep them.
    const all = drawn.flatMap((p) => p.glyphs).filter((g) => !g.invisible || g.unicode === ' ');
    const i = all.findIndex((g, k) => g.unicode === '2' && all[k + 1]?.unicode === '1' && all[k + 2]?.unicode === ' ' && all[k + 3]?.unicode === 'س');
    expect(i).toBeGreaterThan(0);
    expect(all[i].x).toBeLessThan(all[i + 1].x);
    // and the Arabic word before it (logically) sits to their right
    const prevArabic = all.slice(0, i).reverse().find((g) => /[\u0621-\u064A]/.test(g.unicode))!;
    expect(prevArabic.x).toBeGreaterThan(all[i + 1].x);
  });

  it('writes the colophon with the fonts, their licence and the build date from SOURCE_DATE_EPOCH', async () => {
    const last = (await extractText(pdf, 'pdfjs')).split('\f')[layout.pages.findIndex((p) => p.role === 'colophon')];
    expect(last).toContain('Amiri');
    expect(normalizeForCompare(last)).toContain(normalizeForCompare('مرخّص برخصة الخطوط المفتوحة ١٫١ من SIL'));
    // 1698000000 s = 2023-10-22 (UTC)
    expect(normalizeForCompare(last)).toContain(normalizeForCompare('٢٢ أكتوبر ٢٠٢٣'));
  });
});
