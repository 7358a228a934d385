/**
 * Copyfitting's choice (src/layout/copyfit.ts) on made-up booklets: which
 * sizes it may try, which it tries in what order, and which it takes; the
 * estimate's paragraphs and the fill it is counted in. The real booklets:
 * test/templates/booklet.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { copyfit, copyfits, copyfitSizes, ESTIMATE_SLACK, pagesFilled, scaledParas } from '../../src/layout/copyfit.js';
import { flow, type FlowPara } from '../../src/layout/flow.js';
import { defaultTheme } from '../../src/model/theme.js';
import type { ComposedLine, ComposedParagraph } from '../../src/text/compose.js';

/** A booklet of `n` pages (the copyfit only counts them). */
const booklet = (n: number) => ({ pageCount: n });

/**
 * Copyfits a booklet of `natural` pages whose size → page count is `pagesAt`
 * and whose estimate is `estimateAt`, recording the sizes laid out.
 */
function choose(natural: number, pagesAt: Record<number, number>, estimateAt: Record<number, number>, sizes = [11.25, 11, 10.75]) {
  const tried: number[] = [];
  const fit = copyfit(natural, sizes, (s) => estimateAt[s], (s) => (tried.push(s), booklet(pagesAt[s])));
  return { size: fit?.size, pages: fit?.layout.pageCount, tried };
}

describe('copyfitSizes', () => {
  it('0.25 pt steps down to 0.75 pt below the body size, largest first, never under its minimum, never above it', () => {
    expect(copyfitSizes({ size: 11.5, leading: 1.9, minSize: 10 })).toEqual([11.25, 11, 10.75]);
    expect(copyfitSizes({ size: 11.5, leading: 1.9, minSize: 11 })).toEqual([11.25, 11]);
    expect(copyfitSizes({ size: 10.2, leading: 1.9, minSize: 10 })).toEqual([]);
    expect(copyfitSizes({ size: 9, leading: 1.45, minSize: 4 })).toEqual([8.75, 8.5, 8.25]);
  });
  it('copyfits a booklet whose page plan is a multiple of 4 and whose theme says copyfit on', () => {
    const t = defaultTheme('rtl');
    expect(copyfits(t)).toBe(true);
    expect(copyfits({ ...t, copyfit: 'off' })).toBe(false);
    expect(copyfits({ ...t, pages: 'any' })).toBe(false);
  });
});

describe('copyfit: the largest size that saves a sheet', () => {
  it('the seed: 11.25 pt is predicted close (within the slack), fails, and 11 pt saves: two sizes laid out', () => {
    // 12 pages at 11.5 pt (9 and 3 spare); 8 needed to save a sheet.
    expect(choose(12, { 11.25: 12, 11: 8, 10.75: 8 }, { 11.25: 8.17, 11: 8.17, 10.75: 7.76 })).toEqual({ size: 11, pages: 8, tried: [11.25, 11] });
  });
  it('takes the largest that saves: from the first predicted, up while sizes save', () => {
    // 10.75 alone within the slack: it saves, and so do the larger ones, tried upwards until one does not.
    expect(choose(16, { 11.25: 16, 11: 12, 10.75: 12 }, { 11.25: 14, 11: 13, 10.75: 12.2 })).toEqual({ size: 11, pages: 12, tried: [10.75, 11, 11.25] });
    expect(choose(16, { 11.25: 12, 11: 12, 10.75: 12 }, { 11.25: 12.4, 11: 12, 10.75: 11.5 })).toEqual({ size: 11.25, pages: 12, tried: [11.25] });
  });
  it('tries no size when none is predicted to save a sheet within the slack: the booklet is padded as it was', () => {
    expect(choose(16, { 11.25: 16, 11: 16, 10.75: 12 }, { 11.25: 13.1, 11: 13.1, 10.75: 12 + ESTIMATE_SLACK + 0.01 })).toEqual({ size: undefined, pages: undefined, tried: [] });
    // Nothing to save: a booklet of one sheet, or no size to try.
    expect(choose(4, { 11.25: 4, 11: 4, 10.75: 4 }, { 11.25: 0, 11: 0, 10.75: 0 }).tried).toEqual([]);
    expect(choose(12, {}, {}, []).tried).toEqual([]);
  });
  it('when only the estimate erring long could save a sheet, the smallest is tried first: saving none, no size does', () => {
    expect(choose(16, { 11.25: 16, 11: 16, 10.75: 16 }, { 11.25: 12.45, 11: 12.4, 10.75: 12.3 })).toEqual({ size: undefined, pages: undefined, tried: [10.75] });
    expect(choose(16, { 11.25: 16, 11: 12, 10.75: 12 }, { 11.25: 12.45, 11: 12.4, 10.75: 12.3 })).toEqual({ size: 11, pages: 12, tried: [10.75, 11, 11.25] });
  });
  it('goes down from a predicted size that does not save until one does, or to the last', () => {
    expect(choose(12, { 11.25: 12, 11: 12, 10.75: 8 }, { 11.25: 7.9, 11: 7.8, 10.75: 7.7 })).toEqual({ size: 10.75, pages: 8, tried: [11.25, 11, 10.75] });
    expect(choose(12, { 11.25: 12, 11: 12, 10.75: 12 }, { 11.25: 7.9, 11: 7.8, 10.75: 7.7 })).toEqual({ size: undefined, pages: undefined, tried: [11.25, 11, 10.75] });
  });
  it('a size that saves two sheets saves one', () => {
    expect(choose(16, { 11.25: 16, 11: 8, 10.75: 8 }, { 11.25: 12.3, 11: 11, 10.75: 8 })).toEqual({ size: 11, pages: 8, tried: [11.25, 11] });
  });
});

