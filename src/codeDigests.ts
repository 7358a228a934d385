/**
 * The SHA-256 of the code's files (`readCodeInputs`, src/jobs/cache.ts),
 * remembered between processes of the compiled command. Every build hashes
 * every file of src/, templates/, patches/ and profiles/ for its job keys
 * and its no-change check: ≈ 180 files and 2.5 MB read through libuv's
 * thread pool and hashed on the main thread, while that thread waits to
 * key its jobs (≈ 35–40 ms of a cold booklet's wall time before this,
 * ≈ 20–30 ms of its CPU; docs/performance.md, "Start-up").
 *
 * A file keeps its recorded digest while its size, inode and modification
 * and change times are the recorded ones (`statSync`, no read); any other
 * file is read and hashed, and the record is written again. The change time
 * cannot be set back by a program (utimes sets it to now), so a file
 * rewritten with its old modification time is still read. A file changed
 * less than SETTLED_MS before it is hashed is not recorded: the kernel's
 * file times advance in clock ticks, and a second write of the same size in
 * the same tick would leave every time as recorded (git's "racily clean"
 * files). The window compares this machine's clock with the file's times,
 * which is sound for the local file system the code is installed on; on a
 * network file system whose server's clock lags by more than SETTLED_MS a
 * file could be recorded too early (git compares with its index file's own
 * time instead). The record is
 * `lib/code-digests.json`, beside the bundle that runs (a compile starts
 * without one; a lib/ that cannot be written only means no record); as
 * TypeScript (tsx, vitest, the watch session before a compile) nothing is
 * remembered and every file is hashed, as before.
 */
import { readFileSync, statSync } from 'node:fs';
import { writeAtomic } from './writeAtomic.js';

/** What is recorded of one file: its digest and the state it had when hashed. */
type Entry = [sha: string, size: number, ino: number, mtimeMs: number, ctimeMs: number];

const VERSION = 1;

/** How long ago a file must have changed for its digest to be recorded. */
const SETTLED_MS = 2000;

/** A file's size, inode and times; undefined when it is not a file that can be stat'ed. */
function fileState(abs: string): number[] | undefined {
  try {
    const s = statSync(abs, { throwIfNoEntry: false });
    return s?.isFile() ? [s.size, s.ino, s.mtimeMs, s.ctimeMs] : undefined;
  } catch {
    return undefined;
  }
}

/** A file's digest from the record while the file is as it was, else `hash`'s (recorded for `save`). */
interface DigestMemo {
  digest(abs: string, hash: (abs: string) => Promise<string>): Promise<string>;
  /** Writes the record when a digest was added or changed (never rejects). */
  save(): Promise<void>;
}

/** The record kept in `file`: read now (a missing or damaged one is empty). `settledMs`: SETTLED_MS (tests). */
export function digestMemo(file: string, { settledMs = SETTLED_MS } = {}): DigestMemo {
  let known: Record<string, Entry> = {};
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as { v?: number; files?: Record<string, Entry> };
    if (r.v === VERSION && r.files && typeof r.files === 'object') known = r.files;
  } catch {
    // no record yet, or damaged: every file is hashed
  }
  const files: Record<string, Entry> = {};
  let changed = false;
  return {
    async digest(abs, hash) {
      const state = fileState(abs);
      const k = known[abs];
      if (state && Array.isArray(k) && k.length === 5 && state.every((x, i) => x === k[i + 1])) {
        files[abs] = k;
        return k[0];
      }
      const settled = Date.now() - settledMs;
      const sha = await hash(abs);
      // Recorded only when the file had settled and was as stat saw it both before and after the read.
      const after = fileState(abs);
      if (state && state[2] < settled && state[3] < settled && after?.every((x, i) => x === state[i])) {
        files[abs] = [sha, state[0], state[1], state[2], state[3]];
        changed = true;
      }
      return sha;
    },
    async save() {
      // Files no longer listed drop out of the record too.
      if (!changed && Object.keys(files).length === Object.keys(known).length) return;
      await writeAtomic(file, JSON.stringify({ v: VERSION, files })).catch(() => undefined);
    },
  };
}
