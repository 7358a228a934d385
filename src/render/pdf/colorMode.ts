/**
 * How a twin drawing's colours are written again. renderPages draws in RGB
 * (the screen files); the press files are CMYK, in a mode made from the
 * theme (src/print/color.ts), written into the RGB drawing's content where it
 * recorded its colours (twin.ts). The mode only turns a laid-out page's hex
 * colours into PDF colour operators; what is drawn, and where, stays the
 * same.
 */
import type { Cmyk } from '../../model/types.js';
import { rgbOperator } from './glyphPainter.js';

/** A colour as the PDF gets it: '#rrggbb' (DeviceRGB) or CMYK percentages (DeviceCMYK). */
export type PdfColor = string | Cmyk;

export interface ColorMode {
  /** Text and QR modules: small marks. */
  mark(hex: string): PdfColor;
  /** A stroked line (a rule) of this width (pt). */
  line(hex: string, width: number): PdfColor;
  /** A filled box of this size (pt): large areas may get a richer black. */
  area(hex: string, width: number, height: number): PdfColor;
  /** The page's background, or null when it is the paper (nothing printed). */
  background(hex: string): PdfColor | null;
  /** Whether text in this colour overprints what lies under it (press black: no white halo around type on a tint). */
  overprint(hex: string): boolean;
}

/** The name of the overprint state among a page's resources (ExtGState), and the state itself. */
export const OVERPRINT_STATE = 'GSOverprint';
export const OVERPRINT = { Type: 'ExtGState', OP: true, op: true, OPM: 1 } as const;

/**
 * Overprint on (OP, op, and OPM 1: a DeviceCMYK colour's zero inks leave the
 * plates under it alone), as PDF/X-4 allows, for the press files' black text:
 * the operators a twin writes before the text (`Q` after it), with the
 * state among the page's resources (src/print/pressFiles.ts).
 */
export const setOverprintOperators = () => `q\n/${OVERPRINT_STATE} gs\n`;

const num = (v: number) => (Math.abs(v) < 1e-9 ? '0' : (Math.round(v * 10000) / 10000).toString());

/** The fill (or, with `stroke`, stroking) colour operator: `r g b rg` or `c m y k k`. */
export function colorOperator(c: PdfColor, stroke = false): string {
  if (typeof c !== 'string') return `${c.map((v) => num(v / 100)).join(' ')} ${stroke ? 'K' : 'k'}`;
  return stroke ? rgbOperator(c).replace(/rg$/, 'RG') : rgbOperator(c);
}
