/**
 * Copyfitting a saddle-stitched booklet: where the page plan
 * (src/layout/pagePlan.ts) would pad the booklet with spare pages, a
 * publisher sets the text a little smaller so that it lands on a sheet
 * fewer. Here: the body size in steps of FIT_STEP (the grid every fitted
 * size is on, fit.ts) down to COPYFIT_RANGE below the theme's (never under `body.minSize`), the leading the same
 * multiple of the size, one size for the whole booklet; the *largest* size
 * that saves a sheet is taken, and none when no size in the range saves one
 * (the booklet is padded as before). Type is never made larger to fill.
 *
 * Each size tried is a whole layout of the text (its paragraphs composed
 * afresh, the contents set to count their pages; the other pages are made
 * only at the size taken: templates/booklet.ts `finish`), so the
 * sizes are tried in an order an estimate gives (`copyfit`'s `estimate`, from
 * the fill of the last page: `scaledParas`), few of them: usually the size
 * that saves and the one above it, which does not; none when the estimate
 * says that not even the smallest could.
 */
import type { ComposedLine } from '../text/compose.js';
import type { Frame, FlowPage, FlowPara } from './flow.js';
import { PAGES_PER_SHEET } from './pagePlan.js';
import { FIT_STEP } from './fit.js';
import type { Theme } from '../model/types.js';

/**
 * How far below the theme's body size copyfitting may go, pt: 0.75 pt is
 * 6.5 % of the default 11.5 pt, about the difference a reader notices side
 * by side, less than the step to the next size of the classic scale (11 to
 * 10 pt). Further than that the booklet reads as set in another size; the
 * spare pages are the better price.
 */
const COPYFIT_RANGE = 0.75;

/**
 * How far the estimate may be out, in pages: a size predicted to need up
 * to this much more than the pages that save a sheet is still tried.
 * scaledParas' estimate never predicted fewer pages than a size took, on the
 * seed and the six test documents at every size from 11.5 to 10 pt, and
 * more by 0 to 0.47 of a page, but once by 0.67 (udhr-fa at 11.25 pt); the
 * seed's is checked in test/templates/booklet.test.ts. A size whose estimate
 * is just out of reach is not tried: the booklet keeps its size, the safe side.
 */
export const ESTIMATE_SLACK = 0.5;

/** Whether a booklet of this theme may be copyfitted: page plan multiple-of-4 and copyfit on. */
export const copyfits = (theme: Theme): boolean => theme.pages === 'multiple-of-4' && theme.copyfit === 'on';

/** The sizes copyfitting may try, least tightened first: `body.size` − 0.25, − 0.5, − 0.75 pt, none under `body.minSize`. */
export function copyfitSizes(body: Theme['body']): number[] {
  const sizes: number[] = [];
  for (let k = 1; k * FIT_STEP <= COPYFIT_RANGE + 1e-9; k++) {
    const size = Math.round((body.size - k * FIT_STEP) * 1e6) / 1e6;
    if (size < body.minSize - 1e-9) break;
    sizes.push(size);
  }
  return sizes;
}

/** A booklet laid out at one size: its page count (spare pages included), counted before its pages are made. */
interface Trial {
  pageCount: number;
}

/**
 * The largest of `sizes` (largest first) at which the booklet has at least a
 * sheet fewer than `naturalPages` (its count at the theme's size, spare pages
 * included), with its layout; undefined when none has.
 *
 * `estimate(size)`: the pages the booklet is predicted to need at `size`
 * without spare pages, counting the last as the share of it that is filled
 * (7.4: seven pages and four tenths of an eighth); scaledParas' estimate errs
 * on the long side. Sizes are taken to save pages the smaller they are: a
 * size that does not save a sheet means that no larger one does, and one
 * that does, that every smaller one does. So:
 * - no size is tried when none is predicted to save a sheet within ESTIMATE_SLACK;
 * - when one is predicted to save it (within the estimate, no slack), the
 *   largest within the slack is tried first, then the next larger while they
 *   save a sheet, or the next smaller until one does;
 * - else only the estimate's error could save a sheet: the smallest is tried
 *   first (when it saves none, no size does), then larger ones while they do.
 * A size is laid out (`layout`) at most once. (fit.ts's largestFitting
 * searches a grid by halves from its smallest value, which would lay out the
 * seed three times, not twice: here each try is a whole booklet.)
 */
