import { describe, expect, it } from 'vitest';
import * as mupdf from 'mupdf';
import {
  PDFArray,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
  decodePDFRawStream,
  type PDFPage,
} from 'pdf-lib';
import { DEFAULT_BLEED_PT, cropMarkSegments, hexColor, pressPdf } from '../../src/print/press.js';
import { A5, pageText, syntheticBooklet } from './fixtures.js';

const DATE = new Date(Date.UTC(2026, 0, 1));
type Rect = { x0: number; y0: number; x1: number; y1: number };

/** A page box as written in the page dictionary (no inheritance or fallback). */
function rawBox(page: PDFPage, name: string): Rect {
  const arr = page.node.lookup(PDFName.of(name), PDFArray);
  const [x0, y0, x1, y1] = [0, 1, 2, 3].map((i) => arr.lookup(i, PDFNumber).asNumber());
  return { x0, y0, x1, y1 };
}

function contentOf(page: PDFPage): string {
  const contents = page.node.Contents();
  if (contents === undefined) return '';
  const streams = contents instanceof PDFArray ? contents.asArray() : [contents];
  return streams
    .map((ref) => {
      const s = page.doc.context.lookup(ref);
      if (!(s instanceof PDFRawStream)) throw new Error('unexpected stream type');
      return Buffer.from(decodePDFRawStream(s).decode()).toString('latin1');
    })
    .join('\n');
}

/** Every straight segment "x y m x y l" in the page's own content stream. */
function segments(page: PDFPage): Array<[number, number, number, number]> {
  const num = '(-?\\d+(?:\\.\\d+)?)';
  const re = new RegExp(`${num} ${num} m\\s+${num} ${num} l`, 'g');
  return [...contentOf(page).matchAll(re)].map((m) => [1, 2, 3, 4].map((i) => Number(m[i])) as [number, number, number, number]);
}

const within = (inner: Rect, outer: Rect, eps = 1e-6) =>
  inner.x0 >= outer.x0 - eps && inner.y0 >= outer.y0 - eps && inner.x1 <= outer.x1 + eps && inner.y1 <= outer.y1 + eps;

