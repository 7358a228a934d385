/**
 * Press colour: the CMYK colour mode the press files are drawn with.
 *
 * - A palette colour prints as the theme's CMYK value for it (`theme.cmyk`);
 *   one without a value is converted once from its RGB value by `rgbToCmyk`.
 * - A colour that is no palette colour (a template's own) is converted too.
 * - The paper colour is the paper: a page whose background is the paper
 *   prints nothing, and text in the paper colour (the cover's) knocks out.
 * - **All text prints in 0/0/0/100** (K only), whatever its colour on
 *   screen: the accent headings and numbers and the grey running heads too,
 *   so no glyph (Arabic with harakat least of all) depends on the register of
 *   several plates, and the inner pages of the booklet print in black alone.
 *   The one exception is text in the paper colour, or as light as paper (under
 *   `KNOCKOUT_MAX_INK` in all): it prints no ink, it knocks out of the
 *   cover's colour. QR modules are marks too: K only. Black text overprints
 *   (as a shop's "black overprint" would make it): on a tint (the leaflets'
 *   event frame) it leaves no white halo when the plates are out of register.
 * - Areas and rules keep their colours (the cover, the event frame, accent
 *   rules). Ink black is 0/0/0/100 for rules and small boxes; a box whose both
 *   sides reach `theme.richBlack.minMm` gets the theme's rich black instead.
 * - A thin rule (under `SOLID_LINE_PT`) in black or a grey prints as solid
 *   0/0/0/100: a tint of black would be screened into a dotted line at that
 *   width. Coloured rules keep their colour.
 */
import type { Cmyk, PaletteName, Theme } from '../model/types.js';
import type { ColorMode, PdfColor } from '../render/pdf/colorMode.js';
import type { RGB } from 'pdf-lib';
import { MM } from './pdfPages.js';
import { hexColor } from './press.js';

const hexKey = (hex: string) => hex.trim().toLowerCase();

/**
 * RGB → CMYK with full grey component replacement, the formula used for a
 * colour the theme gives no CMYK value for (rounded to whole percent):
 *
 *   K = 1 − max(R, G, B);  C = (1 − R − K) / (1 − K);  M = (1 − G − K) / (1 − K);  Y = (1 − B − K) / (1 − K)
 *
 * with R, G, B in 0…1. A grey (R = G = B) becomes K only, black 0/0/0/100,
 * and the total ink never exceeds 300 %. It ignores the press's
 * characterisation, so give brand colours in `theme.cmyk`.
 */
export function rgbToCmyk(hex: string): Cmyk {
  const { red: r, green: g, blue: b } = hexColor(hex) as RGB;
  const k = 1 - Math.max(r, g, b);
  if (k >= 1 - 1e-9) return [0, 0, 0, 100];
  const pct = (v: number) => Math.round(v * 100);
  return [pct((1 - r - k) / (1 - k)), pct((1 - g - k) / (1 - k)), pct((1 - b - k) / (1 - k)), pct(k)];
}

/** Each palette colour's press value, by lower-case hex (the first palette name wins when two share a hex). */
export function pressPalette(theme: Theme): Map<string, Cmyk> {
  const out = new Map<string, Cmyk>();
  for (const name of Object.keys(theme.palette) as PaletteName[]) {
    const key = hexKey(theme.palette[name]);
    if (out.has(key)) continue;
    out.set(key, theme.cmyk[name] ?? rgbToCmyk(theme.palette[name]));
  }
  // Paper is paper, whatever value a theme gives it.
  out.set(hexKey(theme.palette.paper), [0, 0, 0, 0]);
  return out;
}

/** Rules thinner than this (pt) in black or grey print as solid black. */
const SOLID_LINE_PT = 1;

const isKOnly = (c: Cmyk) => c[0] === 0 && c[1] === 0 && c[2] === 0 && c[3] > 0;
const isPlainBlack = (c: Cmyk) => c[0] === 0 && c[1] === 0 && c[2] === 0 && c[3] >= 100;
const isPaper = (c: Cmyk) => c.every((v) => v === 0);

/** What every inked text glyph and QR module prints in. */
const TEXT_BLACK: Cmyk = [0, 0, 0, 100];
const NO_INK: Cmyk = [0, 0, 0, 0];
/**
 * Text lighter than this (C+M+Y+K %) is light type on a dark ground (the
 * cover's), not ink: it knocks out. A tint that light would not be read on paper.
 */
const KNOCKOUT_MAX_INK = 20;
const isLight = (c: Cmyk) => c.reduce((a, v) => a + v, 0) < KNOCKOUT_MAX_INK;

/** The CMYK colour mode for `theme`'s press files. */
export function pressColorMode(theme: Theme): ColorMode {
  const palette = pressPalette(theme);
  const cmykOf = (hex: string): Cmyk => palette.get(hexKey(hex)) ?? rgbToCmyk(hex);
  const richMin = theme.richBlack.minMm * MM;
  return {
    mark: (hex): PdfColor => (isLight(cmykOf(hex)) ? NO_INK : TEXT_BLACK),
    // Black text overprints (a knockout must not: it would vanish).
    overprint: (hex) => !isLight(cmykOf(hex)),
    line: (hex, width): PdfColor => {
      const c = cmykOf(hex);
      return width < SOLID_LINE_PT && isKOnly(c) ? [0, 0, 0, 100] : c;
    },
    area: (hex, width, height): PdfColor => {
      const c = cmykOf(hex);
      return isPlainBlack(c) && Math.min(width, height) >= richMin ? theme.richBlack.cmyk : c;
    },
    background: (hex): PdfColor | null => {
      const c = cmykOf(hex);
      return isPaper(c) ? null : c;
    },
  };
}
