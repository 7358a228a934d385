/**
 * Page flow and balancing on made-up paragraphs: lines of 10 pt leading with
 * no glyphs (each line box's baseline sits 8 pt below its top), pages 100 pt
 * high, so every figure below can be counted by hand.
 */
import { describe, expect, it } from 'vitest';
import { flow, type FlowPara, type FlowPage } from '../../src/layout/flow.js';
import type { ComposedParagraph } from '../../src/text/compose.js';

const para = (n: number): ComposedParagraph =>
  ({ text: 'x', dir: 'ltr', measure: 100, lines: Array.from({ length: n }, () => ({ glyphs: [], last: false })) }) as unknown as ComposedParagraph;
/** A heading: 9 pt above, 1.5 pt below, kept with what follows. */
const H = (n = 1): FlowPara => ({ para: para(n), leading: 10, color: '#000', spaceBefore: 9, spaceAfter: 1.5, keepWithNext: true });
/** A paragraph of text, `sb` pt above. */
const P = (n: number, sb = 3.5): FlowPara => ({ para: para(n), leading: 10, color: '#000', spaceBefore: sb, spaceAfter: 0 });
const frame = () => ({ x: 0, width: 100, top: 0, bottom: 100 });
/** Pages end on the last of 10 whole lines (the frames are 100 pt high). */
const balance = { maxGap: 30, maxUnlike: 3, leading: 10 };
/** Each block's first line top. */
const tops = (page: FlowPage) => page.blocks.map((b) => b.lines[0].baseline - 8);

describe('flow: balancing', () => {
  it('never grows a space above the first block of a page (a heading or paragraph moved over by the keep rules)', () => {
    // Page 1: 8 lines, then a heading that cannot keep two lines under it: it opens page 2.
    const headed = flow([P(8, 0), H(), P(3, 0), P(3), P(3)], frame, { balance });
    expect(tops(headed[1])[0]).toBe(0);
    // A 3-line paragraph that cannot split (only one line fits) opens page 2 whole.
    const moved = flow([P(8, 0), P(3), P(3), P(3), P(3)], frame, { balance });
    expect(tops(moved[1])[0]).toBe(0);
    // …and a page with no space before a heading is left as it falls.
    expect(tops(moved[1])).toEqual([0, 33.5, 67]);
  });

  it('grows the spaces before headings on a page that has them', () => {
    // Page 1: 5 lines, a heading (9 above), 2 lines, then a heading needing 3 more lines than fit.
    const pages = flow([P(5, 0), H(), P(2, 0), H(), P(3, 0)], frame, { balance });
    expect(pages).toHaveLength(2);
    const t = tops(pages[0]);
    // Page 1 ends at 90.5: the free 9.5 pt all go to the one heading space (cap 30).
    expect(t[1]).toBeCloseTo(50 + 9 + 9.5);
    expect(t[2]).toBeCloseTo(t[1] + 11.5);
    expect(tops(pages[1])[0]).toBe(0);
  });
});

describe('flow: facing pages end on one baseline', () => {
  /** Pages 1–2 and 3–4 face each other (flowed pages 0–1, 2–3). */
  const facing = { ...balance, maxGap: 10, spreadOf: (i: number) => Math.floor(i / 2) };
  /** Where each page's last line ends. */
  const ends = (pages: FlowPage[]) => pages.map((p) => Math.max(...p.blocks.map((b) => b.lines.at(-1)!.baseline + 2)));
  /** Two facing pages neither of which can reach the foot (page 1 ends at 70.5, page 2 at 72), made fresh for each test. */
  const shortPair = () => [P(3, 0), H(), P(2, 0), H(), P(3, 0), H(), P(1, 0), H(), P(3, 0), P(3, 0)];

  it('grows the spaces of the page that can reach the other, when neither reaches the foot', () => {
    const paras = [P(3, 0), H(), P(5, 0), H(), P(3, 0), H(), P(3, 0), H(), P(2, 0), P(4, 0)];
    // As the loop fills them, pages 1 and 2 end a line apart (80.5 and 70.5). Page 2 has one heading space under its
    // top: grown by its cap, 10 pt, it ends at 80.5, where page 1 stays (grown too, it could end at 90.5, alone).
    expect(ends(flow(paras, frame)).slice(0, 2)).toEqual([80.5, 70.5]);
    const pages = flow(paras, frame, { balance: facing });
    expect(ends(pages).slice(0, 2)).toEqual([80.5, 80.5]);
    // Page 2's space before its heading grew by the 10 pt (its first block, the paragraph run on, never moves).
    expect(tops(pages[1])).toEqual([0, 39, 50.5]);
  });

  it('grows no space that neither brings a page to its foot nor levels it with the page facing it', () => {
    const paras = shortPair();
    // As the loop fills them, page 1 ends at 70.5 and page 2 (a heading at its top, one 9 pt space) at 72: neither
    // can reach the foot (100) by its one space (cap 10), and no break can move without stranding a heading.
    expect(ends(flow(paras, frame)).slice(0, 2)).toEqual([70.5, 72]);
    const pages = flow(paras, frame, { balance: facing });
    // Page 1 grows 1.5 pt, to page 2's line, and no more: grown alike by 8.5 more, both would end at 80.5, still
    // short, with their headings floating.
    expect(ends(pages).slice(0, 2)).toEqual([72, 72]);
    expect(tops(pages[0])).toEqual([0, 40.5, 52]);
    expect(tops(pages[1])).toEqual([0, 11.5, 50.5, 62]);
  });

  it('ends two facing pages level even where their growths then differ by more than maxUnlike', () => {
    const paras = shortPair();
    // As above, growths at most 1 pt apart: levelling takes 1.5, 0.05 line over, which costs UNEVEN × 2 × 0.05² =
    // 0.04, less than ending 0.15 line apart (UNEVEN × 0.15² = 0.18): they end level.
    const pages = flow(paras, frame, { balance: { ...facing, maxUnlike: 1 } });
    expect(ends(pages).slice(0, 2)).toEqual([72, 72]);
  });

  it('moves a break up for a spread to end even, with no widow or orphan', () => {
    const paras = [P(2, 0), H(), P(4, 0), H(), P(5, 0), H(), P(3, 0), P(4, 0), H(), P(3, 0)];
    // The loop ends page 1 with all four lines of the paragraph under its heading, at 80.5, and page 2, which
    // then cannot hold the next heading with its three lines, at 61.5: 19 pt apart, more than page 2 can grow.
    expect(ends(flow(paras, frame)).slice(0, 2)).toEqual([80.5, 61.5]);
    const pages = flow(paras, frame, { balance: facing });
    // Two of those four lines open page 2 instead (two on each side of the break), and both pages end at 70.5.
    expect(pages[0].blocks.map((b) => b.lines.length)).toEqual([2, 1, 2]);
    expect(pages[1].blocks[0].lines).toHaveLength(2);
    expect(ends(pages).slice(0, 2)).toEqual([70.5, 70.5]);
  });
});

