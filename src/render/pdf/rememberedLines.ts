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
 * With them it keeps what drawing it says of mutool 1.21's direction after
 * the line, which the page's next line starts from (`lineContent`'s
 * `mutool`).
 *
 * The key is everything `lineContent` reads: the glyphs (each font by the
 * SHA-256 of its bytes and its key), the place, the colour, the direction,
 * PDFium's order; not the fill each colour is written with (a twin
 * drawing's placeholder, twin.ts, or the RGB operator of a file drawn
 * without a twin: the line is remembered with placeholders, filled in as it
 * is added), so a leaflet
 * drawn alone and again among all the leaflets is one line (`keyOf`). The
 * code that paints is the salt of the disk level, as for composed
 * paragraphs (src/jobs/memoStore.ts), so a changed painter never meets an
 * old line.
 *
 * Two levels (src/memoLevel.ts): in memory per thread (least recently used out
 * beyond `limits.memoryBytes`), and, in the build's main thread, one file in
 * `.warraq-cache/memo/` (`startPaintMemo` / `paintMemoBytes`), at most
 * `limits.diskBytes`.
 */
import { createHash } from 'node:crypto';
import type { ComposedLine, PositionedGlyph } from '../../text/compose.js';
import type { LoadedFont } from '../../text/fonts.js';
import { fontDigest } from '../../text/fontDigest.js';
import { memoLevel, type StoredMemo } from '../../memoLevel.js';
import { codeFor, lineContent, recordingCodes, type CodeUse, type FollowingChar, type PaintedLine, type PdfKitDoc } from './glyphPainter.js';
import { fillPlaceholders, textPlaceholder } from './twin.js';
import type { MutoolPen } from './mutoolOrder.js';

const FORMAT = 'warraq-lines 7';

const limits = {
  /** Most bytes (≈ characters) of painted lines held in memory, per thread. */
  memoryBytes: 16 * 1024 * 1024,
  /** Most bytes of painted lines written to the disk level. */
  diskBytes: 16 * 1024 * 1024,
};

/**
 * A painted line: its operators, the holes in them where a code or a font's
 * name goes, and the codes it asks for. Typed arrays and two strings, not
 * an object per glyph: the disk level is read and written in one piece.
 */
interface Painted {
  content: string;
  /** Each hole's start and end in `content`. */
  starts: Uint32Array;
  ends: Uint32Array;
  /** Each hole: n ≥ 0, the hex of code n; n < 0, the name of font −n−1. */
  holes: Int32Array;
  /** The fonts, by `fontId`. */
  fonts: string[];
  /** The codes asked for, in order: font, glyph id and advance (1000ths) of each, three numbers apiece. */
  codes: Int32Array;
  /** Their texts, one after the other, and each one's length. */
  texts: string;
  textLengths: Uint32Array;
  /** Where mutool 1.21's reading stands after the line (`lineContent`'s); undefined: as before it. */
  mutool: MutoolPen | undefined;
  bytes: number;
}

const level = memoLevel<Painted>(FORMAT, (p) => p.bytes, limits);
/** Lines painted and lines drawn again from what was remembered, in this thread (tests). */
const counts = { painted: 0, replayed: 0 };

/**
 * A font as the painter tells fonts apart: by its key (its subsets, and so
 * its codes and names, are the key's) and, for what the line looks like, by
 * the SHA-256 of its bytes.
 */
const fontId = (f: LoadedFont) => `${fontDigest(f)} ${f.key}`;

/** A glyph's numbers in a line's key, as 8 bytes each: converting them to text took ≈ 40 ms of a cold booklet. */
const NUMBERS = 12;

/**
 * A glyph's part of a line's key: every field, one by one: the numbers into
 * `numbers` from `at` on (its font as its place in `fonts`), the strings
 * returned. A field added to PositionedGlyph lands in `rest` and fails to
 * compile here until the key has it.
 */
function glyphKey(g: PositionedGlyph, fonts: Map<LoadedFont, number>, numbers: Float64Array, at: number): string {
  const { font, size, gid, x, dx, y, advance, scaleX, text, offset, level, word, kashida, space, hidden, color, ...rest } = g;
  const none: Record<string, never> = rest;
  void none;
  let f = fonts.get(font);
  if (f === undefined) fonts.set(font, (f = fonts.size));
  numbers[at] = f;
  numbers[at + 1] = size;
  numbers[at + 2] = gid;
  numbers[at + 3] = x;
  numbers[at + 4] = y;
  numbers[at + 5] = advance;
  numbers[at + 6] = scaleX;
  numbers[at + 7] = offset;
  numbers[at + 8] = level;
  numbers[at + 9] = word;
  numbers[at + 10] = (kashida ? 1 : 0) + (space ? 2 : 0) + (hidden ? 4 : 0);
  numbers[at + 11] = dx ?? 0;
  return color === undefined ? `${text.length}:${text}-` : `${text.length}:${text}${color.length}:${color}`;
}

