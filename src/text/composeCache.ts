/**
 * Composed paragraphs, remembered. Composition (itemize, shape, break,
 * justify) is the text layer's dearest step, and a build asks for the same
 * paragraph again and again: the card-fit check and the card itself, the
 * sizes a fit search tries, every card's footer, and, build after build,
 * every point that an edit did not touch. So `composeCached` keeps each
 * result under a key made of all that composition reads: the spans (text
 * and style, each font by the SHA-256 of its bytes) and the options.
 *
 * Two levels, both bounded by bytes:
 * - in memory, per thread, least recently used first out, at most
 *   `limits.memoryBytes` (each paragraph's size estimated from its glyphs
 *   and lines); a warm watch session's threads keep theirs between builds;
 * - across builds (`startComposeCache` / `composeCacheBytes`; the build
 *   reads and writes the bytes, src/jobs/memoStore.ts): packed entries
 *   (fonts by key, v8-serialized), at most `limits.diskBytes`, tagged with
 *   a salt, the digest of the code that composes; bytes with another salt
 *   are not used. An entry is unpacked only when it is asked for.
 *
 * The same key always gives the same paragraph (composition is pure), so a
 * cached build is byte for byte the build without the cache. What it
 * returns is shared: callers must not change it (under vitest every
 * paragraph is frozen, so a template that does fails its tests).
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { ComposedParagraph, ComposeOptions } from './compose.js';
import type { LoadedFont } from './fonts.js';
import type { StyledSpan } from './itemize.js';

const FORMAT = 'warraq-compose 2';

/** The bounds (tests lower them). A positioned glyph costs ≈ 200 bytes of heap, a line ≈ 250. */
export const limits = {
  /** Most bytes (estimated) of paragraphs held unpacked in memory, per thread: ≈ the seed's booklet, leaflets and card checks. */
  memoryBytes: 24 * 1024 * 1024,
  /** Most bytes of packed paragraphs held for, and written to, the disk level. */
  diskBytes: 16 * 1024 * 1024,
};

/** Most keys recorded as asked for while a build records (a build that fails never stops recording until the next starts). */
const MAX_USED = 200_000;
const GLYPH_BYTES = 200;
const LINE_BYTES = 250;
const ENTRY_BYTES = 300;

interface Entry {
  /** Its key on disk. */
  stored: string;
  para: ComposedParagraph;
  /** Its packed form, once made (or as read from disk). */
  packed?: Uint8Array;
  bytes: number;
}

const memory = new Map<string, Entry>();
let memoryBytes = 0;
/** Packed entries: read from disk and not yet asked for, or pushed out of memory while a build records. */
let disk = new Map<string, Uint8Array>();
let diskBytes = 0;
let salt: string | undefined;
/** Keys asked for since the disk level was started, in order: what the next save keeps first. */
const used = new Set<string>();
/** Whether a paragraph was composed (not found) since the disk level was started: else there is nothing new to store. */
let composed = false;
const freeze = Boolean(process.env.VITEST);

const fontDigests = new WeakMap<LoadedFont, string>();
/** The SHA-256 of a font's bytes (hex), once per font object: what keys name a font by. */
export function fontDigest(font: LoadedFont): string {
  let d = fontDigests.get(font);
  if (d === undefined) fontDigests.set(font, (d = createHash('sha256').update(font.bytes).digest('hex')));
  return d;
}
/** Each font object's number in this thread: two objects of the same font file are two fonts to the memory level. */
const fontIds = new WeakMap<LoadedFont, number>();
let nextFontId = 0;
function fontId(font: LoadedFont): number {
  let id = fontIds.get(font);
  if (id === undefined) fontIds.set(font, (id = nextFontId++));
  return id;
}

/**
 * Everything composition reads, as one string, each font by its bytes'
 * digest (`stored`: the key on disk, where fonts are packed by key), and
 * the key in memory, which adds the font objects themselves: a paragraph
 * in memory holds its glyphs' font objects, and must be handed only to a
 * caller with those very objects (a glyph with another object of the same
 * font would be unknown to packPages and to the PDF renderer's subsets).
 */
function keysOf(spans: StyledSpan[], opts: ComposeOptions): { stored: string; memory: string } {
  const ids: number[] = [];
  const json = JSON.stringify([spans, opts], (_k, v: unknown) => {
    if (v === null || typeof v !== 'object' || !('hb' in v && 'bytes' in v)) return v;
    ids.push(fontId(v as LoadedFont));
    return `font:${fontDigest(v as LoadedFont)}`;
  });
  const stored = createHash('sha256').update(json).digest('base64');
  return { stored, memory: `${stored}:${ids.join(',')}` };
}

function sizeOf(p: ComposedParagraph): number {
  let n = ENTRY_BYTES + p.text.length * 2;
  for (const l of p.lines) n += LINE_BYTES + l.glyphs.length * GLYPH_BYTES;
  return n;
}

function deepFreeze(p: ComposedParagraph): void {
  for (const l of p.lines) {
    for (const g of l.glyphs) Object.freeze(g);
    for (const s of l.kashidaSpans) Object.freeze(s);
    Object.freeze(l.glyphs);
    Object.freeze(l.kashidaSpans);
    Object.freeze(l);
  }
  Object.freeze(p.lines);
  Object.freeze(p);
}

function keepPacked(key: string, packed: Uint8Array) {
  if (disk.has(key) || diskBytes + packed.length > limits.diskBytes) return;
  disk.set(key, packed);
  diskBytes += packed.length;
}

function takePacked(key: string): Uint8Array | undefined {
  const packed = disk.get(key);
  if (packed) {
    disk.delete(key);
    diskBytes -= packed.length;
  }
  return packed;
}

