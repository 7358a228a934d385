/**
 * Booklet page thumbnails remembered between builds, each by what its page
 * shows. An edit changes the booklet's file (its fonts' subsets, its
 * structure), so its thumbnails job runs again; but most pages show what they
 * showed before, and a page's pixels are a function of its laid-out content
 * (glyphs of the theme's fonts at their places, rules, colours) and of the
 * code that draws it, not of the subsets or of the file's other pages. So the
 * booklet keeps, under its key, a digest of each page's laid-out content
 * (`pageKeys`, its fonts by their project path), and a page's thumbnail is
 * kept in the cache folder under that digest with the build's `env` (the
 * code, the fonts' bytes, the packages: mupdf, sharp); only the pages not
 * found are drawn, and mupdf is not loaded when every page is found.
 *
 * The same key gives the thumbnail that drawing the page gives: an edit then
 * a `--force` build leave the same thumbnails (test/build/incremental.test.ts).
 */
import { createHash } from 'node:crypto';
import { utimes } from 'node:fs/promises';
import { serialize } from 'node:v8';
import type { LaidOutPage } from '../layout/types.js';
import type { TemplateFonts } from '../layout/typeset.js';
import { packPages } from '../layout/pack.js';
import type { FoundPages, ThumbImage } from '../render/gallery/thumbnails.js';
import type { RenderTask } from './kind.js';
import { keptFile, readKept, writeKept } from './kept.js';

/** A digest of each page's laid-out content: everything its drawing reads, its fonts by their project path. */
export const pageKeys = (pages: LaidOutPage[], fonts: TemplateFonts): string[] =>
  pages.map((p) => createHash('sha256').update(serialize(packPages([p], fonts).packed)).digest('hex'));

/** The page thumbnails found for a thumbnails job, and how many pages it has drawn (and kept) so far. */
export interface KnownPages {
  /** By the path of the file they show. */
  files: Map<string, FoundPages>;
  drawn: number;
}

/**
 * For each input of `task` whose job left `pageKeys` (the booklet), by the
 * path of its file: its page thumbnails found in the cache folder. Nothing
 * (every page drawn) without `env` or the keys, or when an entry is damaged.
 */
export async function knownPages(task: RenderTask): Promise<KnownPages> {
  const out: KnownPages = { files: new Map(), drawn: 0 };
  const { env, cacheDir } = task;
  if (!env) return out;
  for (const input of task.inputs) {
    const keys = (await readKept(cacheDir, input.key, 'pageKeys').catch(() => undefined)) as string[] | undefined;
    const file = input.files[0];
    if (!Array.isArray(keys) || !file || input.files.length !== 1 || (file.pages !== undefined && file.pages !== keys.length)) continue;
    const names = keys.map((k) => createHash('sha256').update(`page thumbnail 1\n${env}\n${k}`).digest('hex'));
    const found = await Promise.all(
      names.map(async (name) => {
        const t = (await readKept(cacheDir, name, 'thumb').catch(() => undefined)) as ThumbImage | undefined;
        if (!t || !(t.bytes instanceof Uint8Array)) return undefined;
        // Used by this build: the cache's pruning keeps what was touched since the build started.
        const now = new Date();
        await utimes(keptFile(cacheDir, name, 'thumb'), now, now).catch(() => {});
        return t;
      }),
    );
    const keep = (i: number, thumb: ThumbImage) => {
      out.drawn++;
      return writeKept(cacheDir, names[i], 'thumb', thumb);
    };
    out.files.set(file.path, { found, keep });
  }
  return out;
}
