/**
 * The lock of an output folder, `<out>.lock` (protocol in docs/architecture.md).
 *
 * - It is created atomically and is always complete: the holder's record
 *   (pid, process start time, host, a random token) is written to a file of
 *   its own, `<out>.lock-<token>`, then hard-linked to `<out>.lock`, which
 *   fails if a lock is there (no overwrite).
 * - A lock is stale when its process is gone, is a zombie, or is another
 *   process with the same pid (its start time differs: /proc/<pid>/stat,
 *   field 22). A lock from another host is never judged: the hint says how
 *   to remove it.
 * - A stale lock is taken over atomically: the taker first claims that very
 *   lock file by hard-linking it to `<out>.lock.takeover` (only one taker
 *   can), checks that the claimed file is the stale record it judged, then
 *   renames its own record over the lock and re-reads it to verify.
 * - The lock is released on SIGINT, SIGTERM and SIGHUP (and the signal is
 *   raised again, so the exit status tells it), running the holder's
 *   cleanup first (the staging folder of an unfinished build goes).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync, unlinkSync } from 'node:fs';
import { link, lstat, mkdir, open, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { WarraqError } from '../diagnostics.js';
import { makeDiagnostic } from '../parse/report.js';
import { errnoOf, ioDiagnostic } from './ioErrors.js';

export interface Lock {
  readonly file: string;
  readonly token: string;
  /**
   * Gives the lock back. `failed`: the build wrote nothing, so the parent
   * folders that taking the lock created are removed again (when empty).
   */
  release(opts?: { failed?: boolean }): Promise<void>;
  /** Work to do, synchronously, if a signal ends the process while the lock is held. */
  onSignal(cleanup: (() => void) | undefined): void;
}

/** What a lock file records. */
export interface LockRecord {
  generator: 'warraq';
  pid: number;
  /** Start time of the process in clock ticks since boot (/proc/<pid>/stat field 22); null where unknown. */
  start: string | null;
  host: string;
  token: string;
}

interface ProcInfo {
  state: string;
  start: string;
}

/** State and start time of a process from /proc; null when it does not exist, undefined without /proc. */
export function procInfo(pid: number): ProcInfo | null | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (e) {
    if (errnoOf(e) === 'ENOENT' || errnoOf(e) === 'ESRCH') return statSyncOk('/proc/self/stat') ? null : undefined;
    return undefined;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: rest[0], start: rest[19] };
}

