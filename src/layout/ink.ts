/**
 * Ink boxes: where the glyphs of composed text actually put ink, from
 * HarfBuzz's glyph extents. Templates place text by its ink (a title clear
 * of a rule, descenders inside a box); the card renderer's glyph layer
 * reports it. Coordinates are y-down (SVG, and the templates' pages).
 */
import type { ComposedLine, PositionedGlyph } from '../text/compose.js';
import { advanceSpan } from '../text/advanceSpan.js';
import type { LoadedFont } from '../text/fonts.js';
import type { PlacedLine } from './types.js';

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

type Extents = ReturnType<LoadedFont['hb']['glyphExtents']>;
const extentsCache = new WeakMap<LoadedFont, Map<number, Extents>>();

/** HarfBuzz's extents of a glyph, asked once per font and glyph (a call into WASM costs more than the look-up). */
function glyphExtents(font: LoadedFont, gid: number): Extents {
  let byGid = extentsCache.get(font);
  if (!byGid) extentsCache.set(font, (byGid = new Map()));
  let e = byGid.get(gid);
  if (e === undefined && !byGid.has(gid)) byGid.set(gid, (e = font.hb.glyphExtents(gid)));
  return e;
}

/** The glyph's ink box in font units (y up: top > bottom), or null for a blank glyph. */
function glyphBounds(font: LoadedFont, gid: number): Box | null {
  const e = glyphExtents(font, gid);
  return e && e.width !== 0 && e.height !== 0 ? { left: e.xBearing, right: e.xBearing + e.width, top: e.yBearing, bottom: e.yBearing + e.height } : null;
}

/** The ink box of one positioned glyph on a line whose left edge is at x and baseline at `baseline`; undefined when blank. */
export function glyphInk(g: PositionedGlyph, at: { x: number; baseline: number }): Box | undefined {
  const b = glyphBounds(g.font, g.gid);
  if (!b) return undefined;
  const k = g.size / g.font.upem;
  const ox = at.x + g.x;
  const oy = at.baseline - g.y;
  return {
    left: ox + b.left * k * g.scaleX,
    right: ox + b.right * k * g.scaleX,
    top: oy - b.top * k,
    bottom: oy - b.bottom * k,
  };
}

/**
 * How far a mark's ink may hang past its block's frame, pt: a tanween or a
 * shadda over a line-end letter hangs into the margin in ordinary Arabic
 * setting (Amiri's «ـاً» 1.1 pt at 11.5 pt, 1.3 at 14), and the live-area
 * check still holds it off the trim (liveArea.ts).
 */
const MARK_HANG = 1.5;

/**
 * What of a glyph its block's frame must hold, pt from the line's left edge
 * (liveArea.ts checks it; the leaflet narrows a measure until it holds):
 * a glyph that advances, its advance from its pen (advanceSpan: what the
 * line breaker measured, the font's own sidebearings and HarfBuzz's kerning
 * in it; ink its design hangs past that, Amiri's «إ» 0.8 pt at 14 pt, is the
 * font's optical edge); a mark (no advance: its origin is only where the
 * font's anchor put it, often beside its ink) its ink less MARK_HANG at each
 * side. The span is inverted (left > right) for a mark narrower than
 * 2 × MARK_HANG: each edge is held on its own. A blank mark, and hidden
 * text (never painted): its pen. `hang`: what the span leaves out at each
 * side (MARK_HANG for a mark's ink, else 0), for a report of how far a
 * glyph reaches.
 */
export function frameSpan(g: PositionedGlyph): { left: number; right: number; hang: number } {
  const ink = g.advance === 0 && !g.hidden ? glyphInk(g, { x: 0, baseline: 0 }) : undefined;
  return ink ? { left: ink.left + MARK_HANG, right: ink.right - MARK_HANG, hang: MARK_HANG } : { ...advanceSpan(g), hang: 0 };
}

/** Union of boxes; undefined for none. */
export function unionBox(boxes: Array<Box | undefined>): Box | undefined {
  let u: Box | undefined;
  for (const b of boxes) {
    if (!b) continue;
    u = u
      ? { left: Math.min(u.left, b.left), top: Math.min(u.top, b.top), right: Math.max(u.right, b.right), bottom: Math.max(u.bottom, b.bottom) }
      : { ...b };
  }
  return u;
}

/** A glyph's ink box placed at `at`: undefined for a space, a hidden glyph or a blank one, which draw nothing. */
const drawnInk = (g: ComposedLine['glyphs'][number], at: { x: number; baseline: number }): Box | undefined => (g.space || g.hidden ? undefined : glyphInk(g, at));

/** The ink boxes of a line's drawn glyphs placed at `at` (spaces, hidden glyphs and blank glyphs have none). */
function glyphInks(line: ComposedLine, at: { x: number; baseline: number }): Box[] {
  return line.glyphs.map((g) => drawnInk(g, at)).filter((b): b is Box => b !== undefined);
}

/**
 * A placed line's glyphs' ink boxes, in its glyph order (undefined for a
 * word space, hidden text or a blank glyph), and their union: what the page
 * checks read (liveArea.ts against the live area, overlaps.ts against other
 * blocks), computed once for both.
 */
export interface LineInks {
  inks: Array<Box | undefined>;
  box: Box | undefined;
}

/** Each line's ink (LineInks) of a text block's placed lines. */
export function blockInks(lines: readonly PlacedLine[]): LineInks[] {
  return lines.map(({ line, x, baseline }) => {
    const inks = line.glyphs.map((g) => drawnInk(g, { x, baseline }));
    return { inks, box: unionBox(inks) };
  });
}

/** The ink box of a whole line placed at `at`, or undefined when it draws nothing. */
export function lineInk(line: ComposedLine, at: { x: number; baseline: number }): Box | undefined {
  return unionBox(glyphInks(line, at));
}

/**
 * The clear space between the ink of a line and that of a line under it:
 * the least, over a glyph of each whose ink boxes overlap across the page
 * (or come within `reach` of it), of the lower's top less the upper's
 * bottom; negative where they collide, Infinity where no two stand one over
 * the other. A vowelled heading's marks and a descender of the line above
 * meet only where they do (a tall letter away from the descenders is no
 * collision), so it is measured glyph by glyph, not on the lines' boxes.
 */
export function inkClearance(upper: PlacedLine, lower: PlacedLine, reach = 0): number {
  const below = glyphInks(lower.line, lower);
  let clear = Infinity;
  for (const a of glyphInks(upper.line, upper)) for (const b of below) if (a.left < b.right + reach && b.left < a.right + reach) clear = Math.min(clear, b.top - a.bottom);
  return clear;
}

/** How far a line's ink reaches above and below its baseline (0 when it does not). */
export function inkExtent(line: ComposedLine): { above: number; below: number } {
  const box = lineInk(line, { x: 0, baseline: 0 });
  return { above: Math.max(0, -(box?.top ?? 0)), below: Math.max(0, box?.bottom ?? 0) };
}
