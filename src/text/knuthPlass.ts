/**
 * The breaker of paragraphs whose words may be divided (lineBreaks.ts
 * `breakHyphenated`) or stretched by kashida (a line's kashida stretch is
 * capped: RunRules `capped`): Knuth and Plass's optimum-fit line breaking (1981,
 * "Breaking Paragraphs into Lines": boxes, glue, penalties, adjustment
 * ratio, badness, demerits, fitness classes), written as a plain dynamic
 * program over the break points. For each break, from first to last, every
 * earlier break a line could start after is tried, nearest first, until the
 * line can no longer shrink to the measure (or a forced break lies between);
 * the best way to reach each break is kept per state: the fitness class of
 * the line ending there and the number of hyphenated lines in a row ending
 * there. The publisher's rules are part of that state, so they always hold:
 *   - at most `maxRun` hyphenated lines in a row;
 *   - no hyphen on the line before a forced break (the paragraph's last line,
 *     a forced line break).
 * A line is feasible when its adjustment ratio r is finite and -1 ≤ r ≤ 1;
 * when no set of feasible lines keeping both rules reaches the end, a hyphen
 * before a forced break is allowed at FINAL_HYPHEN demerits (TeX's
 * \finalhyphendemerits: a divided word before the last line rather than a
 * line too loose to justify, as «reasonable limi-|tation» in udhr-en 24); when
 * still none does, any r ≥ -1 is allowed, both rules kept (loose lines rather
 * than an overfull one); when even then none does (a box wider than the
 * measure), `null`, and the caller breaks otherwise.
 * Demerits, of a line of badness b = 100|r|³ ending at a penalty p: (1 + b
 * + p)² for p ≥ 0 — the form tex-linebreak (the breaker of every other
 * paragraph) uses, so the two agree where no rule is at stake; the paper
 * has (l + b)² + p² — (1 + b)² − p² for a negative p, (1 + b)² at a
 * forced break; plus `doubleHyphen` for a hyphenated line after another,
 * plus `adjacentFitness` when the line's fitness class and the one before
 * it differ by more than one.
 */
import type { InputItem } from 'tex-linebreak';

/** A penalty at or below this forces a break; at or above FORBIDDEN, none is allowed there. */
const FORCED = -1000;
const FORBIDDEN = 1000;
/** The paper's l, the demerits of a line for being a line. */
const LINE_DEMERITS = 1;
/** Tight, decent, loose, very loose: the paper's fitness classes; the paragraph starts "decent". */
const FITNESS_CLASSES = 4;
const START_FITNESS = 1;
/** Demerits of a hyphen on the line before a forced break, where one is allowed at all (TeX's \finalhyphendemerits). */
export const FINAL_HYPHEN = 5000;

interface RunRules {
  /** Demerits for two hyphenated lines in a row (the paper's α, TeX's \doublehyphendemerits). */
  doubleHyphen: number;
  /** Most hyphenated lines in a row. */
  maxRun: number;
  /** Demerits when adjacent lines' fitness classes differ by more than one (the paper's γ); 0 when not given. */
  adjacentFitness?: number;
  /**
   * Glue whose stretch a line can use only in part (a word's kashida
   * capacity: the justifier sets at most `perLine` kashidas a line,
   * compose.ts): `items` are those glues' indexes; a line's stretch counts
   * only its `perLine` largest.
   */
  capped?: { items: number[]; perLine: number };
}

/** The items and what every line needs of them, computed once. */
interface Paragraph {
  items: InputItem[];
  /** Item index of each break point; entry 0 (-1) is the paragraph's start. */
  at: number[];
  /** Per break point: the first item of a line starting after it (glue and optional penalties after a break are dropped). */
  lineStart: number[];
  /** Totals of width (boxes and glue), stretch and shrink of the items before each index. */
  width: Float64Array;
  stretch: Float64Array;
  shrink: Float64Array;
  /** Capped glues' item indexes, ascending, and how many of them a line may use (RunRules `capped`). */
  capped: number[];
  perLine: number;
}

/**
 * The break points (item indexes, the paragraph's start given as 0 first, as
 * tex-linebreak's `breakLines` gives them) with the least total demerits
 * among those that keep the rules; `null` when no set of lines, each able
 * to shrink or stretch to `measure`, does. Throws when the items do not end
 * with a forced break.
 */
export function breakLinesWithRuns(items: InputItem[], measure: number, rules: RunRules): number[] | null {
  const end = items[items.length - 1];
  if (!end || end.type !== 'penalty' || end.cost > FORCED) {
    throw new Error('breakLinesWithRuns: the items must end with a forced break (a penalty of cost -1000 or less)');
  }
  const para = paragraphOf(items, rules.capped);
  return (
    cheapest(para, measure, rules, 1, false) ??
    (items.some(isFlagged) ? cheapest(para, measure, rules, 1, true) : null) ??
    cheapest(para, measure, rules, Infinity, false)
  );
}

const isForced = (it: InputItem) => it.type === 'penalty' && it.cost <= FORCED;
const isFlagged = (it: InputItem) => it.type === 'penalty' && it.flagged;

