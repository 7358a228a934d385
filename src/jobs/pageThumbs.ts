/**
 * Booklet page thumbnails remembered between builds, each by what its page
 * shows. An edit changes the booklet's file (its fonts' subsets, its
 * structure), so its thumbnails job runs again; but most pages show what they
 * showed before, and a page's pixels are a function of its laid-out content
 * (glyphs of the theme's fonts at their places, rules, colours) and of the
 * code that draws it, not of the file's other pages nor of its font
 * subsets: a subset holds the same outlines under other glyph ids and
 * codes, and mupdf draws them unhinted. So the booklet keeps, under its key,
 * a digest of each page's laid-out content (`pageKeys`, its fonts by their
 * project path), and a page's thumbnail is kept under that digest with the
 * build's `env` (the code, the fonts' bytes, the packages: mupdf, sharp);
 * only the pages not found are drawn (their count is the file's recorded
 * `pages`; mupdf is loaded only to draw). An edit then draws only the pages
 * it changed (the seed's one-point edits: 2–6 of 8), though it changes the
 * subsets of the whole file.
 *
 * One exception, by name: mupdf hints the glyphs of a font whose name starts
 * with DF or DLC, or has them after the subset's '+' (DynaLab fonts,
 * `is_dynalab` in its pdf-font.c), and a subset's tag is a digest
 * (src/render/pdf/subsetTag.ts), so one file in ≈ 300 has such a tag; a
 * file whose subsets have one keys its pages with the tags too
 * (`HINTED_TAG`). Until session 16 every key had the tags, because a
 * thumbnail kept across watch edits once differed from a --force build's
 * (commit 404fec0); eight booklets of the seed, seven edits in a row, each
 * with another Amiri-Regular subset, drew every page with the same text to
 * the same pixels, and test/build/incremental.test.ts compares an edit's
 * thumbnails with a fresh build's.
 *
 * The thumbnails are kept in `.warraq-cache/thumbs/`, beside the output
 * folders' caches, not in one: a build that does not run the booklet's
 * thumbnails job (the booklet unchanged, `--only cards`, another
 * `--leaflet-sheet`) prunes its folder's entries of the jobs it did not plan,
 * and would take every page's thumbnail with them. Named by what they show,
 * they are shared by the project's output folders, and only the cache's size
 * budget removes them, least recently used first (src/jobs/cache.ts `prune`).
 *
 * The same key gives the thumbnail that drawing the page gives: an edit then
 * a `--force` build leave the same thumbnails (test/build/incremental.test.ts).
 */
import { createHash } from 'node:crypto';
import { utimes } from 'node:fs/promises';
import path from 'node:path';
import { serialize } from 'node:v8';
import type { LaidOutPage } from '../layout/types.js';
import type { TemplateFonts } from '../layout/typeset.js';
import { packPages } from '../layout/pack.js';
import type { FoundPages, ThumbImage } from '../render/gallery/thumbnails.js';
import type { RenderTask } from './kind.js';
import { keptFile, readKept, writeKept } from './kept.js';

/** A subset tag with which mupdf would hint the font's glyphs (see above): its name starts with DF or DLC. */
const HINTED_TAG = /^(DF|DLC)/;

/**
 * A digest of each page's laid-out content, everything its drawing reads (its fonts by their project path);
 * with `subsets`, the tags of the font subsets of the file it is drawn in (TwinDrawing.subsets), only when one
 * of them makes mupdf hint (HINTED_TAG).
 */
export function pageKeys(pages: LaidOutPage[], fonts: TemplateFonts, subsets: readonly string[]): string[] {
  const tags = subsets.some((t) => HINTED_TAG.test(t)) ? subsets.join('\n') : '';
  return pages.map((p) => createHash('sha256').update(tags).update('\0').update(serialize(packPages([p], fonts).packed)).digest('hex'));
}

/** Where page thumbnails are kept: `.warraq-cache/thumbs/`, beside the output folder's cache folder `cacheDir`. */
const pageThumbsDir = (cacheDir: string) => path.join(path.dirname(cacheDir), 'thumbs');

/** The page thumbnails found for a thumbnails job, and how many pages it has drawn (and kept) so far. */
export interface KnownPages {
  /** By the path of the file they show. */
  files: Map<string, FoundPages>;
  drawn: number;
}

/**
 * For each input of `task` whose job left `pageKeys` (the booklet), by the
 * path of its file: its page thumbnails found in `pageThumbsDir`. Nothing
 * (every page drawn) without `env` or the keys, or when an entry is damaged.
 */
export async function knownPages(task: RenderTask): Promise<KnownPages> {
  const out: KnownPages = { files: new Map(), drawn: 0 };
  const { env, cacheDir } = task;
  if (!env) return out;
  const dir = pageThumbsDir(cacheDir);
  for (const input of task.inputs) {
    const keys = (await readKept(cacheDir, input.key, 'pageKeys').catch(() => undefined)) as string[] | undefined;
    const file = input.files[0];
    if (!Array.isArray(keys) || !file || input.files.length !== 1 || (file.pages !== undefined && file.pages !== keys.length)) continue;
    const names = keys.map((k) => createHash('sha256').update(`page thumbnail 1\n${env}\n${k}`).digest('hex'));
    const found = await Promise.all(
      names.map(async (name) => {
        const t = (await readKept(dir, name, 'thumb').catch(() => undefined)) as ThumbImage | undefined;
        if (!t || !(t.bytes instanceof Uint8Array)) return undefined;
        // Used by this build: the size budget removes the least recently used entries first.
        const now = new Date();
        await utimes(keptFile(dir, name, 'thumb'), now, now).catch(() => {});
        return t;
      }),
    );
    const keep = (i: number, thumb: ThumbImage) => {
      out.drawn++;
      return writeKept(dir, names[i], 'thumb', thumb);
    };
    out.files.set(file.path, { found, keep });
  }
  return out;
}
