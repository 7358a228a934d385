/**
 * Composed paragraphs, remembered. Composition (itemize, shape, break,
 * justify) is the text layer's dearest step, and a build asks for the same
 * paragraph again and again: the card-fit check and the card itself, the
 * sizes a fit search tries, every card's footer, and, build after build,
 * every point that an edit did not touch. So `composeCached` keeps each
 * result under a key made of all that composition reads: the spans (text
 * and style, each font by the SHA-256 of its bytes) and the options.
 *
 * Two levels, both bounded by bytes (src/memoLevel.ts, the store the PDF
 * painter's memos use too):
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
import { fontDigest } from './fontDigest.js';
import type { StyledSpan } from './itemize.js';
import { memoLevel, type MemoWrite, type StoredMemo } from '../memoLevel.js';

const FORMAT = 'warraq-compose 2';

/** The bounds (tests lower them). A positioned glyph costs ≈ 200 bytes of heap, a line ≈ 250. */
export const limits = {
  /** Most bytes (estimated) of paragraphs held unpacked in memory, per thread: ≈ the seed's booklet, leaflets and card checks. */
  memoryBytes: 24 * 1024 * 1024,
  /** Most bytes of packed paragraphs held for, and written to, the disk level. */
  diskBytes: 16 * 1024 * 1024,
};

const GLYPH_BYTES = 200;
const LINE_BYTES = 250;
const ENTRY_BYTES = 300;
const freeze = Boolean(process.env.VITEST);

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

function deepFreeze(p: ComposedParagraph): ComposedParagraph {
  for (const l of p.lines) {
    for (const g of l.glyphs) Object.freeze(g);
    for (const s of l.kashidaSpans) Object.freeze(s);
    Object.freeze(l.glyphs);
    Object.freeze(l.kashidaSpans);
    Object.freeze(l);
  }
  Object.freeze(p.lines);
  return Object.freeze(p);
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

const level = memoLevel<ComposedParagraph, Uint8Array>(FORMAT, sizeOf, limits, { pack, sizeOf: (b) => b.length, valid: (b): b is Uint8Array => b instanceof Uint8Array });

/** `compose(spans, opts)`, or the same paragraph composed before. Callers must not change what it returns. */
export function composeCached(spans: StyledSpan[], opts: ComposeOptions, compose: (spans: StyledSpan[], opts: ComposeOptions) => ComposedParagraph): ComposedParagraph {
  const { stored: key, memory: memoryKey } = keysOf(spans, opts);
  const found = level.get(key, {
    memoryKey,
    unpack: (bytes) => {
      const p = unpack(bytes, spans);
      return p && freeze ? deepFreeze(p) : p;
    },
  });
  if (found) return found;
  const para = compose(spans, opts);
  if (freeze) deepFreeze(para);
  level.set(key, para, memoryKey);
  return para;
}

/**
 * Starts the disk level from `stored` (what `composeCacheBytes` gave for the
 * last build, read back by the build: src/jobs/memoStore.ts), for code
 * whose digest is `codeSalt`; missing, damaged or another code's bytes leave
 * it empty. Compositions from now on are recorded for `composeCacheBytes`.
 */
export const startComposeCache = (codeSalt: string, stored: StoredMemo): void => level.start(codeSalt, stored);

/**
 * The disk level to store (src/memoLevel.ts): a segment with the entries
 * composed since `startComposeCache` to append to the file, or the file
 * anew (the entries asked for first, the last asked first), up to
 * `limits.diskBytes`; undefined when it was not
 * started or nothing was composed since (what is stored already has
 * everything asked for). Stops recording until the next start.
 */
export const composeCacheBytes = (): MemoWrite | undefined => level.bytes();

/** What the in-memory and packed levels hold now (tests of the bounds). */
export const composeCacheSize = () => level.size();

/** Empties the in-memory level (tests: as a new process would start). */
export const forgetComposedInMemory = (): void => level.forget();
