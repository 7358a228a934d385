/**
 * Entries of the cache folder (.warraq-cache/…): each framed with the
 * SHA-256 of its content, so that a truncated or damaged one is seen as such
 * and never handed to a deserializer; and what a job keeps under its key for
 * the jobs that take it as input in this build or a later one (a kind's
 * `keeps`: laid-out pages, a drawing's colour record), written and read in
 * the render threads.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from '../output/manifest.js';
import { writeAtomicIn } from '../writeAtomic.js';
import { deserialize, serialize } from 'node:v8';

// Every entry is framed as `warraq-cache 1 <sha256 of the payload>\n<payload>`: a
// truncated or damaged entry is seen as such, never handed to a deserializer.
export const MAGIC = 'warraq-cache 1 ';
const HEADER = MAGIC.length + 64 + 1;

/** `payload` framed with its SHA-256. */
export function frame(payload: Uint8Array): Uint8Array {
  const head = new TextEncoder().encode(`${MAGIC}${sha256(payload)}\n`);
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

/** The payload of a framed entry; undefined when it is not intact. */
export function unframe(data: Uint8Array): Uint8Array | undefined {
  if (data.length < HEADER) return undefined;
  const head = new TextDecoder().decode(data.subarray(0, HEADER));
  if (!head.startsWith(MAGIC) || head[HEADER - 1] !== '\n') return undefined;
  const payload = data.subarray(HEADER);
  return sha256(payload) === head.slice(MAGIC.length, HEADER - 1) ? payload : undefined;
}

/** A cache entry that is there but damaged. */
export class CacheEntryError extends Error {
  constructor(readonly file: string) {
    super(`the cache entry ${file} is damaged (truncated or changed); build again, it is rendered anew`);
    this.name = 'CacheEntryError';
  }
}

/**
 * What a job keeps in the cache folder for the jobs that take it as input (a
 * kind's `keeps`): its laid-out pages, packed (a leaflet's, for the files of
 * every leaflet), where its drawing's colours went (the booklet's, for its
 * press PDF: src/render/pdf/twin.ts), or a digest of what each of its pages
 * shows (the booklet's, for its thumbnails: src/jobs/pageThumbs.ts); and,
 * named by such a digest rather than a job's key, a page's thumbnail (in
 * `.warraq-cache/thumbs/`, beside the output folders' cache folders), and a
 * gallery web font (`.warraq-cache/webfonts/`: src/jobs/keptWebFonts.ts).
 */
export type Kept = 'pages' | 'drawing' | 'pageKeys' | 'thumb' | 'woff';

/** The file in cache folder `dir` that holds what the job with this key keeps. */
export const keptFile = (dir: string, key: string, what: Kept) => path.join(dir, `${key}.${what}`);

/** Stores what a job keeps (plain data) under its key. */
export async function writeKept(dir: string, key: string, what: Kept, value: unknown): Promise<void> {
  await writeAtomicIn(keptFile(dir, key, what), frame(serialize(value)));
}

/** What the job with this key kept (`writeKept`); CacheEntryError when the entry is damaged. */
export async function readKept(dir: string, key: string, what: Kept): Promise<unknown> {
  const file = keptFile(dir, key, what);
  const payload = unframe(await readFile(file));
  if (!payload) throw new CacheEntryError(file);
  return deserialize(payload);
}
