/**
 * Fitting text to a space: the largest body size, on a grid of 0.25 pt within
 * the theme's [minSize, maxSize] (or among a few given sizes), at which a text set with the typesetter
 * takes no more lines than a given height holds. Pure: the trial settings go
 * through a typesetter of their own, so the caller's statistics only count
 * the paragraph it finally keeps.
 */
import type { DocumentModel } from '../model/types.js';
import type { ComposedParagraph } from '../text/compose.js';
import type { StyledSpan, TextStyle } from '../text/itemize.js';
import { typesetter } from './typeset.js';

export const FIT_STEP = 0.25;

export interface FitResult {
  /** The chosen size in pt (the minimum when even that overflows). */
  size: number;
  /** Baseline-to-baseline distance at that size (size × theme leading). */
  leading: number;
  /** True when the text needs more than `height` even at the minimum size. */
  overflow: boolean;
  /** The paragraph as set at `size` (by the trial typesetter). */
  para: ComposedParagraph;
}

export interface FitOptions {
  /** Size bounds; the theme's body.minSize and body.maxSize when absent. */
  minSize?: number;
  maxSize?: number;
  step?: number;
  /** The sizes to choose among instead of the grid (e.g. a leaflet's regular and compact size); the bounds and step are then unused. */
  sizes?: readonly number[];
  /** Baseline-to-baseline distance as a multiple of the size; the theme's body.leading when absent. */
  leading?: number;
  /**
   * Trade a little size for a better paragraph: among the sizes from the
   * largest that fits (L) down to L × (1 − range), take the one with the
   * lowest `badness(para) + perPercent × (percent of L given up)`; ties go
   * to the larger size. Off by default (the largest size that fits).
   * Defaults: range 0.1, perPercent 0.6.
   */
  prefer?: { badness: (para: ComposedParagraph, measure: number) => number; range?: number; perPercent?: number };
}

/**
 * Largest value on the grid min, min+step, … ≤ max for which `fits` holds,
 * by binary search (`fits` is taken to be monotone: true up to some size,
 * false above). Undefined when not even `min` fits.
 */
export function largestFitting(min: number, max: number, step: number, fits: (value: number) => boolean): number | undefined {
  if (!(step > 0) || max < min) throw new Error(`largestFitting: bad range [${min}, ${max}] step ${step}`);
  const at = (k: number) => Math.round((min + k * step) * 1e6) / 1e6;
  let lo = 0;
  let hi = Math.floor((max - min) / step + 1e-9);
  if (!fits(at(lo))) return undefined;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(at(mid))) lo = mid;
    else hi = mid - 1;
  }
  return at(lo);
}

/** Length of the prefix that fitBodySize tries first on a long text. */
const PROBE_LENGTH = 4096;

/** The text up to the end of the word that reaches UTF-16 index `n` (the whole text when no space follows). */
export function wordPrefix(text: string, n: number): string {
  if (n >= text.length) return text;
  const space = /\s/gu;
  space.lastIndex = n;
  const m = space.exec(text);
  return m ? text.slice(0, m.index).trimEnd() : text;
}

/**
 * About the first `n` units of a text, for probing whether a long text can
 * fit: to the end of a word when one ends soon after, else cut at `n` (never
 * inside a surrogate pair). Either way no longer whole than cut, so a probe
 * that does not fit means the text does not either.
 */
export function probePrefix(text: string, n = PROBE_LENGTH): string {
  const words = wordPrefix(text, n);
  if (words.length <= 2 * n) return words;
  return text.slice(0, n - (/[\uDC00-\uDFFF]/.test(text[n]) ? 1 : 0));
}

/** Lines a height holds at a leading (the same count flow() puts in a frame). */
export const linesIn = (height: number, leading: number) => Math.floor((height + 1e-6) / leading);

/** How to trade a little size for a better setting (see `chooseSize`). */
export interface SizePreference<P> {
  badness: (set: P) => number;
  /** Share of the largest fitting size that may be given up; default 0.1. */
  range?: number;
  /** Cost of each percent of size given up; default 0.6. */
  perPercent?: number;
}

/**
 * The size to set a text at, among `grid` (sizes, ascending): the largest
 * whose setting fits (by bisection: `fits` is taken to be monotone), and
 * with `prefer`, among the sizes from that one (L) down to L × (1 − range),
 * the one with the lowest `badness + perPercent × (percent of L given up)`;
 * ties go to the larger size. Undefined when not even the smallest fits.
 * Each size is set once (`set` results are kept).
 */
