/**
 * Nothing lost, ever: after layout, every glyph of every output must lie
 * inside its page's live area (LaidOutPage.live, else the page), and inside
 * the box its block was set for (TextBlock.frame). Anything else would be
 * clipped at the trim or cut off by a viewer, so it is a build error
 * (E-OVERFLOW) naming the block and the page, never a silent loss.
 *
 * Boxes: a glyph's ink box (HarfBuzz extents, scaled, kashidas stretched)
 * against the live area; against the block's frame, what of it the frame
 * must hold (ink.ts frameSpan): a glyph's advance from its pen, which is
 * what the line breaker measured, to rounding only; a mark's ink, which may
 * hang MARK_HANG into the margin. Ink a glyph's design hangs past its
 * advance, or a mark's, is kept off the trim by the live-area check.
 */
import { WarraqError, type Diagnostic, type SourcePlace } from '../diagnostics.js';
import type { Box, LaidOutPage, TextBlock } from './types.js';
import { blockInks, frameSpan, type Box as InkBox, type LineInks } from './ink.js';
import { findOverlaps } from './overlaps.js';

/** Distance from the trim inside which nothing is printed (the live area's inset, ≈ 4 mm). */
export const TRIM_SAFETY = 12;

/** Slack for rounding (pt or px): a glyph may touch the live area's edge. */
const EPS = 0.5;
/**
 * Slack for rounding against the frame (pt or px). A glyph's advance keeps
 * to its frame: until December 2026 one might pass it by 1.5 pt, for the
 * HarfBuzz offset of a line-end glyph, which was read from its drawn origin
 * (Amiri's kerned «و» of «ويلاحظ», E-OVERFLOW at 1.7 pt); from its pen
 * (compose.ts advanceSpan) there is none. Hidden text (a divided word's
 * rest carried to its hyphen: src/text/hyphenate.ts) keeps to it likewise.
 */
const FRAME_EPS = 0.01;

interface Overflow {
  /** 0-based page index in the output. */
  page: number;
  block: string;
  /** The text of the first glyph found outside, and how far outside (pt), and where it should have stayed. */
  text: string;
  by: number;
  limit: 'live area' | 'frame';
  place?: SourcePlace;
}

/** How far ink box `b` reaches outside `area` (0 when inside). */
function outside(b: InkBox, area: Box): number {
  return Math.max(area.x - b.left, b.right - (area.x + area.width), area.y - b.top, b.bottom - (area.y + area.height), 0);
}

/**
 * Every glyph outside its page's live area or its block's frame, at most one report per block. `inksOf`: a block's
 * lines' inks, when the caller has them (assertInsideLiveArea reads them once for this check and overlaps.ts').
 */
export function findOverflows(pages: readonly LaidOutPage[], inksOf: (b: TextBlock) => readonly LineInks[] = (b) => blockInks(b.lines)): Overflow[] {
  const found: Overflow[] = [];
  pages.forEach((page, index) => {
    const live = page.live ?? { x: 0, y: 0, width: page.width, height: page.height };
    page.blocks.forEach((block, bi) => {
      if (block.kind !== 'text') return;
      const hit = blockOverflow(block, live, inksOf(block));
      if (hit) found.push({ page: index, block: block.name ?? `text block ${bi + 1} (${excerpt(block.text)})`, place: block.place, ...hit });
    });
  });
  return found;
}

function blockOverflow(block: TextBlock, live: Box, inks: readonly LineInks[]): Pick<Overflow, 'text' | 'by' | 'limit'> | undefined {
  for (const [i, { line, x }] of block.lines.entries()) {
    for (const [j, g] of line.glyphs.entries()) {
      const ink = inks[i].inks[j];
      if (block.frame && !g.space) {
        const { left, right, hang } = frameSpan(g);
        const by = Math.max(block.frame.x - (x + left), x + right - (block.frame.x + block.frame.width), 0);
        // Reported as far as the glyph reaches (a mark's ink, its hang counted; a blank mark's pen).
        if (by > FRAME_EPS) return { text: g.text, by: by + hang, limit: 'frame' };
      }
      if (!ink) continue;
      const by = outside(ink, live);
      if (by > EPS) return { text: g.text, by, limit: 'live area' };
    }
  }
  return undefined;
}

const excerpt = (s: string) => (s.length > 40 ? `«${s.slice(0, 40)}…»` : `«${s}»`);

/**
 * Throws WarraqError with one E-OVERFLOW per block that does not fit, and
 * one E-OVERLAP per text block that a rule, leader dots or another block's
 * glyphs cross (overlaps.ts), for the output `what` (e.g. `booklet.pdf`).
 * `fallback` is the place reported for blocks that do not know their source
 * place.
 */
export function assertInsideLiveArea(pages: readonly LaidOutPage[], what: string, fallback: SourcePlace): void {
  // Each block's glyph inks read once, for both checks.
  const known = new Map<TextBlock, readonly LineInks[]>();
  const inksOf = (b: TextBlock) => {
    let inks = known.get(b);
    if (!inks) known.set(b, (inks = blockInks(b.lines)));
    return inks;
  };
  const overflows = findOverflows(pages, inksOf);
  const overlaps = findOverlaps(pages, inksOf);
  if (overflows.length === 0 && overlaps.length === 0) return;
  const crossed: Diagnostic[] = overlaps.map((o) => ({
    ...(o.place ?? fallback),
    code: 'E-OVERLAP',
    severity: 'error',
    message: `${what}, page ${o.page + 1}: ${o.block} is crossed by ${o.by} at «${o.text}»`,
    expected: 'no rule, leader or other text drawn over a glyph',
    found: `${o.by} over «${o.text}»`,
    hint: 'a line that wraps where the design has room for one (a long title in a running head: set runningHead: in the metadata); shorten the text, or choose a larger page or smaller type in the theme',
  }));
  const diagnostics: Diagnostic[] = overflows.map((o) => ({
    ...(o.place ?? fallback),
    code: 'E-OVERFLOW',
    severity: 'error',
    message: `${what}, page ${o.page + 1}: ${o.block} does not fit: «${o.text}» reaches ${o.by.toFixed(1)} past the ${o.limit}`,
    expected: `every glyph inside the page's ${o.limit === 'frame' ? 'text measure' : 'live area (trim less margins)'}`,
    found: `a glyph ${o.by.toFixed(1)} outside`,
    hint: 'a word or address longer than the line cannot be set; break it in the source (a space, or "/" in a URL), or choose a larger page or smaller type in the theme',
  }));
  throw new WarraqError([...diagnostics, ...crossed]);
}