export function copyfit<T extends Trial>(
  naturalPages: number,
  sizes: readonly number[],
  estimate: (size: number) => number,
  layout: (size: number) => T,
): { size: number; layout: T } | undefined {
  const target = naturalPages - PAGES_PER_SHEET;
  if (target <= 0) return undefined;
  const predicted = sizes.map(estimate);
  let i = predicted.findIndex((p) => p <= target + ESTIMATE_SLACK);
  if (i < 0) return undefined;
  if (!predicted.some((p) => p <= target)) i = sizes.length - 1;
  const tried = new Map<number, T>();
  const at = (k: number) => {
    if (!tried.has(k)) tried.set(k, layout(sizes[k]));
    return tried.get(k)!;
  };
  const saves = (k: number) => at(k).pageCount <= target;
  if (saves(i)) {
    while (i > 0 && saves(i - 1)) i--;
  } else {
    do i++;
    while (i < sizes.length && !saves(i));
    if (i === sizes.length) return undefined;
  }
  return { size: sizes[i], layout: at(i) };
}

/**
 * The booklet's paragraphs as they would flow at `ratio` × their size, for
 * an estimate (no paragraph is composed): every space and leading scaled by
 * it, and each paragraph (each forced-break part of one) cut to the lines
 * its text is predicted to take: its full lines and its last line's share
 * of the measure, × the ratio (a smaller size fits more words on a line),
 * rounded up. The last line of each part is kept (its `last` mark is what
 * the flow's break rules read).
 */
export function scaledParas(paras: readonly FlowPara[], ratio: number): FlowPara[] {
  return paras.map((p) => ({
    ...p,
    para: { ...p.para, lines: parts(p.para.lines).flatMap((part) => cut(part, ratio, p.para.measure)) },
    leading: p.leading * ratio,
    spaceBefore: p.spaceBefore * ratio,
    spaceAfter: p.spaceAfter * ratio,
    ...(p.indent ? { indent: p.indent * ratio } : {}),
  }));
}

/** A paragraph's lines, cut after each forced break (`last`). */
function parts(lines: readonly ComposedLine[]): ComposedLine[][] {
  const out: ComposedLine[][] = [[]];
  lines.forEach((l, i) => {
    out[out.length - 1].push(l);
    if (l.last && i < lines.length - 1) out.push([]);
  });
  return out;
}

/** A part's lines cut to the count predicted at `ratio`: its first lines and its last. */
function cut(lines: ComposedLine[], ratio: number, measure: number): ComposedLine[] {
  if (lines.length < 2) return lines;
  const last = lines[lines.length - 1];
  const share = Math.min(1, last.naturalWidth / measure);
  const count = Math.max(1, Math.ceil(((lines.length - 1 + share) * ratio) - 1e-9));
  return [...lines.slice(0, count - 1), last];
}

/**
 * How many pages flowed text fills: the pages before the last, and the share
 * of the last frame's height down to its last baseline (an estimate's unit).
 */
export function pagesFilled(pages: readonly FlowPage[], frameFor: (page: number) => Frame): number {
  const last = pages.length - 1;
  const f = frameFor(last);
  const baselines = pages[last].blocks.flatMap((b) => b.lines.map((l) => l.baseline));
  const bottom = baselines.length ? Math.max(...baselines) : f.top;
  return last + Math.min(1, Math.max(0, (bottom - f.top) / (f.bottom - f.top)));
}