export function chooseSize<P>(
  grid: readonly number[],
  set: (size: number) => P,
  fits: (set: P, size: number) => boolean,
  prefer?: SizePreference<P>,
): { size: number; set: P } | undefined {
  const sets = new Map<number, P>();
  const at = (i: number) => {
    let p = sets.get(i);
    if (p === undefined) sets.set(i, (p = set(grid[i])));
    return p;
  };
  const ok = (i: number) => fits(at(i), grid[i]);
  if (!grid.length) return undefined;
  const found = largestFitting(0, grid.length - 1, 1, ok);
  if (found === undefined) return undefined;
  let best = found;
  if (prefer) {
    const { badness, range = 0.1, perPercent = 0.6 } = prefer;
    const largest = grid[found];
    let cost = badness(at(found));
    for (let i = found - 1; i >= 0 && grid[i] >= largest * (1 - range) - 1e-9; i--) {
      if (!ok(i)) continue;
      const c = badness(at(i)) + (perPercent * 100 * (largest - grid[i])) / largest;
      if (c < cost - 1e-9) {
        cost = c;
        best = i;
      }
    }
  }
  return { size: grid[best], set: at(best) };
}

/** min, min + step, … ≤ max (rounded to 1e-6). */
function sizeGrid(min: number, max: number, step: number): number[] {
  const n = Math.floor((max - min) / step + 1e-9);
  return Array.from({ length: n + 1 }, (_, k) => Math.round((min + k * step) * 1e6) / 1e6);
}

/**
 * The largest body size at which `text` fits `height` when set justified in
 * `measure`, on the grid of `step` from the theme's (or given) minimum to
 * maximum, or among the given `sizes`. `style` gives fonts and colour; its
 * size is ignored.
 */
export function fitBodySize(
  model: DocumentModel,
  text: string | StyledSpan[],
  style: TextStyle,
  measure: number,
  height: number,
  opts: FitOptions = {},
): FitResult {
  const b = model.theme.body;
  const lowest = opts.minSize ?? b.minSize;
  const grid = opts.sizes?.length ? [...new Set(opts.sizes)].sort((x, y) => x - y) : sizeGrid(lowest, Math.max(lowest, opts.maxSize ?? b.maxSize), opts.step ?? FIT_STEP);
  const min = grid[0];
  const leadingRatio = opts.leading ?? b.leading;
  const ts = typesetter(model);
  const setAt = (size: number) => {
    const sized: TextStyle = { ...style, size };
    const spans = typeof text === 'string' ? text : text.map((s) => ({ text: s.text, style: { ...s.style, size: (s.style.size / style.size) * size } }));
    return ts.set(spans, sized, measure, 'justify');
  };
  const fits = (para: ComposedParagraph, size: number) => para.lines.length <= linesIn(height, size * leadingRatio);
  const prefer = opts.prefer && { ...opts.prefer, badness: (para: ComposedParagraph) => opts.prefer!.badness(para, measure) };
  // A long text whose first part already overflows at the minimum size
  // overflows whole: no search, one setting.
  const probe = typeof text === 'string' ? probePrefix(text) : text;
  const hopeless = probe !== text && ts.set(probe as string, { ...style, size: min }, measure, 'justify').lines.length > linesIn(height, min * leadingRatio);
  const chosen = hopeless ? undefined : chooseSize(grid, setAt, fits, prefer);
  const size = chosen?.size ?? min;
  return { size, leading: size * leadingRatio, overflow: chosen === undefined, para: chosen?.set ?? setAt(min) };
}

/** The last line of a paragraph of several lines is a single word, or shorter than `fraction` of the measure. */
export function hasRunt(para: ComposedParagraph, measure: number, fraction = 1 / 3): boolean {
  if (para.lines.length < 2) return false;
  const last = para.lines[para.lines.length - 1];
  const words = new Set(last.glyphs.filter((g) => !g.space).map((g) => g.word)).size;
  return words < 2 || last.naturalWidth < fraction * measure;
}

/**
 * A paragraph's typographic cost: 10 for a runt, 1 for each kashida after
 * the first in a line (one is ordinary, several in a line look laboured),
 * and 10 per unit of inter-word space beyond `maxSpaceRatio` (1 = natural).
 */
export function paragraphBadness(para: ComposedParagraph, measure: number, maxSpaceRatio = Infinity): number {
  let cost = hasRunt(para, measure) ? 10 : 0;
  for (const l of para.lines) {
    cost += Math.max(0, l.kashidas - 1);
    if (l.justified) cost += 10 * Math.max(0, l.spaceRatio - maxSpaceRatio);
  }
  return cost;
}
