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
import { linesIn } from './fit.js';

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

interface FlowOptions {
  /**
   * Pages end on the frame's last baseline, or facing pages on the same one
   * (PageBalance; the rule: the comment above `balanced`).
   */
  balance?: PageBalance;
}

/** How flow() balances its pages (FlowOptions.balance). */
interface PageBalance {
  /** The most a space before a heading may grow, pt. */
  maxGap: number;
  /** The most the spaces of two facing pages may grow unlike (pt, per space), where both pages have some. */
  maxUnlike: number;
  /** The body's leading, pt: a frame's last baseline is that of the last whole body line it holds. */
  leading: number;
  /** Which spread flowed page i is on (two facing pages share a number); each page its own when left out. */
  spreadOf?: (page: number) => number;
}

/** Where a page starts in the text: a paragraph, and a line of it. */
interface At {
  para: number;
  line: number;
}

/**
 * Where one page as the pagination loop makes it ends: all that balancing
 * weighs (its end, heading spaces, next start), without its lines placed.
 */
interface PageEnd {
  /** Where the page starts in the text, and the lowest its lines may end (pageFrom's `at` and `bottom`: the page is made again from them). */
  at: At;
  bottom: number;
  frame: Frame;
  /** Where its last line ends (the spaces after it are not the page's). */
  end: number;
  /** How many blocks it holds. */
  blocks: number;
  /** The blocks that follow a space that may grow (a heading's, with a block above it on the page). */
  gaps: number[];
  /** Where the next page starts; undefined when the text ended on this one. */
  next?: At;
  /**
   * The page broke where the rules allow no break (a paragraph too long for
   * an empty page, or a heading alone on it): the loop's last resort, never
   * a page that balancing may choose to end early.
   */
  forced: boolean;
}

/** One page as the pagination loop made it, its lines placed. */
interface PageRun extends PageEnd {
  page: FlowPage;
  /** The block each anchor's paragraph starts (moved with it when balancing). */
  anchorBlocks: Map<object, number>;
}

export function flow(paras: FlowPara[], frameFor: (page: number) => Frame, opts: FlowOptions = {}): FlowPage[] {
  if (!opts.balance) return paginate(paras, frameFor).map((r) => r.page);
  return balanced(paras, frameFor, opts.balance).map((r) => r.page);
}

/**
 * Flows the paragraphs into pages, each filled as far as the break rules let
 * it; with `place` false only where each ends (balancing counts them so:
 * copyfit.ts's `pagesFilled` is another measure, pages as a fraction).
 */
function paginate(paras: FlowPara[], frameFor: (page: number) => Frame): PageRun[];
function paginate(paras: FlowPara[], frameFor: (page: number) => Frame, place: false): PageEnd[];
function paginate(paras: FlowPara[], frameFor: (page: number) => Frame, place = true): PageEnd[] {
  const runs: PageEnd[] = [];
  let at: At | undefined = { para: 0, line: 0 };
  while (at) {
    const frame = frameFor(runs.length);
    const run: PageEnd = place ? pageFrom(paras, at, frame, frame.bottom) : pageFrom(paras, at, frame, frame.bottom, false);
    runs.push(run);
    at = run.next;
  }
  return runs;
}

/**
 * One page of the text from `at`, its lines ending at `bottom` at the
 * latest (the frame's foot, or above it when balancing ends the page
 * earlier): the one place that decides where a page breaks. With `place`
 * false only where it ends (PageEnd): balancing weighs some hundreds of
 * pages per flow and places only the ones it takes, made again from the
 * same `at` and `bottom` (the same breaks: nothing here depends on `place`
 * but what is built).
 */
