/**
 * pdfThumbnails (src/render/gallery/thumbnails.ts) takes a PDF's page count
 * from its job's record when given, and loads mupdf only to draw: a file
 * whose every page is found is not opened at all (here: bytes that are no
 * PDF, which mupdf would refuse).
 */
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfThumbnails, THUMB_WIDTH, type FoundPages, type ThumbImage } from '../../../src/render/gallery/thumbnails.js';

const thumb = (n: number): ThumbImage => ({ bytes: new Uint8Array([n]), width: THUMB_WIDTH, height: 1 });

async function twoPages(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 300]);
  doc.addPage([200, 300]);
  return doc.save({ useObjectStreams: false });
}

describe('pdfThumbnails', () => {
  it('every page found and the count known: the found thumbnails, the file not opened', async () => {
    const known: FoundPages = { found: [thumb(1), thumb(2)], keep: () => Promise.reject(new Error('nothing is drawn')) };
    expect(await pdfThumbnails(new Uint8Array([1, 2, 3]), Infinity, known, 2)).toEqual([thumb(1), thumb(2)]);
    // As many pages as are shown: a booklet of two pages shown whole, a leaflet's first page only.
    expect(await pdfThumbnails(new Uint8Array(0), 1, { found: [thumb(7)], keep: known.keep }, 4)).toEqual([thumb(7)]);
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
