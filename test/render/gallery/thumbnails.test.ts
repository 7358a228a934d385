/**
 * pdfThumbnails (src/render/gallery/thumbnails.ts) takes a PDF's page count
 * from its job's record when given; thumbnailsOf does not even read a file
 * whose every page is found (so mupdf is not loaded for it).
 */
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfThumbnails, thumbnailsOf, THUMB_WIDTH, type FoundPages, type ThumbImage } from '../../../src/render/gallery/thumbnails.js';

const thumb = (n: number): ThumbImage => ({ bytes: new Uint8Array([n]), width: THUMB_WIDTH, height: 1 });

async function twoPages(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 300]);
  doc.addPage([200, 300]);
  return doc.save({ useObjectStreams: false });
}

describe('pdfThumbnails', () => {
  it('every page found and the count known: the found thumbnails, the file not read', async () => {
    const keep = () => Promise.reject(new Error('nothing is drawn'));
    const read = () => Promise.reject(new Error('nothing is read'));
    const booklet = { kind: 'booklet', path: 'booklet.pdf', size: 1, pages: 2 };
    const found = new Map([['booklet.pdf', { found: [thumb(1), thumb(2)], keep }]]);
    expect((await thumbnailsOf([booklet], read, found)).map((t) => [t.page, t.bytes[0]])).toEqual([[1, 1], [2, 2]]);
    // As many pages as are shown: a booklet of two pages shown whole, a leaflet's first page only.
    const leaflet = { kind: 'leaflet', point: 1, path: 'leaflets/a.pdf', size: 1, pages: 4 };
    expect((await thumbnailsOf([leaflet], read, new Map([['leaflets/a.pdf', { found: [thumb(7)], keep }]]))).map((t) => t.bytes[0])).toEqual([7]);
  });

  it('a page to draw: drawn, the found ones kept; the recorded count and mupdf’s give the same thumbnails', async () => {
    const pdf = await twoPages();
    const kept: number[] = [];
    const known = (): FoundPages => ({ found: [thumb(1), undefined], keep: async (i) => void kept.push(i) });
    const counted = await pdfThumbnails(pdf, Infinity, known());
    const recorded = await pdfThumbnails(pdf, Infinity, known(), 2);
    expect(recorded).toEqual(counted);
    expect(recorded[0]).toEqual(thumb(1));
    expect(recorded[1].width).toBe(THUMB_WIDTH);
    expect(kept).toEqual([1, 1]);
  });
});
