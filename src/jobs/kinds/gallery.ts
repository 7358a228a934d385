/**
 * index.html: the gallery, one offline page showing everything the build
 * made (templates/gallery.tsx → src/render/gallery), with thumbnails in
 * gallery/ (mupdf for PDF pages, sharp for cards).
 *
 * It takes every other kind's jobs as input: its key is its slice and their
 * keys, so any output that changes makes it again. What it reads of them is
 * the files they made (manifest fields, and the bytes of those that get a
 * thumbnail). The booklet's page thumbnails are a job of their own
 * (src/jobs/kinds/pageThumbs.ts), made while the press files are; the
 * others (a leaflet's first page, the cards) are drawn here and kept in the
 * cache folder under the key of the job whose file they show
 * (`<key>.thumbs`): a build that changes one card draws one thumbnail, not
 * all of them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { OutputKind, TaskInput } from '../kind.js';
import { described, drawThumbs, pageThumbs, THUMBNAILED_HERE, thumbsMadeBy } from './pageThumbs.js';
import type { OutputFile } from '../../output/writeOutputs.js';
import { pick } from '../slice.js';
import { frame, unframe } from '../kept.js';
import { writeAtomic } from '../../writeAtomic.js';
import type { Thumbnail } from '../../render/gallery/renderGallery.js';
import { memoLevel } from '../../memoLevel.js';

const thumbsFile = (cacheDir: string, key: string) => path.join(cacheDir, `${key}.thumbs`);

/**
 * The thumbnails this thread drew or read, by the key of the job whose files
 * they show (the same key, the same files, the same thumbnails): a session
 * that builds again (watch mode) reads none of the ≈ 80 entries again. In
 * memory only (src/memoLevel.ts, never started on disk), least recently used out
 * beyond 16 MB (the seed's are ≈ 0.4 MB).
 */
const kept = memoLevel<Thumbnail[]>('thumbs', (ts) => ts.reduce((n, t) => n + t.bytes.length + 64, 0), { memoryBytes: 16 * 1024 * 1024, diskBytes: 0 });

/** The thumbnails of one input's files: from this thread's or the cache folder's when an earlier build drew them, else drawn and kept. */
async function thumbsOf(input: TaskInput, cacheDir: string): Promise<Thumbnail[]> {
  const known = kept.get(input.key);
  if (known) return known;
  const file = thumbsFile(cacheDir, input.key);
  const stored = await readFile(file).then(unframe, () => undefined);
  let thumbs = stored && (deserialize(stored) as Thumbnail[]);
  if (!thumbs) {
    thumbs = await drawThumbs(input.files);
    // A cache that cannot be written only costs the next build the same work.
    await writeAtomic(file, frame(serialize(thumbs))).catch(() => undefined);
  }
  kept.set(input.key, thumbs);
  return thumbs;
}

/** `fn` over `items`, at most `n` at a time; the results in the items' order. */
async function inOrder<T, R>(items: readonly T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, lane));
  return out;
}

export const gallery: OutputKind = {
  name: 'gallery',
  group: 'gallery',
  family: 'image',
  writes: ['gallery'],
  cost: 250,
  uses: ['booklet', 'leaflet', 'leaflets-all', 'card', 'press', 'saddle', 'leaflets-press', 'leaflets-2up', pageThumbs.name],
  // The page links to every file it shows: `--only gallery` publishes them too.
  linksInputs: true,
  plan: () => [{ path: 'index.html' }],
  slice: (model) => pick(model, ['title', 'lang', 'dir', 'digits', 'numbering', 'date', 'source.file', 'points[].number', 'points[].title']),
  async render(task) {
    const { galleryHtml, thumbPath } = await import('../../render/gallery/renderGallery.js');
    const shown = task.inputs.filter((i) => i.kind !== pageThumbs.name);
    const outputs = shown.map((i) => ({ kind: i.kind, files: i.files.map(described) }));
    // Two inputs at a time: while one's thumbnails are encoded (libvips, off the JavaScript thread), the next one's are drawn.
    const drawn = await inOrder(shown.filter((i) => !THUMBNAILED_HERE.includes(i.kind)), 2, (input) => thumbsOf(input, task.cacheDir));
    const thumbs = drawn.flat();
    const made = task.inputs.filter((i) => i.kind === pageThumbs.name).flatMap((i) => thumbsMadeBy(task, i, thumbPath));
    const files: OutputFile[] = [{ kind: 'gallery', path: task.job.path, bytes: galleryHtml(task.model, outputs, [...made, ...thumbs]) }];
    for (const t of thumbs) files.push({ kind: 'gallery', path: t.path, bytes: t.bytes, width: t.width, height: t.height });
    return { files, aux: {} };
  },
};
