/**
 * A build that dies at any moment of writing its outputs. The file-system
 * calls of the output stage are intercepted: after the N-th call that
 * changes something, every further change fails, as if the process had been
 * killed there (nothing more happens, not even a rollback). The next lock
 * repairs it: the folder is then the previous output or the new one, exactly
 * as its manifest says, the user's files are as they were, and nothing of
 * warraq's is left beside it. Tried at every N, with and without files of
 * the user's in the folder (file by file, and whole-folder swap).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { lockOutput, writeOutputs, type OutputFile } from '../../src/output/writeOutputs.js';
import { besideOut, fingerprint } from '../fixtures/reliability/project.js';
import { tempDir } from '../support/tmp.js';
import { put } from './support.js';

const crash = vi.hoisted(() => ({ after: Infinity, calls: 0 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const changing = ['writeFile', 'rename', 'link', 'unlink', 'rm', 'rmdir', 'mkdir', 'copyFile', 'utimes'] as const;
  const wrapped: Record<string, unknown> = {};
  for (const name of changing) {
    const real = fs[name] as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = async (...args: unknown[]) => {
      if (++crash.calls > crash.after) throw Object.assign(new Error(`killed before ${name}`), { code: 'EKILLED' });
      return real(...args);
    };
  }
  return { ...fs, ...wrapped, default: { ...fs, ...wrapped } };
});

const enc = (s: string) => new TextEncoder().encode(s);
const version = (tag: string, extra: string[] = []): OutputFile[] => [
  { kind: 'booklet', path: 'booklet.pdf', bytes: enc(`booklet ${tag}`) },
  { kind: 'leaflet', path: 'leaflets/01.pdf', bytes: enc(`leaflet 1 ${tag}`) },
  { kind: 'leaflet', path: 'leaflets/02.pdf', bytes: enc(`leaflet 2 ${tag}`) },
  ...extra.map((p): OutputFile => ({ kind: 'print', path: p, bytes: enc(`${p} ${tag}`) })),
];
const meta = { source: { file: 's.txt', sha256: 'x' }, date: '2024-01-01' };
const USER = { 'notes.txt': 'mine', 'leaflets/mine.txt': 'mine too', 'drafts/a.txt': 'a' };

/** What the folder holds for a complete write of `files` (plus the user's files). */
async function expected(files: OutputFile[], user: Record<string, string>) {
  const dir = path.join(await tempDir('warraq-crash-ref-'), 'dist');
  await writeOutputs(dir, files, meta);
  await put(dir, user);
  return fingerprint(dir);
}

async function scenario(withUser: boolean) {
  const user = withUser ? USER : {};
  // The new version changes files, adds one and drops one.
  const A = version('a', ['print/old.pdf']);
  const B = version('b', ['print/new.pdf']);
  const [before, after] = [await expected(A, user), await expected(B, user)];
  const outcomes = { old: 0, new: 0 };
  for (let n = 0; ; n++) {
    const root = await tempDir('warraq-crash-');
    const out = path.join(root, 'dist');
    crash.after = Infinity;
    await writeOutputs(out, A, meta);
    await put(out, user);
    crash.calls = 0;
    crash.after = n;
    const died = await writeOutputs(out, B, meta).then(
      () => false,
      (e: unknown) => {
        expect((e as Error).message).toMatch(/killed before/);
        return true;
      },
    );
    crash.after = Infinity;
    const lock = await lockOutput(out);
    await lock.release();
    const now = await fingerprint(out);
    if (JSON.stringify(now) === JSON.stringify(before)) outcomes.old++;
    else {
      expect(now, `killed after ${n} changes`).toEqual(after);
      outcomes.new++;
    }
    expect(await besideOut(out), `killed after ${n} changes`).toEqual(['dist']);
    if (!died) break;
  }
  return outcomes;
}

describe('a write killed at any moment', () => {
  it('with files of the user’s in the folder (file by file): previous or new output, the user’s files intact', async () => {
    const { old, new: made } = await scenario(true);
    expect(old).toBeGreaterThan(3);
    expect(made).toBeGreaterThan(3);
  });

  it('with only warraq’s files (whole-folder swap): previous or new output', async () => {
    const { old, new: made } = await scenario(false);
    expect(old).toBeGreaterThan(3);
    expect(made).toBeGreaterThan(0);
  });

  it('the manifest of the folder is the last thing to change in a file-by-file commit', async () => {
    const root = await tempDir('warraq-crash-');
    const out = path.join(root, 'dist');
    await writeOutputs(out, version('a'), meta);
    await put(out, USER);
    const r = await writeOutputs(out, version('b'), meta);
    expect(r.mode).toBe('files');
    expect(r.kept).toEqual(['drafts/', 'leaflets/mine.txt', 'notes.txt']);
    expect(JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')).outputs.map((o: { path: string }) => o.path)).toEqual(['booklet.pdf', 'leaflets/01.pdf', 'leaflets/02.pdf']);
  });
});
