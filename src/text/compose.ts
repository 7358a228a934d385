/**
 * The paragraph composer: styled text + a measure → lines of positioned glyphs.
 *
 *   itemize (bidi, UAX #14 words, HarfBuzz runs)
 *   → Knuth–Plass line breaking over the measured words
 *   → per-line justification: spaces within bounds, then kashida, then spaces
 *   → bidi reordering of the line's runs (UAX #9 L2) and glyph positions.
 *
 * Glyphs come out in logical order (the order a reader reads them) with their
 * absolute positions, so renderers can draw in logical order, which keeps text
 * extraction right, while the picture is the visual one.
 */
import tlb from 'tex-linebreak';
import type { InputItem } from 'tex-linebreak';
import { itemize, makeRun, type ShapedRun, type StyledSpan, type Word } from './itemize.js';
import { isArabicLetter, kashidaPriority, type KashidaPriority } from './kashida.js';
import type { LoadedFont } from './fonts.js';

const { breakLines } = tlb as unknown as { breakLines: typeof import('tex-linebreak').breakLines };

export type Align = 'justify' | 'start' | 'end' | 'center';
export type JustifyMode = 'off' | 'spaces' | 'kashida';

export interface ComposeOptions {
  dir: 'rtl' | 'ltr';
  lang?: string;
  /** Line width in pt. */
  measure: number;
  align: Align;
  /** How justified lines are stretched. Ignored unless align is 'justify'. */
  justify: JustifyMode;
  /** Space stretch/shrink bounds, as fractions of the natural space. */
  space: { stretch: number; shrink: number };
  /** Kashida width bounds, in multiples of the font's tatweel advance. */
  kashida?: { min: number; max: number };
}

export interface PositionedGlyph {
  font: LoadedFont;
  size: number;
  gid: number;
  /** Origin of the drawn glyph, pt from the line's left edge. */
  x: number;
  /** Offset above the baseline in pt (HarfBuzz y, up). */
  y: number;
  /** Drawn advance in pt (scaled for kashida). */
  advance: number;
  scaleX: number;
  /** Source characters for ToUnicode (U+0640 for a kashida). */
  text: string;
  /** UTF-16 offset of the cluster in the paragraph text. */
  offset: number;
  /** Bidi level of the run the glyph belongs to. */
  level: number;
  /** Index of the word (UAX #14 segment) in the paragraph. */
  word: number;
  kashida: boolean;
  /** A blank word space (drawn so extractors see the space; cards skip it). */
  space: boolean;
  /** Fill colour from the span's style; the block's colour when absent. */
  color?: string;
}

export interface ComposedLine {
  /** Glyphs in logical order. */
  glyphs: PositionedGlyph[];
  /** Text range of the line in the paragraph. */
  start: number;
  end: number;
  /** Width the line occupies (the measure when justified). */
  width: number;
  naturalWidth: number;
  ascent: number;
  descent: number;
  last: boolean;
  justified: boolean;
  kashidas: number;
  /** Final inter-word space as a multiple of the natural space (1 = natural). */
  spaceRatio: number;
  /** Left edges and widths of the kashidas set in this line (for avoiding stacks). */
  kashidaSpans: Array<[number, number]>;
}

export interface ComposedParagraph {
  text: string;
  dir: 'rtl' | 'ltr';
  measure: number;
  lines: ComposedLine[];
}

const DEFAULT_KASHIDA = { min: 0.3, max: 3 };
const INFINITE_STRETCH = 1e6;

interface Candidate {
  word: number;
  run: number;
  /** Insert the tatweel before this UTF-16 index. */
  at: number;
  priority: KashidaPriority;
  tatweelWidth: number;
}

