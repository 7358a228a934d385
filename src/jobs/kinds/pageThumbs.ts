/**
 * gallery/booklet-N.webp: thumbnails of the booklet's pages for the gallery
 * page (src/render/gallery, mupdf), made as soon as the booklet is, beside
 * the other PDF files, instead of by the gallery job at the very end of a
 * build, when nothing else runs (nine pages: the larger part of the
 * gallery's work in an edit). The gallery takes them as an input and draws
 * the other thumbnails (a leaflet's first page, cards) itself.
 *
 * They are the files the gallery drew before, byte for byte: the same
 * function of the booklet's bytes (its key is the booklet's key).
 */
import { readFile } from 'node:fs/promises';
import type { InputFile, OutputKind, TaskInput } from '../kind.js';
import type { GalleryThumb, Thumbnail } from '../../render/gallery/renderGallery.js';
import { pick } from '../slice.js';

/** The kinds whose files' thumbnails this kind draws (the gallery draws the others). */
export const THUMBNAILED_HERE: readonly string[] = ['booklet'];

/** A file as the gallery page describes it (no staging path). */
export const described = ({ staged: _staged, ...f }: InputFile) => f;

/** The thumbnails of input files (those the gallery shows with one), drawn from their staged bytes: this kind's and the gallery's. */
export async function drawThumbs(files: readonly InputFile[]): Promise<Thumbnail[]> {
  const { thumbnailsOf } = await import('../../render/gallery/renderGallery.js');
  const staged = new Map(files.map((f) => [f.path, f.staged]));
  return thumbnailsOf(files.map(described), (f) => readFile(staged.get(f.path)!));
}

export const pageThumbs: OutputKind = {
  name: 'page-thumbnails',
  group: 'gallery',
  writes: ['gallery'],
  family: 'image',
  cost: 120,
  uses: [...THUMBNAILED_HERE],
  plan: () => [{ path: 'gallery/booklet' }],
  // Nothing of the model: the thumbnails are a function of the booklet's bytes (its key is an input of this job's).
  slice: (model) => pick(model, []),
  async render(task) {
    const thumbs = await drawThumbs(task.inputs.flatMap((i) => i.files));
    return { files: thumbs.map((t) => ({ kind: 'gallery' as const, path: t.path, bytes: t.bytes, width: t.width, height: t.height })), aux: {} };
  },
};

/** The thumbnails a page-thumbnails job made, as the gallery page lists them: by the file and page they show. */
export function thumbsMadeBy(task: { inputs: readonly TaskInput[] }, input: TaskInput, thumbPath: (of: string, page: number) => string): GalleryThumb[] {
  const made = new Map(input.files.map((f) => [f.path, f]));
  const out: GalleryThumb[] = [];
  for (const shown of task.inputs.filter((i) => THUMBNAILED_HERE.includes(i.kind)).flatMap((i) => i.files)) {
    for (let page = 1; made.has(thumbPath(shown.path, page)); page++) {
      const f = made.get(thumbPath(shown.path, page))!;
      out.push({ of: shown.path, page, path: f.path, width: f.width ?? 0, height: f.height ?? 0 });
    }
  }
  return out;
}
