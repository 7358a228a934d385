/**
 * Knuth–Plass line breaking that also knows how many hyphenated lines end
 * at each break: the breaker for paragraphs whose words may be divided
 * (lineBreaks.ts `breakHyphenated`). tex-linebreak, which breaks every other
 * paragraph, keeps one best way to each break per line and fitness class
 * only, so it cannot keep a publisher's hyphenation rules; breaking again
 * with the offending hyphen forbidden, rule by rule, made a long paragraph
 * quadratic. Here the run of hyphenated lines is part of each active
 * break's state, so the rules are kept in the one pass:
 *   - at most `maxRun` hyphenated lines in a row;
 *   - no hyphen on a line whose next line ends at a forced break (the
 *     paragraph's last line, a forced line break).
 * Everything else follows tex-linebreak's reading of Knuth and Plass (the
 * same items, badness, demerits, fitness classes, deactivation, retry with
 * a wider ratio and fallback), so a paragraph that breaks no rule gets the
 * same lines from both.
 */
import type { InputItem } from 'tex-linebreak';

/** A penalty at or below this forces a break; at or above MAX_COST forbids one (tex-linebreak's values). */
const MIN_COST = -1000;
const MAX_COST = 1000;
/** Demerits added to a fallback line, taken when no feasible break is left. */
const FALLBACK_DEMERITS = 1000;

export interface RunRules {
  /** Demerits for two hyphenated lines in a row (TeX's \doublehyphendemerits). */
  doubleHyphen: number;
  /** Most hyphenated lines in a row. */
  maxRun: number;
}

interface Active {
  /** The item the line before ends at (-1: the paragraph's start). */
  index: number;
  line: number;
  fitness: number;
  /** Hyphenated lines in a row ending here. */
  run: number;
  total: number;
  prev: Active | null;
}

const START = -1;
const forced = (it: InputItem) => it.type === 'penalty' && it.cost <= MIN_COST;
const flagged = (it: InputItem | undefined) => it?.type === 'penalty' && it.flagged;

/** The break points (item indexes, the paragraph's start as 0 first), as tex-linebreak's `breakLines` returns them. */
export function breakLinesWithRuns(items: InputItem[], width: number, rules: RunRules): number[] {
  const sums = prefixSums(items);
  const reach = nextReach(items, sums);
  // A line may not start with glue or a penalty: the first box (or unbreakable penalty) at or after each item.
  const firstBox = new Int32Array(items.length + 1).fill(items.length);
  for (let i = items.length - 1; i >= 0; i--) firstBox[i] = isContent(items[i]) ? i : firstBox[i + 1];

  /** Width, stretch and shrink of the line from the break at `from` to the break at `to`, and where it starts. */
  const measureLine = (from: number, to: number) => {
    const first = Math.min(from === START ? firstBox[0] : firstBox[from + (items[from].type === 'penalty' ? 1 : 0)], to + 1);
    if (first > to) return { length: 0, stretch: 0, shrink: 0, offset: 0 };
    const glueFrom = Math.min(first + 1, to);
    const end = items[to];
    return {
      length: sums.box[to + 1] - sums.box[first] + (sums.glue[to] - sums.glue[glueFrom]) + (end.type === 'penalty' ? end.width : 0),
      stretch: sums.stretch[to] - sums.stretch[glueFrom],
      shrink: sums.shrink[to] - sums.shrink[glueFrom],
      offset: sums.box[first] + sums.glue[first] - sums.shrink[first],
    };
  };

  let maxRatio = 1;
  for (;;) {
    const pass = onePass(maxRatio);
    if (Array.isArray(pass)) return pass;
    maxRatio = 2 * pass.over;
  }

  /** The breaks, or the smallest ratio over `maxRatio` met when every way on was infeasible (try again with it doubled). */
  function onePass(maxRatio: number): number[] | { over: number } {
    let active: Active[] = [{ index: START, line: 0, fitness: 0, run: 0, total: 0, prev: null }];
    let over = Infinity;
    for (let b = 0; b < items.length; b++) {
      const item = items[b];
      if (!isBreak(items, b)) continue;
      const isForced = forced(item);
      const hyphen = flagged(item);
      let dropped: Active | null = null;
      const best = new Map<number, Active>();
      const kept: Active[] = [];
      for (const a of active) {
        const { length, stretch, shrink, offset } = measureLine(a.index, b);
        const ratio = length < width ? (width - length) / stretch : length > width ? (width - length) / shrink : 0;
        if (ratio > maxRatio) over = Math.min(over, ratio);
        if (isForced || (ratio < -1 && reach[b] > width + offset)) dropped = a;
        else kept.push(a);
        if (ratio < -1 || ratio > maxRatio) continue;
        const run = hyphen ? a.run + 1 : 0;
        // The publisher's rules: a run of at most maxRun hyphens, none on the line before a forced break.
        if (run > rules.maxRun || (isForced && a.run > 0)) continue;
        const cost = item.type === 'penalty' ? item.cost : 0;
        const badness = 100 * Math.abs(ratio) ** 3;
        let demerits = cost >= 0 ? (1 + badness + cost) ** 2 : cost > MIN_COST ? (1 + badness) ** 2 - cost ** 2 : (1 + badness) ** 2;
        if (hyphen && a.index !== START && flagged(items[a.index])) demerits += rules.doubleHyphen;
        const fitness = ratio < -0.5 ? 0 : ratio < 0.5 ? 1 : ratio < 1 ? 2 : 3;
        const node: Active = { index: b, line: a.line + 1, fitness, run, total: a.total + demerits, prev: a };
        const key = (node.line * 4 + fitness) * (rules.maxRun + 1) + run;
        const held = best.get(key);
        if (!held || node.total < held.total) best.set(key, node);
      }
      active = [...kept, ...best.values()];
      if (active.length === 0) {
        if (Number.isFinite(over)) return { over };
        // Nothing feasible and no wider ratio to try: an overfull (or underfull) line from the last break dropped.
        active = [{ index: b, line: dropped!.line + 1, fitness: 1, run: hyphen ? dropped!.run + 1 : 0, total: dropped!.total + FALLBACK_DEMERITS, prev: dropped }];
      }
    }
    let last: Active | null = null;
    for (const a of active) if (!last || a.total < last.total) last = a;
    const out: number[] = [];
    for (let a = last; a; a = a.prev) out.push(a.index === START ? 0 : a.index);
    return out.reverse();
  }
}

