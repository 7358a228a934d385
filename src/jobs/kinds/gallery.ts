/**
 * index.html: the gallery, one offline page showing everything the build
 * made (templates/gallery.tsx → src/render/gallery), with thumbnails in
 * gallery/ (mupdf for PDF pages, sharp for cards).
 *
 * It takes every other kind's jobs as input: its key is its slice and their
 * keys, so any output that changes makes it again. What it reads of them is
 * the files they made (manifest fields); the thumbnails are jobs of their own
 * (src/jobs/kinds/thumbnails.ts), made as soon as the files they show are,
 * so the gallery draws nothing: it writes its page and, in gallery/fonts/,
 * the project's fonts subset to the page's characters (src/render/gallery/galleryFonts.ts),
 * kept between builds by those characters (src/jobs/keptWebFonts.ts).
 */
import type { OutputKind } from '../kind.js';
import { described, thumbnails, thumbsJobOf, thumbsMadeBy } from './thumbnails.js';
import { pick } from '../slice.js';
import { modules } from './modules.js';
import { keptWebFonts } from '../keptWebFonts.js';

export const gallery: OutputKind = {
  name: 'gallery',
  group: 'gallery',
  family: 'image',
  writes: ['gallery'],
  cost: 60,
  uses: ['booklet', 'leaflet', 'leaflets-all', 'card', 'press', 'saddle', 'leaflets-press', 'leaflets-2up', thumbnails.name],
  // The page links to every file it shows: `--only gallery` publishes them too.
  linksInputs: true,
  plan: () => [{ path: 'index.html' }],
  slice: (model) => pick(model, ['title', 'lang', 'dir', 'digits', 'numbering', 'date', 'source.file', 'points[].number', 'points[].title', 'theme.fonts']),
  async render(task, fonts) {
    const { galleryHtml, thumbPath, pageFonts, pageChars, webFont } = await modules.renderGallery();
    const shown = task.inputs.filter((i) => i.kind !== thumbnails.name);
    const outputs = shown.map((i) => ({ kind: i.kind, files: i.files.map(described) }));
    const filesOf = new Map(shown.map((i) => [thumbsJobOf(i.path), i.files]));
    const thumbs = task.inputs.filter((i) => i.kind === thumbnails.name).flatMap((i) => thumbsMadeBy(i, filesOf.get(i.path) ?? [], thumbPath));
    // The page in the publications' type: the project's fonts beside it, subset to what it shows.
    const webFonts = pageFonts(await fonts());
    const page = galleryHtml(task.model, outputs, thumbs, webFonts.faces);
    const made = await keptWebFonts(task, webFonts.fonts, pageChars(page), webFont);
    const fontsMade = made.map((f) => ({ kind: 'gallery' as const, ...f }));
    return { files: [{ kind: 'gallery', path: task.job.path, bytes: new TextEncoder().encode(page) }, ...fontsMade], aux: {} };
  },
};
