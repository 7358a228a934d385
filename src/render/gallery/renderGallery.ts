/**
 * The gallery page's renderer: which files get thumbnails (where they go:
 * thumbPath.ts), the thumbnails themselves (thumbnails.ts), and the page's HTML from its
 * template (templates/gallery.tsx, rendered by react-dom's static markup:
 * the same element gives the same bytes).
 */
import ReactDOMServer from 'react-dom/server';
import { galleryPage, thumbPages, type GalleryFile, type GalleryModel, type GalleryOutput, type GalleryThumb } from '../../../templates/gallery.js';
import { imageThumbnail, pdfThumbnails, type FoundPages, type ThumbImage } from './thumbnails.js';
import { isPdf, THUMB_DIR, thumbPath } from './thumbPath.js';

export type { FoundPages, GalleryFile, GalleryOutput, GalleryThumb };
export { THUMB_DIR, thumbPath };

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
    const all = found && f.pages !== undefined && found.found.length === Math.min(f.pages, pages) ? found.found : undefined;
    if (all?.every((t) => t !== undefined)) {
      all.forEach((img, i) => out.push({ of: f.path, page: i + 1, path: thumbPath(f.path, i + 1), ...img! }));
      continue;
    }
    // A card's thumbnail is drawn from its PNG: decoding it whole costs less
    // than decoding its WebP shrunk on load (9 against 14 ms a square card,
    // 13 against 21 ms a story), and its pixels are the card's exactly.
    const bytes = await read(f);
    const images = isPdf(f.path) ? await pdfThumbnails(bytes, pages, found) : [await imageThumbnail(bytes)];
    images.forEach((img, i) => out.push({ of: f.path, page: i + 1, path: thumbPath(f.path, i + 1), ...img }));
  }
  return out;
}

/** The page: a complete HTML document. */
export function galleryHtml(model: GalleryModel, outputs: GalleryOutput[], thumbs: readonly GalleryThumb[]): Uint8Array {
  const plain = thumbs.map(({ of, page, path, width, height }) => ({ of, page, path, width, height }));
  // A job's files come in the order it made them, or in the manifest's when reused: the page sorts them by path.
  const sorted = outputs.map((o) => ({ ...o, files: [...o.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) }));
  const html = '<!DOCTYPE html>\n' + ReactDOMServer.renderToStaticMarkup(galleryPage(model, sorted, plain)) + '\n';
  return new TextEncoder().encode(html);
}