export function composeParagraph(spans: StyledSpan[], opts: ComposeOptions): ComposedParagraph {
  const items = itemize(spans, opts.dir, opts.lang);
  const { words, text } = items;
  if (!words.length) return { text, dir: opts.dir, measure: opts.measure, lines: [] };
  const kashidaOn = opts.align === 'justify' && opts.justify === 'kashida';
  const bounds = opts.kashida ?? DEFAULT_KASHIDA;
  const candidates = kashidaOn ? words.map((w, i) => bestCandidate(text, w, i, opts.lang)) : [];

  const breaks = breakWords(words, candidates, opts, bounds);
  const lines: ComposedLine[] = [];
  let previousKashidas: Array<[number, number]> = [];
  let first = 0;
  for (let li = 0; li < breaks.length; li++) {
    const last = breaks[li];
    const isLast = li === breaks.length - 1 || words[last].hardBreak;
    const line = setLine(text, words.slice(first, last + 1), candidates.slice(first, last + 1), {
      ...opts,
      isLast,
      firstWord: first,
      previousKashidas,
      bounds,
    });
    previousKashidas = line.kashidaSpans;
    lines.push(line);
    first = last + 1;
  }
  return { text, dir: opts.dir, measure: opts.measure, lines };
}

/** The best kashida place in a word: one per word at most (alreq). */
function bestCandidate(text: string, word: Word, index: number, lang?: string): Candidate | undefined {
  let best: Candidate | undefined;
  const wordText = text.slice(word.start, word.end);
  // A kashida in a two-letter word (من، ضد) reads as a mistake, not a stretch.
  if ([...wordText].filter(isArabicLetter).length < 3) return undefined;
  word.runs.forEach((run, r) => {
    if (!run.arabic) return;
    const tatweelGid = run.font.hb.nominalGlyph(0x0640);
    if (tatweelGid === undefined) return;
    const tatweelWidth = (run.font.hb.glyphHAdvance(tatweelGid) * run.style.size) / run.font.upem;
    // Logical order, so that among equal priorities the last join of the word wins,
    // which is where calligraphers prefer the stretch.
    for (const g of run.glyphs) {
      if (!g.safeToInsertTatweel || g.cluster <= run.start) continue;
      const priority = kashidaPriority(wordText, g.cluster - word.start);
      if (priority === undefined) continue;
      if (!best || priority < best.priority || (priority === best.priority && g.cluster > best.at)) {
        best = { word: index, run: r, at: g.cluster, priority, tatweelWidth };
      }
    }
  });
  void lang;
  return best;
}

function breakWords(
  words: Word[],
  candidates: Array<Candidate | undefined>,
  opts: ComposeOptions,
  bounds: { min: number; max: number },
): number[] {
  const items: InputItem[] = [];
  const wordAtItem: number[] = [];
  words.forEach((w, i) => {
    const c = candidates[i];
    if (c) {
      // Kashida capacity counts as stretch, but must never be a break point:
      // a glue is a break only right after a box, so a penalty goes first.
      items.push({ type: 'penalty', width: 0, cost: 1000, flagged: false });
      wordAtItem.push(-1);
      items.push({ type: 'glue', width: 0, stretch: c.tatweelWidth * bounds.max, shrink: 0 });
      wordAtItem.push(-1);
    }
    items.push({ type: 'box', width: w.width });
    wordAtItem.push(-1);
    if (i === words.length - 1) return;
    if (w.hardBreak) {
      items.push({ type: 'glue', width: 0, stretch: INFINITE_STRETCH, shrink: 0 });
      wordAtItem.push(-1);
      items.push({ type: 'penalty', width: 0, cost: -1000, flagged: false });
      wordAtItem.push(i);
    } else if (w.spaceWidth > 0) {
      const stretch = opts.align === 'justify' && opts.justify !== 'off' ? w.spaceWidth * (opts.justify === 'spaces' ? 1 : opts.space.stretch) : w.spaceWidth;
      items.push({ type: 'glue', width: w.spaceWidth, stretch, shrink: w.spaceWidth * opts.space.shrink });
      wordAtItem.push(i);
    } else {
      items.push({ type: 'penalty', width: 0, cost: 50, flagged: false });
      wordAtItem.push(i);
    }
  });
  items.push({ type: 'glue', width: 0, stretch: INFINITE_STRETCH, shrink: 0 });
  wordAtItem.push(-1);
  items.push({ type: 'penalty', width: 0, cost: -1000, flagged: false });
  wordAtItem.push(words.length - 1);

  let points: number[];
  try {
    points = breakLines(items, opts.measure, { maxAdjustmentRatio: null });
  } catch {
    points = greedyBreaks(words, opts.measure);
    return points;
  }
  // The first point is the paragraph start; map the rest to "last word of the line".
  return points
    .slice(1)
    .map((p) => {
      let k = p;
      while (k >= 0 && wordAtItem[k] < 0) k--;
      return k >= 0 ? wordAtItem[k] : 0;
    })
    .filter((w, i, all) => i === 0 || w !== all[i - 1]);
}

