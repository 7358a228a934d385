/**
 * Laid-out pages: the intermediate form between the templates (which decide
 * where things go) and the renderers (which only draw). Coordinates are pt
 * (PDF) or px (cards), origin at the top-left corner of the page.
 */
import type { ComposedLine } from '../text/compose.js';
import type { SourcePlace } from '../diagnostics.js';

/** A rectangle in page coordinates (origin top-left). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

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
  /**
   * The box the block was set for: its glyphs must stay inside it
   * (src/layout/liveArea.ts). Absent: only the page's live area applies.
   */
  frame?: Box;
  /** What the block is, for E-OVERFLOW ("point 8, paragraph 2", "contents entry 22"). */
  name?: string;
  /** Where its text comes from in the source, for diagnostics. */
  place?: SourcePlace;
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
  role: 'cover' | 'contents' | 'preamble' | 'body' | 'colophon' | 'back-cover' | 'leaflet' | 'card';
  /**
   * Where ink may go: every drawn glyph must lie inside (src/layout/liveArea.ts
   * checks it after layout). Absent: the page itself.
   */
  live?: Box;
  /** Links on the page: a rectangle that takes the reader to a page (0-based index in the same file). */
  links?: PageLink[];
  /** Outline (bookmark) entries that point at this page, in reading order. */
  outline?: OutlineEntry[];
}

export interface PageLink extends Box {
  /** 0-based index of the target page in the same output. */
  toPage: number;
}

/** One entry of the PDF outline (bookmarks): title, sections and points. */
export interface OutlineEntry {
  title: string;
  /** 0 = top level (document title, sections), 1 = inside the section before it (points). */
  level: 0 | 1;
  /** Where the entry's target sits on its page (pt from the top). */
  top: number;
}
