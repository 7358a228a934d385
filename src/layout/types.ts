/**
 * Laid-out pages: the intermediate form between the templates (which decide
 * where things go) and the renderers (which only draw). Coordinates are pt
 * (PDF) or px (cards), origin at the top-left corner of the page.
 */
import type { ComposedLine } from '../text/compose.js';

export interface PlacedLine {
  line: ComposedLine;
  /** Left edge of the line's measure. */
  x: number;
  /** Baseline. */
  baseline: number;
}

export interface TextBlock {
  kind: 'text';
  lines: PlacedLine[];
  color: string;
  rtl: boolean;
  /** Paragraph text (for tests and alt text); the lines carry the glyphs. */
  text: string;
}

export interface RectBlock {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
  radius?: number;
}

export interface RuleBlock {
  kind: 'rule';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: string;
  width: number;
}

/** A QR code as a module matrix, drawn as vector squares. */
export interface QrBlock {
  kind: 'qr';
  x: number;
  y: number;
  size: number;
  modules: boolean[][];
  color: string;
}

export type Block = TextBlock | RectBlock | RuleBlock | QrBlock;

export interface LaidOutPage {
  width: number;
  height: number;
  /** Fills the whole page, and the bleed in print files. */
  background: string;
  blocks: Block[];
  /** What the page is, for the manifest, print files and tests. */
  role: 'cover' | 'contents' | 'preamble' | 'body' | 'colophon' | 'blank' | 'back-cover' | 'leaflet' | 'card';
}
