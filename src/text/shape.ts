/**
 * Shaping: one call into HarfBuzz per run (a stretch of one bidi level, one
 * font, one size). Everything downstream (line breaking, justification, PDF and
 * card drawing) uses these glyphs and positions unchanged, which is what makes
 * "shaping equals HarfBuzz" hold by construction.
 */
import * as hb from 'harfbuzzjs';
import type { LoadedFont } from './fonts.js';
import { fontDigest } from './fontDigest.js';

export interface ShapedGlyph {
  gid: number;
  /** UTF-16 offset of the glyph's cluster in the paragraph text. */
  cluster: number;
  /** Source characters this glyph stands for (for ToUnicode); '' for the 2nd+ glyph of a cluster. */
  text: string;
  /** Advance and offsets in pt (HarfBuzz's y points up). */
  xAdvance: number;
  xOffset: number;
  yOffset: number;
  /** HarfBuzz says a tatweel may be inserted before this glyph's cluster without reshaping its neighbours. */
  safeToInsertTatweel: boolean;
  /** Horizontal scale of the drawn glyph (kashida tatweels only; 1 otherwise). */
  scaleX: number;
  /** True for a kashida tatweel that the composer inserted (not in the source). */
  kashida?: boolean;
}

interface ShapeRequest {
  font: LoadedFont;
  size: number;
  /** The whole paragraph text; HarfBuzz sees it as context around the run. */
  text: string;
  start: number;
  end: number;
  rtl: boolean;
  lang?: string;
  /** ISO 15924 script for a run with no letter of its own (`runScript`); HarfBuzz guesses it otherwise. */
  script?: string;
  /** Shape without ligatures (liga, clig, dlig off): a URL, e-mail address, file name or hash (`isVerbatimToken`, addresses.ts). */
  noLigatures?: boolean;
  /** Proportional figures (pnum on): a number at display size (TextStyle.proportionalFigures). */
  proportionalFigures?: boolean;
}

/** The features that turn ligatures off, for a run set verbatim. */
const NO_LIGATURES = ['liga', 'clig', 'dlig'].map((tag) => new hb.Feature(tag, 0));
const PROPORTIONAL_FIGURES = new hb.Feature('pnum', 1);

/** The features a request turns on or off (none: the font's defaults). */
function featuresOf(req: ShapeRequest): hb.Feature[] | undefined {
  if (!req.noLigatures && !req.proportionalFigures) return undefined;
  return [...(req.noLigatures ? NO_LIGATURES : []), ...(req.proportionalFigures ? [PROPORTIONAL_FIGURES] : [])];
}

/** A shaped glyph in font units, with its cluster relative to the run's start. */
type UnitGlyph = Pick<ShapedGlyph, 'gid' | 'cluster' | 'text' | 'xAdvance' | 'xOffset' | 'yOffset'> & { flags: number };

/**
 * HarfBuzz's result does not depend on the size, and fitting text to a box
 * sets the same paragraph at many sizes; a paragraph repeats its words
 * («في», «من», «على»…). Results are kept per run, keyed by the run, the part
 * of its context HarfBuzz reads, direction, language and font.
 *
 * HarfBuzz reads the context (at most CONTEXT code points each side) only
 * to join Arabic-like scripts across the run's edge (`arabic_joining`: the
 * first character whose joining type is not T, transparent). So the key
 * holds the context only up to the nearest character that is not of joining
 * type T: a word after a space is the same run after any space. The font is
 * named by its bytes' digest (runs are reused across paragraphs and
 * documents, and a path may hold other bytes in another project).
 * test/text/shape.test.ts checks every run of the real documents, shaped
 * with the runs remembered from the others, against HarfBuzz given the
 * whole context.
 */
const CONTEXT = 5; // HB_BUFFER_MAX_CONTEXT_LENGTH, in code points
const MAX_CACHED = 50_000;
const cache = new Map<string, UnitGlyph[]>();
/**
 * Characters HarfBuzz's joining looks through: those of joining type T
 * (transparent), by default Mn, Me and Cf, plus the one other character
 * ArabicShaping.txt makes T, U+1E94B ADLAM NASALIZATION MARK (Lm); and the
 * default ignorables, which HarfBuzz also looks through when unassigned
 * (U+2065, U+E0000…). Looking through a character HarfBuzz does not (Mc is
 * not here; Cf holds ZWJ, ZWNJ and U+0600–0605, of joining types of their
 * own) only keeps more context in the key.
 */
const SEE_THROUGH = /^[\p{Mn}\p{Me}\p{Cf}\p{Default_Ignorable_Code_Point}\u{1E94B}]$/u;

/** Start of the context before `start`: CONTEXT code points (up to 2 UTF-16 units each), never half a surrogate pair. */
function contextStart(text: string, start: number): number {
  let i = Math.max(0, start - 2 * CONTEXT);
  const c = text.charCodeAt(i);
  if (i > 0 && c >= 0xdc00 && c <= 0xdfff) i--;
  return i;
}

/** End of the context after `end`, likewise. */
function contextEnd(text: string, end: number): number {
  let i = Math.min(text.length, end + 2 * CONTEXT);
  const c = text.charCodeAt(i - 1);
  if (i < text.length && c >= 0xd800 && c <= 0xdbff) i++;
  return i;
}

/** The context before `start` that HarfBuzz reads: back to the first character it does not look through (included), at most CONTEXT code points. */
function readBefore(text: string, start: number): string {
  let i = start;
  for (let n = 0; n < CONTEXT && i > 0; n++) {
    const low = text.charCodeAt(i - 1);
    i -= i >= 2 && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
    if (!SEE_THROUGH.test(String.fromCodePoint(text.codePointAt(i)!))) break;
  }
  return text.slice(i, start);
}

