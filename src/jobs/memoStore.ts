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
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { composeCacheBytes, startComposeCache } from '../text/composeCache.js';
import { stableJson, type CodeInputs } from './cache.js';
import type { MemoWrite } from '../memoLevel.js';
import { writeAtomicIn } from '../writeAtomic.js';

interface Memo {
  name: string;
  start(salt: string, stored: Uint8Array | undefined): void;
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

/** Starts every memo with what the last build left, for the code `code`; returns the salt (the code's digest). */
export async function openMemos(projectRoot: string, code: CodeInputs): Promise<string> {
  const salt = createHash('sha256').update(stableJson(code)).digest('hex');
  await Promise.all(
    (await theMemos()).map(async (m) => {
      const stored = await readFile(path.join(dirOf(projectRoot), fileName(m, salt))).catch(() => undefined);
      m.start(salt, stored);
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
      // An append torn by a crash is seen as such by the next reader, which uses the segments before it and rewrites the file.
      if (out?.append) await appendFile(path.join(dir, names[i]), out.bytes);
      else if (out) await writeAtomicIn(path.join(dir, names[i]), out.bytes);
    }),
  );
  for (const other of await readdir(dir)) if (!names.includes(other) && other.endsWith('.bin')) await rm(path.join(dir, other), { force: true });
}