function greedyBreaks(words: Word[], measure: number): number[] {
  const out: number[] = [];
  let width = 0;
  words.forEach((w, i) => {
    if (i > 0 && width + w.width > measure && !out.includes(i - 1)) {
      out.push(i - 1);
      width = 0;
    }
    width += w.width + w.spaceWidth;
    if (w.hardBreak) {
      out.push(i);
      width = 0;
    }
  });
  if (out[out.length - 1] !== words.length - 1) out.push(words.length - 1);
  return out;
}

interface LineOptions extends ComposeOptions {
  isLast: boolean;
  firstWord: number;
  previousKashidas: Array<[number, number]>;
  bounds: { min: number; max: number };
}

/** One line: justify, reorder (UAX #9 L2), position. */
function setLine(text: string, words: Word[], candidates: Array<Candidate | undefined>, o: LineOptions): ComposedLine {
  const gaps = words.slice(0, -1).map((w) => w.spaceWidth);
  const naturalGaps = gaps.reduce((a, b) => a + b, 0);
  const naturalWidth = words.reduce((a, w) => a + w.width, 0) + naturalGaps;
  const justified = o.align === 'justify' && o.justify !== 'off' && !o.isLast;
  let runsByWord = words.map((w) => w.runs);
  let extraSpace = 0;
  let kashidas = 0;
  const kashidaAt = new Map<number, number>(); // word index → kashida width

  if (!justified && naturalWidth > o.measure && naturalGaps > 0) {
    // Knuth–Plass may end a line that fits only with its spaces shrunk; an
    // unjustified line gets that shrink too, never an overhang.
    extraSpace = o.measure - naturalWidth;
  }
  if (justified) {
    let deficit = o.measure - naturalWidth;
    if (deficit <= 0 || o.justify === 'spaces' || naturalGaps === 0 && !candidates.some(Boolean)) {
      extraSpace = deficit;
    } else {
      // 1. spaces, within bounds
      const spaceRoom = naturalGaps * o.space.stretch;
      extraSpace = Math.min(deficit, spaceRoom);
      deficit -= extraSpace;
      // 2. kashida, by priority, one per word, off the previous line's kashida columns
      if (deficit > 1e-6) {
        const chosen = chooseKashidas(words, candidates, deficit, o);
        for (const [wi, width] of chosen) {
          kashidaAt.set(wi, width);
          deficit -= width;
          kashidas++;
        }
      }
      // 3. whatever is left goes back to the spaces
      extraSpace += deficit;
    }
    if (kashidaAt.size) {
      runsByWord = words.map((w, wi) => {
        const width = kashidaAt.get(wi);
        const c = candidates[wi];
        if (width === undefined || !c) return w.runs;
        return w.runs.map((run, ri) => (ri === c.run ? insertKashida(text, run, c.at, width, o.lang) : run));
      });
    }
  }

  const spaceRatio = naturalGaps > 0 ? (naturalGaps + extraSpace) / naturalGaps : 1;
  const finalGaps = gaps.map((g) => (naturalGaps > 0 ? g * spaceRatio : 0));
  const contentWidth = runsByWord.flat().reduce((a, r) => a + r.width, 0) + finalGaps.reduce((a, b) => a + b, 0);

  // Pieces in logical order: runs and the gaps between words, each with a level.
  type Piece = { run?: ShapedRun; word: number; gap?: number; gapStyle?: ShapedRun; offset?: number; level: number };
  const pieces: Piece[] = [];
  runsByWord.forEach((runs, wi) => {
    for (const run of runs) pieces.push({ run, word: o.firstWord + wi, level: run.level });
    if (wi < words.length - 1) {
      const gapStyle = runs[runs.length - 1];
      pieces.push({ gap: finalGaps[wi], gapStyle, offset: words[wi].end, word: -1, level: words[wi].spaceLevel });
    }
  });
  const visual = reorderPieces(pieces, o.dir === 'rtl' ? 1 : 0);

  const width = justified ? o.measure : contentWidth;
  const startX = lineStartX(o, contentWidth, justified);
  const positioned = new Map<Piece, PositionedGlyph[]>();
  let x = startX;
  for (const piece of visual) {
    if (piece.gap !== undefined) {
      // The gap is drawn as a real space glyph, so that every extractor and
      // copy-paste sees a word space; it is blank, so nothing shows.
      const style = piece.gapStyle!;
      const font = style.style.fonts.find((f) => f.covers(0x20)) ?? style.font;
      positioned.set(piece, [{
        font,
        size: style.style.size,
        gid: font.hb.nominalGlyph(0x20) ?? 0,
        x,
        y: 0,
        advance: piece.gap,
        scaleX: 1,
        text: ' ',
        offset: piece.offset!,
        level: piece.level,
        word: -1,
        kashida: false,
        space: true,
      }]);
      x += piece.gap;
      continue;
    }
    const run = piece.run!;
    const glyphs: PositionedGlyph[] = [];
    for (const g of run.glyphs) {
      glyphs.push({
        font: run.font,
        size: run.style.size,
        gid: g.gid,
        x: x + g.xOffset,
        y: g.yOffset + (run.style.rise ?? 0),
        advance: g.xAdvance,
        scaleX: g.scaleX,
        text: g.text,
        offset: g.cluster,
        level: run.level,
        word: piece.word,
        kashida: g.kashida === true,
        space: false,
        color: run.style.color,
      });
      x += g.xAdvance;
    }
    positioned.set(piece, (run.level & 1) === 1 ? glyphs.reverse() : glyphs);
  }
  const logical = pieces.flatMap((p) => positioned.get(p) ?? []);
  const kashidaSpans = logical.filter((g) => g.kashida).map((g): [number, number] => [g.x, g.advance]);

  const fonts = new Set(runsByWord.flat().map((r) => r));
  let ascent = 0;
  let descent = 0;
  for (const r of fonts) {
    ascent = Math.max(ascent, (r.font.ascender * r.style.size) / r.font.upem + (r.style.rise ?? 0));
    descent = Math.max(descent, (-r.font.descender * r.style.size) / r.font.upem);
  }
  return {
    glyphs: logical,
    start: words[0].start,
    end: words[words.length - 1].end,
    width,
    naturalWidth,
    ascent,
    descent,
    last: o.isLast,
    justified,
    kashidas,
    spaceRatio,
    kashidaSpans,
  };
}

