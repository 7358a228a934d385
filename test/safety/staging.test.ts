/**
 * The staging area on its own: a reused file goes in as a hard link to the
 * previous output (same inode afterwards), one that changed after it was
 * checked is refused (E-OUT-CHANGED), and the manifest is sorted, with
 * sizes and hashes.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WarraqError } from '../../src/diagnostics.js';
import { hashFile, readManifest, Staging, writeOutputs, type OutputFile, type ReusedFile } from '../../src/output/writeOutputs.js';
import { tempDir } from '../support/tmp.js';

const enc = (s: string) => new TextEncoder().encode(s);
const files: OutputFile[] = [
  { kind: 'leaflet', point: 1, path: 'leaflets/01.pdf', bytes: enc('leaflet a') },
  { kind: 'booklet', path: 'booklet.pdf', bytes: enc('booklet a'), pages: 3 },
];
const meta = { source: { file: 's.txt', sha256: 'x' }, date: '2023-10-22' };

async function reused(dir: string, p: string): Promise<ReusedFile> {
  const file = path.join(dir, p);
  const st = await stat(file);
  return { kind: 'booklet', path: p, size: st.size, sha256: await hashFile(file), linkFrom: { path: file, ino: st.ino, mtimeMs: st.mtimeMs, size: st.size } };
}

describe('the staging area', () => {
  it('writes a sorted manifest with sizes and hashes, and nothing beside the folder', async () => {
    const dir = path.join(await tempDir('warraq-stage-'), 'dist');
    await writeOutputs(dir, files, meta);
    const m = (await readManifest(dir))!;
    expect(m.outputs.map((o) => o.path)).toEqual(['booklet.pdf', 'leaflets/01.pdf']);
    expect(m.outputs[0]).toMatchObject({ kind: 'booklet', bytes: 9, pages: 3 });
    expect(m.outputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await readdir(path.dirname(dir))).toEqual(['dist']);
  });

  it('links a reused file (the same inode afterwards)', async () => {
    const dir = path.join(await tempDir('warraq-stage-'), 'dist');
    await writeOutputs(dir, files, meta);
    const ino = (await stat(path.join(dir, 'booklet.pdf'))).ino;
    const stage = await Staging.open(dir);
    await stage.add([await reused(dir, 'booklet.pdf')]);
    await stage.commit(meta.source, meta.date, { previous: await readManifest(dir) });
    expect((await stat(path.join(dir, 'booklet.pdf'))).ino).toBe(ino);
    expect(await readFile(path.join(dir, 'booklet.pdf'), 'utf8')).toBe('booklet a');
  });

  it('refuses a reused file that someone changed after it was checked (E-OUT-CHANGED), and changes nothing', async () => {
    const dir = path.join(await tempDir('warraq-stage-'), 'dist');
    await writeOutputs(dir, files, meta);
    const r = await reused(dir, 'booklet.pdf');
    await writeFile(path.join(dir, 'booklet.pdf'), 'edited by hand');
    const stage = await Staging.open(dir);
    const err = await stage.add([r]).catch((e: unknown) => e);
    await stage.discard();
    expect(err).toBeInstanceOf(WarraqError);
    expect((err as WarraqError).diagnostics[0].code).toBe('E-OUT-CHANGED');
    expect(await readFile(path.join(dir, 'booklet.pdf'), 'utf8')).toBe('edited by hand');
    expect(await readdir(path.dirname(dir))).toEqual(['dist']);
  });
});
