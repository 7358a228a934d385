/**
 * The gallery's web fonts remembered between builds, by what they hold. A
 * font subset to the page's characters is a function of the font's bytes,
 * those characters and the code that makes it (the build's `env`), and an
 * edit seldom brings a character the page did not show before; so the
 * gallery takes the WOFF files an earlier build made for the same characters
 * instead of subsetting again (both faces of the seed ≈ 0.13 s of CPU in a
 * fresh process, HarfBuzz's subsetter loaded: most of what the gallery added
 * to a one-point edit from the command line).
 *
 * Kept in `.warraq-cache/webfonts/`, beside the output folders' caches, like
 * page thumbnails (src/jobs/pageThumbs.ts) and for the same reason: named by
 * what they hold, shared by the project's output folders, and removed only by
 * the cache's size budget (src/jobs/cache.ts `pruneToBudget`). The same key
 * gives the bytes that subsetting gives, so the files do not depend on where
 * they came from.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { LoadedFont } from '../text/fonts.js';
import type { RenderTask } from './kind.js';
import { readKept, writeKept } from './kept.js';

/** Where web fonts are kept: `.warraq-cache/webfonts/`, beside the output folder's cache folder `cacheDir`. */
const webFontsDir = (cacheDir: string) => path.join(path.dirname(cacheDir), 'webfonts');

/**
 * Each of `fonts` subset to `chars`: as kept, or made by `make` and kept.
 * Without the build's `env` (a test's task) nothing is kept: each is made.
 */
export async function keptWebFonts(
  task: Pick<RenderTask, 'env' | 'cacheDir'>,
  fonts: Array<{ path: string; font: LoadedFont }>,
  chars: number[],
  make: (font: LoadedFont, chars: number[]) => Uint8Array,
): Promise<Array<{ path: string; bytes: Uint8Array }>> {
  const { env } = task;
  if (!env) return fonts.map((f) => ({ path: f.path, bytes: make(f.font, chars) }));
  const dir = webFontsDir(task.cacheDir);
  return Promise.all(
    fonts.map(async ({ path: file, font }) => {
      const name = createHash('sha256').update(`gallery web font 1\n${env}\n${font.key}\n${chars.join(' ')}`).digest('hex');
      const kept = (await readKept(dir, name, 'woff').catch(() => undefined)) as Uint8Array | undefined;
      if (kept instanceof Uint8Array) return { path: file, bytes: kept };
      const bytes = make(font, chars);
      // A failed write only means the next build subsets again.
      await writeKept(dir, name, 'woff', bytes).catch(() => undefined);
      return { path: file, bytes };
    }),
  );
}
