/**
 * gallery/*.webp: the gallery page's thumbnails (src/render/gallery: mupdf
 * for PDF pages, sharp for cards), one job per job whose files get one: the
 * booklet (every page), each point's leaflet (its first page) and each card
 * job (its images, drawn from their PNGs). Each is made as soon as the file
 * it shows is, beside the other jobs, instead of by the gallery at the very
 * end of a build, when nothing else runs; and as a job of its own, keyed by
 * the job it shows, its files are reused (hard-linked) when that job's are,
 * so an edit draws and writes only the thumbnails of the files it changed.
 * The gallery takes them as inputs and draws nothing itself.
 *
 * A job's path is the shown job's under gallery/ without its extension
 * (`gallery/booklet`, `gallery/leaflets/01-x`, `gallery/cards/square/01-x`),
 * as its files are named (`gallery/booklet-3.webp`:
 * src/render/gallery/thumbPath.ts); its thumbnails are the same function of that job's bytes
 * as when the gallery drew them.
 */
import { readFile } from 'node:fs/promises';
import type { InputFile, OutputKind, TaskInput } from '../kind.js';
import type { GalleryThumb } from '../../render/gallery/renderGallery.js';
import { stem, THUMB_DIR } from '../../render/gallery/thumbPath.js';
import { thumbPages } from '../../../templates/galleryFiles.js';
import { pick } from '../slice.js';
import { knownPages } from '../pageThumbs.js';
import { booklet } from './booklet.js';
import { leaflet } from './leaflet.js';
import { card } from './card.js';
import { modules } from './modules.js';

/**
 * The kinds whose files get thumbnails (which of their files: templates/galleryFiles.ts
 * `thumbPages`, by the files' manifest fields, which a kind's record does not know).
 * test/jobs/kinds/thumbnails.test.ts checks they agree.
 */
const SHOWN = [booklet, leaflet, card];

/** The thumbnails job of the job at `path` (a job's files are its path, with "-N" or an extension: src/jobs/cache.ts `reuseOutputs`). */
export const thumbsJobOf = (path: string) => `${THUMB_DIR}/${stem(path)}`;

/** A file as the gallery page describes it (no staging path). */
export const described = ({ staged: _staged, ...f }: InputFile) => f;

export const thumbnails: OutputKind = {
  name: 'thumbnails',
  group: 'gallery',
  writes: ['gallery'],
  family: 'image',
  // Most are a card's thumbnail (≈ 8–12 ms) or a leaflet's first page; the booklet's pages ≈ 120. An average, in ms like
  // the other kinds' costs: the scheduler uses their ratios, and a build sums them (src/build.ts `SMALL_REBUILD`).
  cost: 8,
  uses: SHOWN.map((k) => k.name),
  plan: (model) => SHOWN.flatMap((k) => k.plan(model).map((j) => ({ ...j, path: thumbsJobOf(j.path) }))),
  // The booklet's page digests: its pages found among the kept thumbnails (src/jobs/pageThumbs.ts).
  reads: ['pageKeys'],
  inputs: (job, plan) => SHOWN.flatMap((k) => plan.ofKind(k.name).filter((j) => thumbsJobOf(j.path) === job.path).map((j) => j.path)),
  // Nothing of the model: the thumbnails are a function of the shown job's bytes (its key is this job's input).
  slice: (model) => pick(model, []),
  async render(task) {
    const { thumbnailsOf } = await modules.thumbnails();
    const files = task.inputs.flatMap((i) => i.files);
    const staged = new Map(files.map((f) => [f.path, f.staged]));
    // The booklet's pages that show what they showed before keep their thumbnails (src/jobs/pageThumbs.ts).
    const known = await knownPages(task);
    const thumbs = await thumbnailsOf(files.map(described), (f) => readFile(staged.get(f.path)!), known.files);
    const made = thumbs.map((t) => ({ kind: 'gallery' as const, path: t.path, bytes: t.bytes, width: t.width, height: t.height }));
    return { files: made, aux: known.files.size ? { pagesDrawn: known.drawn } : {} };
  },
};

/**
 * The thumbnails a thumbnails job made, as the gallery page lists them: by the file and page they show
 * (`shown`: the files of the job it shows). Each thumbnail once, under the file it was drawn from
 * (thumbPages): a card's PNG, never its WebP, JPEG or alt text, whose names lead to the same thumbnail.
 */
export function thumbsMadeBy(made: TaskInput, shown: readonly InputFile[], thumbPath: (of: string, page: number) => string): GalleryThumb[] {
  const files = new Map(made.files.map((f) => [f.path, f]));
  const out: GalleryThumb[] = [];
  for (const s of shown) {
    // A PDF's pages are -1, -2, … as far as the thumbnails go.
    for (let page = 1; page <= thumbPages(s); page++) {
      const f = files.get(thumbPath(s.path, page));
      if (!f) break;
      out.push({ of: s.path, page, path: f.path, width: f.width ?? 0, height: f.height ?? 0 });
    }
  }
  return out;
}
