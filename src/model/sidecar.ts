/**
 * Where a source's metadata file is: the first of NAME.meta.yaml,
 * NAME.meta.yml and NAME.yaml beside NAME.txt or NAME.md. A second candidate,
 * or another YAML file nearby that looks like metadata but is not read, gets
 * a warning naming it, so metadata is never silently ignored.
 */
import { constants } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { makeDiagnostic } from '../parse/report.js';

/** Metadata file names tried beside a source, in order; NAME is the source's name without its extension. */
export const METADATA_NAMES = ['NAME.meta.yaml', 'NAME.meta.yml', 'NAME.yaml'] as const;
/** Source extensions dropped to get NAME (any other name is NAME as a whole). */
export const SOURCE_EXTENSIONS = ['.txt', '.md'] as const;

const YAML_FILE = /\.ya?ml$/i;
/** A nearby YAML file is read this far to see whether it looks like metadata. */
const SNIFF_BYTES = 16 * 1024;
/** At most this many nearby YAML files are looked at. */
const SNIFF_FILES = 64;

/** `source/x.txt` → `x`; `notes.md` → `notes`; `plan` → `plan`. */
export function sourceStem(sourcePath: string): string {
  const base = path.basename(sourcePath);
  const ext = path.extname(base).toLowerCase();
  return (SOURCE_EXTENSIONS as readonly string[]).includes(ext) ? base.slice(0, -ext.length) : base;
}

/** The metadata file names for a source, in the order they are tried. */
export function sidecarNames(sourcePath: string): string[] {
  const stem = sourceStem(sourcePath);
  return METADATA_NAMES.map((n) => n.replace('NAME', stem));
}

interface SidecarSearch {
  /** The metadata file to read (the source's folder joined as the source path was given), if any. */
  file?: string;
  /** Warnings about candidates left unread. */
  warnings: Diagnostic[];
}

/** The metadata files beside a source, by name, as a caller read them already (src/jobs/upToDate.ts `readSources`). */
export type SidecarBytes = ReadonlyMap<string, Promise<Uint8Array>>;

/**
 * What findSidecar looks at among the file `names` of a source's folder:
 * `candidates`, the metadata files present, in the order tried (the first is
 * read, the others only named); `others`, the YAML files that belong to no
 * other source, whose first bytes (`sniffYaml`) are read to see whether they
 * look like metadata. The build's no-change check hashes the same files
 * (src/jobs/upToDate.ts).
 */
export function sidecarFiles(names: Iterable<string>, sourcePath: string): { candidates: string[]; others: string[] } {
  const all = new Set(names);
  const candidates = sidecarNames(sourcePath).filter((n) => all.has(n));
  const stems = new Set([...all].filter((n) => (SOURCE_EXTENSIONS as readonly string[]).includes(path.extname(n).toLowerCase())).map(sourceStem));
  const others = [...all].filter((n) => YAML_FILE.test(n) && !candidates.includes(n) && !stems.has(n.replace(YAML_FILE, '').replace(/\.meta$/i, ''))).sort();
  return { candidates, others: others.slice(0, SNIFF_FILES) };
}

/**
 * The first 16 KB of `file` when it is a regular file; undefined for anything
 * else. Opened non-blocking and checked with fstat on the same handle, so a
 * FIFO is never waited on and a device never read.
 */
export async function sniffYaml(file: string): Promise<Uint8Array | undefined> {
  const fh = await open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch(() => undefined);
  if (!fh) return undefined;
  try {
    if (!(await fh.stat()).isFile()) return undefined;
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } catch {
    return undefined;
  } finally {
    await fh.close().catch(() => {});
  }
}

/**
 * Finds the metadata file of `sourcePath` (as given: relative to
 * `projectRoot`, or absolute) among the files of its folder.
 */
export async function findSidecar(sourcePath: string, projectRoot: string): Promise<SidecarSearch> {
  const dirAbs = path.dirname(path.resolve(projectRoot, sourcePath));
  const dirShown = path.dirname(sourcePath);
  const shown = (name: string) => (dirShown === '.' ? name : path.join(dirShown, name));
  const { candidates, others } = sidecarFiles(await readdir(dirAbs).catch(() => [] as string[]), sourcePath);
  const warnings: Diagnostic[] = [];
  const used = candidates[0];
  const names3 = sidecarNames(sourcePath).join(', ');
  for (const other of candidates.slice(1)) {
    warnings.push(
      makeDiagnostic('W-META-SEVERAL', 'warning', { file: shown(other), line: 1, col: 1 }, `two metadata files for ${sourcePath}: ${shown(used)} is read, ${shown(other)} is not`, {
        expected: `one metadata file: the first of ${names3}`,
        found: `${shown(used)} and ${shown(other)}`,
        hint: `merge ${other} into ${used} and delete it`,
      }),
    );
  }
  for (const name of others) {
    if (!(await looksLikeMetadata(path.join(dirAbs, name), sourceStem(sourcePath)))) continue;
    warnings.push(
      makeDiagnostic('W-META-UNUSED', 'warning', { file: shown(name), line: 1, col: 1 }, `${shown(name)} looks like metadata but is not read for ${sourcePath}`, {
        expected: `metadata for ${path.basename(sourcePath)} in ${names3}, or front matter`,
        found: shown(name),
        hint: used ? `move what it says into ${used}, or rename it if it belongs to another source` : `rename it ${sidecarNames(sourcePath)[0]}`,
      }),
    );
  }
  return { file: used === undefined ? undefined : shown(used), warnings };
}

/**
 * A regular file whose first 16 KB hold top-level keys of the metadata
 * schema: `points:`, or two keys, or one key in a file named after the
 * source or "meta" (so mkdocs.yml with its `theme:` is not taken for metadata).
 */
async function looksLikeMetadata(file: string, stem: string): Promise<boolean> {
  const bytes = await sniffYaml(file);
  if (!bytes) return false;
  const text = Buffer.from(bytes).toString('utf8');
  // Loaded here: the command line imports this module for its help text, and the schema brings zod.
  const { metaSchema } = await import('./meta.js');
  const keys = new Set([...text.matchAll(new RegExp(`^(${Object.keys(metaSchema.shape).join('|')})[ \\t]*:`, 'gm'))].map((m) => m[1]));
  const base = path.basename(file).toLowerCase();
  const named = /meta/.test(base) || (base.startsWith(stem.toLowerCase()) && !/[\p{L}\p{N}]/u.test(base[stem.length] ?? ''));
  return keys.has('points') || keys.size >= 2 || (keys.size === 1 && named);
}
