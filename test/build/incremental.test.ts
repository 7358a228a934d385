/**
 * Incremental builds: a job whose key (model slice, code, fonts, options,
 * inputs) is unchanged is not rendered again; its bytes come from the
 * previous output folder, and the result equals a build from scratch.
 */
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { build, keptForNext, type BuildOptions } from '../../src/build.js';
import { thumbsJobOf } from '../../src/jobs/kinds/thumbnails.js';
import { defaultJobs } from '../../src/jobs/pool.js';
import { fingerprint, otherProject } from '../fixtures/reliability/project.js';

async function edit(root: string, from: string, to: string) {
  const file = path.join(root, 'source/other.txt');
  const text = await readFile(file, 'utf8');
  expect(text).toContain(from);
  await writeFile(file, text.replace(from, to));
}

/** The booklet's page thumbnails kept for later builds (src/jobs/pageThumbs.ts), by name. */
const pageThumbs = async (root: string) => (await readdir(path.join(root, '.warraq-cache/thumbs'))).filter((n) => n.endsWith('.thumb')).sort();

describe('incremental builds', () => {
  it('a rebuild with no change renders nothing and leaves the same bytes', async () => {
    const root = await otherProject();
    const opts: BuildOptions = { projectRoot: root, source: 'source/other.txt', out: 'dist', jobs: 2 };
    const first = await build(opts);
    expect(first.jobs.unchanged).toEqual([]);
    const before = await fingerprint(path.join(root, 'dist'));
    const manifest = JSON.parse(await readFile(path.join(root, 'dist/manifest.json'), 'utf8')) as { outputs: Array<{ key?: string }> };
    expect(manifest.outputs.every((o) => /^[0-9a-f]{64}$/.test(o.key ?? ''))).toBe(true);

    const inode = async (p: string) => (await stat(path.join(root, 'dist', p))).ino;
    const booklet = await inode('booklet.pdf');
    const again = await build(opts);
    // Nothing changed: nothing is rendered, written or even parsed (src/jobs/upToDate.ts).
    expect(await inode('booklet.pdf')).toBe(booklet);
    expect(again.jobs.rendered).toEqual([]);
    expect(again.threads).toBe(0);
    expect(again.where).toMatch(/nothing to do/);
    expect(again.files.filter((f) => !f.reused).map((f) => f.path)).toEqual([]);
    expect(again.files.map((f) => f.path)).toEqual(first.files.map((f) => f.path));
    expect(again.stats).toEqual(first.stats);
    expect(again.model).toEqual(first.model);
    expect(await fingerprint(path.join(root, 'dist'))).toEqual(before);

    // An output touched since (or gone) takes the full path, which puts it back; so does any option.
    await rm(path.join(root, 'dist/leaflets/01.pdf'));
    const restored = await build(opts);
    expect(restored.where).not.toMatch(/nothing to do/);
    expect(restored.jobs.rendered).toEqual(['leaflets/01.pdf']);
    expect(await fingerprint(path.join(root, 'dist'))).toEqual(before);
    expect((await build(opts)).where).toMatch(/nothing to do/);
    // …and the gallery, which shows all-leaflets.pdf (its size).
    expect((await build({ ...opts, leafletSheet: 'a4-2up' })).jobs.rendered.sort()).toEqual(['index.html', 'leaflets/all-leaflets.pdf']);
    // Unchanged files are hard links to the previous build's, not copies (where the file system allows).
    expect(await inode('booklet.pdf')).toBe(booklet);
  });

  it("editing one point re-renders that point's leaflet and cards, the booklet and what is made from them (and the gallery), and nothing else; the result equals a build from scratch", async () => {
    const root = await otherProject();
    const opts: BuildOptions = { projectRoot: root, source: 'source/other.txt', out: 'dist', jobs: 2 };
    const first = await build(opts);
    const jobs = [...first.jobs.rendered];
    // The booklet's page thumbnails, kept by what each page shows (src/jobs/pageThumbs.ts).
    const thumbsBefore = await pageThumbs(root);
    const pages = first.manifest.outputs.find((o) => o.path === 'booklet.pdf')?.pages;
    expect(thumbsBefore.length).toBe(pages);
    expect(first.pagesDrawn).toBe(pages);

    await edit(root, 'في المدن القديمة', 'في المدن والقرى القديمة'); // point 1
    // Without `jobs`, on a busy machine (no image worker started before the checks: src/build.ts EarlyPool), so few
    // jobs render in the main thread (several at a time), not in workers.
    const busy = vi.spyOn(os, 'loadavg').mockReturnValue([99, 99, 99]);
    const second = await build({ ...opts, jobs: undefined }).finally(() => busy.mockRestore());
    expect(second.threads).toBe(1);
    const slug = first.model.points[0].slug;
    const point1 = jobs.filter((p) => p === `leaflets/${slug}.pdf` || (p.startsWith('cards/') && p.endsWith(`/${slug}`)));
    expect(point1.length).toBe(1 + first.model.theme.cards.length);
    const expected = ['booklet.pdf', ...point1, 'leaflets/all-leaflets.pdf', ...jobs.filter((p) => p.startsWith('print/')), 'gallery/booklet', ...point1.map(thumbsJobOf), 'index.html'];
    expect([...second.jobs.rendered].sort()).toEqual([...expected].sort());
    expect(second.jobs.unchanged.length).toBe(jobs.length - expected.length);
    // A page's thumbnail is found when the page shows what it showed before, whatever the file's font subsets
    // (src/jobs/pageThumbs.ts; this edit changes them: the codes' order): the pages before the edited point are not
    // drawn again. Those drawn are kept; the fresh build below draws every page, to the same bytes.
    const drawn = second.pagesDrawn;
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(pages!);
    const thumbsAfter = await pageThumbs(root);
    expect(thumbsBefore.every((n) => thumbsAfter.includes(n))).toBe(true);
    expect(thumbsAfter.length).toBe(thumbsBefore.length + drawn!);

    // Again with a core to spare: the rebuild's image worker starts before the checks and renders the cards and thumbnails.
    await edit(root, 'في المدن والقرى القديمة', 'في المدن والقرى العتيقة');
    const idle = vi.spyOn(os, 'loadavg').mockReturnValue([0, 0, 0]);
    const third = await build({ ...opts, jobs: undefined }).finally(() => idle.mockRestore());
    expect(third.threads).toBe(defaultJobs());
    expect([...third.jobs.rendered].sort()).toEqual([...expected].sort());

    // Same bytes as a build that renders everything, on two worker threads, with nothing kept from before
    // (the print files: the press files recoloured from the memos, their impositions from the documents kept loaded).
    await rm(path.join(root, '.warraq-cache'), { recursive: true, force: true });
    await build({ ...opts, out: 'fresh', force: true });
    const edited = await fingerprint(path.join(root, 'dist'));
    expect(Object.keys(edited).filter((p) => p.startsWith('print/')).sort()).toEqual(jobs.filter((p) => p.startsWith('print/')).sort());
    expect(edited).toEqual(await fingerprint(path.join(root, 'fresh')));
  });

  it("builds that do not run the booklet's thumbnails job (another leaflet sheet, the cards only) keep its page thumbnails for the next edit", async () => {
    const root = await otherProject();
    const opts: BuildOptions = { projectRoot: root, source: 'source/other.txt', out: 'dist', jobs: 2 };
    const first = await build(opts);
    const pages = first.manifest.outputs.find((o) => o.path === 'booklet.pdf')?.pages;
    const kept = await pageThumbs(root);
    expect(kept.length).toBe(pages);
    expect((await build({ ...opts, leafletSheet: 'a4-2up' })).jobs.rendered).not.toContain('gallery/booklet');
    expect((await build({ ...opts, only: ['cards'], out: 'cards' })).jobs.rendered).not.toContain('gallery/booklet');
    expect(await pageThumbs(root)).toEqual(kept);

    await edit(root, 'في المدن القديمة', 'في المدن والقرى القديمة');
    const edited = await build(opts);
    expect(edited.jobs.rendered).toContain('gallery/booklet');
    expect(edited.pagesDrawn).toBeGreaterThan(0);
    expect(edited.pagesDrawn).toBeLessThanOrEqual(pages!);
  });

  it("--only cards into the full build's folder keeps the cache entries of the other kinds: the next full build renders nothing", async () => {
    const root = await otherProject();
    const opts: BuildOptions = { projectRoot: root, source: 'source/other.txt', out: 'dist', jobs: 2 };
    await build(opts);
    const cacheDir = path.join(root, '.warraq-cache', (await readdir(path.join(root, '.warraq-cache'))).find((n) => n !== 'thumbs')!);
    const entries = (await readdir(cacheDir)).sort();
    const cards = await build({ ...opts, only: ['cards'] });
    expect(cards.carried).toContain('booklet.pdf');
    expect((await readdir(cacheDir)).sort()).toEqual(entries);
    const full = await build(opts);
    expect(full.jobs.rendered).toEqual([]);
  });

  it('a build that keeps its record for later (watch mode) returns with its outputs committed; a text saved before that record is written is built by the next build', async () => {
    const root = await otherProject();
    const opts: BuildOptions = { projectRoot: root, source: 'source/other.txt', out: 'dist', only: ['leaflets'], jobs: 1, keepLater: true };
    const first = await build(opts);
    expect(JSON.parse(await readFile(path.join(root, 'dist/manifest.json'), 'utf8')).outputs.length).toBe(first.files.length);
    // Saved while the first build still writes what it keeps: its record names the text it built, not this one.
    await edit(root, 'في المدن القديمة', 'في المدن العتيقة');
    await keptForNext();
    const second = await build(opts);
    expect(second.where).not.toMatch(/nothing to do/);
    expect(second.jobs.rendered).toContain(`leaflets/${first.model.points[0].slug}.pdf`);
    await keptForNext();
    expect((await build(opts)).where).toMatch(/nothing to do/);
  });

  it("a changed point's metadata re-renders that point only; with the side cache gone, leaflets render again for all-leaflets.pdf", async () => {
    const root = await otherProject();
    const opts: BuildOptions = { projectRoot: root, source: 'source/other.txt', out: 'dist', only: ['leaflets'], jobs: 2 };
    const first = await build(opts);
    const meta = path.join(root, 'source/other.meta.yaml');
    await writeFile(meta, (await readFile(meta, 'utf8')).replace('title: مهرجان المسرح الشعبي', 'title: مهرجان المسرح'));
    const second = await build(opts);
    expect(second.jobs.rendered.sort()).toEqual(['leaflets/06-folk-theatre.pdf', 'leaflets/all-leaflets.pdf']);

    await rm(path.join(root, '.warraq-cache'), { recursive: true });
    await edit(root, 'في المدن القديمة', 'في المدن العتيقة');
    const third = await build(opts);
    expect(third.jobs.rendered.sort()).toEqual(first.jobs.rendered.filter((p) => p.startsWith('leaflets/')).sort());
    await build({ ...opts, out: 'fresh', force: true });
    expect(await fingerprint(path.join(root, 'dist'))).toEqual(await fingerprint(path.join(root, 'fresh')));
  });

  it('with --only print, the booklet and the leaflets are made for the print files (their laid-out pages) but skipped when those are unchanged', async () => {
    const root = await otherProject();
    const opts: BuildOptions = { projectRoot: root, source: 'source/other.txt', out: 'dist', only: ['print'], jobs: 2 };
    const first = await build(opts);
    expect(first.files.every((f) => f.path.startsWith('print/'))).toBe(true);
    expect(first.jobs.rendered).toContain('booklet.pdf');
    expect(first.jobs.rendered.filter((p) => p.startsWith('leaflets/')).length).toBeGreaterThan(0);
    const again = await build(opts);
    expect(again.jobs.rendered).toEqual([]);
    expect(again.jobs.skipped).toEqual(first.jobs.rendered.filter((p) => !p.startsWith('print/')));
    // The full path (a touched output) skips the booklet and the leaflets; the saddle file is imposed again from the reused press PDF.
    await rm(path.join(root, 'dist/print/booklet-a4-saddle.pdf'));
    const restored = await build(opts);
    expect(restored.jobs.rendered).toEqual(['print/booklet-a4-saddle.pdf']);
    expect(restored.jobs.skipped).toEqual(first.jobs.rendered.filter((p) => !p.startsWith('print/')));
  });
});
