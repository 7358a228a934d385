/**
 * Painted lines, remembered. Drawing a line (glyphPainter's `lineContent`:
 * extraction widths, bidi marks, the PDFium and poppler plans, a few
 * operators per glyph) is most of a PDF's drawing, and a line's operators
 * depend only on the line, where it is drawn and its colours — and on the
 * character codes the file has given its glyphs so far, which change with
 * every document and every page before it. So a line is remembered as its
 * operators with holes where a code or a font's name goes, plus the codes it
 * asks for, in order; a line found again asks the file for those same codes
 * in the same order (`codeFor`: the same subsets, ToUnicode and widths as
 * drawing it) and fills the holes in. The bytes are those of drawing it
 * (test/render/pdf/rememberedLines.test.ts, test/jobs/memoStore.test.ts).
 *
 * The key is everything `lineContent` reads: the glyphs (each font by the
 * SHA-256 of its bytes), the place, the colour, the direction, PDFium's
 * order, and the fill operator of each colour the line uses (RGB or the
 * press files' CMYK). The code that paints is the salt of the disk level, as
 * for composed paragraphs (src/jobs/memoStore.ts), so a changed painter
 * never meets an old line.
 *
 * Two levels, as for composed paragraphs (src/text/composeCache.ts): in
 * memory per thread (least recently used out beyond `limits.memoryBytes`),
 * and, in the build's main thread, one file in `.warraq-cache/memo/`
 * (`startPaintMemo` / `paintMemoBytes`), at most `limits.diskBytes`.
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { ComposedLine } from '../../text/compose.js';
import type { LoadedFont } from '../../text/fonts.js';
import { fontDigest } from '../../text/composeCache.js';
import { codeFor, lineContent, recordingCodes, type PdfKitDoc } from './glyphPainter.js';

const FORMAT = 'warraq-lines 1';

export const limits = {
  /** Most bytes (≈ characters) of painted lines held in memory, per thread. */
  memoryBytes: 32 * 1024 * 1024,
  /** Most bytes of painted lines written to the disk level. */
  diskBytes: 24 * 1024 * 1024,
};

/** A painted line: its operators cut at the holes, and the codes it asks for. */
interface Painted {
  /** The operators between the holes (one more than `holes`). */
  parts: string[];
  /** Each hole: n ≥ 0, the hex of code n; n < 0, the name of font −n−1. */
  holes: number[];
  /** The fonts, by digest. */
  fonts: string[];
  /** The codes asked for, in order: [font, glyph id, text, advance in 1000ths]. */
  codes: Array<[number, number, string, number]>;
  bytes: number;
}

const memory = new Map<string, Painted>();
let memoryBytes = 0;
/** Read from disk, unpacked on the first line asked for. */
let stored: Uint8Array | undefined;
let disk = new Map<string, Painted>();
let salt: string | undefined;
/** Lines asked for since the disk level was started, in order. */
const used = new Set<string>();
let painted = false;
/** Lines painted and lines drawn again from what was remembered, in this thread (tests). */
const counts = { painted: 0, replayed: 0 };

function keyOf(line: ComposedLine, x: number, y: number, color: string, rtl: boolean, fill: (hex: string) => string, pdfiumOrder: boolean): string {
  const colors = new Set<string>([color]);
  for (const g of line.glyphs) if (g.color !== undefined) colors.add(g.color);
  const json = JSON.stringify([x, y, color, rtl, pdfiumOrder, [...colors].map(fill), line.glyphs], (k, v: unknown) =>
    k === 'font' && v !== null && typeof v === 'object' ? fontDigest(v as LoadedFont) : v,
  );
  return createHash('sha256').update(json).digest('base64');
}

const HOLE = /\/([^\s/]+) [^\s]+ Tf|<([0-9a-f]{4,})> Tj/g;

/** A line's operators cut at its codes and font names; undefined if they do not match the codes asked for (then it is not remembered). */
function cut(content: string, codes: ReturnType<typeof recordingCodes>['codes'], results: Array<{ inst: { id: string }; cid: number }>): Painted | undefined {
  const fonts: string[] = [];
  const fontIndex = new Map<string, number>();
  const byId = new Map<string, number>();
  const codeList: Painted['codes'] = codes.map((c, i) => {
    const d = fontDigest(c.font);
    let f = fontIndex.get(d);
    if (f === undefined) fontIndex.set(d, (f = fonts.push(d) - 1));
    byId.set(results[i].inst.id, f);
    return [f, c.gid, c.text, c.advance1000];
  });
  const parts: string[] = [];
  const holes: number[] = [];
  let from = 0;
  let next = 0;
  for (const m of content.matchAll(HOLE)) {
    const at = m.index!;
    if (m[1] !== undefined) {
      const f = byId.get(m[1]);
      if (f === undefined) return undefined;
      parts.push(content.slice(from, at + 1));
      holes.push(-f - 1);
      from = at + 1 + m[1].length;
    } else {
      if (next >= results.length || parseInt(m[2], 16) !== results[next].cid) return undefined;
      parts.push(content.slice(from, at + 1));
      holes.push(next++);
      from = at + 1 + m[2].length;
    }
  }
  if (next !== results.length) return undefined;
  parts.push(content.slice(from));
  return { parts, holes, fonts, codes: codeList, bytes: content.length + 64 * codes.length };
}

