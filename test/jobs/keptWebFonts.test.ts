/** The gallery's web fonts kept between builds by the characters they hold (src/jobs/keptWebFonts.ts). */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { keptWebFonts } from '../../src/jobs/keptWebFonts.js';
import { webFont } from '../../src/render/gallery/galleryFonts.js';
import type { LoadedFont } from '../../src/text/fonts.js';
import { amiri } from '../support/fonts.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('keptWebFonts', () => {
  const fonts = [{ path: 'gallery/fonts/Amiri-Regular.woff', font: amiri() }];
  const chars = (s: string) => [...new Set([...s].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b);
  const counting = () => {
    const made: number[][] = [];
    return { made, make: (font: LoadedFont, cs: number[]) => (made.push(cs), webFont(font, cs)) };
  };

  it('subsets once per set of characters, and gives back the same bytes', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'warraq-webfonts-'));
    dirs.push(root);
    const task = { env: 'env-1', cacheDir: path.join(root, 'out-cache') };
    const { made, make } = counting();
    const first = await keptWebFonts(task, fonts, chars('خطة عمل'), make);
    const again = await keptWebFonts(task, fonts, chars('خطة عمل'), make);
    expect(made).toHaveLength(1);
    expect(Buffer.from(again[0].bytes).equals(Buffer.from(first[0].bytes))).toBe(true);
    expect(Buffer.from(first[0].bytes).equals(Buffer.from(webFont(amiri(), chars('خطة عمل'))))).toBe(true);
    // A character the page did not show before, or other code or fonts (env): made again.
    await keptWebFonts(task, fonts, chars('خطة عمل ١'), make);
    await keptWebFonts({ ...task, env: 'env-2' }, fonts, chars('خطة عمل'), make);
    expect(made).toHaveLength(3);
    // Kept beside the output folder's cache folder, shared by the project's output folders.
    expect(await readdir(path.join(root, 'webfonts'))).toHaveLength(3);
  });

  it('keeps nothing without the build\'s env (a test\'s task)', async () => {
    const { made, make } = counting();
    await keptWebFonts({ cacheDir: '/nonexistent/cache' }, fonts, chars('abc'), make);
    await keptWebFonts({ cacheDir: '/nonexistent/cache' }, fonts, chars('abc'), make);
    expect(made).toHaveLength(2);
  });
});
