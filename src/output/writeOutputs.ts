/**
 * All-or-nothing output. A build renders everything in memory first; only
 * then is a complete new output folder written beside the old one (each file
 * to a temporary name, renamed into place) and swapped in with two renames.
 * A build that fails at any point before the swap leaves the previous folder
 * exactly as it was. A lock file keeps two builds from writing at once.
 */
import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, open, readdir, rename, rm, writeFile, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { WarraqError } from '../diagnostics.js';
import { makeDiagnostic } from '../parse/report.js';

export interface OutputFile {
  kind: 'booklet' | 'leaflet' | 'card' | 'print' | 'alt-text';
  path: string;
  bytes: Uint8Array;
  point?: number;
  format?: string;
  pages?: number;
  width?: number;
  height?: number;
  alt?: string;
  /**
   * A file of the previous output whose bytes were read back and found equal
   * to `bytes`: the staging folder gets a hard link to it instead of a copy,
   * unless it changed since it was read (another inode, time or size).
   */
  linkFrom?: { path: string; ino: number; mtimeMs: number; size: number };
}

export interface ManifestEntry {
  kind: OutputFile['kind'];
  point?: number;
  format?: string;
  path: string;
  bytes: number;
  sha256: string;
  pages?: number;
  width?: number;
  height?: number;
  alt?: string;
}

export interface Manifest {
  generator: 'warraq';
  source: { file: string; sha256: string };
  date: string;
  outputs: ManifestEntry[];
}

/** The descriptive fields a file and its manifest entry share, in manifest order. */
export type OutputMeta = Pick<OutputFile, 'point' | 'format' | 'pages' | 'width' | 'height' | 'alt'>;
const META_KEYS = ['point', 'format', 'pages', 'width', 'height', 'alt'] as const;

