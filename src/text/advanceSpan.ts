/**
 * A positioned glyph's advance on its line (compose.ts PositionedGlyph), in a module of its own: the
 * live-area check (src/layout/liveArea.ts, through ink.ts) reads it, and a
 * build with nothing to do loads that check's module but must not load the
 * composer and HarfBuzz behind it (test/cli/startup.test.ts).
 */
/**
 * Where a glyph's advance lies on its line, pt from the line's left edge:
 * from its pen position (its drawn origin less HarfBuzz's offset, `dx`) for
 * its advance. This is what the line breaker measured and what the edges of
 * a justified line are flush on; the drawn origin plus the advance is not a
 * box at all where HarfBuzz offsets a glyph that advances (Amiri's «و» of
 * «ويلاحظ» at a line's start: it reached 1.7 pt past the measure at 14 pt,
 * stopping a leaflet with E-OVERFLOW, though its ink is where every other
 * line-start «و»'s is). A glyph's ink may overhang its advance by design
 * (Amiri's «إ», a final «ى»'s tail); that is the font's optical alignment,
 * kept, and the live-area check holds the ink off the trim (liveArea.ts).
 */
export function advanceSpan(g: { x: number; dx?: number; advance: number }): { left: number; right: number } {
  const left = g.x - (g.dx ?? 0);
  return { left, right: left + g.advance };
}