describe('pressPdf', () => {
  it('sets TrimBox ⊂ BleedBox ⊂ MediaBox with exactly the bleed, trim = source page', async () => {
    const src = await syntheticBooklet(3, { frame: true });
    const out = await pressPdf(src, { pageBackgrounds: [], date: DATE });
    const doc = await PDFDocument.load(out);
    expect(doc.getPageCount()).toBe(3);
    for (const page of doc.getPages()) {
      const media = rawBox(page, 'MediaBox');
      const bleed = rawBox(page, 'BleedBox');
      const trim = rawBox(page, 'TrimBox');
      expect(trim.x1 - trim.x0).toBeCloseTo(A5.width, 3);
      expect(trim.y1 - trim.y0).toBeCloseTo(A5.height, 3);
      expect(within(trim, bleed)).toBe(true);
      expect(within(bleed, media)).toBe(true);
      for (const [b, t] of [[bleed.x0, trim.x0], [bleed.y0, trim.y0]]) expect(t - b).toBeCloseTo(DEFAULT_BLEED_PT, 3);
      for (const [b, t] of [[bleed.x1, trim.x1], [bleed.y1, trim.y1]]) expect(b - t).toBeCloseTo(DEFAULT_BLEED_PT, 3);
      expect(DEFAULT_BLEED_PT).toBeCloseTo(8.504, 3);
    }
  });

  it('draws 8 thin crop marks per page, all outside the BleedBox, aligned with the trim edges', async () => {
    const src = await syntheticBooklet(2);
    const out = await pressPdf(src, {
      bleedPt: 9,
      markOffsetPt: 3,
      markLengthPt: 12,
      pageBackgrounds: [null, null],
      date: DATE,
    });
    const doc = await PDFDocument.load(out);
    for (const page of doc.getPages()) {
      const bleed = rawBox(page, 'BleedBox');
      const trim = rawBox(page, 'TrimBox');
      const media = rawBox(page, 'MediaBox');
      const segs = segments(page);
      expect(segs).toHaveLength(8);
      expect(contentOf(page)).toMatch(/0\.25 w/);
      for (const [ax, ay, bx, by] of segs) {
        const r = { x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx), y1: Math.max(ay, by) };
        // Outside the bleed: entirely left/right of it or below/above it (line width included).
        const half = 0.125;
        const outside =
          r.x1 + half <= bleed.x0 || r.x0 - half >= bleed.x1 || r.y1 + half <= bleed.y0 || r.y0 - half >= bleed.y1;
        expect(outside).toBe(true);
        expect(within(r, media)).toBe(true);
        // On the extension of a trim edge, 12 pt long, starting 3 pt past the bleed.
        const horizontal = ay === by;
        if (horizontal) expect([trim.y0, trim.y1]).toContainEqual(ay);
        else expect([trim.x0, trim.x1]).toContainEqual(ax);
        expect(Math.hypot(bx - ax, by - ay)).toBeCloseTo(12, 6);
        const gap = horizontal ? Math.min(Math.abs(r.x0 - bleed.x1), Math.abs(r.x1 - bleed.x0)) : Math.min(Math.abs(r.y0 - bleed.y1), Math.abs(r.y1 - bleed.y0));
        expect(gap).toBeCloseTo(3, 6);
      }
    }
  });

  it('keeps text extractable and the pages vector (the source pages themselves, no image)', async () => {
    const out = await pressPdf(await syntheticBooklet(4), { pageBackgrounds: [null], date: DATE });
    const text = pageText(out);
    expect(text.map((t) => t.match(/P\d+/)?.[0])).toEqual(['P0', 'P1', 'P2', 'P3']);
    const page = new mupdf.PDFDocument(out).loadPage(0);
    const kinds: string[] = [];
    page.getObject().get('Resources', 'XObject').forEach((v: mupdf.PDFObject) => kinds.push(v.resolve().get('Subtype').asName()));
    expect(kinds).not.toContain('Image');
  });

  it('paints page backgrounds out to the bleed edge, and only there', async () => {
    const out = await pressPdf(await syntheticBooklet(2), { pageBackgrounds: ['#c03020', null], date: DATE });
    const doc = await PDFDocument.load(out);
    const bleed = rawBox(doc.getPage(0), 'BleedBox');
    const trim = rawBox(doc.getPage(0), 'TrimBox');
    const media = rawBox(doc.getPage(0), 'MediaBox');
    const mu = mupdf.Document.openDocument(out, 'application/pdf');
    const pixel = (pageIndex: number, x: number, y: number) => {
      const pix = mu.loadPage(pageIndex).toPixmap(mupdf.Matrix.identity, mupdf.ColorSpace.DeviceRGB, false);
      const px = Math.floor(x);
      const py = Math.floor(media.y1 - y);
      const i = py * pix.getStride() + px * pix.getNumberOfComponents();
      return [...pix.getPixels().slice(i, i + 3)];
    };
    const inBleed = { x: (bleed.x0 + trim.x0) / 2, y: (bleed.y0 + bleed.y1) / 2 }; // between bleed edge and trim
    const inSlug = { x: bleed.x0 - 2, y: (bleed.y0 + bleed.y1) / 2 }; // outside the bleed, not on a mark
    // Colour values pass through 3-decimal PDF numbers: allow ±2 per channel.
    const close = (got: number[], want: number[]) => got.forEach((v, k) => expect(Math.abs(v - want[k])).toBeLessThanOrEqual(2));
    close(pixel(0, inBleed.x, inBleed.y), [0xc0, 0x30, 0x20]);
    close(pixel(0, inSlug.x, inSlug.y), [255, 255, 255]);
    close(pixel(1, inBleed.x, inBleed.y), [255, 255, 255]);
  });

  it('is reproducible and validates its input', async () => {
    const src = await syntheticBooklet(2);
    const a = await pressPdf(src, { pageBackgrounds: ['#fff', null], date: DATE });
    const b = await pressPdf(src, { pageBackgrounds: ['#fff', null], date: DATE });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    await expect(pressPdf(src, { pageBackgrounds: [null, null, null], date: DATE })).rejects.toThrow(/3 entries/);
    await expect(pressPdf(src, { pageBackgrounds: ['red'], date: DATE })).rejects.toThrow(/hex colour/);
    await expect(pressPdf(src, { pageBackgrounds: [], bleedPt: -1, date: DATE })).rejects.toThrow(/bleedPt/);
  });
});

describe('helpers', () => {
  it('hexColor reads #rgb and #rrggbb', () => {
    expect(hexColor('#f80')).toEqual(hexColor('#ff8800'));
    expect(() => hexColor('#ggg')).toThrow(RangeError);
  });

  it('cropMarkSegments never enters the bleed', () => {
    const segs = cropMarkSegments({ x: 20, y: 20, width: 100, height: 200 }, 5, 1, 10);
    expect(segs).toHaveLength(8);
    for (const [ax, ay, bx, by] of segs) {
      const inBleed = (x: number, y: number) => x > 15 && x < 125 && y > 15 && y < 225;
      expect(inBleed(ax, ay) || inBleed(bx, by)).toBe(false);
    }
  });
});
