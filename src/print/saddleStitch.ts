/**
 * Saddle-stitch page order: which source page lands on which half of which
 * printed sheet, so that a stack of sheets printed duplex, folded once down the
 * middle and stapled on the fold reads in order.
 *
 * Pure arithmetic, kept apart from any PDF code so that the order (the part
 * that is easy to get subtly wrong, and wrong in a way only a printed and
 * folded copy reveals) can be tested exhaustively.
 *
 * Conventions: page indices are 0-based source pages; `null` is a blank pad
 * page. Blank pads go right before the back cover, never inside the text, so
 * the last source page (the back cover) stays on the outside of the booklet.
 */

import { blanksToFill } from '../layout/pagePlan.js';

export type BindingDirection = 'rtl' | 'ltr';

/** A source page index (0-based) or `null` for a blank pad page. */
export type Slot = number | null;

/** One side of a sheet, as seen when looking at that side: [left half, right half]. */
type SheetSide = [left: Slot, right: Slot];

/** One sheet of paper, printed on both sides, folded once across its width. */
export interface Sheet {
  front: SheetSide;
  back: SheetSide;
}

function assertPageCount(pageCount: number): void {
  if (!Number.isInteger(pageCount) || pageCount < 0) {
    throw new RangeError(`page count must be a non-negative integer, got ${pageCount}`);
  }
}

/**
 * The booklet's reading sequence padded to a multiple of 4: source pages
 * 0..n-2 in order, then the blanks, then page n-1 (the back cover) last.
 * A single page is kept first (it is the front cover; there is no back).
 */
export function padPages(pageCount: number): Slot[] {
  assertPageCount(pageCount);
  if (pageCount === 0) return [];
  const blanks = blanksToFill(pageCount);
  const slots: Slot[] = [];
  if (pageCount === 1) {
    slots.push(0);
    for (let i = 0; i < blanks; i++) slots.push(null);
    return slots;
  }
  for (let i = 0; i < pageCount - 1; i++) slots.push(i);
  for (let i = 0; i < blanks; i++) slots.push(null);
  slots.push(pageCount - 1);
  return slots;
}

/**
 * Sheets in stacking order, outermost (the one carrying the covers) first.
 *
 * With the padded sequence p[0..N-1] and sheet s (0-based):
 * - 'ltr' (bound on the left):  front [p[N-1-2s], p[2s]],   back [p[2s+1], p[N-2-2s]]
 * - 'rtl' (bound on the right): front [p[2s], p[N-1-2s]],   back [p[N-2-2s], p[2s+1]]
 *
 * The 'rtl' order is the mirror image: the front cover sits on the left half of
 * the outer sheet's front, so after folding the booklet opens on the right and
 * its pages turn right to left, as an Arabic book does.
 */
export function saddleStitchOrder(pageCount: number, dir: BindingDirection): Sheet[] {
  const p = padPages(pageCount);
  const n = p.length;
  const sheets: Sheet[] = [];
  for (let s = 0; s < n / 4; s++) {
    const outerHigh = p[n - 1 - 2 * s];
    const outerLow = p[2 * s];
    const innerLow = p[2 * s + 1];
    const innerHigh = p[n - 2 - 2 * s];
    sheets.push(
      dir === 'ltr'
        ? { front: [outerHigh, outerLow], back: [innerLow, innerHigh] }
        : { front: [outerLow, outerHigh], back: [innerHigh, innerLow] },
    );
  }
  return sheets;
}

/**
 * Creep (shingling) compensation. Nested folded sheets push the inner ones
 * outward at the fore-edge, so after trimming their outer margins shrink.
 * Model used here: each sheet wrapped around another displaces it by one
 * paper thickness, so sheet s (0 = outermost) has its pages shifted towards
 * the fold by s × thickness. Returns one non-negative offset (pt) per sheet.
 */
export function creepOffsets(sheetCount: number, paperThicknessPt: number): number[] {
  assertPageCount(sheetCount);
  if (!Number.isFinite(paperThicknessPt) || paperThicknessPt < 0) {
    throw new RangeError(`paper thickness must be a finite number ≥ 0, got ${paperThicknessPt}`);
  }
  return Array.from({ length: sheetCount }, (_, s) => s * paperThicknessPt);
}
