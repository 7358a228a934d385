/**
 * What the text layer and the PDF painter remember between builds: composed
 * paragraphs (src/text/composeCache.ts), painted lines and font subsets
 * (src/render/pdf/rememberedLines.ts, rememberedSubsets.ts), the press files'
 * compressed output profile (src/print/profileMemo.ts) and recoloured pages
 * (src/print/recoloredMemo.ts), each one file in `.warraq-cache/memo/`, a run
 * of segments each framed with its length and CRC-32 (src/memoLevel.ts: a
 * build that made something new appends a segment, or rewrites the file
 * when it is full, torn or foreign), named by the
 * digest of the code that runs, so changed code starts empty and its old
 * files are removed. Shared by every output folder of the project (entries
 * are keyed by what they are computed from, not by document). Read before
 * the build's checks, written after its commit, in the main thread; worker
 * threads keep their own in-memory level only.
 *
 * A process that builds again (the watch session) does not read back a file
 * that is as its last build left it (`leftAs`: its inode, size and times
 * then): each memo goes on from what it knew of the file (src/memoLevel.ts,
 * `MemoFileAsLeft`). Another process's write (another output folder of the
 * project built from the command line) changes the file's times, and the
 * file is read.
 */
import { createHash } from 'node:crypto';
import { readFileSync, type Stats } from 'node:fs';
import { appendFile, mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { composeCacheBytes, startComposeCache } from '../text/composeCache.js';
import { stableJson, type CodeInputs } from './cache.js';
import { memoFilesKept, type MemoWrite, type StoredMemo } from '../memoLevel.js';
import { writeAtomicIn } from '../writeAtomic.js';

interface Memo {
  name: string;
  start(salt: string, stored: StoredMemo): void;
  /** What to store (a segment to append, or the file anew); undefined when the stored file is still right. */
  bytes(): MemoWrite | undefined;
}

/**
 * The memos, loaded by the first build that opens them: the PDF renderer's
 * modules are not loaded by a build that finds nothing to do
 * (test/cli/startup.test.ts).
 */
async function loadMemos(): Promise<readonly Memo[]> {
  const [lines, subsets, profile, recolored] = await Promise.all([
    import('../render/pdf/rememberedLines.js'),
    import('../render/pdf/rememberedSubsets.js'),
    import('../print/profileMemo.js'),
    import('../print/recoloredMemo.js'),
  ]);
  return [
    { name: 'compose', start: startComposeCache, bytes: composeCacheBytes },
    { name: 'lines', start: lines.startPaintMemo, bytes: lines.paintMemoBytes },
    { name: 'subsets', start: subsets.startSubsetMemo, bytes: subsets.subsetMemoBytes },
    { name: 'profile', start: profile.startProfileMemo, bytes: profile.profileMemoBytes },
    { name: 'recolored', start: recolored.startRecoloredMemo, bytes: recolored.recoloredMemoBytes },
  ];
}
let memos: Promise<readonly Memo[]> | undefined;

/** The memos, loading them once; a failed load is not kept (the next build tries again). */
function theMemos(): Promise<readonly Memo[]> {
  return (memos ??= loadMemos().catch((e: unknown) => {
    memos = undefined;
    throw e;
  }));
}

const dirOf = (projectRoot: string) => path.join(projectRoot, '.warraq-cache', 'memo');
const fileName = (memo: Memo, salt: string) => `${memo.name}-${salt.slice(0, 16)}.bin`;

/**
 * The file each memo's last build in this process read or wrote, by memo: its path and identity then
 * (`identity`). By memo, not by path: a memo knows only the last file it met (a process may build two projects).
 */
const leftAs = new Map<string, string>();
/** A file's inode, size and times: an append changes its size and times, a rewrite (through a temporary name) its inode. */
const identity = (s: Stats) => `${s.ino} ${s.size} ${s.mtimeMs} ${s.ctimeMs}`;
const statOf = (file: string) => stat(file).then(identity, () => undefined);

/** What a build finds of a memo file: as this process left it (not read again unless the memo knew nothing of it), or its bytes. */
async function storedAt(memo: Memo, file: string): Promise<StoredMemo> {
  const now = await statOf(file);
  if (now !== undefined && leftAs.get(memo.name) === `${file} ${now}`) return { asLeft: true, read: () => readFileBytes(file) };
  leftAs.delete(memo.name);
  const bytes = await readFile(file).catch(() => undefined);
  if (now !== undefined && bytes) leftAs.set(memo.name, `${file} ${now}`);
  return bytes;
}

function readFileBytes(file: string): Uint8Array | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Starts every memo with what the last build left, for the code `code`; returns the salt (the code's digest). */
export async function openMemos(projectRoot: string, code: CodeInputs): Promise<string> {
  const salt = createHash('sha256').update(stableJson(code)).digest('hex');
  await Promise.all(
    (await theMemos()).map(async (m) => {
      // A Node that keeps no memo files (no zlib.crc32) would only read them to drop them.
      m.start(salt, memoFilesKept ? await storedAt(m, path.join(dirOf(projectRoot), fileName(m, salt))) : undefined);
    }),
  );
  return salt;
}

/** Writes the memos that changed for the next build (a failure only means it computes more), and removes other code's files. */
export async function saveMemos(projectRoot: string, salt: string): Promise<void> {
  const dir = dirOf(projectRoot);
  await mkdir(dir, { recursive: true });
  const all = await theMemos();
  const names = all.map((m) => fileName(m, salt));
  await Promise.all(
    all.map(async (m, i) => {
      const out = m.bytes();
      const file = path.join(dir, names[i]);
      if (!out) return;
      leftAs.delete(m.name);
      // An append torn by a crash is seen as such by the next reader, which uses the segments before it and rewrites the file.
      if (out.append) await appendFile(file, out.bytes);
      else await writeAtomicIn(file, out.bytes);
      const now = await statOf(file);
      if (now !== undefined) leftAs.set(m.name, `${file} ${now}`);
    }),
  );
  for (const other of await readdir(dir)) if (!names.includes(other) && other.endsWith('.bin')) await rm(path.join(dir, other), { force: true });
}
