/**
 * Where a source's metadata file is: the first of NAME.meta.yaml,
 * NAME.meta.yml and NAME.yaml beside NAME.txt or NAME.md. A second candidate,
 * or another YAML file nearby that looks like metadata but is not read, gets
 * a warning naming it, so metadata is never silently ignored.
 */
import { open, readdir, stat } from 'node:fs/promises';
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

export interface SidecarSearch {
  /** The metadata file to read (the source's folder joined as the source path was given), if any. */
  file?: string;
  /** Warnings about candidates left unread. */
  warnings: Diagnostic[];
}

/**
 * Finds the metadata file of `sourcePath` (as given: relative to
 * `projectRoot`, or absolute) among the files of its folder.
 */
export async function findSidecar(sourcePath: string, projectRoot: string): Promise<SidecarSearch> {
  const dirAbs = path.dirname(path.resolve(projectRoot, sourcePath));
  const dirShown = path.dirname(sourcePath);
  const shown = (name: string) => (dirShown === '.' ? name : path.join(dirShown, name));
  const names = new Set(await readdir(dirAbs).catch(() => [] as string[]));
  const candidates = sidecarNames(sourcePath).filter((n) => names.has(n));
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
  // Other YAML files of this folder that belong to no other source and look like metadata.
  const stems = new Set([...names].filter((n) => (SOURCE_EXTENSIONS as readonly string[]).includes(path.extname(n).toLowerCase())).map(sourceStem));
  const others = [...names].filter((n) => YAML_FILE.test(n) && !candidates.includes(n) && !stems.has(n.replace(YAML_FILE, '').replace(/\.meta$/i, ''))).sort();
  for (const name of others.slice(0, SNIFF_FILES)) {
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
  // stat first: opening a FIFO would wait for a writer.
  if (!(await stat(file).catch(() => undefined))?.isFile()) return false;
  const fh = await open(file, 'r').catch(() => undefined);
  if (!fh) return false;
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8');
    // Loaded here: the command line imports this module for its help text, and the schema brings zod.
    const { metaSchema } = await import('./meta.js');
    const keys = new Set([...text.matchAll(new RegExp(`^(${Object.keys(metaSchema.shape).join('|')})[ \\t]*:`, 'gm'))].map((m) => m[1]));
    const base = path.basename(file).toLowerCase();
    const named = /meta/.test(base) || (base.startsWith(stem.toLowerCase()) && !/[\p{L}\p{N}]/u.test(base[stem.length] ?? ''));
    return keys.has('points') || keys.size >= 2 || (keys.size === 1 && named);
  } finally {
    await fh.close();
  }
}
