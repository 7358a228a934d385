/**
 * The gallery page's renderer: the page's HTML from its template
 * (templates/gallery.tsx, rendered by react-dom's static markup: the same
 * element gives the same bytes), with where the thumbnails go (thumbPath.ts).
 * The thumbnails themselves are drawn by thumbnails.ts, which the thumbnails
 * jobs load without react-dom and the page's template.
 */
import ReactDOMServer from 'react-dom/server';
import { galleryPage, type GalleryFont, type GalleryModel, type GalleryOutput, type GalleryThumb } from '../../../templates/gallery.js';
import { thumbPath } from './thumbPath.js';

export type { GalleryThumb };
export { thumbPath };
export { pageChars, pageFonts, webFont } from './galleryFonts.js';

/** The page: a complete HTML document. */
export function galleryHtml(model: GalleryModel, outputs: GalleryOutput[], thumbs: readonly GalleryThumb[], fonts: readonly GalleryFont[] = []): string {
  const plain = thumbs.map(({ of, page, path, width, height }) => ({ of, page, path, width, height }));
  // A job's files come in the order it made them, or in the manifest's when reused: the page sorts them by path.
  const sorted = outputs.map((o) => ({ ...o, files: [...o.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) }));
  return '<!DOCTYPE html>\n' + ReactDOMServer.renderToStaticMarkup(galleryPage(model, sorted, plain, fonts)) + '\n';
}
