/**
 * Shaping conformance of a PDF: are the drawn glyphs and their positions
 * exactly what HarfBuzz gives for the text they stand for?
 *
 * The PDF is read back glyph by glyph (see pdfReadback.ts). Each line's
 * glyphs are cut into words at space glyphs and invisible marks; a word's text
 * is its glyphs' ToUnicode text in drawing order (which is logical order).
 * Each word is cut into runs (one bidi level, one font, one size) and each run
 * is shaped again with HarfBuzz, with the settings the text layer uses:
 * explicit direction, language, guessed script, monotone-character clusters,
 * the safe-to-insert-tatweel flag and no features; a left-to-right run
 * without letters after a Latin letter in the Latin script, and a URL, file
 * name or hash without ligatures (src/text/itemize.ts: runScript,
 * isVerbatimToken), judged on the line's text.
 *
 * Bidi levels are resolved on the line's text (not just the word's), with the
 * paragraph direction, which is closer to the paragraph the text layer saw.
 */
import bidiFactory from 'bidi-js';
import * as hb from 'harfbuzzjs';
import { asciiToken, runScript } from '../../src/text/itemize.js';
import { isVerbatimToken } from '../../src/text/addresses.js';
import type { DrawnGlyph, DrawnPage } from './pdfReadback.js';

const bidi = bidiFactory();

export interface ConformanceOptions {
  /** Original font files by PostScript name (the subset name without its tag). */
  fonts: Record<string, Uint8Array>;
  lang?: string;
  dir: 'rtl' | 'ltr';
  /** Position tolerance in em of the drawn size. Default 15/1000. */
  tolerance?: number;
  /** A glyph this far (in em) off the line's baseline starts a new line. Default 1. */
  lineThreshold?: number;
}

export interface DrawnWord {
  page: number;
  /** Line index on the page (0-based, drawing order). */
  line: number;
  glyphs: DrawnGlyph[];
  /** ToUnicode text of the glyphs, in drawing order. */
  text: string;
}

export interface DrawnLine {
  page: number;
  index: number;
  /** Every glyph of the line in drawing order, including spaces and invisible marks. */
  glyphs: DrawnGlyph[];
  words: DrawnWord[];
  /** Baseline y (PDF page space) of the line's first glyph. */
  baseline: number;
}

export interface WordResult {
  page: number;
  line: number;
  text: string;
  glyphsEqual: boolean;
  positionsEqual: boolean;
  /** Short human-readable differences, empty when both are equal. */
  diff: string[];
  /**
   * Left and right pen edges of the word in page x (HarfBuzz advances placed
   * where the drawn glyphs are), when every run's glyphs matched.
   */
  left?: number;
  right?: number;
  glyphs: DrawnGlyph[];
}

export interface ConformanceReport {
  words: number;
  glyphsEqual: number;
  positionsEqual: number;
  /** Glyphs compared in all. */
  glyphs: number;
  results: WordResult[];
  mismatches: WordResult[];
}

const isWhitespace = (s: string) => s !== '' && /^\s+$/u.test(s);

/** How far apart (× the size) two glyphs drawn one after the other are never of one word: no glyph, kashida or word space is this wide; a contents row's leaders are wider (leaderRoom, 2.6 × the size, and the page numbers' column). */
const APART = 2.5;

/** Cuts a page's drawn glyphs into lines (baseline changes) and words (spaces, invisible marks, a gap wider than APART). */
export function drawnLines(page: DrawnPage, lineThreshold = 1): DrawnLine[] {
  const lines: DrawnLine[] = [];
  let current: DrawnLine | undefined;
  for (const g of page.glyphs) {
    if (!current || Math.abs(g.y - current.baseline) > lineThreshold * g.size) {
      current = { page: page.index, index: lines.length, glyphs: [], words: [], baseline: g.y };
      lines.push(current);
    }
    current.glyphs.push(g);
  }
  for (const line of lines) {
    let word: DrawnWord | undefined;
    let last: DrawnGlyph | undefined;
    for (const g of line.glyphs) {
      if (g.invisible || isWhitespace(g.unicode)) {
        word = undefined;
        continue;
      }
      // Two blocks on one baseline, drawn one after the other without a space between them (a contents row's
      // title and, past its leaders, its page number: «بند ۳» … «۴»), are two words: a glyph far from the last.
      if (word && last && Math.abs(g.x - last.x) > APART * g.size) word = undefined;
      last = g;
      if (!word) line.words.push((word = { page: line.page, line: line.index, glyphs: [], text: '' }));
      word.glyphs.push(g);
      word.text += g.unicode;
    }
  }
  return lines;
}