function lineStartX(o: LineOptions, contentWidth: number, justified: boolean): number {
  if (justified) return 0;
  const rtl = o.dir === 'rtl';
  const align = o.align === 'justify' ? 'start' : o.align;
  if (align === 'center') return (o.measure - contentWidth) / 2;
  const right = (align === 'start') === rtl;
  return right ? o.measure - contentWidth : 0;
}

/**
 * Picks the kashida words for a line: best priority first, then words that do
 * not sit under a kashida of the previous line, then the later word. Uses as
 * few kashidas as the deficit needs at about one tatweel each, within bounds.
 */
function chooseKashidas(
  words: Word[],
  candidates: Array<Candidate | undefined>,
  deficit: number,
  o: LineOptions,
): Array<[number, number]> {
  // Approximate x of each word in the line, to tell whether it stacks under a previous kashida.
  let x = 0;
  const spans = words.map((w) => {
    const s: [number, number] = [x, w.width];
    x += w.width + w.spaceWidth;
    return s;
  });
  const stacked = (wi: number) => {
    const [logicalX, w] = spans[wi];
    // Words advance leftwards in a right-to-left line; compare in the visual frame.
    const a = o.dir === 'rtl' ? o.measure - logicalX - w : logicalX;
    return o.previousKashidas.some(([px, pw]) => px < a + w && a < px + pw);
  };
  const pool = candidates
    .map((c, wi) => (c ? { c, wi, stacked: stacked(wi) } : undefined))
    .filter((v): v is { c: Candidate; wi: number; stacked: boolean } => v !== undefined)
    .sort((p, q) => p.c.priority - q.c.priority || Number(p.stacked) - Number(q.stacked) || q.wi - p.wi);
  if (!pool.length) return [];
  const unit = pool[0].c.tatweelWidth;
  let count = Math.min(pool.length, Math.max(1, Math.round(deficit / unit)));
  // Too small to see? Use fewer, wider ones; at least the minimum width each.
  while (count > 1 && deficit / count < unit * o.bounds.min) count--;
  const chosen = pool.slice(0, count);
  const out: Array<[number, number]> = [];
  let left = deficit;
  chosen.forEach((p, i) => {
    const share = left / (chosen.length - i);
    const width = Math.min(share, p.c.tatweelWidth * o.bounds.max);
    if (width < p.c.tatweelWidth * o.bounds.min * 0.5) return;
    out.push([p.wi, width]);
    left -= width;
  });
  return out;
}

