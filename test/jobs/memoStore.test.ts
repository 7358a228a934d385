/**
 * Composed paragraphs, painted lines and font subsets remembered between
 * builds (src/jobs/memoStore.ts, src/text/composeCache.ts,
 * src/render/pdf/rememberedLines.ts, rememberedSubsets.ts) change no byte: a build with a warm composition
 * cache, in memory or read back from .warraq-cache/memo/, equals a build with
 * none.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/build.js';
import { forgetComposedInMemory as forgetComposed } from '../../src/text/composeCache.js';
import { forgetPaintedInMemory } from '../../src/render/pdf/rememberedLines.js';
import { forgetSubsetsInMemory } from '../../src/render/pdf/rememberedSubsets.js';
import { fingerprint, otherProject } from '../fixtures/reliability/project.js';

/** As a new process would start: no composed paragraph, painted line or font subset in memory. */
const forgetComposedInMemory = () => {
  forgetComposed();
  forgetPaintedInMemory();
  forgetSubsetsInMemory();
};

const memoFiles = async (root: string) => (await readdir(path.join(root, '.warraq-cache/memo')).catch(() => [] as string[])).filter((f) => f.startsWith('compose-'));

describe('composition remembered between builds', () => {
  it('a build with a warm cache (in memory, then from disk alone) equals a build with none, byte for byte', async () => {
    const root = await otherProject();
    const opts: BuildOptions = { projectRoot: root, source: 'source/other.txt', out: 'dist', jobs: 1 };
    forgetComposedInMemory();
    await build(opts);
    expect(await memoFiles(root)).toHaveLength(1);
    const memo = await readdir(path.join(root, '.warraq-cache/memo'));
    expect(memo.filter((f) => f.startsWith('lines-'))).toHaveLength(1);
    expect(memo.filter((f) => f.startsWith('subsets-'))).toHaveLength(1);

    // One point edited: the rest is taken from the cache (this thread's memory and the memo file).
    const file = path.join(root, 'source/other.txt');
    await writeFile(file, (await readFile(file, 'utf8')).replace('في المدن القديمة', 'في المدن والقرى القديمة'));
    await build(opts);
    // As a new process would: nothing in memory, the memo file read back.
    forgetComposedInMemory();
    await build({ ...opts, out: 'from-disk', force: true });

    // With no cache at all.
    forgetComposedInMemory();
    await rm(path.join(root, '.warraq-cache'), { recursive: true, force: true });
    await build({ ...opts, out: 'fresh', force: true });
    forgetComposedInMemory();

    const fresh = await fingerprint(path.join(root, 'fresh'));
    expect(await fingerprint(path.join(root, 'dist'))).toEqual(fresh);
    expect(await fingerprint(path.join(root, 'from-disk'))).toEqual(fresh);
  }, 300_000);

  it('a memo file that is damaged or of other code is not used (and the build is the same)', async () => {
    const root = await otherProject();
    const opts: BuildOptions = { projectRoot: root, source: 'source/other.txt', out: 'dist', jobs: 1, only: ['leaflets'] };
    forgetComposedInMemory();
    await build(opts);
    const [name] = await memoFiles(root);
    const memo = path.join(root, '.warraq-cache/memo', name);
    const bytes = await readFile(memo);
    bytes[bytes.length - 10] ^= 0xff;
    await writeFile(memo, bytes);
    forgetComposedInMemory();
    await build({ ...opts, out: 'damaged', force: true });
    expect(await fingerprint(path.join(root, 'damaged'))).toEqual(await fingerprint(path.join(root, 'dist')));
    forgetComposedInMemory();
  }, 300_000);

  it('an edit appends to the memo file rather than rewriting it; a torn append is not used, and the next build writes the file whole', async () => {
    const root = await otherProject();
    const opts: BuildOptions = { projectRoot: root, source: 'source/other.txt', out: 'dist', jobs: 1 };
    forgetComposedInMemory();
    await build(opts);
    const [name] = await memoFiles(root);
    const memo = path.join(root, '.warraq-cache/memo', name);
    const before = await readFile(memo);

    const file = path.join(root, 'source/other.txt');
    await writeFile(file, (await readFile(file, 'utf8')).replace('في المدن القديمة', 'في المدن والقرى القديمة'));
    forgetComposedInMemory();
    await build(opts);
    const after = await readFile(memo);
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);

    // A crash in the middle of that append: the file ends inside its last segment.
    const torn = after.subarray(0, before.length + Math.floor((after.length - before.length) / 2));
    await writeFile(memo, torn);
    forgetComposedInMemory();
    await build({ ...opts, out: 'torn', force: true });
    expect(await fingerprint(path.join(root, 'torn'))).toEqual(await fingerprint(path.join(root, 'dist')));
    // That build found the edited paragraphs missing, made them, and wrote the file whole again.
    const rewritten = await readFile(memo);
    expect(rewritten.subarray(0, torn.length).equals(torn)).toBe(false);
    forgetComposedInMemory();
    await build({ ...opts, out: 'again', force: true });
    expect(await fingerprint(path.join(root, 'again'))).toEqual(await fingerprint(path.join(root, 'dist')));
    forgetComposedInMemory();
  }, 300_000);
});

