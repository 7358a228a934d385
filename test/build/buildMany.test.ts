/**
 * Many documents in one run (buildMany): each source into its own folder,
 * each on the threads it would take alone (the main thread for a small
 * rebuild or PDF files only, else one worker pool shared by the documents
 * that want one), a failure confined to its document.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, buildMany, documentFolder } from '../../src/build.js';
import { defaultJobs } from '../../src/jobs/pool.js';
import { fingerprint, fixture, repoRoot, smallProject } from '../fixtures/reliability/project.js';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

describe('buildMany', () => {
  it('names each document\'s folder once, for .txt and .md alike (the command line prints and checks the same folder)', () => {
    expect(documentFolder('out', 'many/a.txt')).toBe(path.join('out', 'a'));
    expect(documentFolder('out', 'notes/b.MD')).toBe(path.join('out', 'b'));
    expect(documentFolder('out', 'c.meta.txt')).toBe(path.join('out', 'c.meta'));
  });

  it('builds every .txt of a folder into its own output folder, equal to building each alone; a bad one fails alone', async () => {
    const root = await smallProject({
      'many/a.txt': { copy: fixture('small.txt') },
      'many/a.meta.yaml': { copy: fixture('small.meta.yaml') },
      'many/b.txt': { copy: fixture('small.txt') },
      'many/c-bad.txt': '## عنوان\n\n1. أول.\n\n3. ثالث.\n',
    });
    roots.push(root);
    const opts = { projectRoot: root, out: 'out', sourceDateEpoch: '1700000000' };
    const seen: string[] = [];
    const r = await buildMany({ ...opts, sources: ['many'], onDocument: (_d, _t, source) => seen.push(source) });
    expect(seen).toEqual(['many/a.txt', 'many/b.txt', 'many/c-bad.txt']);
    expect(r.documents.map((d) => [d.out, d.error === undefined])).toEqual([
      [path.join('out', 'a'), true],
      [path.join('out', 'b'), true],
      [path.join('out', 'c-bad'), false],
    ]);
    await build({ ...opts, source: 'many/a.txt', out: 'alone' });
    expect(await fingerprint(path.join(root, 'out/a'))).toEqual(await fingerprint(path.join(root, 'alone')));

    // Again: nothing changed, nothing renders.
    const again = await buildMany({ ...opts, sources: ['many/a.txt', 'many/b.txt'] });
    expect(again.documents.every((d) => d.report?.jobs.rendered.length === 0)).toBe(true);
  }, 120_000);

  it('sizes each document\'s threads by the rule of a build alone (defaultThreads): a cold build with images one per core, a small rebuild in the main thread', async () => {
    const root = await smallProject({ 'many/a.txt': { copy: fixture('small.txt') }, 'many/b.txt': { copy: fixture('small.txt') } });
    roots.push(root);
    const opts = { projectRoot: root, out: 'out', sourceDateEpoch: '1700000000', sources: ['many'] };
    const alone = await build({ projectRoot: root, out: 'alone', sourceDateEpoch: '1700000000', source: 'many/a.txt' });
    // A cold build with images renders on one thread per core (on one core there is nothing more to compare).
    if (defaultJobs() > 1) expect(alone.threads).toBeGreaterThan(1);
    const cold = await buildMany(opts);
    expect(cold.documents.map((d) => d.report?.threads)).toEqual([alone.threads, alone.threads]);
    // One point of one document edited: a small rebuild, in the main thread.
    const file = path.join(root, 'many/b.txt');
    await writeFile(file, (await readFile(file, 'utf8')).replace('.', '،.'));
    const edited = await buildMany(opts);
    expect(edited.documents[1].report!.jobs.rendered.length).toBeGreaterThan(0);
    expect(edited.documents.map((d) => d.report?.threads)).toEqual([0, 1]);
  }, 120_000);

  it('renders PDF files only in the main thread, as a build alone does, however many jobs', async () => {
    const seed = (name: string) => ({ copy: path.join(repoRoot, 'source', name) });
    const root = await smallProject({ 'many/a.txt': seed('izmir-2023.txt'), 'many/a.meta.yaml': seed('izmir-2023.meta.yaml') });
    roots.push(root);
    const r = await buildMany({ projectRoot: root, out: 'out', sourceDateEpoch: '1700000000', sources: ['many'], only: ['booklet', 'leaflets', 'print'] });
    const report = r.documents[0].report!;
    expect(report.jobs.rendered.length).toBeGreaterThan(16);
    expect(report.threads).toBe(1);
  }, 120_000);

  it('refuses two sources that would share an output folder', async () => {
    const root = await smallProject({ 'x/doc.txt': { copy: fixture('small.txt') } });
    roots.push(root);
    await expect(buildMany({ projectRoot: root, out: 'out', sources: ['source/doc.txt', 'x/doc.txt'] })).rejects.toThrow(/share the output folder/);
  });
});