function pageFrom(paras: FlowPara[], at: At, frame: Frame, bottom: number): PageRun;
function pageFrom(paras: FlowPara[], at: At, frame: Frame, bottom: number, place: false): PageEnd;
function pageFrom(paras: FlowPara[], at: At, frame: Frame, bottom: number, place = true): PageEnd | PageRun {
  const page: FlowPage | undefined = place ? { blocks: [], tags: [], anchors: [] } : undefined;
  const gaps: number[] = [];
  const anchorBlocks = new Map<object, number>();
  let blocks = 0;
  let y = frame.top;
  /** Where the last line placed ends (the spaces after it are not the page's). */
  let end = y;
  const atTop = () => y === frame.top;
  let forced = false;
  /** The page ends; a heading as its last block is kept from what follows it only by force. */
  const done = (next?: At): PageEnd | PageRun => {
    const ended: PageEnd = { at, bottom, frame, end, blocks, gaps, next, forced: forced || (next !== undefined && lastKept) };
    return page ? { ...ended, page, anchorBlocks } : ended;
  };
  /** The last block placed is a heading (keepWithNext). */
  let lastKept = false;
  for (let i = at.para; i < paras.length; i++) {
    const p = paras[i];
    const lines = p.para.lines;
    let k = i === at.para ? at.line : 0;
    // (At a page's top none of this breaks, nor adds space.)
    if (k === 0) {
      if (p.pageBreakBefore && !atTop()) return done({ para: i, line: 0 });
      if (!atTop()) y += p.spaceBefore;
      // A heading needs room for itself and the first two lines of what follows.
      if (p.keepWithNext && i + 1 < paras.length) {
        const need = lines.length * p.leading + p.spaceAfter + keptAfter(paras, i + 1);
        if (need > bottom - y + 1e-6 && !atTop()) return done({ para: i, line: 0 });
      }
    }
    // The space above a heading may grow when balancing. It is recorded only
    // where the heading lands with a block above it on its page.
    const growable = p.spaceBefore > 0 && p.keepWithNext === true;
    while (k < lines.length) {
      const fit = Math.floor((bottom - y + 1e-6) / p.leading);
      const rest = lines.length - k;
      let take = Math.min(fit, rest);
      while (take > 0 && !breakAllowed(lines, k, k + take)) take--;
      // Nothing better exists at the top of a page: break where the page ends.
      if (take <= 0 && atTop()) {
        take = Math.max(1, Math.min(fit, rest));
        forced = true;
      }
      if (take <= 0) return done({ para: i, line: k });
      if (k === 0 && blocks > 0 && growable) gaps.push(blocks);
      if (page) placeBlock(page, anchorBlocks, p, frame, lines.slice(k, k + take), y, k === 0);
      blocks++;
      lastKept = p.keepWithNext === true && i + 1 < paras.length;
      y += take * p.leading;
      end = y;
      k += take;
      if (k < lines.length) return done({ para: i, line: k });
    }
    y += p.spaceAfter;
  }
  return done();
}

