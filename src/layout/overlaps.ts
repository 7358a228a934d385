/**
 * Nothing drawn over text: after layout, no glyph's ink of one text block may
 * cross the ink of another block's glyph, nor a rule or a row of leader dots
 * cross a glyph. Such a page still has every glyph inside its live area
 * (liveArea.ts), yet a reader cannot read what is struck through: the rule
 * under a running head stood on its second line on every text page of two
 * stress documents whose titles wrapped there (page review look17), and no
 * check saw it. So it is a build error (E-OVERLAP), found where the page
 * checks run (assertInsideLiveArea), never left to a picture.
 *
 * Boxes: each glyph's ink box (HarfBuzz extents, ink.ts glyphInk); a rule's
 * stroke as its box; dots as their row's box. A stroke crosses a glyph when
 * it runs through the glyph's box, not along its edge; two glyphs of
 * different blocks when their boxes overlap by a good share of their height
 * (OVERLAP_SHARE: boxes are not outlines, and a descender's box may reach
 * into the box of a letter below without their ink meeting). Glyphs of one
 * block are not compared with each other (a block's own lines are the text
 * layer's to space; a mark over its letter is meant to touch it).
 */
import type { SourcePlace } from '../diagnostics.js';
import { blockInks, type Box, type LineInks } from './ink.js';
import type { Block, LaidOutPage, TextBlock } from './types.js';

/** How far boxes must overlap to count (pt or px): less is rounding, or ink boxes grazing at their corners. */
const OVERLAP_SLACK = 0.5;
/**
 * Two glyphs of different blocks cross when their ink boxes overlap across
 * more than this share of the shorter one's height (and OVERLAP_SLACK across).
 * A box is not the outline: mixed-7's leaflet 5 has the tail of the «م» of
 * «الأمم» 0.8 pt into the box of the «أ» of «أكتوبر» on the line below,
 * their ink apart; a line set over another overlaps by most of its height.
 */
const OVERLAP_SHARE = 0.25;

interface Overlap {
  /** 0-based page index in the output. */
  page: number;
  /** The text block struck, and what struck it (a rule, leader dots, another text block). */
  block: string;
  by: string;
  /** The text of the first glyph struck. */
  text: string;
  place?: SourcePlace;
}

interface Inked {
  box: Box;
  text: string;
}

const across = (a: Box, b: Box) => Math.min(a.right, b.right) - Math.max(a.left, b.left);
const down = (a: Box, b: Box) => Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
/** Whether two boxes meet at all (a quick test before the glyphs'). */
const meet = (a: Box, b: Box) => across(a, b) > 0 && down(a, b) > 0;
/** Whether two glyphs' ink boxes cross (OVERLAP_SHARE). */
const glyphsCross = (a: Box, b: Box) => across(a, b) > OVERLAP_SLACK && down(a, b) > Math.max(OVERLAP_SLACK, OVERLAP_SHARE * Math.min(a.bottom - a.top, b.bottom - b.top));
/** Whether a stroke (a rule, a row of dots) runs through a glyph: across it, its middle inside the glyph's box, not at its edge. */
const strokeCrosses = (glyph: Box, stroke: Box) => {
  const mid = (stroke.top + stroke.bottom) / 2;
  return across(glyph, stroke) > OVERLAP_SLACK && mid > glyph.top + OVERLAP_SLACK && mid < glyph.bottom - OVERLAP_SLACK;
};

/** A text block's inked glyphs, line by line, with each line's union (to skip lines far apart at once), from its lines' inks (ink.ts blockInks). */
function inkedLines(block: TextBlock, inks: readonly LineInks[]): Array<{ box: Box; glyphs: Inked[] }> {
  const out: Array<{ box: Box; glyphs: Inked[] }> = [];
  inks.forEach(({ inks: boxes, box }, i) => {
    if (!box) return;
    const glyphs: Inked[] = [];
    block.lines[i].line.glyphs.forEach((g, j) => {
      const b = boxes[j];
      if (b) glyphs.push({ box: b, text: g.text });
    });
    out.push({ box, glyphs });
  });
  return out;
}

/** The box of a rule's stroke or a row of dots; undefined for other blocks. */
function strokeBox(b: Block): Box | undefined {
  if (b.kind === 'rule') {
    const h = b.width / 2;
    return { left: Math.min(b.x1, b.x2) - h, right: Math.max(b.x1, b.x2) + h, top: Math.min(b.y1, b.y2) - h, bottom: Math.max(b.y1, b.y2) + h };
  }
  if (b.kind === 'dots') return { left: b.x - b.radius, right: b.x + (b.count - 1) * b.pitch + b.radius, top: b.y - b.radius, bottom: b.y + b.radius };
  return undefined;
}

const nameOf = (b: TextBlock, i: number) => b.name ?? `text block ${i + 1} («${b.text.length > 40 ? `${b.text.slice(0, 40)}…` : b.text}»)`;

/**
 * Every text block struck by a rule, leader dots or another block's glyphs: at most one report per block struck.
 * `inksOf`: a block's lines' inks, when the caller has them (assertInsideLiveArea reads them once for both checks).
 */
export function findOverlaps(pages: readonly LaidOutPage[], inksOf: (b: TextBlock) => readonly LineInks[] = (b) => blockInks(b.lines)): Overlap[] {
  const found: Overlap[] = [];
  pages.forEach((page, index) => {
    const texts: Array<{ block: TextBlock; i: number; lines: ReturnType<typeof inkedLines> }> = [];
    const strokes: Array<{ box: Box; what: string }> = [];
    page.blocks.forEach((b, i) => {
      if (b.kind === 'text') texts.push({ block: b, i, lines: inkedLines(b, inksOf(b)) });
      const box = strokeBox(b);
      if (box) strokes.push({ box, what: b.kind === 'rule' ? 'a rule' : 'leader dots' });
    });
    const struck = new Set<number>();
    const report = (t: (typeof texts)[number], by: string, text: string) => {
      if (struck.has(t.i)) return;
      struck.add(t.i);
      found.push({ page: index, block: nameOf(t.block, t.i), by, text, place: t.block.place });
    };
    for (const t of texts) {
      for (const s of strokes) {
        const hit = t.lines.filter((l) => meet(l.box, s.box)).flatMap((l) => l.glyphs.filter((g) => strokeCrosses(g.box, s.box)))[0];
        if (hit) report(t, s.what, hit.text);
      }
    }
    texts.forEach((a, ai) => {
      for (const b of texts.slice(ai + 1)) {
        for (const la of a.lines) {
          for (const lb of b.lines) {
            if (!meet(la.box, lb.box)) continue;
            for (const ga of la.glyphs) {
              const gb = lb.glyphs.find((g) => glyphsCross(g.box, ga.box));
              if (!gb) continue;
              // Report the block drawn first as struck by the other (a later block is drawn over it).
              report(a, nameOf(b.block, b.i), ga.text);
              return;
            }
          }
        }
      }
    });
  });
  return found;
}
