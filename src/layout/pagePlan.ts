/**
 * The page plan of a folded booklet: a saddle-stitched copy is made of sheets
 * folded once, four pages each, so its page count is a multiple of 4. The
 * booklet is first copyfitted where a slightly smaller size saves a sheet
 * (src/layout/copyfit.ts); the booklet template adds the spare pages left
 * itself, where a publisher puts them:
 * after the last point, ruled for notes or blank (`theme.spare`), with the
 * colophon on the inside back cover (the page before the back cover). So the
 * screen PDF, the press PDF and the imposed sheets all have the same pages;
 * the imposition still pads a PDF made with `pages: any`
 * (src/print/saddleStitch.ts).
 *
 * Leaflets are loose sheets, not a booklet: a file of several leaflets for a
 * print shop gives every leaflet the same number of sides (`evenSides`), so
 * the shop can print it as versions of one job — one page each (single-sided),
 * or, as soon as one leaflet runs on to a second page, two each (front and
 * back; four for a leaflet of three or four pages: two sheets), a leaflet
 * without those pages getting blank backs. Nothing else is added: a blank
 * leaflet would be printed and cut like any other.
 */
import type { LaidOutPage } from './types.js';

/** Pages per folded sheet of a saddle-stitched booklet. */
export const PAGES_PER_SHEET = 4;

/** How many blank pages bring `pageCount` to a multiple of 4. */
export function blanksToFill(pageCount: number): number {
  return (PAGES_PER_SHEET - (pageCount % PAGES_PER_SHEET)) % PAGES_PER_SHEET;
}

/** A blank page (paper only) the size of `like`. */
export function blankLike(like: LaidOutPage, paper: string): LaidOutPage {
  return { width: like.width, height: like.height, background: paper, role: 'blank', blocks: [] };
}

/** The sides every leaflet gets, from their page counts: 1, or the longest's count rounded up to even. */
export function sidesOf(pageCounts: readonly number[]): number {
  const longest = Math.max(1, ...pageCounts);
  return longest === 1 ? 1 : longest + (longest % 2);
}

/**
 * Every leaflet's pages, each leaflet padded with blank pages to the sides of
 * the longest (`sides`: 1, or the longest's page count rounded up to even:
 * whole sheets, front and back), in order: leaflet k starts on page k × sides.
 */
export function evenSides(leaflets: LaidOutPage[][], paper: string): { pages: LaidOutPage[]; sides: number } {
  const sides = sidesOf(leaflets.map((l) => l.length));
  const pages = leaflets.flatMap((l) => [...l, ...Array.from({ length: sides - l.length }, () => blankLike(l[0], paper))]);
  return { pages, sides };
}
