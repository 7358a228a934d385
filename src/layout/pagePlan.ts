/**
 * The page plan of a folded booklet: a saddle-stitched copy is made of sheets
 * folded once, four pages each, so its page count is a multiple of 4. The
 * booklet template adds the blank pages itself (between the colophon and the
 * back cover, where a book has them), so the screen PDF, the press PDF and the
 * imposed sheets all have the same pages; the imposition still pads a PDF
 * made with `pages: any` (src/print/saddleStitch.ts).
 */

/** Pages per folded sheet of a saddle-stitched booklet. */
export const PAGES_PER_SHEET = 4;

/** How many blank pages bring `pageCount` to a multiple of 4. */
export function blanksToFill(pageCount: number): number {
  return (PAGES_PER_SHEET - (pageCount % PAGES_PER_SHEET)) % PAGES_PER_SHEET;
}
