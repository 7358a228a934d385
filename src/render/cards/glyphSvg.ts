/**
 * Composed lines → SVG glyph outlines, for the cards.
 *
 * satori cannot be trusted with Arabic text (it flips mark offsets and its
 * bidi is word-level), so the cards draw the text layer's glyphs as outlines:
 * each glyph becomes a `<path>` with HarfBuzz's outline (font units, y up) and
 * a transform that puts its origin where the composer put it. Nothing is
 * re-measured or re-ordered here; this module only changes coordinate frames:
 *
 *   text layer: x from the line's left edge, y = offset ABOVE the baseline
 *   SVG:        x to the right, y DOWN
 *
 * so a glyph at (x, y) on a baseline b is drawn at (x, b − y), and the outline
 * is flipped with a negative y scale.
 *
 * Pure: no files, no clock; the output depends only on its input, and numbers
 * are printed with a fixed precision so that it is byte-stable.
 */
import type { LaidOutPage } from '../../layout/types.js';
import type { ComposedLine } from '../../text/compose.js';
import { glyphInk, type Box } from '../../layout/ink.js';
import type { LoadedFont } from '../../text/fonts.js';

/** One glyph to draw, in the coordinates of the SVG it goes into. */
interface GlyphPathElement {
  /** Outline in font units, y up (HarfBuzz's glyphToPath). */
  d: string;
  /** Maps the outline into place: translate(x, baseline − y) scale(k·scaleX, −k), k = size/upem. */
  transform: string;
  fill: string;
  gid: number;
  fontKey: string;
  /** Glyph origin in SVG coordinates (y down). */
  x: number;
  y: number;
  /** Ink box in SVG coordinates (y down), empty for blank glyphs. */
  ink?: Box;
}

interface LinePlacement {
  /** SVG x of the line's left edge. */
  x: number;
  /** SVG y of the baseline. */
  baseline: number;
  /** Fill for glyphs whose span gave no colour. */
  color: string;
}

const pathCache = new WeakMap<LoadedFont, Map<number, string>>();

/** HarfBuzz's outline of a glyph (font units, y up), cached per font and glyph. */
export function glyphPath(font: LoadedFont, gid: number): string {
  let byGid = pathCache.get(font);
  if (!byGid) pathCache.set(font, (byGid = new Map()));
  let d = byGid.get(gid);
  if (d === undefined) {
    d = font.hb.glyphToPath(gid);
    byGid.set(gid, d);
  }
  return d;
}

/** Fixed-precision number for SVG attributes: at most 3 decimals, no "-0". */
export function num(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

/**
 * The path elements for one composed line, in the line's logical glyph order
 * (the reading order; positions carry the visual order). Blank glyphs (word
 * spaces) are skipped.
 */
export function linePaths(line: ComposedLine, at: LinePlacement): GlyphPathElement[] {
  const out: GlyphPathElement[] = [];
  for (const g of line.glyphs) {
    if (g.space || g.hidden) continue;
    const d = glyphPath(g.font, g.gid);
    if (!d) continue;
    const k = g.size / g.font.upem;
    const x = at.x + g.x;
    const y = at.baseline - g.y;
    out.push({
      d,
      transform: `translate(${num(x)} ${num(y)}) scale(${num(k * g.scaleX)} ${num(-k)})`,
      fill: g.color ?? at.color,
      gid: g.gid,
      fontKey: g.font.key,
      x,
      y,
      ink: glyphInk(g, at),
    });
  }
  return out;
}

/** Serialises path elements as SVG markup (for tests and debugging; the card passes elements to satori). */
export function pathsToMarkup(paths: GlyphPathElement[]): string {
  return paths.map((p) => `<path d="${p.d}" transform="${p.transform}" fill="${p.fill}"/>`).join('');
}

/**
 * All text of a laid-out page as one SVG layer: each distinct glyph outline
 * once in <defs>, then a <use> per drawn glyph with its transform and colour.
 * Ids follow first appearance, so the markup is the same on every run.
 */
export function glyphLayer(page: LaidOutPage): string {
  const ids = new Map<string, string>();
  const defs: string[] = [];
  const uses: string[] = [];
  for (const block of page.blocks) {
    if (block.kind !== 'text') continue;
    for (const placed of block.lines) {
      for (const p of linePaths(placed.line, { x: placed.x, baseline: placed.baseline, color: block.color })) {
        const key = `${p.fontKey}#${p.gid}`;
        let id = ids.get(key);
        if (!id) {
          ids.set(key, (id = `g${ids.size}`));
          defs.push(`<path id="${id}" d="${p.d}"/>`);
        }
        uses.push(`<use href="#${id}" transform="${p.transform}" fill="${p.fill}"/>`);
      }
    }
  }
  return uses.length ? `<defs>${defs.join('')}</defs><g>${uses.join('')}</g>` : '';
}

/**
 * An SVG document of the page's size (satori's boxes and backgrounds) with
 * the page's glyph layer added as its last child, so that one rasterisation
 * draws both, the glyphs over the boxes. Satori's ids are its own
 * (`satori_…`); the layer's are `g0`, `g1`, … .
 */
export function withGlyphs(svg: string, page: LaidOutPage): string {
  const close = svg.lastIndexOf('</svg>');
  if (close < 0) throw new Error('cards: the design\'s SVG has no closing </svg>');
  return `${svg.slice(0, close)}${glyphLayer(page)}${svg.slice(close)}`;
}