/** Puts `entry` in memory as the most recently used, pushing out the least recently used beyond the bound. */
function remember(key: string, entry: Entry) {
  const old = memory.get(key);
  if (old) {
    memory.delete(key);
    memoryBytes -= old.bytes;
  }
  memory.set(key, entry);
  memoryBytes += entry.bytes;
  trim();
}

/** Pushes the least recently used paragraphs out of memory until it is within its bound. */
function trim() {
  for (const [k, e] of memory) {
    if (memoryBytes <= limits.memoryBytes) break;
    memory.delete(k);
    memoryBytes -= e.bytes;
    // While a build records, a paragraph it used keeps its packed form for the disk level (within that level's bound).
    if (salt !== undefined && used.has(e.stored) && diskBytes < limits.diskBytes) keepPacked(e.stored, e.packed ?? pack(e.para));
  }
}

/** A paragraph with each glyph's font replaced by its key, serialized. */
function pack(p: ComposedParagraph): Uint8Array {
  const lines = p.lines.map((l) => ({ ...l, glyphs: l.glyphs.map((g) => ({ ...g, font: g.font.key })) }));
  return serialize({ ...p, lines });
}

/** The inverse of `pack`, with the fonts of the spans that asked for it; undefined when a font is not among them. */
function unpack(bytes: Uint8Array, spans: StyledSpan[]): ComposedParagraph | undefined {
  const fonts = new Map<string, LoadedFont>();
  for (const s of spans) for (const f of s.style.fonts) fonts.set(f.key, f);
  const p = deserialize(bytes) as { lines: Array<{ glyphs: Array<{ font: unknown }> }> };
  for (const l of p.lines)
    for (const g of l.glyphs) {
      const f = fonts.get(g.font as string);
      if (!f) return undefined;
      g.font = f;
    }
  return p as unknown as ComposedParagraph;
}

/** `compose(spans, opts)`, or the same paragraph composed before. Callers must not change what it returns. */
export function composeCached(spans: StyledSpan[], opts: ComposeOptions, compose: (spans: StyledSpan[], opts: ComposeOptions) => ComposedParagraph): ComposedParagraph {
  const { stored: key, memory: memoryKey } = keysOf(spans, opts);
  if (salt !== undefined && used.size < MAX_USED) used.add(key);
  const hit = memory.get(memoryKey);
  if (hit) {
    remember(memoryKey, hit);
    return hit.para;
  }
  const stored = takePacked(key);
  const unpacked = stored && unpack(stored, spans);
  const para = unpacked ?? compose(spans, opts);
  if (!unpacked) composed = true;
  if (freeze) deepFreeze(para);
  const packed = unpacked ? stored : undefined;
  remember(memoryKey, { stored: key, para, packed, bytes: sizeOf(para) + (packed?.length ?? 0) });
  return para;
}

/**
 * Starts the disk level from `stored` (what `composeCacheBytes` gave for the
 * last build, read back by the build: src/jobs/memoStore.ts), for code
 * whose digest is `codeSalt`; missing, damaged or another code's bytes leave
 * it empty. Compositions from now on are recorded for `composeCacheBytes`.
 */
export function startComposeCache(codeSalt: string, stored: Uint8Array | undefined): void {
  salt = codeSalt;
  used.clear();
  composed = false;
  disk = new Map();
  diskBytes = 0;
  if (!stored) return;
  try {
    const data = deserialize(stored) as { format: string; salt: string; entries: Map<string, Uint8Array> };
    if (data.format !== FORMAT || data.salt !== codeSalt || !(data.entries instanceof Map)) return;
    for (const [k, packed] of data.entries) if (packed instanceof Uint8Array) keepPacked(k, packed);
  } catch {
    // Unreadable: everything is composed afresh.
  }
}

/**
 * The disk level to store: the entries asked for since `startComposeCache`
 * (the last asked first), then earlier ones, up to `limits.diskBytes`; undefined when it was not
 * started or nothing was composed since (what is stored already has
 * everything asked for). Stops recording: until the next start, the disk
 * level holds what was stored.
 */
export function composeCacheBytes(): Uint8Array | undefined {
  if (salt === undefined) return undefined;
  const wanted = salt;
  const entries = new Map<string, Uint8Array>();
  let bytes = 0;
  const keep = (key: string, packed: Uint8Array | undefined) => {
    if (!packed || entries.has(key) || bytes + packed.length > limits.diskBytes) return;
    entries.set(key, packed);
    bytes += packed.length;
  };
  if (composed) {
    // In memory by their key on disk (the most recently used of the font objects that share it).
    const byStored = new Map<string, Entry>();
    for (const e of memory.values()) byStored.set(e.stored, e);
    for (const key of [...used].reverse()) {
      const m = byStored.get(key);
      if (m && !m.packed) {
        m.packed = pack(m.para);
        m.bytes += m.packed.length;
        memoryBytes += m.packed.length;
      }
      keep(key, m?.packed ?? disk.get(key));
    }
    for (const [key, packed] of disk) keep(key, packed);
  }
  salt = undefined;
  used.clear();
  disk = new Map();
  diskBytes = 0;
  trim(); // the packed forms just made count against the memory bound too
  return composed ? serialize({ format: FORMAT, salt: wanted, entries }) : undefined;
}

/** What the in-memory and packed levels hold now (tests of the bounds). */
export function composeCacheSize(): { entries: number; bytes: number; packed: number; packedBytes: number } {
  return { entries: memory.size, bytes: memoryBytes, packed: disk.size, packedBytes: diskBytes };
}

/** Empties the in-memory level (tests: as a new process would start). */
export function forgetComposedInMemory(): void {
  memory.clear();
  memoryBytes = 0;
}
