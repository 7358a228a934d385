/**
 * Builds that overlap, and a swap that fails half-way. File-system calls of
 * the output stage are intercepted (never timed): the first write into a
 * staging folder waits until the test lets it go, so the second build
 * deterministically arrives while the first one holds the lock.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { build, type BuildReport } from '../../src/build.js';
import { WarraqError } from '../../src/diagnostics.js';
import { besideOut, fingerprint, smallProject } from '../fixtures/reliability/project.js';

const hooks = vi.hoisted(() => ({
  /** When set, the first staging write waits for this promise. */
  gate: undefined as Promise<void> | undefined,
  gated: false,
  /** When set, renaming a staging folder onto this path fails once. */
  failSwapInto: undefined as string | undefined,
}));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const writeFile: typeof fs.writeFile = async (file, ...rest) => {
    if (hooks.gate && !hooks.gated && String(file).includes('.staging-')) {
      hooks.gated = true;
      await hooks.gate;
    }
    return fs.writeFile(file, ...rest);
  };
  const rename: typeof fs.rename = async (from, to) => {
    if (hooks.failSwapInto && String(to) === hooks.failSwapInto && String(from).includes('.staging-')) {
      hooks.failSwapInto = undefined;
      throw Object.assign(new Error(`EIO: injected failure, rename '${String(from)}' -> '${String(to)}'`), { code: 'EIO' });
    }
    return fs.rename(from, to);
  };
  return { ...fs, writeFile, rename, default: { ...fs, writeFile, rename } };
});

async function selfConsistent(out: string) {
  const files = await fingerprint(out);
  const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { source: { sha256: string }; outputs: Array<{ path: string; sha256: string }> };
  const { ['manifest.json']: _m, ...rest } = files;
  expect(rest).toEqual(Object.fromEntries(manifest.outputs.map((o) => [o.path, o.sha256])));
  return manifest;
}

describe('two builds into one folder at once', () => {
  it('the second fails with E-LOCKED while the first holds the lock (same process, so the pid alone cannot tell them apart); nothing interleaves', async () => {
    const root = await smallProject();
    const text = await readFile(path.join(root, 'source/doc.txt'), 'utf8');
    await writeFile(path.join(root, 'source/other.txt'), text.replace('النقطة الأولى', 'النقطة الأولى الأخرى'));
    const out = path.join(root, 'dist');

    let open!: () => void;
    hooks.gate = new Promise<void>((r) => (open = r));
    hooks.gated = false;
    try {
      const a = build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet', 'leaflets'] });
      const b = build({ projectRoot: root, source: 'source/other.txt', out: 'dist', only: ['booklet', 'leaflets'] });
      // The gated build cannot settle; the other one settles on its own, then the gate opens.
      void Promise.race([a, b]).then(open, open);
      const results = await Promise.allSettled([a, b]);

      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      const done = results.filter((r): r is PromiseFulfilledResult<BuildReport> => r.status === 'fulfilled');
      expect(failed).toHaveLength(1);
      expect(done).toHaveLength(1);
      const err = failed[0].reason;
      expect(err).toBeInstanceOf(WarraqError);
      expect((err as WarraqError).diagnostics.map((d) => d.code)).toEqual(['E-LOCKED']);
      expect((err as WarraqError).message).toMatch(/another build .* is writing/);

      // The folder is exactly the winner's output.
      const manifest = await selfConsistent(out);
      expect(manifest.source.sha256).toBe(done[0].value.manifest.source.sha256);
      expect(await besideOut(out)).toEqual(['dist']);
    } finally {
      hooks.gate = undefined;
      open();
    }
  });

  it('one build after the other both succeed (the lock is released)', async () => {
    const root = await smallProject();
    await build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet'] });
    await build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet'] });
    expect(await besideOut(path.join(root, 'dist'))).toEqual(['dist']);
  });
});

describe('a swap that fails half-way', () => {
  it('puts the previous folder back and leaves nothing beside it', async () => {
    const root = await smallProject();
    const out = path.join(root, 'dist');
    await build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet'] });
    const before = await fingerprint(out);
    const src = path.join(root, 'source/doc.txt');
    await writeFile(src, (await readFile(src, 'utf8')).replace('النقطة الأولى', 'النقطة الأولى المعدلة'));
    hooks.failSwapInto = out;
    await expect(build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet'] })).rejects.toThrow(/injected failure/);
    expect(hooks.failSwapInto).toBeUndefined(); // the injected failure did happen
    expect(await fingerprint(out)).toEqual(before);
    expect(await besideOut(out)).toEqual(['dist']);
  });
});

describe('a build that finds the folder locked', () => {
  it('fails with E-LOCKED before reading or rendering anything', async () => {
    const { lockOutput } = await import('../../src/output/writeOutputs.js');
    const root = await smallProject();
    const lock = await lockOutput(path.join(root, 'dist'));
    const beforeJob = vi.fn();
    try {
      const err = await build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet'], beforeJob }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WarraqError);
      expect((err as WarraqError).diagnostics[0].code).toBe('E-LOCKED');
      expect(beforeJob).not.toHaveBeenCalled();
    } finally {
      await lock.release();
    }
  });
});
