/**
 * Draws composed lines into a pdfkit document (react-pdf's render context),
 * glyph by glyph. This replaces react-pdf's own text drawing, which shapes
 * right-to-left runs as left-to-right, drops mark offsets, letter-spaces
 * justified Arabic and keeps one ToUnicode entry per glyph.
 *
 * What it guarantees, and why:
 * - Glyph ids and positions are exactly the text layer's (HarfBuzz's): each
 *   glyph gets its own text matrix, so nothing is re-measured here.
 * - Glyphs are written in logical (reading) order, so extractors that follow
 *   content-stream order (pdftotext, mupdf, pdf.js) return the source order.
 * - Every (glyph, text) pair gets its own character code. A glyph that stands
 *   for different letters in different places (shared glyphs, #3533 upstream)
 *   is embedded in a second subset so each use has a correct ToUnicode entry.
 * - Invisible bidi marks (render mode 3) at the edges of left-to-right
 *   stretches stop extractors from re-ordering digits and Latin words.
 */
import bidiFactory from 'bidi-js';
import { parseHex } from '../../layout/color.js';
import type { ComposedLine, PositionedGlyph } from '../../text/compose.js';
import type { LoadedFont } from '../../text/fonts.js';

/** The part of pdfkit's PDFDocument this module uses. */
export interface PdfKitDoc {
  font(src: Uint8Array | string, family?: string): PdfKitDoc;
  addContent(data: string): PdfKitDoc;
  page: { fonts: Record<string, unknown> };
  _font: EmbeddedFont;
  _fontFamilies: Record<string, EmbeddedFont>;
  _fontCount: number;
}

interface EmbeddedFont {
  id: string;
  font: unknown;
  subset: { includeGlyph(gid: number): number };
  unicode: number[][];
  widths: number[];
  ref(): unknown;
}

interface FontSlots {
  instances: EmbeddedFont[];
  /** Glyph ids already in each instance's subset. */
  used: Array<Set<number>>;
  /** `${gid} ${advance} ${text}` → instance index and character code. */
  codes: Map<string, { instance: number; cid: number }>;
  upem: number;
}

const registries = new WeakMap<object, Map<string, FontSlots>>();

function slotsFor(doc: PdfKitDoc, font: LoadedFont): FontSlots {
  let registry = registries.get(doc);
  if (!registry) registries.set(doc, (registry = new Map()));
  let slots = registry.get(font.key);
  if (!slots) {
    // pdfkit opens the file once; extra subsets share its parsed font.
    doc.font(Buffer.from(font.bytes));
    slots = { instances: [doc._font], used: [new Set()], codes: new Map(), upem: font.upem };
    registry.set(font.key, slots);
  }
  return slots;
}

function codeFor(doc: PdfKitDoc, font: LoadedFont, gid: number, text: string, advance1000: number) {
  const slots = slotsFor(doc, font);
  // The advance is part of the key: extractors read it from /W to find word
  // gaps, and cursive attachment gives one glyph different advances.
  const key = `${gid} ${advance1000} ${text}`;
  const known = slots.codes.get(key);
  if (known) return { inst: slots.instances[known.instance], cid: known.cid };
  let k = slots.used.findIndex((u) => !u.has(gid));
  if (k < 0) {
    const first = slots.instances[0];
    const Ctor = first.constructor as new (doc: PdfKitDoc, font: unknown, id: string) => EmbeddedFont;
    const inst = new Ctor(doc, first.font, `F${++doc._fontCount}`);
    doc._fontFamilies[`warraq:${font.key}#${slots.instances.length}`] = inst;
    slots.instances.push(inst);
    slots.used.push(new Set());
    k = slots.instances.length - 1;
  }
  const inst = slots.instances[k];
  const cid = inst.subset.includeGlyph(gid);
  slots.used[k].add(gid);
  inst.unicode[cid] = [...text].map((c) => c.codePointAt(0)!);
  inst.widths[cid] = advance1000;
  slots.codes.set(key, { instance: k, cid });
  return { inst, cid };
}

