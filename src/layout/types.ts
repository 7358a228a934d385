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

/**
 * What a block is to a reader, for tagged PDF (docs/accessibility.md):
 * 'title' → H1, 'heading' → H2, 'p' → P, 'label' → a list item's Lbl,
 * 'toc' → a contents entry (TOCI). A text block without a role is an
 * artifact (running heads, page numbers, "continued" labels).
 */
export type BlockRole = 'title' | 'heading' | 'p' | 'label' | 'toc';

/** The semantic part of a block, set by the templates; renderers that do not tag ignore it. */
export interface Semantics {
  role?: BlockRole;
  /** BCP 47 language of the block when it differs from the document's (an English imprint). */
  lang?: string;
  /** The numbered point the block belongs to: its blocks form one list item. */
  item?: number;
  /**
   * What assistive technology says for the element instead of its text (/Alt;
   * pdf.js makes it the aria-label): an untitled point's heading, drawn as
   * its number alone, is announced with the point's opening words, as its
   * contents row and outline entry read (WCAG 2.4.6: headings describe their
   * topic). Copy and search still find the drawn text.
   */
  alt?: string;
  /**
   * UTF-16 length of a label at the start of the text (the "١." of a point
   * heading): those glyphs are the list item's Lbl, the rest is the heading.
   */
  label?: number;
}

export interface TextBlock extends Semantics {
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
  /**
   * Drawn as a picture only (its glyphs as outlines, no text): a page
   * artifact repeated from the page where it is read (a leaflet's footer on
   * the pages before its last), which no reader should find between the two
   * halves of a paragraph.
   */
  pictureOnly?: boolean;
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

interface RuleBlock {
  kind: 'rule';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: string;
  width: number;
}

/** A QR code as a module matrix, drawn as vector squares. */
interface QrBlock {
  kind: 'qr';
  x: number;
  y: number;
  size: number;
  modules: boolean[][];
  color: string;
  /** Alternative text (the encoded URL); the code is a Figure with /Alt in tagged PDF. */
  alt?: string;
}

/**
 * A row of round dots on one line (a contents row's leaders): centres at
 * `x`, x + pitch, … `count` of them, at `y`. A picture only, an artifact in
 * tagged PDF: no reader finds text in it (src/layout/leaders.ts).
 */
export interface DotsBlock {
  kind: 'dots';
  x: number;
  y: number;
  count: number;
  pitch: number;
  radius: number;
  color: string;
}

export type Block = TextBlock | RectBlock | RuleBlock | QrBlock | DotsBlock;

export interface LaidOutPage {
  width: number;
  height: number;
  /** Fills the whole page, and the bleed in print files. */
  background: string;
  blocks: Block[];
  /** What the page is, for the manifest, print files and tests. */
  role: 'cover' | 'contents' | 'preamble' | 'body' | 'colophon' | 'notes' | 'blank' | 'back-cover' | 'leaflet' | 'card';
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
  /** Where on that page the link goes (pt from the page's top): its heading, the place its outline entry points to; absent: the page's top. */
  toTop?: number;
  /** What the link says, for a reader that announces it (the annotation's /Contents): its text as it reads. */
  description: string;
  /** The contents entry (`item` of its 'toc' blocks) the link is: its structure element holds them and the link. */
  item?: number;
}

/** One entry of the PDF outline (bookmarks): title, sections and points. */
export interface OutlineEntry {
  title: string;
  /** 0 = top level (document title, sections), 1 = inside the section before it (points). */
  level: 0 | 1;
  /** Where the entry's target sits on its page (pt from the top). */
  top: number;
}