/** Places `lines` of paragraph `p` as the page's next block, from `y` down (`starts`: its first line is the paragraph's). */
function placeBlock(page: FlowPage, anchorBlocks: Map<object, number>, p: FlowPara, frame: Frame, lines: ComposedLine[], y: number, starts: boolean): void {
  // Recorded on the page where the paragraph starts.
  if (p.tag && starts) {
    page.tags.push(p.tag);
    page.anchors.push({ tag: p.tag, top: y });
    anchorBlocks.set(page.anchors[page.anchors.length - 1], page.blocks.length);
  }
  const indent = p.indent ?? 0;
  const x = frame.x + (p.para.dir === 'rtl' ? 0 : indent);
  const placed: PlacedLine[] = lines.map((line, j) => ({
    line,
    x,
    baseline: y + j * p.leading + baselineIn(p.leading, firstSize(line)),
  }));
  const block: TextBlock = { kind: 'text', lines: placed, color: p.color, rtl: p.para.dir === 'rtl', text: p.para.text, ...p.semantics };
  block.frame = { x: frame.x, y: frame.top, width: frame.width, height: frame.bottom - frame.top };
  if (p.name) block.name = p.name;
  if (p.place) block.place = p.place;
  page.blocks.push(block);
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

/*
 * Balancing: facing pages end on the same baseline.
 *
 * A book's text pages end on the frame's last baseline, the one a full page
 * of body lines ends on (`depthOf`); a page left short by the keep, widow
 * and orphan rules is the exception a reader sees, the more so beside a
 * full one. So, with FlowOptions.balance, every page but the last of the
 * text:
 * - is brought down to that baseline by growing the spaces before its
 *   headings, the same on every heading of the page (its headings stand
 *   alike), at most `maxGap` each (beyond that a heading floats), never past
 *   its frame's foot, and by at most `maxUnlike` more or less than the
 *   facing page's (a spread's headings stand alike too);
 * - may end earlier than the loop would end it: its last line (or as many
 *   as the widow, orphan and keep rules move with it) opens the next page,
 *   which may then reach its baseline, this one taking the difference in its
 *   own heading spaces. The loop itself (pageFrom) makes every such break,
 *   so none leaves a widow, an orphan or a stranded heading; a page ends at
 *   most SHORTER_BY such steps early, and the text never takes more pages;
 * - where it still cannot end on its baseline, ends on the same baseline as
 *   the page facing it (`spreadOf`): the two pages of a spread are seen
 *   together, and ending unevenly reads worse than a spread a little short.
 *   It grows for that the least that levels the two, and for nothing else: a
 *   space grown without bringing its page to either line leaves a gappy page
 *   that is still short (page review look15: udhr-fa's pages 6–7, six
 *   headings at the cap, both 2.1 lines short). Where the two can end level
 *   only with growths more than `maxUnlike` apart (the page with more
 *   headings nearly full, the other short), levelling wins, the excess
 *   counted in the cost (spreadCost) so that a pagination without it is
 *   taken where one is as good.
 * Of all such paginations the one taken is the best by `spreadCost`, summed
 * over the spreads (a search by spreads, each page start solved once). The
 * last page of the text ends where it falls. Never the leading, the space
 * under a heading or title, or the space above a page's first block.
 */

/** Lengths within this are the same, pt (a page this close to its last baseline ends on it). */
const TOLERANCE = 0.5;

/**
 * How much worse two facing pages ending apart are than pages ending short
 * (spreadCost, in squared lines): a spread whose pages would end u lines
 * apart (one of them full: 1 + 8 = 9 u²) is made even, both pages x lines
 * short (2 x²), while x < 2.1 u; a spread is not left far shorter than that
 * to be even. The squares keep one spread from being left far short so that
 * the others end well: summed in lines, udhr-ar's pages 4–5 ended 4.8 lines
 * short, for the spreads after them to end on their last baselines. A line
 * by which two facing pages' growths differ beyond `maxUnlike` counts as
 * twice a line apart (2 × UNEVEN in squares): counted once, udhr-fa's
 * pages 12–13 ended 0.4 line apart, page 13's headings grown 0.73 line and
 * page 12's not at all (bought for a pagination earlier in the book);
 * twice, they end level 1.5 lines short, their growths 0.25 apart. Counted
 * 16 times, the seed's pages 4–5 would end 1.5 lines apart rather than
 * level with growths 0.75 apart (2 to 8 times: the same pages).
 */
const UNEVEN = 8;

/** Two facing pages ending within this many lines of each other end level (a 20th of a line: a point at most). */
const LEVEL = 0.05;

/** How many times a page may be ended a break earlier than the loop ends it. */
const SHORTER_BY = 3;

/** Where a frame's last body line ends: the bottom of the last whole line of `leading` it holds. */
const depthOf = (frame: Frame, leading: number) => frame.top + linesIn(frame.bottom - frame.top, leading) * leading;

/** The best balanced pages from a page on: what is wrong with them (spreadCost, summed), the pages, each one's stretch. */
interface Solved {
  cost: number[];
  runs: PageEnd[];
  stretch: number[];
}

/** The paragraphs flowed and balanced (the comment above). */
function balanced(paras: FlowPara[], frameFor: (page: number) => Frame, b: PageBalance): PageRun[] {
  const pageCount = paginate(paras, frameFor, false).length;
  const spreadOf = b.spreadOf ?? ((i: number) => i);
  /** The pages that may stand at page i from `at`: as the loop fills it, then ended earlier, step by step (where each ends: placed once taken). */
  const made = new Map<string, PageEnd[]>();
  const choices = (i: number, at: At): PageEnd[] => {
    const key = `${i}:${at.para}:${at.line}`;
    const known = made.get(key);
    if (known) return known;
    const frame = frameFor(i);
    const out: PageEnd[] = [];
    let bottom = frame.bottom;
    for (let step = 0; step <= SHORTER_BY; step++) {
      const run = pageFrom(paras, at, frame, bottom, false);
      if (run.blocks === 0 || out.some((r) => r.end === run.end)) break;
      // Ended early only where the rules allow a break: a shorter page that broke by force (a heading left alone, a widow) is no choice (review13).
      if (step > 0 && run.forced) break;
      out.push(run);
      if (!run.next) break;
      bottom = run.end - TOLERANCE;
    }
    made.set(key, out);
    return out;
  };
  const memo = new Map<string, Solved | null>();
  /** The best balanced pages from page i on, its text starting at `at` (null: they would take more pages). */
  const solve = (i: number, at: At): Solved | null => {
    const key = `${i}:${at.para}:${at.line}`;
    if (memo.has(key)) return memo.get(key)!;
    let best: Solved | null = null;
    if (i < pageCount) {
      const pair = i + 1 < pageCount && spreadOf(i + 1) === spreadOf(i);
      for (const first of choices(i, at)) {
        const spreads = !pair || !first.next ? [[first]] : choices(i + 1, first.next).map((second) => [first, second]);
        for (const runs of spreads) {
          const next = runs[runs.length - 1].next;
          const rest = next ? solve(i + runs.length, next) : { cost: [0, 0, 0], runs: [], stretch: [] };
          if (!rest) continue;
          const here = spreadCost(runs, !next, b);
          const cost = here.cost.map((c, k) => c + rest.cost[k]);
          if (!best || better(cost, best.cost)) best = { cost, runs: [...runs, ...rest.runs], stretch: [...here.stretch, ...rest.stretch] };
        }
      }
    }
    memo.set(key, best);
    return best;
  };
  // The loop's own pagination is among those solved: there is always one.
  const { runs, stretch } = solve(0, { para: 0, line: 0 })!;
  // The pages taken, placed: made again from where each starts and may end.
  return runs.map((r, i) => {
    const run = pageFrom(paras, r.at, r.frame, r.bottom);
    shiftPage(run, stretch[i]);
    return run;
  });
}

/**
 * How one spread's pages end once balanced (`runs`: one page or two; the
 * text ends on the last when `textEnds`), how much each one's heading spaces
 * grow for it, and what is wrong with that: [the squares of the lines
 * between each page's end and its last baseline, plus UNEVEN × the square of
 * the lines between the two pages' ends, plus 2 × UNEVEN × the square of
 * the lines by which the two pages' growths differ beyond `maxUnlike`; how
 * unlike the two pages' heading spaces grew, pt; how much they grew in all,
 * pt], compared in that order. A page's spaces grow (alike, at most `maxGap`
 * each, never past the frame's foot) only to end it on its last baseline or
 * level with the page facing it (`endings`); the last page of the text
 * counts for nothing and is left as it is.
 */
function spreadCost(runs: PageEnd[], textEnds: boolean, b: PageBalance): { cost: number[]; stretch: number[] } {
  const pages = textEnds ? runs.slice(0, -1) : runs;
  const depth = pages.map((r) => depthOf(r.frame, b.leading));
  const sq = (d: number) => (d / b.leading) ** 2;
  // Where both pages have heading spaces, their growths are compared.
  const both = pages.length === 2 && pages.every((r) => r.gaps.length > 0);
  let best: { cost: number[]; stretch: number[] } | undefined;
  for (const s of endings(pages, depth, b)) {
    const ends = pages.map((r, i) => r.end + r.gaps.length * s[i]);
    if (!pages.every((r, i) => s[i] >= 0 && s[i] <= b.maxGap + 1e-6 && ends[i] <= r.frame.bottom + 1e-6)) continue;
    const unlike = both ? Math.abs(s[0] - s[1]) : 0;
    const uneven = pages.length === 2 ? sq(ends[0] - ends[1]) + 2 * sq(Math.max(0, unlike - b.maxUnlike)) : 0;
    const off = ends.reduce((sum, e, i) => sum + sq(depth[i] - e), 0);
    const grown = pages.reduce((sum, r, i) => sum + r.gaps.length * s[i], 0);
    const cost = [off + UNEVEN * uneven, unlike, grown];
    if (!best || better(cost, best.cost)) best = { cost, stretch: runs.map((_, i) => s[i] ?? 0) };
  }
  // Growing nothing is always among the endings, and always fits.
  return best!;
}

/**
 * The growths of a spread's heading spaces worth weighing (pt a space, page
 * by page; spreadCost drops those past a cap): none; each page's to end it
 * on its last baseline, the facing page's the least that keeps the two
 * within `maxUnlike`; both pages' to their last baselines; and the least
 * that ends the two level: exactly (or as near as a cap lets it, within
 * LEVEL) and with their growths within `maxUnlike`. Growth for any other end would leave the spaces
 * larger with the page still short of both (a gappy page that is still
 * short), so none is weighed.
 */
function endings(pages: PageEnd[], depth: number[], b: PageBalance): number[][] {
  const n = pages.map((r) => r.gaps.length);
  const lo = pages.map((r) => r.end);
  const toDepth = pages.map((r, i) => (n[i] > 0 && lo[i] < depth[i] ? (depth[i] - lo[i]) / n[i] : 0));
  const out: number[][] = [pages.map(() => 0), toDepth];
  if (pages.length < 2) return out;
  out.push([toDepth[0], n[1] > 0 ? Math.max(0, toDepth[0] - b.maxUnlike) : 0]);
  out.push([n[0] > 0 ? Math.max(0, toDepth[1] - b.maxUnlike) : 0, toDepth[1]]);
  /** The growths that end both pages at y (a page already lower grows none). */
  const at = (y: number) => lo.map((l, i) => (n[i] > 0 ? Math.max(0, y - l) / n[i] : 0));
  const higher = Math.max(...lo);
  const level = at(higher);
  out.push(level);
  // Where a page's cap leaves it short of that by a hair (within LEVEL), as near as the cap takes it.
  const near = level.map((g) => Math.min(g, b.maxGap));
  if (near.every((g, i) => higher - (lo[i] + n[i] * g) <= LEVEL * b.leading + 1e-6)) out.push(near);
  if (n[0] > 0 && n[1] > 0) {
    // Both grow: ending at y, their growths differ by k·y + c; the least y from the lower page's end on within ±maxUnlike.
    const k = 1 / n[0] - 1 / n[1];
    const c = lo[1] / n[1] - lo[0] / n[0];
    if (Math.abs(k) > 1e-9) {
      const y = Math.max(higher, Math.min((-b.maxUnlike - c) / k, (b.maxUnlike - c) / k));
      if (y <= Math.max(...depth, higher)) out.push(at(y));
    }
  }
  return out;
}

/** Whether cost `a` is better than `b` (lexicographic; differences under 1e-6 are rounding, none). */
function better(a: number[], b: number[]): boolean {
  for (let k = 0; k < a.length; k++) if (Math.abs(a[k] - b[k]) > 1e-6) return a[k] < b[k];
  return false;
}

/** Moves the blocks after each growable space of a page down, by `extra` per space above them. */
function shiftPage(run: PageRun, extra: number): void {
  if (extra <= 0 || run.gaps.length === 0) return;
  const shiftOf = (blockIndex: number) => extra * run.gaps.filter((g) => g <= blockIndex).length;
  run.page.blocks.forEach((block, i) => {
    const dy = shiftOf(i);
    if (dy !== 0) block.lines = block.lines.map((l) => ({ ...l, baseline: l.baseline + dy }));
  });
  for (const a of run.page.anchors) a.top += shiftOf(run.anchorBlocks.get(a) ?? 0);
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

/** How many lines the blocks (or composed paragraphs) hold in all. */
export const lineCount = (blocks: ReadonlyArray<{ lines: readonly unknown[] }>) => blocks.reduce((n, b) => n + b.lines.length, 0);

/** A copy of a text block moved down by dy. */
export function moveDown(block: TextBlock, dy: number): TextBlock {
  return { ...block, lines: block.lines.map((l) => ({ ...l, baseline: l.baseline + dy })) };
}