const GLUED_NEUTRALS = /^[.,:;/%٪\-،؛)(\]\[»«]$/;
const LRM = '\u200E';
const RLM = '\u200F';
const num = (v: number) => (Math.abs(v) < 1e-9 ? '0' : (Math.round(v * 1000) / 1000).toString());

/** A glyph or an invisible bidi mark, in drawing order. */
interface DrawItem {
  glyph: PositionedGlyph;
  invisible?: boolean;
  /** Drawn as this glyph's outline, the text going with the invisible glyph (see pdfiumMarks). */
  picture?: PositionedGlyph;
}

/**
 * Inserts invisible marks where extractors would otherwise reorder: an LRM
 * before and an RLM after each left-to-right stretch inside a right-to-left
 * line (and the mirror in left-to-right lines).
 */
export function withBidiMarks(glyphs: PositionedGlyph[], paragraphRtl: boolean): DrawItem[] {
  const out: DrawItem[] = [];
  const odd = (g: PositionedGlyph) => (g.level & 1) === 1;
  const mark = (near: PositionedGlyph, text: string, atRightEdge: boolean | 'middle', inked = false): DrawItem => ({
    invisible: true,
    glyph: {
      ...near,
      gid: inked ? near.gid : spaceGid(near.font),
      text,
      x: atRightEdge === 'middle' ? near.x + near.advance / 2 : atRightEdge ? near.x + near.advance : near.x,
      advance: 0,
      scaleX: 1,
      kashida: false,
      space: false,
    },
  });
  for (let i = 0; i < glyphs.length; i++) {
    const g = glyphs[i];
    const prev = glyphs[i - 1];
    const foreign = odd(g) !== paragraphRtl;
    const prevForeign = prev !== undefined && odd(prev) !== paragraphRtl;
    if (foreign && !prevForeign) out.push(mark(g, paragraphRtl ? LRM : RLM, false));
    if (!foreign && prevForeign) out.push(mark(prev, paragraphRtl ? RLM : LRM, true));
    out.push({ glyph: g });
    if (!foreign && prevForeign && GLUED_NEUTRALS.test(g.text)) {
      // poppler glues a neutral that touches a number (1945. 30%) into the
      // number's run, and PDFium reads a period left of a number in its own
      // visual order (".1945"): a mark drawn invisibly with the neutral's own
      // glyph (PDFium skips marks without ink), half-way across it, keeps it
      // out of the number for both.
      out.push(mark(g, paragraphRtl ? RLM : LRM, 'middle', true));
    }
  }
  const last = glyphs[glyphs.length - 1];
  if (last && odd(last) !== paragraphRtl) out.push(mark(last, paragraphRtl ? RLM : LRM, true));
  return out;
}

function spaceAdvance(font: LoadedFont, size: number): number {
  return (font.hb.glyphHAdvance(spaceGid(font)) * size) / font.upem;
}

/**
 * The glyph a word space is drawn with, invisibly: the tatweel (or, in a font
 * without one, the hyphen), a flat bar. PDFium skips a text object without a
 * box (the space glyph's) and ends a line between two neighbours whose boxes
 * do not overlap vertically — a glyph raised by Arabic cursive attachment
 * («لتمهيد», «تميز») over a word ending in a descending tail (ي) — unless one
 * of them is at most 4.5 pt tall. A flat, inked space sits between every two
 * words, so PDFium keeps the line whole. The other readers see a space as
 * before (its text and width are the space's).
 */
function strutGid(font: LoadedFont): number {
  let gid = strutGids.get(font);
  if (gid === undefined) strutGids.set(font, (gid = font.hb.nominalGlyph(0x0640) || font.hb.nominalGlyph(0x2d) || spaceGid(font)));
  return gid;
}
const strutGids = new WeakMap<LoadedFont, number>();

