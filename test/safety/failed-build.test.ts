/**
 * All-or-nothing output: a build that fails at any point leaves the previous
 * output folder byte for byte as it was, with nothing beside it. (A build
 * killed in the middle of the commit: test/safety/crash.test.ts.)
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/build.js';
import { lockOutput, writeOutputs, type OutputFile } from '../../src/output/writeOutputs.js';
import { besideOut, fingerprint, smallProject } from '../fixtures/reliability/project.js';

const only: BuildOptions['only'] = ['booklet', 'leaflets', 'cards'];

/** The output folder agrees with its own manifest: same file set, same hashes. */
async function selfConsistent(out: string) {
  const files = await fingerprint(out);
  const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { outputs: Array<{ path: string; sha256: string }> };
  const listed = Object.fromEntries(manifest.outputs.map((o) => [o.path, o.sha256]));
  const { ['manifest.json']: _m, ...rest } = files;
  expect(rest).toEqual(listed);
}

describe('a failing build changes nothing', () => {
  it('a job that throws in the middle leaves every file and the manifest byte-identical, with no staging, old or temp files', async () => {
    const root = await smallProject();
    const out = path.join(root, 'dist');
    await build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only });
    await selfConsistent(out);
    const before = await fingerprint(out);
    expect(Object.keys(before).length).toBeGreaterThan(10);
    expect(await besideOut(out)).toEqual(['dist']);

    // Change the text, so any file written by the failing build would differ.
    const src = path.join(root, 'source/doc.txt');
    await writeFile(src, (await readFile(src, 'utf8')).replace('النقطة الأولى', 'النقطة الأولى المعدلة'));
    const seen: string[] = [];
    const failing = build({
      projectRoot: root,
      source: 'source/doc.txt',
      out: 'dist',
      only,
      beforeJob: (job) => {
        seen.push(job.path);
        if (job.kind === 'card' && job.point === 1) throw new Error('injected failure');
      },
    });
    await expect(failing).rejects.toThrow('injected failure');
    // The failure came after the booklet and the edited point's leaflet had started (they go first: other jobs wait for them).
    expect(seen).toContain('booklet.pdf');
    expect(seen.some((p) => p.startsWith('leaflets/01'))).toBe(true);
    expect(seen[seen.length - 1]).toMatch(/^cards\/portrait\/01/);

    expect(await fingerprint(out)).toEqual(before);
    expect(await besideOut(out)).toEqual(['dist']);
  });

  it('a write that fails half-way through the staging folder leaves the old folder and no staging behind', async () => {
    const root = await smallProject();
    const out = path.join(root, 'dist');
    const enc = (s: string) => new TextEncoder().encode(s);
    const meta = { source: { file: 's', sha256: 'x' }, date: '2024-01-01' };
    const good: OutputFile[] = [{ kind: 'booklet', path: 'booklet.pdf', bytes: enc('old booklet') }];
    await writeOutputs(out, good, meta);
    const before = await fingerprint(out);
    // `leaflets` is written as a file, then `leaflets/01.pdf` needs it to be a folder: the write fails.
    const bad: OutputFile[] = [
      { kind: 'booklet', path: 'booklet.pdf', bytes: enc('new booklet') },
      { kind: 'leaflet', path: 'leaflets', bytes: enc('x') },
      { kind: 'leaflet', path: 'leaflets/01.pdf', bytes: enc('y') },
    ];
    await expect(writeOutputs(out, bad, meta)).rejects.toThrow();
    expect(await fingerprint(out)).toEqual(before);
    expect(await besideOut(out)).toEqual(['dist']);
  });
});

describe('the lock file', () => {
  it('names the holder (pid, process start time, host) and is gone after the build', async () => {
    const root = await smallProject();
    const out = path.join(root, 'dist');
    const lock = await lockOutput(out);
    const record = JSON.parse(await readFile(`${out}.lock`, 'utf8'));
    expect(record).toMatchObject({ generator: 'warraq', pid: process.pid, host: os.hostname() });
    expect(record.start).toMatch(/^\d+$/);
    await lock.release();
    expect(await besideOut(out)).toEqual([]);
  });
});