/** Lines of made-up paragraphs: `fills` are their natural widths × the measure (100); `last` marks forced breaks. */
const lines = (fills: number[], breaks: number[] = []): ComposedLine[] =>
  fills.map((f, i) => ({ glyphs: [], naturalWidth: f * 100, last: i === fills.length - 1 || breaks.includes(i) }) as unknown as ComposedLine);
const para = (ls: ComposedLine[]): FlowPara => ({
  para: { text: 'x', dir: 'ltr', measure: 100, lines: ls } as ComposedParagraph,
  leading: 20,
  color: '#000',
  spaceBefore: 10,
  spaceAfter: 4,
});

describe('scaledParas: the paragraphs as they would flow at a smaller size', () => {
  it('scales spaces and leading, and cuts each paragraph to its predicted lines, its last line kept', () => {
    const ls = lines([1, 1, 1, 1, 0.5]);
    const [p] = scaledParas([para(ls)], 0.9);
    // 4.5 lines of text × 0.9 = 4.05: five lines still (rounded up, the estimate errs long).
    expect(p.para.lines).toHaveLength(5);
    const [q] = scaledParas([para(ls)], 0.8);
    // × 0.8 = 3.6: four lines, the last the paragraph's own.
    expect(q.para.lines).toEqual([ls[0], ls[1], ls[2], ls[4]]);
    expect([q.leading, q.spaceBefore, q.spaceAfter]).toEqual([16, 8, 3.2]);
    // The paragraph's own object is not changed.
    expect(ls).toHaveLength(5);
  });
  it('cuts each part of a paragraph with forced breaks on its own, keeping its breaks', () => {
    const ls = lines([1, 1, 0.3, 1, 1, 1, 0.9], [2]);
    const [p] = scaledParas([para(ls)], 0.8);
    // 2.3 × 0.8 = 1.84 → 2 lines; 3.9 × 0.8 = 3.12 → 4 lines.
    expect(p.para.lines).toEqual([ls[0], ls[2], ls[3], ls[4], ls[5], ls[6]]);
    expect(p.para.lines.filter((l) => l.last)).toHaveLength(2);
  });
  it('at the same size, flows as the paragraphs do', () => {
    const paras = [para(lines([1, 1, 0.4])), para(lines([1, 1, 1, 1, 1, 0.2])), para(lines([0.7]))];
    const frame = () => ({ x: 0, width: 100, top: 0, bottom: 100 });
    expect(flow(scaledParas(paras, 1), frame)).toEqual(flow(paras, frame));
  });
});

describe('pagesFilled', () => {
  it('counts the pages before the last and the share of the last down to its last baseline', () => {
    const frame = () => ({ x: 0, width: 100, top: 0, bottom: 100 });
    // Five lines a page of 100 pt (20 pt leading); 7 lines: the second page holds two, its last baseline at 20 + 16.
    const pages = flow([para(lines([1, 1, 1, 1, 1, 1, 0.5]))], frame);
    expect(pages).toHaveLength(2);
    const last = Math.max(...pages[1].blocks.flatMap((b) => b.lines.map((l) => l.baseline)));
    expect(pagesFilled(pages, frame)).toBeCloseTo(1 + last / 100, 9);
    expect(pagesFilled([{ blocks: [], tags: [], anchors: [] }], frame)).toBe(0);
  });
});
