/**
 * All-or-nothing output: a build that fails at any point leaves the previous
 * output folder byte for byte as it was, with nothing beside it; a build
 * killed in the middle of the swap is repaired by the next one.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/build.js';
import { lockOutput, manifestFor, writeOutputs, type OutputFile } from '../../src/output/writeOutputs.js';
import { besideOut, fingerprint, smallProject } from '../fixtures/reliability/project.js';

const only: BuildOptions['only'] = ['booklet', 'leaflets', 'cards'];

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  return r.pid!;
}

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
    const good: OutputFile[] = [{ kind: 'booklet', path: 'booklet.pdf', bytes: enc('old booklet') }];
    await writeOutputs(out, good, manifestFor(good, { file: 's', sha256: 'x' }, '2024-01-01'));
    const before = await fingerprint(out);
    // `leaflets` is written as a file, then `leaflets/01.pdf` needs it to be a folder: the write fails.
    const bad: OutputFile[] = [
      { kind: 'booklet', path: 'booklet.pdf', bytes: enc('new booklet') },
      { kind: 'leaflet', path: 'leaflets', bytes: enc('x') },
      { kind: 'leaflet', path: 'leaflets/01.pdf', bytes: enc('y') },
    ];
    await expect(writeOutputs(out, bad, manifestFor(bad, { file: 's', sha256: 'x' }, '2024-01-01'))).rejects.toThrow();
    expect(await fingerprint(out)).toEqual(before);
    expect(await besideOut(out)).toEqual(['dist']);
  });
});

describe('a build killed during the swap', () => {
  async function crashedBetweenRenames() {
    const root = await smallProject();
    const out = path.join(root, 'dist');
    await build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet', 'leaflets'] });
    const before = await fingerprint(out);
    // What writeOutputs leaves when killed after `rename(out, old)` and before
    // `rename(staging, out)`: the old folder aside, a complete-looking staging
    // folder, no `out`, and the dead build's lock file.
    const pid = deadPid();
    await rename(out, `${out}.old-${pid}`);
    await mkdir(`${out}.staging-${pid}/leaflets`, { recursive: true });
    await writeFile(`${out}.staging-${pid}/booklet.pdf`, 'half-written');
    await writeFile(`${out}.staging-${pid}/leaflets/01.pdf.tmp-${pid}`, 'half-written');
    await writeFile(`${out}.lock`, String(pid));
    return { root, out, before };
  }

  it('the next lock (taken by every build before it writes) puts the previous output back and clears the debris', async () => {
    const { out, before } = await crashedBetweenRenames();
    const lock = await lockOutput(out);
    await lock.release();
    expect(await fingerprint(out)).toEqual(before);
    expect(await besideOut(out)).toEqual(['dist']);
  });

  it('the next build completes cleanly', async () => {
    const { root, out, before } = await crashedBetweenRenames();
    await build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet', 'leaflets'] });
    await selfConsistent(out);
    expect(await fingerprint(out)).toEqual(before); // same input, same bytes
    expect(await besideOut(out)).toEqual(['dist']);
  });

  it('a crash after the swap but before the old folder was removed is cleaned up too', async () => {
    const root = await smallProject();
    const out = path.join(root, 'dist');
    await build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet'] });
    const before = await fingerprint(out);
    const pid = deadPid();
    await mkdir(`${out}.old-${pid}`);
    await writeFile(`${out}.old-${pid}/booklet.pdf`, 'the output before the last one');
    const lock = await lockOutput(out);
    await lock.release();
    expect(await fingerprint(out)).toEqual(before);
    expect(await besideOut(out)).toEqual(['dist']);
  });
});

describe('the lock file', () => {
  it('names the holder and is gone after the build', async () => {
    const root = await smallProject();
    const out = path.join(root, 'dist');
    const lock = await lockOutput(out);
    expect((await readFile(`${out}.lock`, 'utf8')).split(/\s+/)[0]).toBe(String(process.pid));
    await lock.release();
    expect(await besideOut(out)).toEqual([]);
  });
});