const spaceGids = new WeakMap<LoadedFont, number>();
function spaceGid(font: LoadedFont): number {
  let gid = spaceGids.get(font);
  if (gid === undefined) spaceGids.set(font, (gid = font.hb.nominalGlyph(0x20) ?? 0));
  return gid;
}

/**
 * Widths for the PDF's /W array, in 1000ths of the size. They change nothing
 * visible (every glyph has its own text matrix); extractors read them to find
 * word gaps. A glyph's width is set to reach the next glyph on its right
 * inside the same word, so cursive attachment and offsets never look like a
 * space to pdftotext.
 */
export function extractionWidths(glyphs: PositionedGlyph[]): number[] {
  // Glyphs that carry no text (the 2nd glyph of a decomposed letter) get no
  // width; their neighbour on the left reaches over them instead.
  // Marks keep no width (they sit on their base); a base letter does even when
  // HarfBuzz gives it no advance (Amiri's ر after ت), or extractors see a gap.
  const carries = (g: PositionedGlyph) => g.text !== '' && !g.kashida && !g.space && !/^\p{M}+$/u.test(g.text);
  const order = glyphs.map((_, i) => i).filter((i) => carries(glyphs[i])).sort((a, b) => glyphs[a].x - glyphs[b].x);
  const widths = glyphs.map((g) => (carries(g) ? g.advance : 0));
  order.forEach((i, k) => {
    const next = order[k + 1];
    if (next === undefined) return;
    const g = glyphs[i];
    const reach = glyphs[next].x - g.x;
    if (reach > 0 && glyphs[next].word === g.word) widths[i] = reach;
  });
  // A space keeps its natural width whatever the justification made of the gap,
  // so that one character code serves every space of a font.
  return glyphs.map((g, i) => Math.round(((g.space ? spaceAdvance(g.font, g.size) : widths[i]) / g.size) * 1000));
}

/** `#rrggbb` → a PDF `rg` operator. */
export function rgbOperator(hex: string): string {
  return `${parseHex(hex).map((v) => num(v / 255)).join(' ')} rg`;
}

/**
 * Paints one line with its left edge at x and its baseline at y, in the
 * current user space of `doc` (pdfkit's: y grows downwards). `fillOperator`
 * turns a '#rrggbb' colour into the fill operator (RGB by default; the press
 * files pass a CMYK one).
 */