/** The line drawn again from what was remembered, asking `doc` for its codes in the same order. */
function replay(doc: PdfKitDoc, line: ComposedLine, p: Painted): string | undefined {
  const byDigest = new Map<string, LoadedFont>();
  for (const g of line.glyphs) byDigest.set(fontDigest(g.font), g.font);
  const fonts = p.fonts.map((d) => byDigest.get(d));
  if (fonts.some((f) => f === undefined)) return undefined;
  const names: string[] = [];
  const hex: string[] = p.codes.map(([f, gid, text, advance]) => {
    const { inst, cid } = codeFor(doc, fonts[f]!, gid, text, advance);
    doc.page.fonts[inst.id] ??= (inst as { ref(): unknown }).ref();
    names[f] = inst.id;
    return cid.toString(16).padStart(4, '0');
  });
  let out = p.parts[0];
  for (let i = 0; i < p.holes.length; i++) {
    const h = p.holes[i];
    out += (h >= 0 ? hex[h] : names[-h - 1]) + p.parts[i + 1];
  }
  return out;
}

function remember(key: string, p: Painted) {
  const old = memory.get(key);
  if (old) {
    memory.delete(key);
    memoryBytes -= old.bytes;
  }
  memory.set(key, p);
  memoryBytes += p.bytes;
  for (const [k, e] of memory) {
    if (memoryBytes <= limits.memoryBytes) break;
    memory.delete(k);
    memoryBytes -= e.bytes;
  }
}

function fromDisk(key: string): Painted | undefined {
  if (stored) {
    const bytes = stored;
    stored = undefined;
    try {
      const data = deserialize(bytes) as { format: string; salt: string; entries: Map<string, Painted> };
      if (data.format === FORMAT && data.salt === salt && data.entries instanceof Map) disk = data.entries;
    } catch {
      // Unreadable: every line is painted afresh.
    }
  }
  return disk.get(key);
}

/** `paintLine`, or the same line painted before: the same operators and codes. */
export function paintLineRemembered(
  doc: PdfKitDoc,
  line: ComposedLine,
  x: number,
  y: number,
  color: string,
  rtl: boolean,
  fill: (hex: string) => string,
  pdfiumOrder: boolean,
): void {
  if (!line.glyphs.length) return;
  const key = keyOf(line, x, y, color, rtl, fill, pdfiumOrder);
  if (salt !== undefined) used.add(key);
  const known = memory.get(key) ?? fromDisk(key);
  const again = known && replay(doc, line, known);
  if (again !== undefined) {
    remember(key, known!);
    counts.replayed++;
    doc.addContent(again);
    return;
  }
  const { result: content, codes } = recordingCodes(() => lineContent(doc, line, x, y, color, rtl, fill, pdfiumOrder));
  // The codes as the file gave them (asked again: `codeFor` finds each one it just made).
  const results = codes.map((c) => codeFor(doc, c.font, c.gid, c.text, c.advance1000));
  const p = cut(content, codes, results);
  counts.painted++;
  if (p) {
    remember(key, p);
    painted = true;
  }
  doc.addContent(content);
}

/** Starts the disk level from `bytes` (what `paintMemoBytes` gave for the last build) for code whose digest is `codeSalt`. */
export function startPaintMemo(codeSalt: string, bytes: Uint8Array | undefined): void {
  salt = codeSalt;
  used.clear();
  painted = false;
  disk = new Map();
  stored = bytes;
}

/** The disk level to store (lines used since the start first, then older ones, within `limits.diskBytes`); undefined when nothing new was painted. */
export function paintMemoBytes(): Uint8Array | undefined {
  if (salt === undefined) return undefined;
  const wanted = salt;
  let out: Uint8Array | undefined;
  if (painted) {
    if (stored) fromDisk('');
    const entries = new Map<string, Painted>();
    let bytes = 0;
    const keep = (key: string, p: Painted | undefined) => {
      if (!p || entries.has(key) || bytes + p.bytes > limits.diskBytes) return;
      entries.set(key, p);
      bytes += p.bytes;
    };
    for (const key of [...used].reverse()) keep(key, memory.get(key) ?? disk.get(key));
    for (const [key, p] of disk) keep(key, p);
    out = serialize({ format: FORMAT, salt: wanted, entries });
  }
  salt = undefined;
  used.clear();
  disk = new Map();
  stored = undefined;
  return out;
}

/** Lines painted and drawn again from memory or disk in this thread so far (tests). */
export function paintMemoCounts(): { painted: number; replayed: number } {
  return { ...counts };
}

/** Empties the in-memory level (tests: as a new process would start). */
export function forgetPaintedInMemory(): void {
  memory.clear();
  memoryBytes = 0;
}
