/**
 * Flowing composed paragraphs into page frames: the one place that decides
 * where a page breaks. Headings stay with at least two lines of what follows
 * them, and a paragraph leaves neither a single first line at a page foot
 * (orphan) nor a single last line at a page head (widow) when it can avoid
 * it. A composed paragraph may hold several paragraphs of the source, ended
 * by forced breaks (a leaflet's point: `ComposedLine.last`); each of them
 * counts as a paragraph here, and a page may break freely between them.
 */
import type { ComposedLine, ComposedParagraph } from '../text/compose.js';
import type { PlacedLine, Semantics, TextBlock } from './types.js';
import type { SourcePlace } from '../diagnostics.js';

export interface Frame {
  /** Left edge and width of the text measure. */
  x: number;
  width: number;
  top: number;
  bottom: number;
}

export interface FlowPara {
  para: ComposedParagraph;
  /** Baseline-to-baseline distance, pt. */
  leading: number;
  color: string;
  spaceBefore: number;
  spaceAfter: number;
  /** Keep on the same page as the first lines of the next paragraph. */
  keepWithNext?: boolean;
  /** Start a new page for this paragraph. */
  pageBreakBefore?: boolean;
  /** Recorded on the page where the paragraph starts (contents entries). */
  tag?: string;
  /** Set this much narrower than the frame, on the start side (sub-items). */
  indent?: number;
  /** What the paragraph is and where it comes from, for E-OVERFLOW (TextBlock.name, place). */
  name?: string;
  place?: SourcePlace;
  /** Role, language and list item of the paragraph's blocks (tagged PDF). */
  semantics?: Semantics;
}

export interface FlowPage {
  blocks: TextBlock[];
  tags: string[];
  /** Each tag with the top of its paragraph's first line on the page (outline targets). */
  anchors: Array<{ tag: string; top: number }>;
}

/** Where the baseline sits inside a line box of height `leading`. */
const baselineIn = (leading: number, size: number) => leading / 2 + size * 0.3;

function firstSize(line: ComposedLine | undefined): number {
  return line?.glyphs.find((g) => !g.space)?.size ?? line?.glyphs[0]?.size ?? 10;
}

export interface FlowOptions {
  /**
   * Pages end at the foot of the frame (± one line) as far as the caps
   * allow: a page that ends short because of a kept-together heading or
   * widow control gets the difference spread over the spaces before its
   * headings (never the leading), at most `maxGap` more per space. A page
   * with no heading space, a page's first block and the last page are left
   * as they fall; what the cap leaves stays at the page's foot.
   */
  balance?: { maxGap: number };
}

export function flow(paras: FlowPara[], frameFor: (page: number) => Frame, opts: FlowOptions = {}): FlowPage[] {
  const pages: FlowPage[] = [{ blocks: [], tags: [], anchors: [] }];
  /** Per page: where it ends, and the blocks that follow a space that may grow. */
  const ends: number[] = [];
  const gaps: number[][] = [[]];
  const frames: Frame[] = [];
  /** The block each anchor's paragraph starts (moved together when balancing). */
  const anchorBlocks = new Map<object, number>();
  let frame = frameFor(0);
  frames.push(frame);
  let y = frame.top;
  const atTop = () => y === frame.top;
  /** Where the last line placed on the current page ends (the spaces after it are not the page's). */
  let lastBottom = y;
  const newPage = () => {
    ends.push(lastBottom);
    pages.push({ blocks: [], tags: [], anchors: [] });
    gaps.push([]);
    frame = frameFor(pages.length - 1);
    frames.push(frame);
    y = frame.top;
    lastBottom = y;
  };
  const room = () => frame.bottom - y;

  paras.forEach((p, i) => {
    const lines = p.para.lines;
    if (p.pageBreakBefore && !atTop()) newPage();
    if (!atTop()) y += p.spaceBefore;
    // The space above a heading may grow when balancing. It is recorded only
    // where the heading lands with a block above it on its page (keep and
    // widow rules may still move it to the next one).
    const growable = p.spaceBefore > 0 && p.keepWithNext === true;
    // A heading needs room for itself and the first two lines of what follows.
    if (p.keepWithNext && i + 1 < paras.length) {
      const need = lines.length * p.leading + p.spaceAfter + keptAfter(paras, i + 1);
      if (need > room() + 1e-6 && !atTop()) newPage();
    }
    let k = 0;
    let tagged = false;
    while (k < lines.length) {
      const fit = Math.floor((frame.bottom - y + 1e-6) / p.leading);
      const rest = lines.length - k;
      let take = Math.min(fit, rest);
      while (take > 0 && !breakAllowed(lines, k, k + take)) take--;
      // Nothing better exists at the top of a page: break where the page ends.
      if (take <= 0 && atTop()) take = Math.max(1, Math.min(fit, rest));
      if (take <= 0) {
        newPage();
        continue;
      }
      const page = pages[pages.length - 1];
      if (k === 0 && page.blocks.length > 0 && growable) gaps[pages.length - 1].push(page.blocks.length);
      if (p.tag && !tagged) {
        page.tags.push(p.tag);
        page.anchors.push({ tag: p.tag, top: y });
        anchorBlocks.set(page.anchors[page.anchors.length - 1], page.blocks.length);
        tagged = true;
      }
      const indent = p.indent ?? 0;
      const x = frame.x + (p.para.dir === 'rtl' ? 0 : indent);
      const placed: PlacedLine[] = lines.slice(k, k + take).map((line, j) => ({
        line,
        x,
        baseline: y + j * p.leading + baselineIn(p.leading, firstSize(line)),
      }));
      const block: TextBlock = { kind: 'text', lines: placed, color: p.color, rtl: p.para.dir === 'rtl', text: p.para.text, ...p.semantics };
      block.frame = { x: frame.x, y: frame.top, width: frame.width, height: frame.bottom - frame.top };
      if (p.name) block.name = p.name;
      if (p.place) block.place = p.place;
      page.blocks.push(block);
      y += take * p.leading;
      lastBottom = y;
      k += take;
      if (k < lines.length) newPage();
    }
    y += p.spaceAfter;
  });
  ends.push(lastBottom);
  const b = opts.balance;
  if (b)
    pages.slice(0, -1).forEach((page, i) => balancePage(page, gaps[i], frames[i].bottom - ends[i], b.maxGap, anchorBlocks));
  return pages;
}