export function paintLine(doc: PdfKitDoc, line: ComposedLine, x: number, y: number, color: string, rtl: boolean, fillOperator: (hex: string) => string = rgbOperator): void {
  if (!line.glyphs.length) return;
  const ops: string[] = ['BT'];
  let current = '';
  let fill = '';
  let invisible = false;
  const widths = new Map(extractionWidths(line.glyphs).map((w, i) => [line.glyphs[i], w]));
  const items = withBidiMarks(line.glyphs, rtl);
  // A glyph without text of its own (a kashida, the 2nd glyph of a cluster:
  // Amiri's lam–kaf connector and seen teeth, Noto's separate dots) is drawn
  // as its outline, a filled path, not as text: no reader can return a
  // character for it. (It used to be a text glyph mapped to U+2060 inside an
  // ActualText span with the glyph it belongs to; mupdf 1.21 ignores
  // ActualText and returned the U+2060 inside the word.) The glyph on its
  // left gets an extraction width reaching over it (extractionWidths), so no
  // reader sees a gap there.
  //
  // A glyph that stands for format characters only (a ZWNJ, frequent in
  // Persian: HarfBuzz gives it a zero-width glyph without ink) is drawn as an
  // invisible mark of its own, like the bidi marks: with the flat strut glyph
  // (PDFium skips a text object without ink), at the join moved 0.02 em
  // towards the letter after it (its origin between the two letters'), so
  // that readers that order a line's glyphs by x (PDFium, poppler) put it
  // between the two letters and mupdf, which follows the content stream,
  // reads it in its logical place.
  // pdf.js drops a glyph whose text ends in a format character, so pdf.js
  // returns the word without its ZWNJ (docs/accessibility.md).
  const formatOnly = (it: DrawItem) => !it.invisible && !it.glyph.space && /^\p{Cf}+$/u.test(it.glyph.text);
  for (let i = 0; i < items.length; i++) {
    if (!formatOnly(items[i])) continue;
    const g = items[i].glyph;
    const inward = ((g.level & 1) === 1 ? -0.02 : 0.02) * g.size;
    items[i] = { invisible: true, glyph: { ...g, gid: strutGid(g.font), x: g.x + inward, advance: 0 } };
  }
  if (rtl) pdfiumMarks(items);
  const textless = (it: DrawItem) => !it.invisible && !it.glyph.space && (it.glyph.text === '' || it.glyph.kashida);
  const draw = (item: DrawItem) => {
    const g = item.glyph;
    const advance1000 = item.invisible ? 0 : Math.round((widths.get(g) ?? 0) / g.scaleX);
    // A word space is drawn invisibly with a flat glyph (see strutGid).
    const hidden = item.invisible === true || g.space;
    const { inst, cid } = codeFor(doc, g.font, g.space && !item.invisible ? strutGid(g.font) : g.gid, g.text, advance1000);
    doc.page.fonts[inst.id] ??= inst.ref();
    const rg = fillOperator(g.color ?? color);
    if (rg !== fill) ops.push((fill = rg));
    const tf = `/${inst.id} ${num(g.size)} Tf`;
    if (tf !== current) ops.push((current = tf));
    if (hidden !== invisible) ops.push((invisible = hidden) ? '3 Tr' : '0 Tr');
    ops.push(`${num(g.scaleX)} 0 0 -1 ${num(x + g.x)} ${num(y - g.y)} Tm <${cid.toString(16).padStart(4, '0')}> Tj`);
  };
  for (let i = 0; i < items.length; i++) {
    if (textless(items[i])) {
      ops.push('ET', outlineOperators(items[i].glyph, x, y, fillOperator(items[i].glyph.color ?? color)), 'BT');
      continue;
    }
    // Each glyph is its own marked-content span: pdf.js starts a new text item
    // at each, instead of merging close glyphs (stacked جم) and reversing them.
    const picture = items[i].picture;
    if (picture) ops.push('ET', outlineOperators(picture, x, y, fillOperator(picture.color ?? color)), 'BT');
    ops.push('/Span BMC');
    draw(items[i]);
    ops.push('EMC');
    // The glyphs without text of their own that follow it, as outlines (outlineOperators).
    const outlines: string[] = [];
    for (; i + 1 < items.length && textless(items[i + 1]); i++) outlines.push(outlineOperators(items[i + 1].glyph, x, y, fillOperator(items[i + 1].glyph.color ?? color)));
    if (outlines.length) ops.push('ET', ...outlines, 'BT');
  }
  if (invisible) ops.push('0 Tr');
  ops.push('ET');
  // Text state lives inside BT…ET; q…Q keeps the fill colour from leaking out.
  doc.addContent(['q', ...ops, 'Q'].join('\n'));
}

const bidi = bidiFactory();
const PDFIUM_WEAK = new Set(['EN', 'AN', 'NSM', 'CS', 'ES', 'ET', 'BN']);

/** Bases a mark group's keys step below its letter's origin (pt): survives the 3 decimals written and PDFium's floats. */
const KEY_STEP = 0.01;

/**
 * Harakat for PDFium. PDFium sorts a line's text objects by the x of their
 * origin, strings them together and reverses right-to-left runs; a haraka is
 * a "weak left" character of its own there (an NSM), read forward. A haraka
 * whose origin lies right of its letter's (ً over ض, ُ over ي) is read
 * before the letter. Such a group of marks is drawn as outlines (the same
 * picture) and its text goes with an invisible copy of each mark whose
 * origin lies just left of the letter's, in logical order, so PDFium reads
 * letter, marks. Other readers take marks in content order (pdf.js, mupdf)
 * or attach them to the letter they overlap (poppler).
 */