describe('flow: balancing ends a page early only where the rules allow a break', () => {
  it('leaves no heading alone and no widow in frames of seven lines (review13; found by a fuzz over frames of 3–7 lines)', () => {
    const small = () => ({ x: 0, width: 100, top: 0, bottom: 70 });
    const facing = { maxGap: 7.5, maxUnlike: 2.5, leading: 10, spreadOf: (i: number) => Math.floor((i + 1) / 2) };
    const paras = [H(), P(2, 0), H(), P(5, 0), P(4, 0), H(), P(3, 0), P(3, 0)];
    const pages = flow(paras, small, { balance: facing });
    expect(pages).toHaveLength(flow(paras, small).length);
    const keeps = new Set(paras.filter((p) => p.keepWithNext).map((p) => p.para));
    pages.slice(0, -1).forEach((page, i) => {
      // A page before the last does not end on a heading (the balanced pages were «H | P4 …», the heading alone).
      const last = page.blocks.at(-1)!;
      expect(paras.some((p) => p.keepWithNext && last.lines[0].line === p.para.lines[0]), `page ${i + 1}`).toBe(false);
      // A paragraph broken here keeps two lines on each side.
      for (const b of page.blocks) {
        const whole = paras.find((p) => p.para.lines.includes(b.lines[0].line))!;
        if (keeps.has(whole.para) || b.lines.length === whole.para.lines.length) continue;
        expect(b.lines.length, `page ${i + 1}`).toBeGreaterThanOrEqual(2);
      }
    });
  });
});

describe('flow: a heading keeps what follows it', () => {
  it('keeps a heading followed by a heading (a point with no text) with the lines under the second', () => {
    // 7 lines, then two headings: the first fits (9 + 10 + 1.5), but not with the second and two lines.
    const pages = flow([P(7, 0), H(), H(), P(4, 0)], frame);
    expect(pages[0].blocks).toHaveLength(1);
    expect(pages[1].blocks.map((b) => b.lines.length)).toEqual([1, 1, 4]);
  });

  it('keeps a title with no preamble with the first heading and its text', () => {
    // A two-line title at the foot of a page, then a point: its heading and two lines do not fit under the title.
    const title: FlowPara = { ...H(2), spaceBefore: 0, spaceAfter: 6 };
    const pages = flow([P(5, 0), title, H(), P(5, 0)], frame);
    expect(pages[0].blocks).toHaveLength(1);
    expect(tops(pages[1])).toEqual([0, 20 + 6 + 9, 35 + 11.5]);
  });

  it('does not keep a point that ends with one line with the next heading', () => {
    const pages = flow([P(6, 0), H(), P(1, 0), H(), P(3, 0)], frame);
    expect(pages.map((p) => p.blocks.map((b) => b.lines.length))).toEqual([[6, 1, 1], [1, 3]]);
  });

  it('takes a run of headings whole when the lines under them fit', () => {
    const pages = flow([P(2, 0), H(), H(), P(3, 0)], frame);
    expect(pages).toHaveLength(1);
    expect(tops(pages[0])).toEqual([0, 29, 49.5, 61]);
  });
});