function statSyncOk(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

const ownStart = procInfo(process.pid)?.start ?? null;

/** The record this process writes. */
function ownRecord(token: string): LockRecord {
  return { generator: 'warraq', pid: process.pid, start: ownStart, host: os.hostname(), token };
}

/** A lock file's record; an older or foreign format is read as far as it goes (`pid [token]`). */
export function parseRecord(text: string): Partial<LockRecord> & { pid?: number } {
  try {
    const r = JSON.parse(text) as Partial<LockRecord>;
    if (r && typeof r.pid === 'number') return r;
  } catch {
    // not JSON
  }
  const [pid, token] = text.trim().split(/\s+/);
  return { pid: Number(pid) || undefined, token };
}

/** Locks this process holds, by lock file. Two builds in one process share a pid; the token tells them apart. */
const held = new Map<string, { token: string; cleanup?: () => void }>();

type Verdict = { held: true; why: string } | { held: false; why: string };

/** Whether the process that wrote `r` (lock file `file`, modified at `mtimeMs`) still holds it. */
export function judge(r: Partial<LockRecord>, file: string, mtimeMs: number): Verdict {
  if (!r.pid || r.pid <= 0) return { held: false, why: 'no process recorded' };
  if (r.host && r.host !== os.hostname()) return { held: true, why: `held by process ${r.pid} on host ${r.host}` };
  if (r.pid === process.pid) {
    const mine = held.get(file);
    return mine && (r.token === undefined || r.token === mine.token)
      ? { held: true, why: `held by another build in this same process (${r.pid})` }
      : { held: false, why: 'left by an earlier build of this process' };
  }
  const info = procInfo(r.pid);
  if (info === null) return { held: false, why: `process ${r.pid} is gone` };
  if (info === undefined) {
    // No /proc: liveness by signal 0 only.
    try {
      process.kill(r.pid, 0);
    } catch (e) {
      if (errnoOf(e) === 'ESRCH') return { held: false, why: `process ${r.pid} is gone` };
    }
    return { held: true, why: `held by running process ${r.pid}` };
  }
  if (info.state === 'Z' || info.state === 'X') return { held: false, why: `process ${r.pid} has ended (zombie)` };
  if (r.start) return r.start === info.start ? { held: true, why: `held by running process ${r.pid}` } : { held: false, why: `process ${r.pid} is another process than the one that took the lock` };
  // A record without a start time (older warraq): a process that started after the lock was written cannot hold it.
  const started = processStartMs(info.start);
  if (started !== undefined && started > mtimeMs + 1000) return { held: false, why: `process ${r.pid} started after the lock was written` };
  return { held: true, why: `held by running process ${r.pid}` };
}

/** A process's start time in ms since 1970, from its start in clock ticks since boot (100 per second on Linux). */
function processStartMs(ticks: string): number | undefined {
  try {
    const btime = Number(/^btime (\d+)/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    return btime ? btime * 1000 + (Number(ticks) * 1000) / 100 : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How often a build tries before it reports the lock as held (each try sleeps a little when another build is taking over). */
const MAX_ATTEMPTS = 500;

/** A takeover claim older than this was abandoned by a taker that died in the middle (the claim lasts microseconds). */
const ABANDONED_CLAIM_MS = 10_000;

async function readRecord(file: string): Promise<{ record: Partial<LockRecord>; mtimeMs: number; ino: number } | undefined> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return undefined;
    throw e;
  }
  try {
    // One open file: the record and its inode belong together even if the lock is replaced meanwhile.
    const st = await fh.stat();
    if (st.isDirectory()) throw Object.assign(new Error(`${file} is a folder`), { code: 'EISDIR', path: file });
    return { record: parseRecord(await fh.readFile('utf8')), mtimeMs: st.mtimeMs, ino: st.ino };
  } finally {
    await fh.close();
  }
}

/**
 * Takes over the stale lock whose record is `stale` (inode `ino`). True when
 * this build holds the lock afterwards; false to look again.
 */
async function takeOver(lockFile: string, own: string, token: string, ino: number): Promise<boolean> {
  const claim = `${lockFile}.takeover`;
  try {
    await link(lockFile, claim);
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return false; // the lock went away meanwhile
    if (errnoOf(e) !== 'EEXIST') throw e;
    // Another taker holds the claim; if it was abandoned long ago, remove it.
    const st = await lstat(claim).catch(() => undefined);
    if (st && Date.now() - st.ctimeMs > ABANDONED_CLAIM_MS) await unlink(claim).catch(() => undefined);
    else await sleep(5 + Math.random() * 20);
    return false;
  }
  try {
    // The claimed file must be the stale lock we judged, not a lock someone took since.
    if ((await stat(claim)).ino !== ino) return false;
    await rename(own, lockFile);
  } finally {
    await unlink(claim).catch(() => undefined);
  }
  return (await readRecord(lockFile))?.record.token === token;
}

/**
 * Takes `<out>.lock`, or throws E-LOCKED when another live build holds it.
 * Creates the output folder's parents when missing (removed again by a
 * failed build's release).
 */
export async function takeLock(outDir: string): Promise<Lock> {
  const lockFile = `${outDir}.lock`;
  const where = (e: unknown) => ioDiagnostic(e, 'lock', lockFile, `cannot take the lock ${lockFile}`);
  let created: string | undefined;
  try {
    created = await mkdir(path.dirname(outDir), { recursive: true });
  } catch (e) {
    throw where(e);
  }
  const token = randomUUID();
  const own = `${lockFile}-${token}`;
  const dropCreated = () => (created ? removeEmptyChain(path.dirname(outDir), created) : Promise.resolve());
  try {
    for (let attempt = 0; ; attempt++) {
      await writeFile(own, JSON.stringify(ownRecord(token)) + '\n', { flag: 'wx' }).catch((e) => {
        if (errnoOf(e) !== 'EEXIST') throw e;
      });
      let taken = false;
      try {
        await link(own, lockFile);
        taken = true;
      } catch (e) {
        if (errnoOf(e) !== 'EEXIST') throw e;
      }
      if (!taken) {
        const found = await readRecord(lockFile).catch((e) => {
          if (errnoOf(e) === 'EISDIR') throw lockIsFolder(lockFile);
          throw e;
        });
        if (!found && attempt < MAX_ATTEMPTS) continue; // released meanwhile: try again
        const record = found?.record ?? {};
        const verdict = found ? judge(record, lockFile, found.mtimeMs) : { held: true, why: 'taken and released again and again by other builds' };
        if (verdict.held || attempt >= MAX_ATTEMPTS) throw locked(outDir, lockFile, record, verdict.held ? verdict.why : 'taken over by another build each time this one tried');
        taken = await takeOver(lockFile, own, token, found!.ino);
        if (!taken) continue;
      }
      await unlink(own).catch(() => undefined);
      held.set(lockFile, { token });
      updateSignalHandlers();
      return makeLock(lockFile, token, dropCreated);
    }
  } catch (e) {
    await unlink(own).catch(() => undefined);
    await dropCreated();
    throw e instanceof WarraqError ? e : where(e);
  }
}

function makeLock(lockFile: string, token: string, dropCreated: () => Promise<void>): Lock {
  let released = false;
  return {
    file: lockFile,
    token,
    onSignal(cleanup) {
      const h = held.get(lockFile);
      if (h?.token === token) h.cleanup = cleanup;
    },
    async release(opts = {}) {
      if (released) return;
      released = true;
      if (held.get(lockFile)?.token === token) held.delete(lockFile);
      updateSignalHandlers();
      // Only our own lock is removed (a lock taken over from us is someone else's now).
      const r = await readRecord(lockFile).catch(() => undefined);
      if (r?.record.token === token) await unlink(lockFile).catch(() => undefined);
      if (opts.failed) await dropCreated();
    },
  };
}

/** Removes `first` and the folders under it down to `deepest`, deepest first, each only if empty. */
async function removeEmptyChain(deepest: string, first: string): Promise<void> {
  for (let d = deepest; d.length >= first.length && d.startsWith(first); d = path.dirname(d)) {
    try {
      await rmdir(d);
    } catch {
      return;
    }
  }
}

function locked(outDir: string, lockFile: string, r: Partial<LockRecord>, why: string): WarraqError {
  return new WarraqError([
    makeDiagnostic('E-LOCKED', 'error', { file: lockFile, line: 1, col: 1 }, `another build (pid ${r.pid}) is writing ${outDir}`, {
      expected: 'one build at a time per output folder',
      found: `lock file ${why}`,
      hint: `wait for it to finish, or build into another folder with --out; if no build is running${r.host && r.host !== os.hostname() ? ` on ${r.host}` : ''}, remove ${lockFile}`,
    }),
  ]);
}

function lockIsFolder(lockFile: string): WarraqError {
  return new WarraqError([
    makeDiagnostic('E-LOCK-FOLDER', 'error', { file: lockFile, line: 1, col: 1 }, `${lockFile} is a folder, so the build cannot take its lock`, {
      expected: `${path.basename(lockFile)} to be warraq’s lock file, or absent`,
      found: 'a folder',
      hint: `move or rename that folder (warraq never removes it), or build into another folder with --out`,
    }),
  ]);
}

// ---------------------------------------------------------------------------
// Signals: a Ctrl-C, SIGTERM or SIGHUP releases every lock this process holds.

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let listening = false;

function onSignal(signal: NodeJS.Signals): void {
  for (const [file, h] of held) {
    try {
      h.cleanup?.();
    } catch {
      // best effort: the next build repairs what is left
    }
    try {
      if (parseRecord(readFileSync(file, 'utf8')).token === h.token) unlinkSync(file);
    } catch {
      // gone already
    }
  }
  held.clear();
  updateSignalHandlers();
  // Raise it again so that the process ends as the signal says, unless someone else handles it.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function updateSignalHandlers(): void {
  if (held.size && !listening) for (const s of SIGNALS) process.on(s, onSignal);
  else if (!held.size && listening) for (const s of SIGNALS) process.off(s, onSignal);
  listening = held.size > 0;
}
