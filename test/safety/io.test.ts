/**
 * A full disk, a read-only or forbidden folder, a file where a folder
 * should be: the build stops with a diagnostic and a hint (E-OUT-IO,
 * E-LOCK-IO), and nothing half-written stays behind — no staging folder,
 * no parent folder made for the failed build, the previous output as it
 * was. The failures are injected into the file-system calls (simulated).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { build } from '../../src/build.js';
import { besideOut, fingerprint, smallProject, warraqError } from '../fixtures/reliability/project.js';
import { editText, put } from './support.js';

const fail = vi.hoisted(() => ({ code: '', fn: '', match: '', skip: 0 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const wrapped: Record<string, unknown> = {};
  for (const name of ['writeFile', 'rename', 'link', 'mkdir', 'open'] as const) {
    const real = fs[name] as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = async (...args: unknown[]) => {
      const p = String(args[0]);
      if (fail.code && fail.fn === name && p.includes(fail.match) && fail.skip-- <= 0) {
        const code = fail.code;
        fail.code = '';
        throw Object.assign(new Error(`${code}: injected, ${name} '${p}'`), { code, path: p, syscall: name });
      }
      return real(...args);
    };
  }
  return { ...fs, ...wrapped, default: { ...fs, ...wrapped } };
});

const only = ['booklet', 'leaflets'] as ('booklet' | 'leaflets')[];
const withoutCache = (f: Record<string, string>) => Object.fromEntries(Object.entries(f).filter(([k]) => !k.startsWith('.warraq-cache/')));

describe('writing the outputs fails', () => {
  it.each([
    ['ENOSPC', /disk is full/],
    ['EROFS', /read-only/],
    ['EACCES', /permissions/],
    ['EISDIR', /folder stands where/],
    ['ENOTDIR', /file stands where/],
  ])('%s on the third staged file of a new, nested output folder: E-OUT-IO, and not even its parents remain', async (code, hint) => {
    const root = await smallProject();
    const before = withoutCache(await fingerprint(root));
    Object.assign(fail, { code, fn: 'writeFile', match: '.staging-', skip: 3 });
    const err = await warraqError(build({ projectRoot: root, source: 'source/doc.txt', out: 'new/deep/dist', only }));
    expect(err.diagnostics.map((d) => d.code)).toEqual(['E-OUT-IO']);
    expect(err.diagnostics[0].found).toContain(code);
    expect(err.diagnostics[0].hint).toMatch(hint);
    expect(withoutCache(await fingerprint(root))).toEqual(before);
    expect(await readdir(root)).not.toContain('new');
  });

  it.each([
    ['ENOSPC while staging', { code: 'ENOSPC', fn: 'writeFile', match: '.staging-', skip: 1 }, /no space left/],
    // The second rename of a staged file into the output folder fails: what was done is rolled back.
    ['EIO in the middle of a file-by-file commit', { code: 'EIO', fn: 'rename', match: '/tree/', skip: 1 }, /EIO/],
  ])('%s, with a previous output and files of the user’s: all as it was, nothing beside', async (_what, failure, message) => {
    const root = await smallProject();
    const out = path.join(root, 'dist');
    await build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only });
    await put(out, { 'mine.txt': 'mine' });
    await editText(root, 'المعدلة');
    const before = await fingerprint(out);
    Object.assign(fail, failure);
    const err = await warraqError(build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only }));
    expect(err.diagnostics.map((d) => d.code)).toEqual(['E-OUT-IO']);
    expect(err.message).toMatch(message);
    expect(await fingerprint(out)).toEqual(before);
    expect(await besideOut(out)).toEqual(['dist']);
  });

  it('EROFS when making the staging folder', async () => {
    const root = await smallProject();
    Object.assign(fail, { code: 'EROFS', fn: 'mkdir', match: '.staging-', skip: 0 });
    const err = await warraqError(build({ projectRoot: root, source: 'source/doc.txt', out: 'out/dist', only }));
    expect(err.diagnostics.map((d) => d.code)).toEqual(['E-OUT-IO']);
    expect(await besideOut(path.join(root, 'out'))).toEqual([]);
  });
});

describe('taking the lock fails', () => {
  it.each(['EACCES', 'ENOSPC', 'EROFS'])('%s: E-LOCK-IO with a hint, no lock and no parent folder left', async (code) => {
    const root = await smallProject();
    const before = await fingerprint(root);
    Object.assign(fail, { code, fn: 'writeFile', match: '.lock-', skip: 0 });
    const err = await warraqError(build({ projectRoot: root, source: 'source/doc.txt', out: 'new/dist', only }));
    expect(err.diagnostics.map((d) => d.code)).toEqual(['E-LOCK-IO']);
    expect(err.diagnostics[0].hint).toBeTruthy();
    expect(await fingerprint(root)).toEqual(before);
    expect(await readdir(root)).not.toContain('new');
  });
});