/**
 * Whether a page may break before line `end` of a paragraph whose lines from
 * `from` are on the current page: at its end, between two of its forced-break
 * paragraphs, or with at least two lines of the broken one on each side.
 */
function breakAllowed(lines: readonly ComposedLine[], from: number, end: number): boolean {
  if (end >= lines.length || lines[end - 1].last) return true;
  let start = end - 1;
  while (start > 0 && !lines[start - 1].last) start--;
  let stop = end;
  while (stop < lines.length - 1 && !lines[stop].last) stop++;
  return end - Math.max(start, from) >= 2 && stop + 1 - end >= 2;
}

/**
 * The height a heading keeps with it (paras[from] on): two lines of text, or
 * a whole paragraph of three lines or fewer (two would leave a widow), over
 * as many short paragraphs as it takes, never past the next heading once
 * some text is counted. A heading right under it (a point with no text, a
 * title with no preamble) is kept whole, with its space after, and the lines
 * that heading keeps are counted too.
 */
function keptAfter(paras: readonly FlowPara[], from: number): number {
  let height = 0;
  let count = 0;
  for (let j = from; j < paras.length && count < 2; j++) {
    const q = paras[j];
    if (q.keepWithNext) {
      // The point's text ended (with fewer than two lines): the next heading is not kept with it.
      if (count > 0) break;
      height += q.spaceBefore + q.para.lines.length * q.leading + q.spaceAfter;
      continue;
    }
    height += q.spaceBefore;
    const lines = q.para.lines;
    for (let s = 0; s < lines.length && count < 2; ) {
      let e = s;
      while (e < lines.length - 1 && !lines[e].last) e++;
      const n = e + 1 - s <= 3 ? e + 1 - s : 2;
      height += n * q.leading;
      count += n;
      s = e + 1;
    }
    if (count < 2) height += q.spaceAfter;
  }
  return height;
}

/** Moves the blocks after each growable space down, sharing `free` between the spaces. */
function balancePage(page: FlowPage, gaps: number[], free: number, maxGap: number, anchorBlocks: Map<object, number>): void {
  if (free <= 0.5 || gaps.length === 0) return;
  const extra = Math.min(free / gaps.length, maxGap);
  const shiftOf = (blockIndex: number) => extra * gaps.filter((g) => g <= blockIndex).length;
  page.blocks.forEach((b, i) => {
    const dy = shiftOf(i);
    if (dy === 0) return;
    b.lines = b.lines.map((l) => ({ ...l, baseline: l.baseline + dy }));
  });
  for (const a of page.anchors) a.top += shiftOf(anchorBlocks.get(a) ?? 0);
}

/**
 * Places a paragraph's lines from a given top, without pagination. Each
 * baseline sits in its line box by the size of the line's first glyph, or
 * by `size` when given (one size for every line).
 */
export function placeAt(para: ComposedParagraph, x: number, top: number, leading: number, color: string, size?: number): TextBlock {
  return {
    kind: 'text',
    rtl: para.dir === 'rtl',
    color,
    text: para.text,
    lines: para.lines.map((line, j) => ({ line, x, baseline: top + j * leading + baselineIn(leading, size ?? firstSize(line)) })),
  };
}

/** A copy of a text block moved down by dy. */
export function moveDown(block: TextBlock, dy: number): TextBlock {
  return { ...block, lines: block.lines.map((l) => ({ ...l, baseline: l.baseline + dy })) };
}
