/**
 * Flowing composed paragraphs into page frames: the one place that decides
 * where a page breaks. Headings stay with what follows them, and a paragraph
 * leaves neither a single first line at a page foot (orphan) nor a single last
 * line at a page head (widow) when it can avoid it.
 */
import type { ComposedLine, ComposedParagraph } from '../text/compose.js';
import type { PlacedLine, Semantics, TextBlock } from './types.js';

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
  /** Role, language and list item of the paragraph's blocks (tagged PDF). */
  semantics?: Semantics;
}

export interface FlowPage {
  blocks: TextBlock[];
  tags: string[];
}

/** Where the baseline sits inside a line box of height `leading`. */
export const baselineIn = (leading: number, size: number) => leading / 2 + size * 0.3;

function firstSize(line: ComposedLine | undefined): number {
  return line?.glyphs.find((g) => !g.space)?.size ?? line?.glyphs[0]?.size ?? 10;
}

export function flow(paras: FlowPara[], frameFor: (page: number) => Frame): FlowPage[] {
  const pages: FlowPage[] = [{ blocks: [], tags: [] }];
  let frame = frameFor(0);
  let y = frame.top;
  const atTop = () => y === frame.top;
  const newPage = () => {
    pages.push({ blocks: [], tags: [] });
    frame = frameFor(pages.length - 1);
    y = frame.top;
  };
  const room = () => frame.bottom - y;

  paras.forEach((p, i) => {
    const lines = p.para.lines;
    if (p.pageBreakBefore && !atTop()) newPage();
    if (!atTop()) y += p.spaceBefore;
    // A heading needs room for itself and the first two lines of what follows.
    const next = paras[i + 1];
    if (p.keepWithNext && next) {
      // Two lines of the next paragraph, or all of it when two would leave a widow.
      const n = next.para.lines.length;
      const need = lines.length * p.leading + p.spaceAfter + next.spaceBefore + (n <= 3 ? n : 2) * next.leading;
      if (need > room() && !atTop()) newPage();
    }
    let k = 0;
    let tagged = false;
    while (k < lines.length) {
      const fit = Math.floor((frame.bottom - y + 1e-6) / p.leading);
      const rest = lines.length - k;
      let take = Math.min(fit, rest);
      if (take < rest) {
        if (rest - take < 2) take = rest - 2; // no widow
        if (take < 2) take = 0; // no orphan
        if (take <= 0 && atTop()) take = Math.max(1, Math.min(fit, rest)); // nothing better exists
      }
      if (take <= 0) {
        newPage();
        continue;
      }
      const page = pages[pages.length - 1];
      if (p.tag && !tagged) {
        page.tags.push(p.tag);
        tagged = true;
      }
      const placed: PlacedLine[] = lines.slice(k, k + take).map((line, j) => ({
        line,
        x: frame.x,
        baseline: y + j * p.leading + baselineIn(p.leading, firstSize(line)),
      }));
      page.blocks.push({ kind: 'text', lines: placed, color: p.color, rtl: p.para.dir === 'rtl', text: p.para.text, ...p.semantics });
      y += take * p.leading;
      k += take;
      if (k < lines.length) newPage();
    }
    y += p.spaceAfter;
  });
  return pages;
}

/** Places a paragraph's lines from a given top, without pagination. */
export function placeAt(para: ComposedParagraph, x: number, top: number, leading: number, color: string): TextBlock {
  return {
    kind: 'text',
    rtl: para.dir === 'rtl',
    color,
    text: para.text,
    lines: para.lines.map((line, j) => ({ line, x, baseline: top + j * leading + baselineIn(leading, firstSize(line)) })),
  };
}
