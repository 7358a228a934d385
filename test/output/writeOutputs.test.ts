import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, stat, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { lockOutput, manifestFor, writeOutputs, type OutputFile } from '../../src/output/writeOutputs.js';
import { WarraqError } from '../../src/diagnostics.js';

const enc = (s: string) => new TextEncoder().encode(s);
const files = (tag: string): OutputFile[] => [
  { kind: 'booklet', path: 'booklet.pdf', bytes: enc(`booklet ${tag}`), pages: 3 },
  { kind: 'leaflet', point: 1, path: 'leaflets/01.pdf', bytes: enc(`leaflet ${tag}`) },
];

describe('writeOutputs', () => {
  it('replaces the whole folder and writes a sorted manifest with sizes and hashes', async () => {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'warraq-out-')), 'dist');
    await mkdir(dir);
    await writeFile(path.join(dir, 'stale.pdf'), 'old');
    const m = manifestFor(files('a'), { file: 's.txt', sha256: 'x' }, '2023-10-22');
    await writeOutputs(dir, files('a'), m);
    expect((await readdir(dir)).sort()).toEqual(['booklet.pdf', 'leaflets', 'manifest.json']);
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.outputs.map((o: { path: string }) => o.path)).toEqual(['booklet.pdf', 'leaflets/01.pdf']);
    expect(manifest.outputs[0]).toMatchObject({ kind: 'booklet', bytes: 9, pages: 3 });
    expect(manifest.outputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    // no temporary files remain beside or inside
    expect((await readdir(path.dirname(dir))).sort()).toEqual(['dist']);
  });

  it('links a reused file from the previous folder, but writes the checked bytes if the file changed since it was read', async () => {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'warraq-out-')), 'dist');
    await writeOutputs(dir, files('a'), manifestFor(files('a'), { file: 's.txt', sha256: 'x' }, '2023-10-22'));
    const linkFrom = async (p: string) => {
      const st = await stat(path.join(dir, p));
      return { path: path.join(dir, p), ino: st.ino, mtimeMs: st.mtimeMs, size: st.size };
    };
    const [booklet, leaflet] = files('a');
    const reused: OutputFile[] = [
      { ...booklet, linkFrom: await linkFrom('booklet.pdf') },
      { ...leaflet, linkFrom: await linkFrom('leaflets/01.pdf') },
    ];
    const bookletIno = (await stat(path.join(dir, 'booklet.pdf'))).ino;
    // Someone edits the leaflet in place after the build read it back.
    await writeFile(path.join(dir, 'leaflets/01.pdf'), 'edited by hand');
    await writeOutputs(dir, reused, manifestFor(reused, { file: 's.txt', sha256: 'x' }, '2023-10-22'));
    expect((await stat(path.join(dir, 'booklet.pdf'))).ino).toBe(bookletIno);
    expect(await readFile(path.join(dir, 'leaflets/01.pdf'), 'utf8')).toBe('leaflet a');
  });

  it('refuses a second build while the first holds the lock', async () => {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'warraq-lock-')), 'dist');
    const lock = await lockOutput(dir);
    // The holder is this very process; simulate another live holder with the parent's pid.
    await writeFile(`${dir}.lock`, String(process.ppid));
    await expect(lockOutput(dir)).rejects.toBeInstanceOf(WarraqError);
    await lock.release();
    const again = await lockOutput(dir);
    await again.release();
  });

  it('takes over a stale lock whose process is gone', async () => {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'warraq-stale-')), 'dist');
    await writeFile(`${dir}.lock`, '999999');
    const lock = await lockOutput(dir);
    await lock.release();
  });
});
