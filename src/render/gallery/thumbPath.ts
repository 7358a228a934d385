/**
 * Where the gallery's thumbnails go in the output folder, and the job names
 * they follow: shared by the gallery's renderer (renderGallery.ts) and the
 * thumbnails kind (src/jobs/kinds/thumbnails.ts), which a build with nothing
 * to do loads, so this module imports nothing.
 */

/** Thumbnails live here in the output folder, named after the file they show. */
export const THUMB_DIR = 'gallery';

export const isPdf = (p: string) => /\.pdf$/i.test(p);

/** A path without its extension: `cards/square/01-x.png` → `cards/square/01-x`. */
export const stem = (p: string) => p.replace(/\.[^./]+$/, '');

/** `booklet.pdf` page 3 → `gallery/booklet-3.webp`; `cards/square/01-x.png` → `gallery/cards/square/01-x.webp`. */
export const thumbPath = (of: string, page: number) => `${THUMB_DIR}/${stem(of)}${isPdf(of) ? `-${page}` : ''}.webp`;