/** A box, or a penalty that forbids a break: what a line may start with. */
const isContent = (it: InputItem) => it.type === 'box' || (it.type === 'penalty' && it.cost >= MAX_COST);

/** A break point: glue right after a box, or a penalty that does not forbid a break. */
const isBreak = (items: InputItem[], i: number) => {
  const it = items[i];
  return (it.type === 'glue' && i > 0 && items[i - 1].type === 'box') || (it.type === 'penalty' && it.cost < MAX_COST);
};

interface Sums {
  box: Float64Array;
  glue: Float64Array;
  stretch: Float64Array;
  shrink: Float64Array;
}

/** Running totals of box widths, glue widths, stretch and shrink before each item. */
function prefixSums(items: InputItem[]): Sums {
  const n = items.length + 1;
  const s: Sums = { box: new Float64Array(n), glue: new Float64Array(n), stretch: new Float64Array(n), shrink: new Float64Array(n) };
  items.forEach((it, i) => {
    s.box[i + 1] = s.box[i] + (it.type === 'box' ? it.width : 0);
    s.glue[i + 1] = s.glue[i] + (it.type === 'glue' ? it.width : 0);
    s.stretch[i + 1] = s.stretch[i] + (it.type === 'glue' ? it.stretch : 0);
    s.shrink[i + 1] = s.shrink[i] + (it.type === 'glue' ? it.shrink : 0);
  });
  return s;
}

/**
 * For each break, the least total width (spaces shrunk) at which any later
 * break ends: an active break is dropped only once even that is too far for
 * its line. (Not used when some glue stretches or shrinks by a negative
 * amount; the paragraph's items here never do.)
 */
function nextReach(items: InputItem[], sums: Sums): Float64Array {
  const reach = new Float64Array(items.length).fill(Infinity);
  let least = Infinity;
  for (let i = items.length - 1; i >= 0; i--) {
    if (!isBreak(items, i)) continue;
    const it = items[i];
    const own = sums.box[i + 1] + sums.glue[i] - sums.shrink[i] + (it.type === 'penalty' ? it.width : 0);
    reach[i] = least;
    least = Math.min(least, own);
  }
  return reach;
}
