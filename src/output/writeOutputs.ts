/**
 * All-or-nothing output. A build renders everything in memory first; only
 * then is a complete new output folder written beside the old one (each file
 * to a temporary name, renamed into place) and swapped in with two renames.
 * A build that fails at any point before the swap leaves the previous folder
 * exactly as it was. A lock file keeps two builds from writing at once.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, writeFile, readFile, stat } from 'node:fs/promises';
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

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export function manifestFor(files: OutputFile[], source: Manifest['source'], date: string): Manifest {
  const outputs = files
    .map((f): ManifestEntry => {
      const e: ManifestEntry = { kind: f.kind, path: f.path, bytes: f.bytes.length, sha256: sha256(f.bytes) };
      if (f.point !== undefined) e.point = f.point;
      if (f.format !== undefined) e.format = f.format;
      if (f.pages !== undefined) e.pages = f.pages;
      if (f.width !== undefined) e.width = f.width;
      if (f.height !== undefined) e.height = f.height;
      if (f.alt !== undefined) e.alt = f.alt;
      return e;
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { generator: 'warraq', source, date, outputs };
}

async function writeAtomic(file: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, bytes);
  await rename(tmp, file);
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

/** Takes `<out>.lock`, or fails clearly when another live build holds it. */
export async function lockOutput(outDir: string): Promise<Lock> {
  const lockFile = `${outDir}.lock`;
  await mkdir(path.dirname(outDir), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(lockFile, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      await recover(outDir);
      return { release: () => rm(lockFile, { force: true }) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (holder && alive(holder) && holder !== process.pid) {
        throw new WarraqError([
          makeDiagnostic('E-LOCKED', 'error', { file: lockFile, line: 1, col: 1 }, `another build (pid ${holder}) is writing ${outDir}`, {
            expected: 'one build at a time per output folder',
            found: `lock file held by running process ${holder}`,
            hint: 'wait for it to finish, or build into another folder with --out',
          }),
        ]);
      }
      await rm(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not take the lock ${lockFile}`);
}

/** Writes a complete output folder beside the old one and swaps it in. */
export async function writeOutputs(outDir: string, files: OutputFile[], manifest: Manifest): Promise<void> {
  const staging = `${outDir}.staging-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  for (const f of files) await writeAtomic(path.join(staging, f.path), f.bytes);
  await writeAtomic(path.join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const old = `${outDir}.old-${process.pid}`;
  const had = await exists(outDir);
  if (had) await rename(outDir, old);
  await rename(staging, outDir);
  if (had) await rm(old, { recursive: true, force: true });
}