/** The context after `end` that HarfBuzz reads, likewise. */
function readAfter(text: string, end: number): string {
  let i = end;
  for (let n = 0; n < CONTEXT && i < text.length; n++) {
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (!SEE_THROUGH.test(String.fromCodePoint(cp))) break;
  }
  return text.slice(end, i);
}

/** Runs found remembered since the last `forgetShapedRuns` (tests). */
let found = 0;

/** Forgets every shaped run (tests: HarfBuzz asked afresh). */
export function forgetShapedRuns(): void {
  cache.clear();
  found = 0;
}

/** How many runs were found remembered, not shaped, since the last `forgetShapedRuns` (tests: that the cache is used). */
export function shapedRunsFound(): number {
  return found;
}

/**
 * One HarfBuzz buffer per thread, reset before each run. harfbuzzjs frees a
 * buffer only through a FinalizationRegistry, whose callbacks wait for the
 * event loop: a buffer per run, in a long synchronous layout (a 150-point
 * booklet, or many documents laid out in one call), filled HarfBuzz's 2 GiB
 * heap until it handed out inert buffers that shape nothing.
 */
let buffer: hb.Buffer | undefined;
function shapingBuffer(): hb.Buffer {
  buffer ??= new hb.Buffer();
  buffer.reset();
  return buffer;
}

/**
 * The text each glyph of a shaped run carries (`infos` in HarfBuzz's output
 * order, clusters as offsets into `text`, the run ending at `end`): a
 * cluster's text runs to the next larger cluster value in the run, and the
 * first glyph of the cluster in logical order carries it; the cluster's
 * other glyphs carry ''.
 */
function clusterTexts(infos: readonly { cluster: number }[], text: string, end: number, rtl: boolean): string[] {
  const n = infos.length;
  const starts = infos.map((g) => g.cluster).sort((a, b) => a - b);
  const nextStart = new Map<number, number>();
  for (let i = starts.length - 1, next = end; i >= 0; i--) {
    if (i === starts.length - 1 || starts[i] !== starts[i + 1]) {
      nextStart.set(starts[i], next);
      next = starts[i];
    }
  }
  const texts = new Array<string>(n).fill('');
  const seen = new Set<number>();
  for (let k = 0; k < n; k++) {
    const i = rtl ? n - 1 - k : k;
    const { cluster } = infos[i];
    if (!seen.has(cluster)) {
      seen.add(cluster);
      texts[i] = text.slice(cluster, nextStart.get(cluster));
    }
  }
  return texts;
}

function shapeUnits(req: ShapeRequest): UnitGlyph[] {
  const { font, rtl } = req;
  // HarfBuzz is given the run and the context it can see, not the whole
  // paragraph: harfbuzzjs copies the text it is given into WASM memory, and a
  // copy of the paragraph per run made long paragraphs quadratic.
  const from = contextStart(req.text, req.start);
  const to = contextEnd(req.text, req.end);
  const text = req.text.slice(from, to);
  const start = req.start - from;
  const end = req.end - from;
  const key = [fontDigest(font), rtl ? 'r' : 'l', req.lang ?? '', req.script ?? '', req.noLigatures ? '-liga' : '', req.proportionalFigures ? '+pnum' : '', readBefore(text, start), text.slice(start, end), readAfter(text, end)].join('\u0000');
  const hit = cache.get(key);
  if (hit) {
    found++;
    return hit;
  }
  const buf = shapingBuffer();
  buf.addText(text, start, end - start);
  buf.setDirection(rtl ? hb.Direction.RTL : hb.Direction.LTR);
  if (req.lang) buf.setLanguage(req.lang);
  if (req.script) buf.setScript(req.script);
  buf.guessSegmentProperties();
  buf.setClusterLevel(hb.ClusterLevel.MONOTONE_CHARACTERS);
  buf.setFlags(hb.BufferFlag.PRODUCE_SAFE_TO_INSERT_TATWEEL);
  hb.shape(font.hb, buf, featuresOf(req));
  // Infos and positions read apart: harfbuzzjs's getGlyphInfosAndPositions
  // defines four hidden properties on every glyph (Object.defineProperty),
  // which made reading a cold booklet's results cost half as much as shaping.
  const infos = buf.getGlyphInfos();
  const positions = buf.getGlyphPositions();
  const n = infos.length;
  // HarfBuzz gives every character at least one glyph; none means its heap is exhausted (it then hands out an inert buffer).
  if (n === 0 && end > start) throw new Error(`HarfBuzz returned no glyphs for ${end - start} characters: its memory is exhausted`);
  const texts = clusterTexts(infos, text, end, rtl);
  const units: UnitGlyph[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const g = infos[i];
    const p = positions[i];
    units[i] = {
      gid: g.codepoint,
      cluster: g.cluster - start,
      text: texts[i],
      xAdvance: p?.xAdvance ?? 0,
      xOffset: p?.xOffset ?? 0,
      yOffset: p?.yOffset ?? 0,
      flags: g.flags,
    };
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, units);
  return units;
}

/**
 * Shapes text[start, end) and returns glyphs in HarfBuzz's output order
 * (visual, left to right, also for right-to-left runs).
 */
export function shapeRun(req: ShapeRequest): ShapedGlyph[] {
  const scale = req.size / req.font.upem;
  return shapeUnits(req).map((g) => ({
    gid: g.gid,
    cluster: g.cluster + req.start,
    text: g.text,
    xAdvance: g.xAdvance * scale,
    xOffset: g.xOffset * scale,
    yOffset: g.yOffset * scale,
    safeToInsertTatweel: (g.flags & hb.GlyphFlag.SAFE_TO_INSERT_TATWEEL) !== 0,
    scaleX: 1,
  }));
}
