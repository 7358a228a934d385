/**
 * What a build made, as recorded in `manifest.json`: one entry per output
 * file (kind, path, size, SHA-256 and the descriptive fields). The manifest
 * is also the list of what warraq owns in the output folder: a later build
 * may replace or remove only the paths it lists.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface OutputFile {
  kind: 'booklet' | 'leaflet' | 'card' | 'print' | 'alt-text' | 'gallery';
  path: string;
  bytes: Uint8Array;
  point?: number;
  format?: string;
  /** A carousel's slide, 1-based (absent when a point has one card). */
  slide?: { index: number; count: number };
  pages?: number;
  width?: number;
  height?: number;
  alt?: string;
}

export interface ManifestEntry {
  kind: OutputFile['kind'];
  point?: number;
  format?: string;
  slide?: { index: number; count: number };
  path: string;
  bytes: number;
  sha256: string;
  pages?: number;
  width?: number;
  height?: number;
  alt?: string;
  /** The key of the job that made it (src/jobs/cache.ts). */
  key?: string;
}

export interface Manifest {
  generator: 'warraq';
  source: { file: string; sha256: string };
  date: string;
  outputs: ManifestEntry[];
}

/** The descriptive fields a file and its manifest entry share, in manifest order. */
export type OutputMeta = Pick<OutputFile, 'point' | 'format' | 'slide' | 'pages' | 'width' | 'height' | 'alt'>;
const META_KEYS = ['point', 'format', 'slide', 'pages', 'width', 'height', 'alt'] as const;

/** The fields of `from` that are set (absent ones stay out of the manifest). */
export function outputMeta(from: OutputMeta): OutputMeta {
  const out: Record<string, unknown> = {};
  for (const k of META_KEYS) if (from[k] !== undefined) out[k] = from[k];
  return out as OutputMeta;
}

/** The SHA-256 (hex) of bytes, or of a string's UTF-8: a manifest entry's, and every digest warraq names a file or key by. */
export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** A manifest from entries (sorted by path). */
export function manifestOf(entries: ManifestEntry[], source: Manifest['source'], date: string): Manifest {
  return { generator: 'warraq', source, date, outputs: [...entries].sort(byPath) };
}

export const MANIFEST = 'manifest.json';

/** The manifest of a warraq output folder; undefined when there is none, or it is not warraq's or unreadable. */
export async function readManifest(outDir: string): Promise<Manifest | undefined> {
  try {
    const m = JSON.parse(await readFile(path.join(outDir, MANIFEST), 'utf8')) as Partial<Manifest>;
    if (m?.generator !== 'warraq' || !Array.isArray(m.outputs)) return undefined;
    // Only plain relative paths inside the folder count as warraq's (a hand-edited manifest cannot point outside).
    return { ...(m as Manifest), outputs: m.outputs.filter((e) => typeof e?.path === 'string' && isInside(e.path)) };
  } catch {
    return undefined;
  }
}

/** A relative path that stays inside its folder: no absolute path, no `..`, no empty part. */
function isInside(rel: string): boolean {
  if (!rel || path.isAbsolute(rel) || rel.includes('\\')) return false;
  return rel.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