/**
 * Reshapes a run with a tatweel inserted before `at` and scales that tatweel so
 * it is exactly `width` wide. HarfBuzz marked the place safe, so the other
 * glyphs keep their shapes; the reshaping is only to get the tatweel right.
 */
function insertKashida(text: string, run: ShapedRun, at: number, width: number, lang?: string): ShapedRun {
  const withTatweel = text.slice(0, at) + '\u0640' + text.slice(at);
  const reshaped = makeRun(withTatweel, run.level, run.font, run.style, run.start, run.end + 1, lang);
  const glyphs = reshaped.glyphs.map((g) => {
    if (g.cluster === at && g.text.startsWith('\u0640')) {
      const scaleX = width / g.xAdvance;
      return { ...g, text: g.text, xAdvance: width, scaleX, kashida: true };
    }
    // Map clusters back to the paragraph without the inserted tatweel.
    return g.cluster > at ? { ...g, cluster: g.cluster - 1 } : g;
  });
  return { ...run, glyphs, width: glyphs.reduce((w, g) => w + g.xAdvance, 0) };
}

/** UAX #9 rule L2: from the highest level down to the lowest odd level, reverse runs at or above it. */
export function reorderPieces<T extends { level: number }>(pieces: T[], paragraphLevel: number): T[] {
  const out = [...pieces];
  const max = Math.max(paragraphLevel, ...out.map((p) => p.level));
  let minOdd = Math.min(paragraphLevel, ...out.map((p) => p.level));
  if (minOdd % 2 === 0) minOdd++;
  for (let level = max; level >= minOdd; level--) {
    for (let i = 0; i < out.length; ) {
      if (out[i].level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < out.length && out[j].level >= level) j++;
      const seg = out.slice(i, j).reverse();
      out.splice(i, j - i, ...seg);
      i = j;
    }
  }
  return out;
}
