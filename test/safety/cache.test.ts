/**
 * A cache that heals: a truncated or damaged side-cache entry is seen by its
 * checksum and its job renders again, with a note (never a raw
 * "Unable to deserialize cloned data"); the cache is kept under a size
 * budget, least recently used first.
 */
import { readdir, readFile, stat, truncate, utimes, writeFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { openAuxCache, pruneToBudget } from '../../src/jobs/cache.js';
import { CacheEntryError, readKept, writeKept } from '../../src/jobs/kept.js';
import { smallProject } from '../fixtures/reliability/project.js';
import { tempDir } from '../support/tmp.js';

const opts = { source: 'source/doc.txt', out: 'dist', only: ['booklet', 'leaflets'] as ('booklet' | 'leaflets')[] };

async function cacheFiles(root: string, ext: string): Promise<string[]> {
  const dir = path.join(root, '.warraq-cache');
  const out: string[] = [];
  for (const sub of await readdir(dir)) for (const n of await readdir(path.join(dir, sub))) if (n.endsWith(ext)) out.push(path.join(dir, sub, n));
  return out.sort();
}

describe('a damaged cache entry', () => {
  it('an empty and a truncated .pages file, and an empty .json: the jobs render again, with a note, and the output is the same', async () => {
    const root = await smallProject();
    await build({ projectRoot: root, ...opts });
    const all = await readFile(path.join(root, 'dist/leaflets/all-leaflets.pdf'));
    // The leaflets' pages (the booklet keeps where its drawing's colours went instead, for its press PDF).
    const manifest = JSON.parse(await readFile(path.join(root, 'dist/manifest.json'), 'utf8')) as { outputs: Array<{ kind: string; key: string }> };
    const leafletKeys = new Set(manifest.outputs.filter((o) => o.kind === 'leaflet').map((o) => o.key));
    const allPages = await cacheFiles(root, '.pages');
    expect(allPages.length).toBe(3);
    expect((await cacheFiles(root, '.drawing')).length).toBe(1);
    const pages = allPages.filter((f) => leafletKeys.has(path.basename(f, '.pages')));
    expect(pages.length).toBe(3);
    await writeFile(pages[0], '');
    await truncate(pages[1], Math.floor((await stat(pages[1])).size / 2));
    const json = await cacheFiles(root, '.json');
    await writeFile(json[0], '');
    // all-leaflets.pdf must be made again, from every leaflet's pages.
    await rm(path.join(root, 'dist/leaflets/all-leaflets.pdf'));
    const report = await build({ projectRoot: root, ...opts });
    expect(report.notes.filter((n) => n.includes('damaged cache entry')).length).toBeGreaterThanOrEqual(2);
    expect(report.jobs.rendered).toContain('leaflets/all-leaflets.pdf');
    expect(new Uint8Array(await readFile(path.join(root, 'dist/leaflets/all-leaflets.pdf')))).toEqual(new Uint8Array(all));
    // Healed: the next build is quiet.
    await rm(path.join(root, 'dist/leaflets/all-leaflets.pdf'));
    expect((await build({ projectRoot: root, ...opts })).notes.filter((n) => n.includes('damaged'))).toEqual([]);
  });

  it("a damaged .drawing (the booklet's, for its press PDF): the booklet draws again, with a note, and the press PDF is the same", async () => {
    const root = await smallProject();
    const print = { source: opts.source, out: opts.out, only: ['booklet', 'print'] as ('booklet' | 'print')[] };
    await build({ projectRoot: root, ...print });
    const press = await readFile(path.join(root, 'dist/print/booklet-press.pdf'));
    const [drawing] = await cacheFiles(root, '.drawing');
    await truncate(drawing, Math.floor((await stat(drawing)).size / 2));
    await rm(path.join(root, 'dist/print/booklet-press.pdf'));
    const report = await build({ projectRoot: root, ...print });
    expect(report.notes.some((n) => n.includes('damaged cache entry'))).toBe(true);
    expect(report.jobs.rendered).toEqual(expect.arrayContaining(['booklet.pdf', 'print/booklet-press.pdf']));
    expect(new Uint8Array(await readFile(path.join(root, 'dist/print/booklet-press.pdf')))).toEqual(new Uint8Array(press));
  });

  it('reading damaged pages says so plainly', async () => {
    const dir = await tempDir('warraq-cache-');
    await writeKept(dir, 'k', 'pages', { pages: [1, 2, 3] });
    expect(await readKept(dir, 'k', 'pages')).toEqual({ pages: [1, 2, 3] });
    const file = path.join(dir, 'k.pages');
    const bytes = await readFile(file);
    bytes[bytes.length - 1] ^= 0xff;
    await writeFile(file, bytes);
    const err = await readKept(dir, 'k', 'pages').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CacheEntryError);
    expect(String(err)).not.toMatch(/deserialize/);
  });
});

describe('an entry of an older warraq (not framed)', () => {
  it('is taken as missing, without a note; an empty one is damaged, with a note', async () => {
    const root = await tempDir('warraq-cache-');
    const cache = openAuxCache(root, path.join(root, 'dist'));
    await cache.put('fresh', { notes: ['two'] });
    expect(await cache.get('fresh')).toEqual({ notes: ['two'] });
    await writeFile(path.join(cache.dir, 'old.json'), JSON.stringify({ notes: ['three'] }));
    expect(await cache.get('old')).toBeUndefined();
    expect(cache.notes).toEqual([]);
    await writeFile(path.join(cache.dir, 'cut.json'), '');
    expect(await cache.get('cut')).toBeUndefined();
    expect(cache.notes).toHaveLength(1);
  });
});

describe('the size budget', () => {
  it('removes the least recently used entries first, down to the budget', async () => {
    const root = path.join(await tempDir('warraq-cache-'), '.warraq-cache');
    await mkdir(path.join(root, 'a'), { recursive: true });
    await mkdir(path.join(root, 'b'));
    const t0 = Date.now() / 1000;
    const entries = [
      ['a/old.pages', 100],
      ['b/older.pages', 200],
      ['a/new.json', 300],
      ['b/newest.pages', 400],
    ] as const;
    for (const [name, age] of entries) {
      await writeFile(path.join(root, name), Buffer.alloc(1000));
      await utimes(path.join(root, name), t0 - 1000 + age, t0 - 1000 + age);
    }
    await pruneToBudget(root, 2500);
    expect(await readdir(path.join(root, 'a'))).toEqual(['new.json']);
    expect(await readdir(path.join(root, 'b'))).toEqual(['newest.pages']);
    await pruneToBudget(root, 1000);
    expect(await readdir(root)).toEqual(['b']);
  });

  it('a build keeps its project’s cache under the budget', async () => {
    const root = await smallProject();
    await mkdir(path.join(root, '.warraq-cache/stale'), { recursive: true });
    await writeFile(path.join(root, '.warraq-cache/stale/x.pages'), Buffer.alloc(300 * 1024 * 1024 + 1));
    await utimes(path.join(root, '.warraq-cache/stale/x.pages'), 1, 1);
    await build({ projectRoot: root, ...opts, only: ['booklet'] });
    expect(await readdir(path.join(root, '.warraq-cache'))).not.toContain('stale');
  });
});

