/**
 * Painted lines remembered (src/render/pdf/rememberedLines.ts) change no
 * byte: a PDF drawn from remembered lines, in memory or read back from the
 * disk level, equals the PDF drawn afresh, also when the file gives the
 * glyphs other codes than when the lines were first painted.
 */
import { describe, expect, it } from 'vitest';
import { forgetPaintedInMemory, paintMemoBytes, paintMemoCounts, startPaintMemo } from '../../../src/render/pdf/rememberedLines.js';
import { forgetSubsetsInMemory } from '../../../src/render/pdf/rememberedSubsets.js';
import { renderPages, renderTwin, type PdfMeta } from '../../../src/render/pdf/renderPages.js';
import { loadDocument } from '../../../src/model/buildModel.js';
import { loadFontSet } from '../../../src/fonts/loadFontSet.js';
import { layoutLeaflet } from '../../../templates/leaflet.js';
import { projectRoot } from '../../support/fonts.js';
import { MIXED_SAMPLE, renderParagraphs, seedPoints } from '../../support/textFixtures.js';

/** Drawn with nothing remembered (lines or subsets). */
const fresh = async (texts: string[]) => {
  forgetPaintedInMemory();
  forgetSubsetsInMemory();
  const pdf = (await renderParagraphs(texts)).pdf;
  forgetPaintedInMemory();
  forgetSubsetsInMemory();
  return Buffer.from(pdf);
};

describe('painted lines remembered', () => {
  it('drawn again from memory: the same bytes, every line replayed', async () => {
    const texts = [MIXED_SAMPLE, ...seedPoints().slice(0, 6)];
    const first = await fresh(texts);
    const before = paintMemoCounts();
    await renderParagraphs(texts); // fills the memory
    const mid = paintMemoCounts();
    const again = Buffer.from((await renderParagraphs(texts)).pdf);
    const after = paintMemoCounts();
    expect(again.equals(first)).toBe(true);
    expect(mid.painted - before.painted).toBeGreaterThan(20);
    expect(after.painted).toBe(mid.painted);
    expect(after.replayed - mid.replayed).toBe(mid.painted - before.painted);
    forgetPaintedInMemory();
  });

  it('lines remembered from another document whose codes differ: the bytes of drawing them afresh', async () => {
    // The first paragraph differs (one line each, other glyphs): the lines after it sit where they sat, but their glyphs get other codes.
    const a = ['جهود مجلس', ...seedPoints().slice(0, 4)];
    const b = ['بنسبة في عام', ...seedPoints().slice(0, 4)];
    const expected = await fresh(b);
    forgetPaintedInMemory();
    await renderParagraphs(a);
    const before = paintMemoCounts();
    const got = Buffer.from((await renderParagraphs(b)).pdf);
    expect(paintMemoCounts().replayed - before.replayed).toBeGreaterThan(10);
    expect(got.equals(expected)).toBe(true);
    forgetPaintedInMemory();
  });

  it('the disk level: read back in a thread with nothing in memory, every line replayed; bytes of another code are not used', async () => {
    const texts = seedPoints().slice(0, 5);
    const expected = await fresh(texts);
    startPaintMemo('code-1', undefined);
    await renderParagraphs(texts);
    const stored = paintMemoBytes()?.bytes;
    expect(stored).toBeInstanceOf(Uint8Array);

    forgetPaintedInMemory();
    startPaintMemo('code-1', stored);
    const before = paintMemoCounts();
    const got = Buffer.from((await renderParagraphs(texts)).pdf);
    expect(paintMemoCounts().painted).toBe(before.painted);
    expect(got.equals(expected)).toBe(true);
    // Nothing new painted: nothing to store.
    expect(paintMemoBytes()).toBeUndefined();

    forgetPaintedInMemory();
    startPaintMemo('code-2', stored);
    const other = paintMemoCounts();
    expect(Buffer.from((await renderParagraphs(texts)).pdf).equals(expected)).toBe(true);
    expect(paintMemoCounts().replayed).toBe(other.replayed);
    paintMemoBytes();
    forgetPaintedInMemory();
  });

  it('one key whether the file records a twin or not: a leaflet drawn alone, then in a twin drawing (and the other way), every line replayed, the same bytes and colour records', async () => {
    const { model } = await loadDocument('source/izmir-2023.txt', { projectRoot, sourceDateEpoch: '1698000000' });
    const fonts = await loadFontSet(model.theme, projectRoot);
    const pages = model.points.slice(0, 3).flatMap((p) => layoutLeaflet(model, p, fonts).pages);
    const meta: PdfMeta = { title: model.title, lang: model.lang, rtl: true, date: new Date(`${model.date}T00:00:00Z`) };
    const forget = () => {
      forgetPaintedInMemory();
      forgetSubsetsInMemory();
    };
    forget();
    const plain = Buffer.from(await renderPages(pages, meta));
    forget();
    const twin = await renderTwin(pages, meta);
    forget();

    for (const [first, second] of [
      [() => renderPages(pages, meta), () => renderTwin(pages, meta)],
      [() => renderTwin(pages, meta), () => renderPages(pages, meta)],
    ] as const) {
      const before = paintMemoCounts();
      const a = await first();
      const mid = paintMemoCounts();
      const b = await second();
      const after = paintMemoCounts();
      expect(mid.painted - before.painted).toBeGreaterThan(20);
      expect(after.painted).toBe(mid.painted);
      // Every line the first drew (painted, or replayed: each leaflet's footer), the second replays.
      expect(after.replayed - mid.replayed).toBe(mid.painted + mid.replayed - before.painted - before.replayed);
      for (const d of [a, b]) {
        if (d instanceof Uint8Array) expect(Buffer.from(d).equals(plain)).toBe(true);
        else {
          expect(Buffer.from(d.bytes).equals(Buffer.from(twin.bytes))).toBe(true);
          expect(d.pages).toEqual(twin.pages);
        }
      }
      forget();
    }
  }, 60_000);
});