/** Where and how a line is painted: `lineContent`'s arguments besides the document and the line. */
export interface LinePlace {
  x: number;
  y: number;
  color: string;
  rtl: boolean;
  fill: (hex: string) => string;
  pdfiumOrder: boolean;
  /** How many RLMs the line draws for poppler's page direction (`lineContent`'s `rlmsForPoppler`). */
  rlmsForPoppler: number;
  /** Whether mutool 1.21 reads right to left when the line starts, or where a first part of the line left it (`lineContent`'s `mutool`). */
  mutool?: boolean | MutoolPen;
  /** What the same line draws after this part (`lineContent`'s `follows`). */
  follows?: FollowingChar[];
  /** Whether poppler reads the page left to right (`lineContent`'s `popplerLeftToRight`). */
  popplerLeftToRight?: boolean;
}

/**
 * A line's key. Its fill is written through placeholders, one per colour
 * (twin.ts), and each is replaced by the fill's operator as the line is
 * added: the painter only writes a fill's operator and compares it with the
 * last one, and each colour has an operator of its own (the model writes
 * each colour one way: src/model/theme.ts `mergeTheme`). So the line is
 * remembered under one key for every fill (a twin drawing's and a file's
 * RGB operators: an individual leaflet and the same leaflet in
 * all-leaflets.pdf).
 */
function keyOf(line: ComposedLine, { x, y, color, rtl, pdfiumOrder, rlmsForPoppler, mutool, follows, popplerLeftToRight }: LinePlace): string {
  // (popplerLeftToRight only where set: the other lines keep the keys they had.)
  const head = JSON.stringify([x, y, color, rtl, pdfiumOrder, rlmsForPoppler, typeof mutool === 'object' ? mutool : mutool === true, follows ?? [], ...(popplerLeftToRight ? [true] : [])]);
  return createHash('sha256').update(head).update(glyphsDigest(line)).digest('base64');
}

/**
 * The digest of a line's glyphs, by the line object: a composed paragraph's
 * lines are the same objects in every build of a session that finds the
 * paragraph composed before (src/text/composeCache.ts; callers never change
 * them, and tests freeze them), so an unchanged line's ≈ 11 numbers a glyph
 * are hashed once per session, not once per drawing. A line made afresh
 * (another object) is hashed afresh.
 */
const digests = new WeakMap<ComposedLine, Buffer>();

function glyphsDigest(line: ComposedLine): Buffer {
  let d = digests.get(line);
  if (d) return d;
  const fonts = new Map<LoadedFont, number>();
  const numbers = new Float64Array(line.glyphs.length * NUMBERS);
  let texts = '';
  line.glyphs.forEach((g, i) => {
    texts += glyphKey(g, fonts, numbers, i * NUMBERS);
  });
  const head = JSON.stringify([[...fonts.keys()].map(fontId), line.glyphs.length]);
  d = createHash('sha256').update(head).update(numbers).update(texts).digest();
  digests.set(line, d);
  return d;
}

const HOLE = /\/([^\s/]+) [^\s]+ Tf|<([0-9a-f]{4,})> Tj/g;

/** The codes a line asked for, packed: their fonts by id (in first use), each code's font, glyph and advance, and their texts. */
function packedCodes(asked: CodeUse[], results: Array<{ inst: { id: string }; cid: number }>) {
  const fonts: string[] = [];
  const fontIndex = new Map<string, number>();
  const byId = new Map<string, number>();
  const codes = new Int32Array(asked.length * 3);
  const textLengths = new Uint32Array(asked.length);
  let texts = '';
  asked.forEach((c, i) => {
    const d = fontId(c.font);
    let f = fontIndex.get(d);
    if (f === undefined) fontIndex.set(d, (f = fonts.push(d) - 1));
    byId.set(results[i].inst.id, f);
    codes.set([f, c.gid, c.advance1000], i * 3);
    textLengths[i] = c.text.length;
    texts += c.text;
  });
  return { fonts, byId, codes, textLengths, texts };
}

/**
 * The holes of a line's operators: where each font name and code stands, and what fills it (a font's
 * index as -1 - index, or the code's place among the results); undefined if a name or code matches
 * none of those asked for, or one asked for is never drawn.
 */
function holesOf(content: string, byId: ReadonlyMap<string, number>, results: Array<{ inst: { id: string }; cid: number }>) {
  const starts: number[] = [];
  const ends: number[] = [];
  const holes: number[] = [];
  // A code is asked for where its Tj stands, but for a glyph the painter adds to a text object drawn
  // before (glyphPainter's `handedOver`, `spaceAhead`): there a Tj takes the first code not yet taken
  // with its number (and the font set last, where one such is), so that a replay asks for the codes in
  // the order they were made, as the file made them.
  const taken = new Uint8Array(results.length);
  let next = 0;
  let font: string | undefined;
  const find = (cid: number, sameFont: boolean) => {
    for (let i = next; i < results.length; i++) if (!taken[i] && results[i].cid === cid && (!sameFont || results[i].inst.id === font)) return i;
    return -1;
  };
  for (const m of content.matchAll(HOLE)) {
    const at = m.index! + 1;
    if (m[1] !== undefined) {
      const f = byId.get(m[1]);
      if (f === undefined) return undefined;
      font = m[1];
      holes.push(-f - 1);
      ends.push(at + m[1].length);
    } else {
      const cid = parseInt(m[2], 16);
      // (In order, as almost always: the next code, as before.)
      let i = next < results.length && results[next].cid === cid ? next : find(cid, true);
      if (i < 0) i = find(cid, false);
      if (i < 0) return undefined;
      taken[i] = 1;
      while (next < results.length && taken[next]) next++;
      holes.push(i);
      ends.push(at + m[2].length);
    }
    starts.push(at);
  }
  return next === results.length ? { starts, ends, holes } : undefined;
}

