/**
 * Parallel rendering: a build over worker threads makes the same bytes as a
 * build in the main thread, one job at a time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { build, defaultThreads, earlyThreads, startsEarly, takesEarlyPool, type BuildReport } from '../../src/build.js';
import type { OutputGroup } from '../../src/jobs/kind.js';
import { planJobs } from '../../src/jobs/planJobs.js';
import { createPool, defaultJobs } from '../../src/jobs/pool.js';
import type { RenderJob } from '../../src/jobs/planJobs.js';
import { modelFromText } from '../../src/model/buildModel.js';
import { fingerprint, otherProject, repoRoot } from '../fixtures/reliability/project.js';

describe('parallel rendering', () => {
  it("without --jobs, the seed's one-point edit renders in the main thread alone and a two-point edit on one thread per core (the kinds' costs summed against SMALL_REBUILD)", () => {
    const read = (f: string) => readFileSync(path.join(repoRoot, f), 'utf8');
    const { model } = modelFromText(read('source/izmir-2023.txt'), 'source/izmir-2023.txt', {
      projectRoot: repoRoot,
      sourceDateEpoch: '1698000000',
      sidecar: { text: read('source/izmir-2023.meta.yaml'), file: 'source/izmir-2023.meta.yaml' },
    });
    const jobs = planJobs(model);
    // What an edit of these points renders again: their jobs (leaflet, cards, thumbnails) and the whole document's
    // (booklet, all-leaflets, print files, the gallery), not the document's own cards (its title: no point's text).
    const edited = (points: number[]): RenderJob[] => jobs.filter((j) => (j.point === undefined ? j.format === undefined : points.includes(j.point)));
    expect(edited([3]).some((j) => j.kind === 'thumbnails')).toBe(true);
    expect(defaultThreads(edited([3]))).toBe(1);
    expect(defaultThreads(edited([3, 4]))).toBe(defaultJobs());
  });

  it('a rebuild starts its image worker before the checks only without --jobs, --force, --clean, a pool or serial, with images to publish, and a core to spare', () => {
    const multi = defaultJobs() > 1;
    const idle = vi.spyOn(os, 'loadavg').mockReturnValue([0, 0, 0]);
    try {
      expect(startsEarly({}, true)).toBe(multi);
      expect(startsEarly({ only: ['cards'] }, true)).toBe(multi);
      expect(startsEarly({}, false)).toBe(false);
      for (const o of [{ force: true }, { clean: true }, { jobs: 2 }, { serial: true }, { only: ['booklet', 'print'] as OutputGroup[] }]) expect(startsEarly(o, true)).toBe(false);
      idle.mockReturnValue([defaultJobs(), 0, 0]);
      expect(startsEarly({}, true)).toBe(false);
    } finally {
      idle.mockRestore();
    }
  });

  it("a rebuild's early pool is one worker beside the main thread, however many the cores, and is taken only when the build would take no more threads", () => {
    const cores = vi.spyOn(os, 'availableParallelism').mockReturnValue(16);
    try {
      expect(defaultJobs()).toBe(16);
      expect(earlyThreads()).toBe(2);
      const leaflets = Array.from({ length: 40 }, (_, i) => ({ kind: 'leaflet', path: `leaflets/${i}.pdf`, point: i + 1 }));
      const cards = Array.from({ length: 40 }, (_, i) => ({ kind: 'card', path: `cards/square/${i}`, point: i + 1, format: 'square' }));
      // A one-point edit: the main thread alone would do; the early worker renders its cards beside it.
      const small = [leaflets[0], cards[0]];
      expect(takesEarlyPool(small, defaultThreads(small), earlyThreads())).toBe(true);
      // A large rebuild wants a thread per core: the early pool ends and the build starts its own.
      const large = [...leaflets, ...cards];
      expect(defaultThreads(large)).toBe(16);
      expect(takesEarlyPool(large, defaultThreads(large), earlyThreads())).toBe(false);
      // No image job: nothing for the worker.
      expect(takesEarlyPool(leaflets.slice(0, 1), 1, earlyThreads())).toBe(false);
      cores.mockReturnValue(1);
      expect(earlyThreads()).toBe(1);
    } finally {
      cores.mockRestore();
    }
  });

  it('without --jobs, renders on one thread per core only when there is much to render and an image job among it (else a worker would take PDF jobs with its own react-pdf and fonts)', () => {
    const leaflets = Array.from({ length: 40 }, (_, i) => ({ kind: 'leaflet', path: `leaflets/${i}.pdf`, point: i + 1 }));
    const cards = Array.from({ length: 40 }, (_, i) => ({ kind: 'card', path: `cards/square/${i}`, point: i + 1, format: 'square' }));
    expect(defaultThreads(leaflets)).toBe(1);
    expect(defaultThreads([...leaflets, ...cards])).toBe(defaultJobs());
    expect(defaultThreads([...leaflets.slice(0, 10), ...cards.slice(0, 6)])).toBe(1);
  });

  it('--jobs 2 (main thread + a worker), --jobs 1 and a pool of workers only give byte-identical outputs and manifest to a serial build (main thread, one job at a time)', async () => {
    const root = await otherProject();
    const progress: string[] = [];
    const one = await build({ projectRoot: root, source: 'source/other.txt', out: 'one', serial: true });
    const main = await build({ projectRoot: root, source: 'source/other.txt', out: 'main', jobs: 1 });
    expect(main.where).toBe('in the main thread');
    const two: BuildReport = await build({
      projectRoot: root,
      source: 'source/other.txt',
      out: 'two',
      jobs: 2,
      onOutput: (done, total, file) => progress.push(`${done}/${total} ${file}`),
    });
    // Watch mode's pool: worker threads only, one lane per family.
    const pool = await createPool(2, { threads: true });
    const workers = await build({ projectRoot: root, source: 'source/other.txt', out: 'workers', pool }).finally(() => pool.destroy());
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect(two.where).toBe('on 2 threads (main + 1 worker)');
    expect(workers.where).toBe('on 2 worker threads');
    const a = await fingerprint(path.join(root, 'one'));
    const b = await fingerprint(path.join(root, 'two'));
    expect(Object.keys(a).length).toBeGreaterThan(30);
    expect(b).toEqual(a);
    expect(await fingerprint(path.join(root, 'workers'))).toEqual(a);
    expect(await fingerprint(path.join(root, 'main'))).toEqual(a);
    // Every planned job reported progress once, counting up to the total.
    const total = two.jobs.rendered.length + two.jobs.unchanged.length + two.jobs.skipped.length;
    expect(progress).toHaveLength(total);
    expect(progress.map((l) => l.split(' ')[0])).toEqual(Array.from({ length: total }, (_, i) => `${i + 1}/${total}`));
  });

  it('every job starts after the jobs it takes as input, and the booklet (the longest chain: its press PDF, the saddle sheets) goes first', async () => {
    const root = await otherProject();
    const seen: string[] = [];
    const report = await build({
      projectRoot: root,
      source: 'source/other.txt',
      out: 'dist',
      only: ['leaflets', 'print'],
      jobs: 2,
      beforeJob: (job) => void seen.push(job.path),
    });
    const leaflets = seen.filter((p) => p.startsWith('leaflets/') && p !== 'leaflets/all-leaflets.pdf');
    expect(leaflets.length).toBeGreaterThan(3);
    // The booklet, needed for its laid-out pages by the press PDF, starts first.
    expect(seen[0]).toBe('booklet.pdf');
    const at = (p: string) => seen.indexOf(p);
    expect(at('booklet.pdf')).toBeLessThan(at('print/booklet-press.pdf'));
    for (const l of leaflets) expect(at(l)).toBeLessThan(at('leaflets/all-leaflets.pdf'));
    for (const l of leaflets) expect(at(l)).toBeLessThan(at('print/leaflets-press.pdf'));
    expect(at('print/leaflets-press.pdf')).toBeLessThan(at('print/leaflets-a4-2up.pdf'));
    expect(at('print/booklet-press.pdf')).toBeLessThan(at('print/booklet-a4-saddle.pdf'));
    expect(seen.sort()).toEqual(planJobs(report.model, { only: ['leaflets', 'print'] }).map((j) => j.path).sort());
    // The booklet is made for the press PDF but not published with --only leaflets,print.
    expect(report.files.map((f) => f.path)).not.toContain('booklet.pdf');
    expect(report.files.map((f) => f.path)).toContain('print/booklet-a4-saddle.pdf');
  });

  it('a job that throws in a worker stops the build and writes nothing', async () => {
    const root = await otherProject();
    const failing = build({
      projectRoot: root,
      source: 'source/other.txt',
      out: 'dist',
      only: ['leaflets'],
      jobs: 2,
      beforeJob: (job) => {
        if (job.kind === 'leaflet' && job.point === 3) throw new Error('injected failure');
      },
    });
    await expect(failing).rejects.toThrow('injected failure');
    await expect(fingerprint(path.join(root, 'dist'))).rejects.toThrow();
  });
});
