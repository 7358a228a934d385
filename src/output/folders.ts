/**
 * The output folder and the sibling folders a build makes beside it.
 *
 * warraq's siblings are `<out>.staging-<id>` and `<out>.old-<id>`, each with
 * a marker file (`.warraq-build`) naming its role, the output folder and the
 * build's id. Recovery acts only on folders whose marker says so, never on
 * a name alone, so a user's `dist.old-2023-backup` is never touched.
 *
 * Inside the output folder, what warraq owns is what the previous
 * manifest.json lists (and manifest.json itself); everything else is the
 * user's and stays byte for byte.
 */
import { lstat, mkdir, readdir, readFile, realpath, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { WarraqError } from '../diagnostics.js';
import { makeDiagnostic } from '../parse/report.js';
import { MANIFEST, readManifest, type Manifest } from './manifest.js';

const MARKER = '.warraq-build';
type Role = 'staging' | 'old';

interface Marker {
  generator: 'warraq';
  role: Role;
  /** The output folder's name (its basename). */
  out: string;
  id: string;
}

export const siblingDir = (outDir: string, role: Role, id: string) => `${outDir}.${role}-${id}`;

/** A build id: 16 hex digits. */
export const ID_PATTERN = /^[0-9a-f]{16}$/;

/** Makes `<out>.<role>-<id>` (never an existing folder) and its marker. */
export async function makeSibling(outDir: string, role: Role, id: string): Promise<string> {
  const dir = siblingDir(outDir, role, id);
  await mkdir(dir);
  const marker: Marker = { generator: 'warraq', role, out: path.basename(outDir), id };
  await writeFile(path.join(dir, `${MARKER}.tmp`), JSON.stringify(marker) + '\n');
  await rename(path.join(dir, `${MARKER}.tmp`), path.join(dir, MARKER));
  return dir;
}

/** The marker of sibling folder `name` of `outDir`, when it is one of warraq's for this folder. */
export async function readSibling(outDir: string, name: string): Promise<Marker | undefined> {
  const base = path.basename(outDir);
  const m = /^(.*)\.(staging|old)-([A-Za-z0-9-]+)$/.exec(name);
  if (!m || m[1] !== base) return undefined;
  // The marker, or its complete temporary file (a build killed between writing and renaming it).
  for (const file of [MARKER, `${MARKER}.tmp`]) {
    try {
      const marker = JSON.parse(await readFile(path.join(path.dirname(outDir), name, file), 'utf8')) as Partial<Marker>;
      if (marker.generator === 'warraq' && marker.role === m[2] && marker.out === base && marker.id === m[3]) return marker as Marker;
    } catch {
      // no marker: not ours
    }
  }
  return undefined;
}

export const lexists = (p: string) => lstat(p).then(() => true, () => false);

/**
 * The output folder as given, or the folder a symbolic link there points
 * to (the output goes into it; the link stays). A dangling link is refused.
 */
export async function resolveOutDir(outDir: string): Promise<string> {
  const st = await lstat(outDir).catch(() => undefined);
  if (!st?.isSymbolicLink()) return outDir;
  try {
    await stat(outDir);
    return await realpath(outDir);
  } catch {
    throw new WarraqError([
      makeDiagnostic('E-OUT-SYMLINK', 'error', { file: outDir, line: 1, col: 1 }, `${outDir} is a symbolic link to a folder that does not exist`, {
        expected: 'an output folder, a link to one, or a new name',
        found: 'a dangling symbolic link',
        hint: 'create the folder the link points to, remove the link yourself, or build elsewhere with --out (warraq does not replace a link)',
      }),
    ]);
  }
}

/**
 * The output folder must be one warraq wrote (its manifest.json says so),
 * an empty folder, or nothing yet: `--out .`, `--out source` or a folder of
 * the user's files are refused before anything is written. Returns the
 * manifest it found (none for an empty or new folder).
 */
export async function checkReplaceable(outDir: string): Promise<Manifest | undefined> {
  const st = await stat(outDir).catch(() => undefined);
  if (!st) return undefined;
  const refuse = (found: string) =>
    new WarraqError([
      makeDiagnostic('E-OUT-FOREIGN', 'error', { file: outDir, line: 1, col: 1 }, `${outDir} is not an output folder of warraq; a build would mix its files with yours`, {
        expected: 'an output folder from an earlier build (with its manifest.json), an empty folder, or a new name',
        found,
        hint: 'build into a folder of its own, e.g. --out dist; empty or remove this one yourself if it really is disposable',
      }),
    ]);
  if (!st.isDirectory()) throw refuse('a file, not a folder');
  const names = await readdir(outDir);
  if (names.length === 0) return undefined;
  const manifest = await readManifest(outDir);
  if (manifest) return manifest;
  const shown = names.sort().slice(0, 4).join(', ') + (names.length > 4 ? ', …' : '');
  throw refuse(`${names.length} entr${names.length === 1 ? 'y' : 'ies'} and no warraq manifest.json: ${shown}`);
}

/** Paths warraq owns in the output folder: what the previous manifest lists, and the manifest. */
export function ownedPaths(previous: Manifest | undefined): Set<string> {
  return new Set([MANIFEST, ...(previous?.outputs.map((e) => e.path) ?? [])]);
}

/**
 * Everything in `outDir` that warraq does not own: files by path, a folder
 * holding nothing of warraq's as `name/`. Symbolic links are not followed.
 */
export async function foreignIn(outDir: string, owned: Set<string>): Promise<string[]> {
  const ownedDirs = new Set<string>();
  for (const p of owned) for (let d = path.posix.dirname(p); d !== '.'; d = path.posix.dirname(d)) ownedDirs.add(d);
  const foreign: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(rel ? path.join(outDir, rel) : outDir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory() && ownedDirs.has(r)) await walk(r);
      else if (e.isDirectory()) foreign.push(`${r}/`);
      else if (!owned.has(r)) foreign.push(r);
    }
  };
  await walk('');
  return foreign.sort();
}

/**
 * Where a new output would overwrite something of the user's: a file not
 * listed in the previous manifest at an output's path, or a file of theirs
 * where an output needs a folder. Refused as E-OUT-CONFLICT.
 */
export async function checkConflicts(outDir: string, paths: string[], owned: Set<string>): Promise<void> {
  const seen = new Set<string>();
  for (const p of paths) {
    const parts = p.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const rel = parts.slice(0, i).join('/');
      if (seen.has(rel)) continue;
      seen.add(rel);
      const st = await lstat(path.join(outDir, rel)).catch(() => undefined);
      if (!st) break;
      const last = i === parts.length;
      if (!last && st.isDirectory()) continue;
      // A file of warraq's where a folder is now needed is removed first; a folder where warraq's file was is the user's.
      if (owned.has(rel) && !st.isDirectory()) break;
      const what = st.isSymbolicLink() ? 'a symbolic link' : st.isDirectory() ? 'a folder' : 'a file';
      throw new WarraqError([
        makeDiagnostic('E-OUT-CONFLICT', 'error', { file: path.join(outDir, rel), line: 1, col: 1 }, `${rel} in ${outDir} is not warraq’s, and the output ${p} would replace it`, {
          expected: `nothing of yours at ${rel} (warraq writes there)`,
          found: `${what} that the previous manifest.json does not list`,
          hint: 'move or rename it (warraq keeps every file it did not write), or empty the folder with --clean',
        }),
      ]);
    }
  }
}
