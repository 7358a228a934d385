/**
 * The code's digests remembered between processes (src/codeDigests.ts): a
 * file keeps its recorded digest only while it is as it was, so a memo
 * always gives what hashing every file gives.
 */
import { readFile, writeFile, utimes, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestMemo } from '../src/codeDigests.js';
import { digestOf } from '../src/jobs/cache.js';
import { tempDir } from './support/tmp.js';

/** Files written by the test are recorded at once (the command waits until a file is 2 s old). */
const settled = { settledMs: 0 };

describe('remembered code digests', () => {
  it('gives what hashing gives; a file written again, even with its old modification time, is hashed again', async () => {
    const dir = await tempDir();
    const a = path.join(dir, 'a.ts');
    const b = path.join(dir, 'b.ts');
    const record = path.join(dir, 'code-digests.json');
    await writeFile(a, 'export const a = 1;\n');
    await writeFile(b, 'export const b = 2;\n');
    let hashed: string[] = [];
    const hash = (f: string) => {
      hashed.push(path.basename(f));
      return digestOf(f);
    };

    const first = digestMemo(record, settled);
    expect([await first.digest(a, hash), await first.digest(b, hash)]).toEqual([await digestOf(a), await digestOf(b)]);
    expect(hashed).toEqual(['a.ts', 'b.ts']);
    await first.save();
    expect(Object.keys(JSON.parse(await readFile(record, 'utf8')).files).sort()).toEqual([a, b]);

    // Another process: nothing read, the same digests.
    hashed = [];
    const second = digestMemo(record, settled);
    expect([await second.digest(a, hash), await second.digest(b, hash)]).toEqual([await digestOf(a), await digestOf(b)]);
    expect(hashed).toEqual([]);

    // Same size, the old modification time put back: the change time differs, so it is hashed again.
    const { mtime } = await stat(a);
    // Past the kernel's clock tick for file times (what SETTLED_MS guards against in the command).
    await new Promise((r) => setTimeout(r, 50));
    await writeFile(a, 'export const a = 3;\n');
    await utimes(a, mtime, mtime);
    hashed = [];
    const third = digestMemo(record, settled);
    expect(await third.digest(a, hash)).toBe(await digestOf(a));
    expect(await third.digest(b, hash)).toBe(await digestOf(b));
    expect(hashed).toEqual(['a.ts']);
    await third.save();
    hashed = [];
    expect(await digestMemo(record, settled).digest(a, hash)).toBe(await digestOf(a));
    expect(hashed).toEqual([]);
  });

  it('a damaged record or a missing file is no error: every file is hashed, a missing one fails as hashing it does', async () => {
    const dir = await tempDir();
    const a = path.join(dir, 'a.ts');
    const record = path.join(dir, 'code-digests.json');
    await writeFile(a, 'x');
    await writeFile(record, '{ not json');
    const memo = digestMemo(record, settled);
    expect(await memo.digest(a, digestOf)).toBe(await digestOf(a));
    await expect(memo.digest(path.join(dir, 'gone.ts'), digestOf)).rejects.toThrow();
    await memo.save();
    expect(Object.keys(JSON.parse(await readFile(record, 'utf8')).files)).toEqual([a]);
  });

  it('a file changed just before it is hashed is not recorded (a second write in the same clock tick could keep its times)', async () => {
    const dir = await tempDir();
    const a = path.join(dir, 'a.ts');
    const record = path.join(dir, 'code-digests.json');
    await writeFile(a, 'x');
    // A window of a minute: "just before" however slow the machine is between the write and the hash.
    const memo = digestMemo(record, { settledMs: 60_000 });
    expect(await memo.digest(a, digestOf)).toBe(await digestOf(a));
    await memo.save();
    let hashed = 0;
    await digestMemo(record, { settledMs: 60_000 }).digest(a, (f) => (hashed++, digestOf(f)));
    expect(hashed).toBe(1);
  });
});