/** The fields of `from` that are set (absent ones stay out of the manifest). */
export function outputMeta(from: OutputMeta): OutputMeta {
  const out: Record<string, unknown> = {};
  for (const k of META_KEYS) if (from[k] !== undefined) out[k] = from[k];
  return out as OutputMeta;
}

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export function manifestFor(files: OutputFile[], source: Manifest['source'], date: string): Manifest {
  const outputs = files
    .map((f): ManifestEntry => {
      return { kind: f.kind, path: f.path, bytes: f.bytes.length, sha256: sha256(f.bytes), ...outputMeta(f) };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { generator: 'warraq', source, date, outputs };
}


/**
 * Runs `fn` over `items`, at most `n` at a time. On a failure no new item
 * starts, and it throws once the running ones have settled (so that nothing
 * still writes into a folder the caller is about to remove).
 */
async function inBatches<T>(items: readonly T[], n: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failed = false;
  const run = async (): Promise<void> => {
    while (!failed && next < items.length) {
      try {
        await fn(items[next++]);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(n, items.length) }, run));
  const rejected = results.find((r) => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}

/** Whether a file is still the one that was read: same inode, time and size. */
async function unchangedSince(f: NonNullable<OutputFile['linkFrom']>): Promise<boolean> {
  const st = await stat(f.path).catch(() => undefined);
  return st !== undefined && st.ino === f.ino && st.mtimeMs === f.mtimeMs && st.size === f.size;
}

const exists = (p: string) => stat(p).then(() => true, () => false);

/** Finishes a swap that a killed build left half done: the old folder comes back. */
async function recover(outDir: string): Promise<void> {
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  const names = await readdir(parent).catch(() => [] as string[]);
  const olds = names.filter((n) => n.startsWith(`${base}.old-`));
  if (!(await exists(outDir)) && olds.length) await rename(path.join(parent, olds[0]), outDir);
  for (const n of names.filter((n) => n.startsWith(`${base}.staging-`) || n.startsWith(`${base}.old-`))) {
    await rm(path.join(parent, n), { recursive: true, force: true });
  }
}

export interface Lock {
  release(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The output folder is replaced as a whole, so it must be one warraq wrote
 * (its manifest.json says so), an empty folder, or nothing yet. Anything
 * else — `--out .` (the project itself), `--out source`, a folder of the
 * user's files — would be deleted by the swap.
 */
async function checkReplaceable(outDir: string): Promise<void> {
  const st = await stat(outDir).catch(() => undefined);
  if (!st) return;
  const refuse = (found: string) =>
    new WarraqError([
      makeDiagnostic('E-OUT-FOREIGN', 'error', { file: outDir, line: 1, col: 1 }, `${outDir} is not an output folder of warraq; a build would replace it and everything in it`, {
        expected: 'an output folder from an earlier build (with its manifest.json), an empty folder, or a new name',
        found,
        hint: 'build into a folder of its own, e.g. --out dist; empty or remove this one yourself if it really is disposable',
      }),
    ]);
  if (!st.isDirectory()) throw refuse('a file, not a folder');
  const names = await readdir(outDir);
  if (names.length === 0) return;
  const manifest = await readFile(path.join(outDir, 'manifest.json'), 'utf8').then(
    (t) => JSON.parse(t) as { generator?: unknown },
    () => undefined,
  );
  if (manifest?.generator === 'warraq') return;
  const shown = names.sort().slice(0, 4).join(', ') + (names.length > 4 ? ', …' : '');
  throw refuse(`${names.length} entr${names.length === 1 ? 'y' : 'ies'} and no warraq manifest.json: ${shown}`);
}

/**
 * Locks taken by this process and not yet released, by lock file → token.
 * Two builds in one process (e.g. two concurrent build() calls) share a pid,
 * so the pid alone cannot tell "held by a sibling build" from "left behind
 * by a dead process whose pid we happen to have now".
 */
const heldHere = new Map<string, string>();

/**
 * Takes `<out>.lock`, or fails clearly when another live build holds it;
 * then repairs what a killed build left, and refuses an output folder that
 * warraq did not write (E-OUT-FOREIGN).
 */
export async function lockOutput(outDir: string): Promise<Lock> {
  const lockFile = `${outDir}.lock`;
  await mkdir(path.dirname(outDir), { recursive: true });
  const token = randomUUID();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(lockFile, 'wx');
      heldHere.set(lockFile, token);
      try {
        await fh.writeFile(`${process.pid} ${token}\n`);
        await fh.close();
        await recover(outDir);
        await checkReplaceable(outDir);
      } catch (e) {
        heldHere.delete(lockFile);
        await rm(lockFile, { force: true });
        throw e;
      }
      let released = false;
      return {
        release: async () => {
          if (released) return;
          released = true;
          if (heldHere.get(lockFile) === token) heldHere.delete(lockFile);
          await rm(lockFile, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const [pidText, heldToken] = (await readFile(lockFile, 'utf8').catch(() => '')).trim().split(/\s+/);
      const holder = Number(pidText);
      // Same pid: held only if one of this process's builds holds it now (not a
      // leftover of an earlier process that had our pid).
      const held = holder === process.pid ? heldHere.has(lockFile) && (heldToken === undefined || heldHere.get(lockFile) === heldToken) : holder > 0 && alive(holder);
      if (held) {
        throw new WarraqError([
          makeDiagnostic('E-LOCKED', 'error', { file: lockFile, line: 1, col: 1 }, `another build (pid ${holder}) is writing ${outDir}`, {
            expected: 'one build at a time per output folder',
            found: `lock file held by running process ${holder}${holder === process.pid ? ' (another build in this same process)' : ''}`,
            hint: 'wait for it to finish, or build into another folder with --out',
          }),
        ]);
      }
      await rm(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not take the lock ${lockFile}`);
}

/**
 * Writes a complete output folder beside the old one and swaps it in. On any
 * failure the staging folder is removed and the old folder stays (or is put
 * back) where it was.
 */
export async function writeOutputs(outDir: string, files: OutputFile[], manifest: Manifest): Promise<void> {
  const staging = `${outDir}.staging-${process.pid}`;
  const old = `${outDir}.old-${process.pid}`;
  let movedAside = false;
  try {
    await rm(staging, { recursive: true, force: true });
    // The staging folder becomes the output only by the rename below, so its
    // files need no write-and-rename of their own; written a few at a time.
    const dirs = [...new Set(files.map((f) => path.dirname(path.join(staging, f.path))))];
    for (const d of [staging, ...dirs]) await mkdir(d, { recursive: true });
    await inBatches(files, 16, async (f) => {
      const dest = path.join(staging, f.path);
      // A link where the file is as it was read and the file system allows one; a copy otherwise.
      if (f.linkFrom && (await unchangedSince(f.linkFrom))) await link(f.linkFrom.path, dest).catch(() => writeFile(dest, f.bytes));
      else await writeFile(dest, f.bytes);
    });
    await writeFile(path.join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    if (await exists(outDir)) {
      await rename(outDir, old);
      movedAside = true;
    }
    await rename(staging, outDir);
  } catch (e) {
    // Put the previous output back if it was moved aside and nothing took its place.
    if (movedAside && !(await exists(outDir))) await rename(old, outDir).catch(() => undefined);
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw e;
  }
  if (movedAside) await rm(old, { recursive: true, force: true });
}