// ---------------------------------------------------------------------------
// HarfBuzz, as the text layer calls it

interface HbFont {
  font: hb.Font;
  upem: number;
}
const hbFonts = new WeakMap<Uint8Array, HbFont>();
function hbFont(bytes: Uint8Array): HbFont {
  let f = hbFonts.get(bytes);
  if (!f) {
    const face = new hb.Face(new hb.Blob(bytes), 0);
    hbFonts.set(bytes, (f = { font: new hb.Font(face), upem: face.upem }));
  }
  return f;
}

export interface HbGlyph {
  gid: number;
  cluster: number;
  xAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** Shapes text[start, end) with the rest of `text` as context; output in HarfBuzz (visual) order, font units. */
export function shapeLikeWarraq(font: Uint8Array, text: string, start: number, end: number, rtl: boolean, lang?: string, opts: { script?: string; noLigatures?: boolean } = {}): HbGlyph[] {
  const { font: f } = hbFont(font);
  const buf = new hb.Buffer();
  buf.addText(text, start, end - start);
  buf.setDirection(rtl ? hb.Direction.RTL : hb.Direction.LTR);
  if (lang) buf.setLanguage(lang);
  if (opts.script) buf.setScript(opts.script);
  buf.guessSegmentProperties();
  buf.setClusterLevel(hb.ClusterLevel.MONOTONE_CHARACTERS);
  buf.setFlags(hb.BufferFlag.PRODUCE_SAFE_TO_INSERT_TATWEEL);
  hb.shape(f, buf, opts.noLigatures ? ['liga', 'clig', 'dlig'].map((tag) => new hb.Feature(tag, 0)) : undefined);
  return buf.getGlyphInfosAndPositions().map((g) => ({
    gid: g.codepoint,
    cluster: g.cluster,
    xAdvance: g.xAdvance ?? 0,
    xOffset: g.xOffset ?? 0,
    yOffset: g.yOffset ?? 0,
  }));
}

export function upemOf(font: Uint8Array): number {
  return hbFont(font).upem;
}

// ---------------------------------------------------------------------------

interface Run {
  glyphs: DrawnGlyph[];
  start: number;
  end: number;
  level: number;
}

/** Splits a word into runs of one level, font and size; `levels` is indexed by the word's text. */
function wordRuns(word: DrawnWord, levels: ArrayLike<number>): Run[] {
  const runs: Run[] = [];
  let at = 0;
  let run: Run | undefined;
  for (const g of word.glyphs) {
    // A glyph without text (2nd glyph of a decomposed letter) belongs to the glyph before it.
    const level = g.unicode ? levels[at] : run?.level ?? levels[at] ?? 0;
    if (!run || level !== run.level || g.postscriptName !== run.glyphs[0].postscriptName || Math.abs(g.size - run.glyphs[0].size) > 1e-3) {
      run = { glyphs: [], start: at, end: at, level };
      runs.push(run);
    }
    run.glyphs.push(g);
    at += g.unicode.length;
    run.end = at;
  }
  return runs;
}

interface RunResult {
  glyphsEqual: boolean;
  positionsEqual: boolean;
  diff: string[];
  left?: number;
  right?: number;
}

const fmtGids = (gs: number[][]) => gs.map((c) => (c.length === 1 ? String(c[0]) : `{${c.join('|')}}`)).join(' ');
const visible = (s: string) =>
  [...s].map((c) => (/\p{M}/u.test(c) ? `◌${c}` : c === '\u0640' ? 'ـ' : c)).join('');

/** `line`: the line's text and the word's offset in it (the context runScript and isVerbatimToken read). */
function compareRun(word: DrawnWord, run: Run, o: Required<Pick<ConformanceOptions, 'tolerance'>> & ConformanceOptions, line: { text: string; at: number }): RunResult {
  const diff: string[] = [];
  const first = run.glyphs[0];
  const bytes = o.fonts[first.postscriptName];
  const runText = word.text.slice(run.start, run.end);
  if (!bytes) return { glyphsEqual: false, positionsEqual: false, diff: [`no font ${first.postscriptName} for "${runText}"`] };
  const rtl = (run.level & 1) === 1;
  const [a, b] = [line.at + run.start, line.at + run.end];
  const visual = shapeLikeWarraq(bytes, word.text, run.start, run.end, rtl, o.lang, { script: runScript(line.text, a, b, rtl), noLigatures: isVerbatimToken(asciiToken(line.text, a, b)) });
  // Drawing order is logical: reverse HarfBuzz's visual order for right-to-left runs.
  const logical = rtl ? [...visual].reverse() : visual;
  const drawn = run.glyphs;
  let glyphsEqual = logical.length === drawn.length && logical.every((h, i) => drawn[i].originalGids.includes(h.gid));
  if (!glyphsEqual) {
    diff.push(`glyphs of "${visible(runText)}": hb [${logical.map((h) => h.gid).join(' ')}] drawn [${fmtGids(drawn.map((d) => d.originalGids))}]`);
    return { glyphsEqual, positionsEqual: false, diff };
  }
  // HarfBuzz positions in the visual frame, with the drawn kashida widths.
  const scale = first.size / upemOf(bytes);
  const hbPos: Array<{ x: number; y: number }> = new Array(visual.length);
  let pen = 0;
  visual.forEach((h, k) => {
    const d = drawn[rtl ? visual.length - 1 - k : k];
    hbPos[k] = { x: pen + h.xOffset * scale, y: h.yOffset * scale };
    // A stretched tatweel pushes everything after it by its extra width.
    const stretch = d.unicode === '\u0640' && Math.abs(d.scaleX - 1) > 1e-6 ? d.scaleX : 1;
    pen += h.xAdvance * scale * stretch;
  });
  const pairs = visual.map((_, k) => ({ d: drawn[rtl ? visual.length - 1 - k : k], h: hbPos[k] }));
  const median = (v: number[]) => {
    const s = [...v].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const dx = median(pairs.map((p) => p.d.x - p.h.x));
  const dy = median(pairs.map((p) => p.d.y - p.h.y));
  const tol = o.tolerance * first.size;
  let positionsEqual = true;
  for (const { d, h } of pairs) {
    const ex = d.x - h.x - dx;
    const ey = d.y - h.y - dy;
    if (Math.abs(ex) > tol || Math.abs(ey) > tol) {
      positionsEqual = false;
      diff.push(
        `position of '${visible(d.unicode) || `gid ${d.originalGids[0]}`}' in "${visible(runText)}": off by (${((ex / d.size) * 1000).toFixed(0)}, ${((ey / d.size) * 1000).toFixed(0)})/1000 em`,
      );
    }
  }
  glyphsEqual = true;
  return { glyphsEqual, positionsEqual, diff, left: dx, right: dx + pen };
}

export function shapingConformance(pages: DrawnPage[], opts: ConformanceOptions): ConformanceReport {
  const o = { tolerance: 0.015, lineThreshold: 1, ...opts };
  const results: WordResult[] = [];
  let glyphs = 0;
  for (const page of pages) {
    for (const line of drawnLines(page, o.lineThreshold)) {
      const visibleGlyphs = line.glyphs.filter((g) => !g.invisible);
      const lineText = visibleGlyphs.map((g) => g.unicode).join('');
      const { levels } = bidi.getEmbeddingLevels(lineText, o.dir);
      // Offset of each glyph's text in the line.
      const offsetOf = new Map<DrawnGlyph, number>();
      let at = 0;
      for (const g of visibleGlyphs) {
        offsetOf.set(g, at);
        at += g.unicode.length;
      }
      for (const word of line.words) {
        const start = offsetOf.get(word.glyphs[0]) ?? 0;
        const wordLevels = levels.subarray(start, start + word.text.length);
        const runResults = wordRuns(word, wordLevels).map((r) => compareRun(word, r, o, { text: lineText, at: start }));
        glyphs += word.glyphs.length;
        const extents = runResults.every((r) => r.left !== undefined && r.right !== undefined);
        results.push({
          glyphs: word.glyphs,
          left: extents ? Math.min(...runResults.map((r) => r.left!)) : undefined,
          right: extents ? Math.max(...runResults.map((r) => r.right!)) : undefined,
          page: word.page,
          line: word.line,
          text: word.text,
          glyphsEqual: runResults.every((r) => r.glyphsEqual),
          positionsEqual: runResults.every((r) => r.positionsEqual),
          diff: runResults.flatMap((r) => r.diff),
        });
      }
    }
  }
  return {
    words: results.length,
    glyphsEqual: results.filter((r) => r.glyphsEqual).length,
    positionsEqual: results.filter((r) => r.positionsEqual).length,
    glyphs,
    results,
    mismatches: results.filter((r) => !r.glyphsEqual || !r.positionsEqual),
  };
}

/** One line per mismatching word, for test failure messages. */
export function formatMismatches(report: ConformanceReport, max = 20): string {
  return report.mismatches
    .slice(0, max)
    .map((m) => `p${m.page + 1} l${m.line + 1} «${m.text}»: ${m.diff.join('; ')}`)
    .join('\n');
}