function pdfiumMarks(items: DrawItem[]): void {
  // PDFium's "weak left" classes; a mark joins the weak characters after it
  // (a comma, a digit) in one segment read forward, so its origin goes left of theirs.
  const weak = (it: DrawItem | undefined) => it !== undefined && it.glyph.text !== '' && PDFIUM_WEAK.has(bidi.getBidiCharTypeName([...it.glyph.text][0]));
  const isMark = (it: DrawItem) => !it.invisible && !it.glyph.space && !it.glyph.kashida && /^\p{M}+$/u.test(it.glyph.text);
  for (let i = 0; i < items.length; i++) {
    if (!isMark(items[i])) continue;
    let end = i;
    while (end + 1 < items.length && isMark(items[end + 1])) end++;
    const base = items[i - 1];
    if (base && !base.invisible && !base.glyph.space && base.glyph.text !== '' && !isMark(base)) {
      const n = end - i + 1;
      let anchor = base.glyph.x;
      for (let k = end + 1; weak(items[k]); k++) anchor = Math.min(anchor, items[k].glyph.x);
      const misplaced = items.slice(i, end + 1).some((m, j) => m.glyph.x > anchor - (n - j) * KEY_STEP + 1e-6);
      if (misplaced) {
        for (let j = i; j <= end; j++) {
          const g = items[j].glyph;
          items[j] = { invisible: true, picture: g, glyph: { ...g, x: anchor - (end - j + 1) * KEY_STEP } };
        }
      }
    }
    i = end;
  }
}

const outlineCache = new WeakMap<LoadedFont, Map<number, string>>();

/** A glyph's outline as PDF path operators, in font units (y up), from HarfBuzz. */
export function outlinePath(font: LoadedFont, gid: number): string {
  let byGid = outlineCache.get(font);
  if (!byGid) outlineCache.set(font, (byGid = new Map()));
  let path = byGid.get(gid);
  if (path !== undefined) return path;
  const ops: string[] = [];
  let cx = 0;
  let cy = 0;
  for (const [, cmd, args] of font.hb.glyphToPath(gid).matchAll(/([MLQCZ])([^MLQCZ]*)/g)) {
    const v = args.trim().split(/[\s,]+/).filter(Boolean).map(Number);
    if (cmd === 'M' || cmd === 'L') {
      [cx, cy] = v;
      ops.push(`${num(cx)} ${num(cy)} ${cmd === 'M' ? 'm' : 'l'}`);
    } else if (cmd === 'Q') {
      const [qx, qy, x, y] = v;
      ops.push(`${num(cx + (2 / 3) * (qx - cx))} ${num(cy + (2 / 3) * (qy - cy))} ${num(x + (2 / 3) * (qx - x))} ${num(y + (2 / 3) * (qy - y))} ${num(x)} ${num(y)} c`);
      [cx, cy] = [x, y];
    } else if (cmd === 'C') {
      ops.push(`${v.map(num).join(' ')} c`);
      [cx, cy] = [v[4], v[5]];
    } else ops.push('h');
  }
  byGid.set(gid, (path = ops.join(' ')));
  return path;
}

/**
 * A glyph without text of its own (a kashida, the 2nd glyph of a cluster)
 * drawn as its outline, a filled path: no reader finds text in a path, so none
 * can return a character for it (mupdf 1.21, which ignores ActualText,
 * returned the U+2060 of its ToUnicode entry inside the word).
 */
function outlineOperators(g: PositionedGlyph, x: number, y: number, fill: string): string {
  // The scale is size / units per em (0.0115 for 11.5 pt): written with 7 decimals, not num()'s 3.
  const s = g.size / g.font.upem;
  const fine = (v: number) => (Math.round(v * 1e7) / 1e7).toString();
  return `q ${fill} ${fine(g.scaleX * s)} 0 0 ${fine(-s)} ${num(x + g.x)} ${num(y - g.y)} cm ${outlinePath(g.font, g.gid)} f Q`;
}

