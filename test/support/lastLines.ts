/**
 * The last lines of the body paragraphs of laid-out pages (booklet, leaflets),
 * read from the layout model: each paragraph's last line (at its end or at a
 * forced line break inside a leaflet's point) after a first line, with its
 * word count, its width over the measure it was set in and whether its block
 * is ragged (no line justified). A runt is such a line of one word (a divided
 * word's or a broken address's end not counted: it follows no space), in
 * ragged text one narrower than LONG_LAST_WORD of the measure (the text
 * layer's runtWord), or a line narrower than RUNT_FILL of the measure.
 */
import type { LaidOutPage, TextBlock } from '../../src/layout/types.js';
import { runtWord } from '../../src/text/lineBreaks.js';

/** A last line narrower than this share of the measure reads as a runt whatever its words. */
export const RUNT_FILL = 1 / 6;

export interface LastLine {
  page: number;
  text: string;
  words: number;
  fill: number;
  ragged: boolean;
}

/**
 * `body`: which text blocks are body paragraphs (default: a paragraph set in
 * a frame, as the booklet's are; a leaflet's is its point's text). The
 * measure is the frame's width, else the widest line's (a justified line's).
 */
export function lastLines(pages: LaidOutPage[], body: (b: TextBlock) => boolean = (b) => b.role === 'p' && b.frame !== undefined): LastLine[] {
  const out: LastLine[] = [];
  pages.forEach((page, i) => {
    for (const b of page.blocks) {
      if (b.kind !== 'text' || !body(b)) continue;
      const block = b;
      const measure = block.frame?.width ?? Math.max(...block.lines.map((l) => l.line.width));
      const ragged = !block.lines.some((l) => l.line.justified);
      for (const { line } of block.lines) {
        const t = block.text;
        const ends = line.last || t[line.end] === '\n' || t[line.end - 1] === '\n';
        const before = t[line.start - 1];
        if (!ends || before === undefined || before === '\n' || !/\s/u.test(before)) continue;
        const s = t.slice(line.start, line.end).trim();
        out.push({ page: i + 1, text: s, words: s.split(/\s+/u).length, fill: line.naturalWidth / measure, ragged });
      }
    }
  });
  return out;
}

/** A last line of one word that reads as left over (runtWord: any in justified text, a short one in ragged text). */
export const isLoneWord = (l: LastLine) => l.words === 1 && runtWord(l.fill, l.ragged);

export const isRunt = (l: LastLine) => isLoneWord(l) || l.fill < RUNT_FILL;