function paragraphOf(items: InputItem[], capped: RunRules['capped']): Paragraph {
  const n = items.length;
  const cappedAt = new Set(capped?.items);
  const width = new Float64Array(n + 1);
  const stretch = new Float64Array(n + 1);
  const shrink = new Float64Array(n + 1);
  // nextContent[i]: the first box or forbidding penalty at or after i (n when none).
  const nextContent = new Int32Array(n + 1).fill(n);
  for (let i = 0; i < n; i++) {
    const it = items[i];
    width[i + 1] = width[i] + (it.type === 'penalty' ? 0 : it.width);
    stretch[i + 1] = stretch[i] + (it.type === 'glue' && !cappedAt.has(i) ? it.stretch : 0);
    shrink[i + 1] = shrink[i] + (it.type === 'glue' ? it.shrink : 0);
  }
  for (let i = n - 1; i >= 0; i--) {
    const it = items[i];
    nextContent[i] = it.type === 'box' || (it.type === 'penalty' && it.cost >= FORBIDDEN) ? i : nextContent[i + 1];
  }
  const at = [-1];
  const lineStart = [nextContent[0]];
  items.forEach((it, i) => {
    const breaks = it.type === 'penalty' ? it.cost < FORBIDDEN : it.type === 'glue' && i > 0 && items[i - 1].type === 'box';
    if (!breaks) return;
    at.push(i);
    lineStart.push(nextContent[i + 1]);
  });
  return { items, at, lineStart, width, stretch, shrink, capped: [...cappedAt].sort((a, b) => a - b), perLine: capped?.perLine ?? 0 };
}

/** The adjustment ratio of the line from break point `from` to break point `to` (index into `at`); NaN when it holds nothing. */
function ratioOf(p: Paragraph, from: number, to: number, measure: number): number {
  const first = p.lineStart[from];
  const last = p.at[to];
  if (first >= last) return NaN;
  const end = p.items[last];
  const natural = p.width[last] - p.width[first] + (end.type === 'penalty' ? end.width : 0);
  if (natural === measure) return 0;
  const give = natural < measure ? p.stretch[last] - p.stretch[first] + cappedStretch(p, first, last) : p.shrink[last] - p.shrink[first];
  return give > 0 ? (measure - natural) / give : natural < measure ? Infinity : -Infinity;
}

/** The stretch of the capped glues in items [first, last) that a line may use: the `perLine` largest. */
function cappedStretch(p: Paragraph, first: number, last: number): number {
  if (!p.capped.length || p.perLine <= 0) return 0;
  const inLine: number[] = [];
  // The capped glues are ascending: start at the line's first one, not the paragraph's.
  let lo = 0;
  for (let hi = p.capped.length; lo < hi; ) {
    const mid = (lo + hi) >> 1;
    if (p.capped[mid] < first) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < p.capped.length && p.capped[k] < last; k++) {
    const it = p.items[p.capped[k]];
    if (it.type === 'glue') inLine.push(it.stretch);
  }
  return inLine.sort((a, b) => b - a).slice(0, p.perLine).reduce((a, b) => a + b, 0);
}

/** Demerits of a line of adjustment ratio r ending at `end`, before the rules' and fitness terms. */
function lineDemerits(r: number, end: InputItem): number {
  const base = LINE_DEMERITS + 100 * Math.abs(r) ** 3;
  const p = end.type === 'penalty' ? end.cost : 0;
  if (p >= 0) return (base + p) ** 2;
  return p > FORCED ? base ** 2 - p ** 2 : base ** 2;
}

const fitnessOf = (r: number) => (r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3);

/** The best breaks with every line's ratio in [-1, maxRatio] (a hyphen before a forced break allowed at FINAL_HYPHEN when `finalHyphen`), or null when the end cannot be reached so. */
function cheapest(p: Paragraph, measure: number, rules: RunRules, maxRatio: number, finalHyphen: boolean): number[] | null {
  const runs = rules.maxRun + 1;
  const perBreak = FITNESS_CLASSES * runs;
  const states = p.at.length * perBreak;
  // State s = (break point × fitness + class) × runs + run: the least demerits to it, and the state before it.
  const total = new Float64Array(states).fill(Infinity);
  const before = new Int32Array(states).fill(-1);
  total[START_FITNESS * runs] = 0;
  const gamma = rules.adjacentFitness ?? 0;

  for (let to = 1; to < p.at.length; to++) {
    const end = p.items[p.at[to]];
    const hyphen = isFlagged(end);
    const forced = isForced(end);
    for (let from = to - 1; from >= 0; from--) {
      const r = ratioOf(p, from, to, measure);
      if (r < -1) break; // an earlier start only makes the line longer
      if (r <= maxRatio && Number.isFinite(r)) {
        const fitness = fitnessOf(r);
        const d = lineDemerits(r, end);
        for (let s = from * perBreak; s < (from + 1) * perBreak; s++) {
          if (total[s] === Infinity) continue;
          const run = s % runs;
          const next = hyphen ? run + 1 : 0;
          const final = forced && run > 0;
          if (next > rules.maxRun || (final && !finalHyphen)) continue;
          const prevFitness = Math.floor(s / runs) % FITNESS_CLASSES;
          const cost =
            total[s] + d + (hyphen && run > 0 ? rules.doubleHyphen : 0) + (final ? FINAL_HYPHEN : 0) + (Math.abs(fitness - prevFitness) > 1 ? gamma : 0);
          const t = (to * FITNESS_CLASSES + fitness) * runs + next;
          if (cost < total[t]) {
            total[t] = cost;
            before[t] = s;
          }
        }
      }
      if (from > 0 && isForced(p.items[p.at[from]])) break; // no line runs over a forced break
    }
  }

  const last = p.at.length - 1;
  let best = -1;
  for (let s = last * perBreak; s < (last + 1) * perBreak; s++) if (total[s] < Infinity && (best < 0 || total[s] < total[best])) best = s;
  if (best < 0) return null;
  const out: number[] = [];
  for (let s = best; s >= 0; s = before[s]) out.push(Math.max(0, p.at[Math.floor(s / perBreak)]));
  return out.reverse();
}
