/**
 * Fitting text to a space: the largest body size, on a grid of 0.25 pt within
 * given bounds or among a few given sizes, at which a text set with the typesetter
 * takes no more lines than a given height holds. Pure: the trial settings go
 * through a typesetter of their own, so the caller's statistics only count
 * the paragraph it finally keeps.
 */
import type { DocumentModel, Theme } from '../model/types.js';
import type { ComposedParagraph } from '../text/compose.js';
import type { StyledSpan, TextStyle } from '../text/itemize.js';
import { typesetter, type Tuning } from './typeset.js';

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

/** Where to look for the size: the given `sizes` (e.g. a leaflet's regular and compact size), or a grid of `step` from `minSize` (the theme's body.minSize when absent) to `maxSize`. */
type FitOptions = {
  /** Baseline-to-baseline distance as a multiple of the size; the theme's body.leading when absent. */
  leading?: number;
  /** The typesetter's tuning for the text (a leaflet's paragraph indent). */
  tuning?: Tuning;
} & ({ sizes: readonly number[] } | { minSize?: number; maxSize: number; step?: number });

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
function wordPrefix(text: string, n: number): string {
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

/** Baseline-to-baseline distance of body text at `size`: size × `ratio`, else × the theme's body.leading. */
export const bodyLeading = (theme: Theme, size: number, ratio = theme.body.leading): number => size * ratio;

/** Lines a height holds at a leading (the same count flow() puts in a frame). */
export const linesIn = (height: number, leading: number) => Math.floor((height + 1e-6) / leading);

/**
 * The size to set a text at, among `grid` (sizes, ascending): the largest
 * whose setting fits (by bisection: `fits` is taken to be monotone).
 * Undefined when not even the smallest fits. Each size is set once.
 */
function chooseSize<P>(grid: readonly number[], set: (size: number) => P, fits: (set: P, size: number) => boolean): { size: number; set: P } | undefined {
  const sets = new Map<number, P>();
  const at = (i: number) => {
    let p = sets.get(i);
    if (p === undefined) sets.set(i, (p = set(grid[i])));
    return p;
  };
  if (!grid.length) return undefined;
  const found = largestFitting(0, grid.length - 1, 1, (i) => fits(at(i), grid[i]));
  return found === undefined ? undefined : { size: grid[found], set: at(found) };
}

/** min, min + step, … ≤ max (rounded to 1e-6). */
function sizeGrid(min: number, max: number, step: number): number[] {
  const n = Math.floor((max - min) / step + 1e-9);
  return Array.from({ length: n + 1 }, (_, k) => Math.round((min + k * step) * 1e6) / 1e6);
}

/**
 * The largest body size at which `text` fits `height` when set justified in
 * `measure`, among the given `sizes` or on the grid of `step` from the
 * given (else the theme's) minimum to the given maximum. `style` gives fonts
 * and colour; its size is ignored.
 */
export function fitBodySize(
  model: DocumentModel,
  text: string | StyledSpan[],
  style: TextStyle,
  measure: number,
  height: number,
  opts: FitOptions,
): FitResult {
  const b = model.theme.body;
  const lowest = 'sizes' in opts ? 0 : (opts.minSize ?? b.minSize);
  const grid =
    'sizes' in opts
      ? [...new Set(opts.sizes)].sort((x, y) => x - y)
      : sizeGrid(lowest, Math.max(lowest, opts.maxSize), opts.step ?? FIT_STEP);
  if (!grid.length) throw new Error('fitBodySize: no size to choose among');
  const min = grid[0];
  const lead = (size: number) => bodyLeading(model.theme, size, opts.leading);
  const ts = typesetter(model, model.theme.justify, opts.tuning);
  const setAt = (size: number) => {
    const sized: TextStyle = { ...style, size };
    const spans = typeof text === 'string' ? text : text.map((s) => ({ text: s.text, style: { ...s.style, size: (s.style.size / style.size) * size } }));
    return ts.set(spans, sized, measure, 'justify');
  };
  const fits = (para: ComposedParagraph, size: number) => para.lines.length <= linesIn(height, lead(size));
  // A long text whose first part already overflows at the minimum size
  // overflows whole: no search, one setting.
  const probe = typeof text === 'string' ? probePrefix(text) : text;
  const hopeless = probe !== text && ts.set(probe as string, { ...style, size: min }, measure, 'justify').lines.length > linesIn(height, lead(min));
  const chosen = hopeless ? undefined : chooseSize(grid, setAt, fits);
  const size = chosen?.size ?? min;
  return { size, leading: lead(size), overflow: chosen === undefined, para: chosen?.set ?? setAt(min) };
}