/** A line's operators cut at its codes and font names; undefined if they do not match the codes asked for (then it is not remembered). */
function cut({ content, mutool }: PaintedLine, asked: CodeUse[], results: Array<{ inst: { id: string }; cid: number }>): Painted | undefined {
  const { fonts, byId, codes, textLengths, texts } = packedCodes(asked, results);
  const cutAt = holesOf(content, byId, results);
  if (!cutAt) return undefined;
  return {
    content,
    starts: Uint32Array.from(cutAt.starts),
    ends: Uint32Array.from(cutAt.ends),
    holes: Int32Array.from(cutAt.holes),
    fonts,
    codes,
    texts,
    textLengths,
    mutool,
    bytes: content.length + texts.length * 2 + 24 * asked.length + 12 * cutAt.holes.length,
  };
}

/** The line drawn again from what was remembered, asking `doc` for its codes in the same order. */
function replay(doc: PdfKitDoc, line: ComposedLine, p: Painted): string | undefined {
  const byFont = new Map<string, LoadedFont>();
  for (const g of line.glyphs) byFont.set(fontId(g.font), g.font);
  const fonts = p.fonts.map((d) => byFont.get(d));
  if (fonts.some((f) => f === undefined)) return undefined;
  const names: string[] = [];
  const hex: string[] = [];
  for (let i = 0, t = 0; i < p.textLengths.length; i++) {
    const f = p.codes[i * 3];
    const text = p.texts.slice(t, (t += p.textLengths[i]));
    const { inst, cid } = codeFor(doc, fonts[f]!, p.codes[i * 3 + 1], text, p.codes[i * 3 + 2]);
    doc.page.fonts[inst.id] ??= (inst as { ref(): unknown }).ref();
    names[f] = inst.id;
    hex.push(cid.toString(16).padStart(4, '0'));
  }
  let out = '';
  let from = 0;
  for (let i = 0; i < p.holes.length; i++) {
    const h = p.holes[i];
    out += p.content.slice(from, p.starts[i]) + (h >= 0 ? hex[h] : names[-h - 1]);
    from = p.ends[i];
  }
  return out + p.content.slice(from);
}

/**
 * Adds the line's operators (`lineContent`) to `doc`'s content, or those of
 * the same line painted before: the same operators and codes. Returns
 * where mutool 1.21's reading stands after the line (`lineContent`'s
 * `mutool`: undefined, as before it).
 */
export function paintLineRemembered(doc: PdfKitDoc, line: ComposedLine, at: LinePlace): MutoolPen | undefined {
  if (!line.glyphs.length) return undefined;
  const { x, y, color, rtl, fill, pdfiumOrder, rlmsForPoppler, mutool, follows, popplerLeftToRight } = at;
  const key = keyOf(line, at);
  const add = (content: string) => {
    if (content) doc.addContent(fill !== textPlaceholder ? fillPlaceholders(content, fill) : content);
  };
  const known = level.get(key);
  const again = known && replay(doc, line, known);
  if (known && again !== undefined) {
    counts.replayed++;
    add(again);
    return known.mutool;
  }
  const { result: painted, codes } = recordingCodes(() => lineContent(doc, line, x, y, color, rtl, textPlaceholder, pdfiumOrder, rlmsForPoppler, mutool, follows, popplerLeftToRight));
  // The codes as the file gave them (asked again: `codeFor` finds each one it just made).
  const results = codes.map((c) => codeFor(doc, c.font, c.gid, c.text, c.advance1000));
  const p = cut(painted, codes, results);
  counts.painted++;
  if (p) level.set(key, p);
  add(painted.content);
  return painted.mutool;
}

/** The disk level, for src/jobs/memoStore.ts: started from what the last build stored, its bytes for the next. */
export const startPaintMemo = (codeSalt: string, bytes: StoredMemo) => level.start(codeSalt, bytes);
export const paintMemoBytes = () => level.bytes();

/** Lines painted and drawn again from memory or disk in this thread so far (tests). */
export function paintMemoCounts(): { painted: number; replayed: number } {
  return { ...counts };
}

/** Empties the in-memory level (tests: as a new process would start). */
export const forgetPaintedInMemory = () => level.forget();
