/**
 * Thumbnails for the gallery page (dist/index.html): PDF pages drawn by
 * mupdf (its WebAssembly build), cards scaled down by sharp, both encoded as
 * small WebP images. Same bytes in, same bytes out: neither library writes a
 * time or a path into the image.
 */
import type * as Mupdf from 'mupdf';
import sharp, { type Sharp } from 'sharp';
import { thumbPages, type GalleryFile } from '../../../templates/galleryFiles.js';
import type { GalleryThumb } from '../../../templates/gallery.js';
import { isPdf, thumbPath } from './thumbPath.js';
import { loadOnce } from '../../loadOnce.js';

const loadMupdf = loadOnce(() => import('mupdf'));

/** A thumbnail's pixels, encoded. */
export interface ThumbImage {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** Width of every thumbnail in px: about 1.5× the width the page shows it at, so it stays sharp on a high-density screen. */
export const THUMB_WIDTH = 240;

// Text thumbnails at this quality stay readable as a page's shape and weigh a few KB each.
// Effort 4 without sharp YUV instead of effort 6 with it (docs/performance.md): a card's
// thumbnail ≈ 12 against 21–29 ms of CPU, the booklet's nine page thumbnails 168 → 74 ms,
// for ≈ 1.7 % more bytes.
const webp = (img: Sharp) => img.webp({ quality: 62, effort: 4 });

async function encoded(img: Sharp): Promise<ThumbImage> {
  const { data, info } = await webp(img).toBuffer({ resolveWithObject: true });
  return { bytes: new Uint8Array(data), width: info.width, height: info.height };
}

/**
 * Thumbnails of a file's pages found without drawing them (src/jobs/pageThumbs.ts:
 * pages that show what they showed in an earlier build), by page index,
 * undefined where a page must be drawn; `keep` is given each page drawn.
 */
export interface FoundPages {
  found: Array<ThumbImage | undefined>;
  keep(index: number, thumb: ThumbImage): Promise<void>;
}

/** `known`'s thumbnails when it has every one of a file's `n` pages drawn (none to draw), else undefined. */
const allFound = (known: FoundPages | undefined, n: number | undefined): ThumbImage[] | undefined =>
  n !== undefined && known?.found.length === n && known.found.every((t) => t !== undefined) ? (known.found as ThumbImage[]) : undefined;

/**
 * Thumbnails of the first `maxPages` pages of a PDF (all when omitted), each
 * THUMB_WIDTH px wide, drawn at that size by mupdf (anti-aliased); the pages
 * `known` has are taken from it (when it has as many pages as are drawn).
 * `pageCount`: the file's pages as its job recorded them (its manifest
 * entry's `pages`); without it, mupdf counts them. A file whose every page
 * is found never gets here: thumbnailsOf does not even read it.
 */
export async function pdfThumbnails(pdf: Uint8Array, maxPages = Infinity, known?: FoundPages, pageCount?: number): Promise<ThumbImage[]> {
  // Loaded here, not with this module, and only to draw: its WebAssembly starts when loaded (≈ 70 ms of
  // CPU), and a thread that only makes the gallery page or card thumbnails never calls this.
  const mupdf: typeof Mupdf = await loadMupdf();
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  try {
    const n = Math.min(pageCount ?? doc.countPages(), maxPages);
    const found = known?.found.length === n ? known : undefined;
    // Each page's encoding (libvips, off this thread) runs while the next page is drawn: awaited one by one, the
    // thread waited for each (docs/performance.md, "Thumbnails and cards").
    const out: Array<ThumbImage | Promise<ThumbImage>> = [];
    for (let i = 0; i < n; i++) {
      const had = found?.found[i];
      if (had) {
        out.push(had);
        continue;
      }
      const page = doc.loadPage(i);
      const [x0, , x1] = page.getBounds();
      const scale = THUMB_WIDTH / (x1 - x0);
      const pix = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false, true);
      const [w, h, stride] = [pix.getWidth(), pix.getHeight(), pix.getStride()];
      const px = pix.getPixels();
      // Rows may be padded: copy them out tightly for sharp.
      const raw = Buffer.alloc(w * h * 3);
      for (let y = 0; y < h; y++) raw.set(px.subarray(y * stride, y * stride + w * 3), y * w * 3);
      pix.destroy();
      page.destroy();
      const thumb = encoded(sharp(raw, { raw: { width: w, height: h, channels: 3 } })).then(async (t) => {
        await found?.keep(i, t);
        return t;
      });
      // Reported by Promise.all below; should a later page fail to draw first, not left unhandled.
      thumb.catch(() => {});
      out.push(thumb);
    }
    return await Promise.all(out);
  } finally {
    doc.destroy();
  }
}

/** An image (a card's PNG) scaled to THUMB_WIDTH px wide. */
const imageThumbnail = (image: Uint8Array): Promise<ThumbImage> => encoded(sharp(image).resize({ width: THUMB_WIDTH }).removeAlpha());

/** A thumbnail with its pixels. */
export interface Thumbnail extends GalleryThumb, ThumbImage {}

/**
 * The thumbnails of one job's files; `read` gives a file's bytes (only files
 * that get a thumbnail are read); `known`: by file path, the pages' thumbnails
 * found without drawing them (a file whose every page is found is not read).
 */
export async function thumbnailsOf(files: readonly GalleryFile[], read: (f: GalleryFile) => Promise<Uint8Array>, known?: ReadonlyMap<string, FoundPages>): Promise<Thumbnail[]> {
  const out: Thumbnail[] = [];
  for (const f of files) {
    const pages = thumbPages(f);
    if (!pages) continue;
    const found = known?.get(f.path);
    const all = allFound(found, f.pages === undefined ? undefined : Math.min(f.pages, pages));
    if (all) {
      all.forEach((img, i) => out.push({ of: f.path, page: i + 1, path: thumbPath(f.path, i + 1), ...img }));
      continue;
    }
    // A card's thumbnail is drawn from its PNG: decoding it whole costs less
    // than decoding its WebP shrunk on load (9 against 14 ms a square card,
    // 13 against 21 ms a story), and its pixels are the card's exactly.
    const bytes = await read(f);
    const images = isPdf(f.path) ? await pdfThumbnails(bytes, pages, found, f.pages) : [await imageThumbnail(bytes)];
    images.forEach((img, i) => out.push({ of: f.path, page: i + 1, path: thumbPath(f.path, i + 1), ...img }));
  }
  return out;
}
