/**
 * Fonts for the text layer. One HarfBuzz font per file; the same bytes are
 * later embedded by the PDF renderer and outlined by the card renderer, so
 * every output measures and draws with exactly what HarfBuzz shaped.
 */
import * as hb from 'harfbuzzjs';

export interface LoadedFont {
  /** Stable key: the project-relative path of the font file. */
  key: string;
  bytes: Uint8Array;
  hb: hb.Font;
  upem: number;
  /** Typographic ascender and descender in font units (descender negative). */
  ascender: number;
  descender: number;
  /** Family name from the name table, for the colophon. */
  family: string;
  /** True when the font maps this code point to a real glyph. */
  covers(codePoint: number): boolean;
}

export function loadFont(bytes: Uint8Array, key: string): LoadedFont {
  const face = new hb.Face(new hb.Blob(bytes), 0);
  const font = new hb.Font(face);
  const extents = font.hExtents();
  const family = face.getName(1, 'en') || key;
  const coverage = new Set(face.collectUnicodes());
  return {
    key,
    bytes,
    hb: font,
    upem: face.upem,
    ascender: extents.ascender,
    descender: extents.descender,
    family,
    covers: (cp) => coverage.has(cp),
  };
}

/** Draw callbacks that only note a contour's start (one set per thread). */
let inkFuncs: hb.DrawFuncs | undefined;

/**
 * Whether HarfBuzz draws anything for a glyph: exactly when its outline
 * (`glyphToPath`) is not empty. HarfBuzz calls move-to only before a
 * contour's first segment, so a move-to means ink; the other callbacks are
 * left unset (HarfBuzz's own do nothing), and nothing is written out, where
 * `glyphToPath` called into JavaScript for every segment and built its SVG
 * text (docs/performance.md, "Composing and painting").
 */
export function drawsInk(font: LoadedFont, gid: number): boolean {
  if (!inkFuncs) {
    inkFuncs = new hb.DrawFuncs();
    inkFuncs.setMoveToFunc((_x, _y, seen) => {
      (seen as { ink: boolean }).ink = true;
    });
  }
  const seen = { ink: false };
  font.hb.drawGlyph(gid, inkFuncs, seen);
  return seen.ink;
}
