/**
 * The breaker of hyphenated paragraphs (src/text/knuthPlass.ts, used by
 * lineBreaks.ts `breakHyphenated`): Knuth–Plass as a dynamic program that
 * keeps the hyphenation rules (at most MAX_RUN hyphenated lines in a row,
 * none on the line before a forced break) in its state. Where tex-linebreak's
 * breaks keep the rules, it returns the same breaks; where they do not, it
 * returns breaks that do, or null when none can; on small paragraphs its
 * breaks have the least demerits of every rule-keeping break set (brute
 * force), a hyphen before a forced break allowed, at FINAL_HYPHEN demerits,
 * only where no set of feasible lines keeps both rules. And it stays fast on a long paragraph (it used to break the
 * paragraph again for every rule broken).
 */
import { describe, expect, it } from 'vitest';
import tlb from 'tex-linebreak';
import type { InputItem } from 'tex-linebreak';
import { breakLinesWithRuns, FINAL_HYPHEN } from '../../src/text/knuthPlass.js';
import { breakHyphenated, LONG_LAST_WORD, MAX_RUN, RAGGED_FILL, runtWord, type LineEnd } from '../../src/text/lineBreaks.js';
import { itemize } from '../../src/text/itemize.js';
import { hyphenCuts } from '../../src/text/hyphenate.js';
import type { ComposeOptions } from '../../src/text/options.js';
import { amiri } from '../support/fonts.js';
import { addressCuts, composeParagraph } from '../../src/text/compose.js';

const { breakLines } = tlb as unknown as { breakLines: typeof import('tex-linebreak').breakLines };
const RULES = { doubleHyphen: 10000, maxRun: MAX_RUN };

/** A small seeded generator (mulberry32), so every run tries the same paragraphs. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A paragraph as items: words of 2–4 parts with a flagged penalty between parts, spaces, now and then a forced break. */
function paragraph(rnd: () => number, words: number): InputItem[] {
  const items: InputItem[] = [];
  for (let w = 0; w < words; w++) {
    const parts = 1 + Math.floor(rnd() * 3);
    for (let p = 0; p < parts; p++) {
      items.push({ type: 'box', width: 8 + rnd() * 30 });
      if (p < parts - 1) items.push({ type: 'penalty', width: 4, cost: 50, flagged: true });
    }
    if (w === words - 1) break;
    if (rnd() < 0.03) {
      items.push({ type: 'glue', width: 0, stretch: 1e6, shrink: 0 }, { type: 'penalty', width: 0, cost: -1000, flagged: false });
    } else items.push({ type: 'glue', width: 4, stretch: 2, shrink: 0.8 });
  }
  items.push({ type: 'glue', width: 0, stretch: 1e6, shrink: 0 }, { type: 'penalty', width: 0, cost: -1000, flagged: false });
  return items;
}

/** Up to a dozen items: words of one or two parts (a cheap hyphen between), looser spaces than paragraph()'s, so that words get divided. */
function smallParagraph(rnd: () => number): InputItem[] {
  const items: InputItem[] = [];
  const words = 4 + Math.floor(rnd() * 2);
  for (let w = 0; w < words; w++) {
    if (rnd() < 0.6) items.push({ type: 'box', width: 5 + rnd() * 10 }, { type: 'penalty', width: 2, cost: Math.floor(rnd() * 3) * 10, flagged: true });
    items.push({ type: 'box', width: 5 + rnd() * 10 });
    if (w < words - 1) items.push({ type: 'glue', width: 4, stretch: 3, shrink: 1.5 });
  }
  items.push({ type: 'glue', width: 0, stretch: 1e6, shrink: 0 }, { type: 'penalty', width: 0, cost: -1000, flagged: false });
  return items;
}

/** Whether breaks keep the rules: no more than MAX_RUN flagged breaks in a row, none right before a forced break (unless `finalHyphen`). */
function keepsRules(items: InputItem[], breaks: number[], maxRun = MAX_RUN, finalHyphen = false): boolean {
  let run = 0;
  for (let i = 1; i < breaks.length; i++) {
    const at = items[breaks[i]];
    const flagged = at.type === 'penalty' && at.flagged;
    if (at.type === 'penalty' && at.cost <= -1000 && run > 0 && !finalHyphen) return false;
    run = flagged ? run + 1 : 0;
    if (run > maxRun) return false;
  }
  return true;
}

type Rules = typeof RULES & { adjacentFitness: number };

/**
 * A line's adjustment ratio, summed item by item (glue and optional penalties
 * after a break dropped); NaN for an empty line. With `capped`, only the
 * `perLine` largest of those glues' stretches count (the kashida cap).
 */
function lineRatio(items: InputItem[], from: number, to: number, width: number, capped: Set<number> = new Set(), perLine = Infinity): number {
  let i = from + 1;
  while (i < to && (items[i].type === 'glue' || (items[i].type === 'penalty' && (items[i] as { cost: number }).cost < 1000))) i++;
  if (i >= to) return NaN;
  let natural = 0;
  let stretch = 0;
  let shrink = 0;
  const kashidas: number[] = [];
  for (; i < to; i++) {
    const it = items[i];
    if (it.type === 'box') natural += it.width;
    if (it.type !== 'glue') continue;
    natural += it.width;
    shrink += it.shrink;
    if (capped.has(i)) kashidas.push(it.stretch);
    else stretch += it.stretch;
  }
  stretch += kashidas.sort((x, y) => y - x).slice(0, perLine).reduce((x, y) => x + y, 0);
  const end = items[to];
  if (end.type === 'penalty') natural += end.width;
  if (natural < width) return stretch > 0 ? (width - natural) / stretch : Infinity;
  if (natural > width) return shrink > 0 ? (width - natural) / shrink : -Infinity;
  return 0;
}

/** Total demerits of a break set (0 first, as breakLinesWithRuns returns), Infinity when a line's ratio is outside [-1, maxRatio]. */
function demeritsOf(items: InputItem[], width: number, rules: Rules, breaks: number[], maxRatio: number): number {
  let total = 0;
  let fitness = 1;
  for (let k = 1; k < breaks.length; k++) {
    const from = k === 1 ? -1 : breaks[k - 1];
    const r = lineRatio(items, from, breaks[k], width);
    if (!(r >= -1 && r <= maxRatio && Number.isFinite(r))) return Infinity;
    const end = items[breaks[k]];
    const p = end.type === 'penalty' ? end.cost : 0;
    const b = 100 * Math.abs(r) ** 3;
    total += p >= 0 ? (1 + b + p) ** 2 : p > -1000 ? (1 + b) ** 2 - p * p : (1 + b) ** 2;
    const before = items[from];
    if (end.type === 'penalty' && end.flagged && before?.type === 'penalty' && before.flagged) total += rules.doubleHyphen;
    if (end.type === 'penalty' && end.cost <= -1000 && before?.type === 'penalty' && before.flagged) total += FINAL_HYPHEN;
    const f = r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
    if (Math.abs(f - fitness) > 1) total += rules.adjacentFitness;
    fitness = f;
  }
  return total;
}

/**
 * The least total demerits over every rule-keeping break set: lines within ratio 1 if any set allows it,
 * else within ratio 1 with a hyphen before a forced break allowed, else any ratio, both rules kept.
 */
function bruteForce(items: InputItem[], width: number, rules: Rules): { demerits: number; maxRatio: number; finalHyphen: boolean } | null {
  const last = items.length - 1;
  const optional: number[] = [];
  const forcedAt: number[] = [];
  items.forEach((it, i) => {
    if (i === last) return;
    if (it.type === 'penalty' && it.cost <= -1000) forcedAt.push(i);
    else if ((it.type === 'penalty' && it.cost < 1000) || (it.type === 'glue' && items[i - 1]?.type === 'box')) optional.push(i);
  });
  for (const [maxRatio, finalHyphen] of [[1, false], [1, true], [Infinity, false]] as const) {
    let least = Infinity;
    for (let mask = 0; mask < 1 << optional.length; mask++) {
      const chosen = optional.filter((_, k) => mask & (1 << k));
      const breaks = [0, ...[...chosen, ...forcedAt].sort((a, b) => a - b), last];
      if (!keepsRules(items, breaks, rules.maxRun, finalHyphen)) continue;
      least = Math.min(least, demeritsOf(items, width, rules, breaks, maxRatio));
    }
    if (least < Infinity) return { demerits: least, maxRatio, finalHyphen };
  }
  return null;
}

describe('Knuth–Plass that keeps the hyphenation rules in its state', () => {
  it('gives tex-linebreak\'s breaks wherever those keep the rules, and breaks that keep them everywhere', () => {
    const rnd = random(7);
    let same = 0;
    let differing = 0;
    let infeasible = 0;
    for (let n = 0; n < 300; n++) {
      const items = paragraph(rnd, 20 + Math.floor(rnd() * 60));
      const width = 120 + rnd() * 200;
      const ours = breakLinesWithRuns(items, width, RULES);
      // (A hyphen before a forced break only where no set of feasible lines keeps both rules: the brute force below.)
      if (ours) expect(keepsRules(items, ours, MAX_RUN, true)).toBe(true);
      else infeasible++;
      const theirs = breakLines(items, width, { maxAdjustmentRatio: null, doubleHyphenPenalty: RULES.doubleHyphen });
      if (keepsRules(items, theirs)) {
        expect(ours).toEqual(theirs);
        same++;
      } else differing++;
    }
    // Both kinds of paragraph were tried.
    expect(same).toBeGreaterThan(50);
    expect(differing).toBeGreaterThan(10);
    // (A paragraph no rule-keeping break set can fit: null, for the caller to break otherwise.)
    expect(infeasible).toBeLessThan(5);
  });

  it('has the least total demerits of all rule-keeping break sets on small paragraphs (brute force)', () => {
    const rnd = random(11);
    let tried = 0;
    let multiLine = 0;
    let nulls = 0;
    let divided = 0;
    let loose = 0;
    let finalHyphens = 0;
    while (tried < 1000) {
      const items = smallParagraph(rnd);
      if (items.length > 12) continue;
      tried++;
      const width = 18 + rnd() * 25;
      const rules = { ...RULES, maxRun: 1 + Math.floor(rnd() * 2), adjacentFitness: rnd() < 0.5 ? 0 : 1e8 }; // (γ large enough to change a choice among such loose lines);
      const best = bruteForce(items, width, rules);
      const ours = breakLinesWithRuns(items, width, rules);
      if (!best) {
        expect(ours).toBeNull();
        nulls++;
        continue;
      }
      expect(ours).not.toBeNull();
      expect(keepsRules(items, ours!, rules.maxRun, best.finalHyphen)).toBe(true);
      expect(demeritsOf(items, width, rules, ours!, best.maxRatio)).toBeCloseTo(best.demerits, 6);
      if (best.finalHyphen) finalHyphens++;
      if (ours!.length > 2) multiLine++;
      if (ours!.some((b) => items[b].type === 'penalty' && (items[b] as { flagged: boolean }).flagged)) divided++;
      if (best.maxRatio === Infinity) loose++;
    }
    // Every kind was tried: several lines, a word divided, a hyphen before the last line the only way, lines looser than ratio 1 needed, no way at all.
    expect(finalHyphens).toBeGreaterThan(10);
    expect(multiLine).toBeGreaterThan(100);
    expect(divided).toBeGreaterThan(30);
    expect(loose).toBeGreaterThan(20);
    expect(nulls).toBeGreaterThan(20);
  });

  it('throws on items that do not end with a forced break', () => {
    const items: InputItem[] = [{ type: 'box', width: 10 }, { type: 'glue', width: 4, stretch: 2, shrink: 1 }, { type: 'box', width: 10 }];
    expect(() => breakLinesWithRuns(items, 100, RULES)).toThrow(/forced break/);
    expect(() => breakLinesWithRuns([], 100, RULES)).toThrow(/forced break/);
  });

  it('a long paragraph of long words is broken at once, keeping the rules (300 words took 23 s when each broken rule meant breaking again)', () => {
    const text = Array.from({ length: 400 }, () => 'internationalization responsibilities characteristically').join(' ');
    const items = itemize([{ text, style: { fonts: [amiri()], size: 11.5 } }], 'ltr', 'en', 200);
    const opts: ComposeOptions = { dir: 'ltr', lang: 'en', measure: 200, align: 'justify', justify: 'spaces', space: { stretch: 0.3, shrink: 0.2, max: 2 }, hyphenate: true };
    const ends = breakHyphenated(items.words, hyphenCuts(items, 'en'), opts);
    expect(ends.filter((e) => e.at !== undefined).length).toBeGreaterThan(100);
    expect(runsKept(ends)).toBe(true);
  });
});

/** The rules on line ends: at most MAX_RUN divided words in a row, and the last line's line above not divided. */
function runsKept(ends: LineEnd[]): boolean {
  let run = 0;
  for (const e of ends) {
    run = e.at === undefined ? 0 : run + 1;
    if (run > MAX_RUN) return false;
  }
  return ends.length < 2 || ends[ends.length - 2].at === undefined;
}

/** Words with a kashida capacity now and then: a forbidding penalty and a glue of stretch alone before the word (lineBreaks.ts); `capped` lists those glues. */
function kashidaParagraph(rnd: () => number, words: number): { items: InputItem[]; capped: number[] } {
  const items: InputItem[] = [];
  const capped: number[] = [];
  for (let w = 0; w < words; w++) {
    if (rnd() < 0.7) {
      items.push({ type: 'penalty', width: 0, cost: 1000, flagged: false });
      capped.push(items.length);
      items.push({ type: 'glue', width: 0, stretch: 2 + rnd() * 6, shrink: 0 });
    }
    items.push({ type: 'box', width: 5 + rnd() * 10 });
    if (w < words - 1) items.push({ type: 'glue', width: 4, stretch: 1.2, shrink: 0.8 });
  }
  items.push({ type: 'glue', width: 0, stretch: 1e6, shrink: 0 }, { type: 'penalty', width: 0, cost: -1000, flagged: false });
  return { items, capped };
}

/** The least demerits over every break set, lines within ratio 1 if any set allows it, else any ratio (no flagged penalties, no fitness term). */
function bruteForceCapped(items: InputItem[], capped: number[], perLine: number, width: number): number | null {
  const last = items.length - 1;
  const optional = items.flatMap((it, i) => (it.type === 'glue' && items[i - 1]?.type === 'box' && i < last ? [i] : []));
  const set = new Set(capped);
  for (const maxRatio of [1, Infinity]) {
    let least = Infinity;
    for (let mask = 0; mask < 1 << optional.length; mask++) {
      const breaks = [-1, ...optional.filter((_, k) => mask & (1 << k)), last];
      let total = 0;
      for (let k = 1; k < breaks.length && total < Infinity; k++) {
        const r = lineRatio(items, breaks[k - 1], breaks[k], width, set, perLine);
        const p = (items[breaks[k]] as { cost?: number }).cost ?? 0;
        total = r >= -1 && r <= maxRatio && Number.isFinite(r) ? total + (p > -1000 ? (1 + 100 * Math.abs(r) ** 3 + p) ** 2 : (1 + 100 * Math.abs(r) ** 3) ** 2) : Infinity;
      }
      least = Math.min(least, total);
    }
    if (least < Infinity) return least;
  }
  return null;
}

describe('a line\'s kashida stretch capped at kashidaPerLine capacities (the justifier sets no more)', () => {
  it('has the least demerits of all break sets when only the line\'s perLine largest capacities stretch (brute force)', () => {
    const rnd = random(23);
    let binding = 0;
    for (let n = 0; n < 400; n++) {
      const { items, capped } = kashidaParagraph(rnd, 5 + Math.floor(rnd() * 5));
      const perLine = Math.floor(rnd() * 3);
      const width = 25 + rnd() * 30;
      const best = bruteForceCapped(items, capped, perLine, width);
      const ours = breakLinesWithRuns(items, width, { doubleHyphen: 0, maxRun: 0, capped: { items: capped, perLine } });
      if (best === null) {
        expect(ours).toBeNull();
        continue;
      }
      const uncapped = breakLinesWithRuns(items, width, { doubleHyphen: 0, maxRun: 0 });
      if (JSON.stringify(uncapped) !== JSON.stringify(ours)) binding++;
      // Our breaks' demerits, under the capped model, are the least.
      const breaks = [-1, ...ours!.slice(1)];
      let total = 0;
      for (let k = 1; k < breaks.length; k++) {
        const r = lineRatio(items, breaks[k - 1], breaks[k], width, new Set(capped), perLine);
        const p = (items[breaks[k]] as { cost?: number }).cost ?? 0;
        total += p > -1000 ? (1 + 100 * Math.abs(r) ** 3 + p) ** 2 : (1 + 100 * Math.abs(r) ** 3) ** 2;
      }
      expect(total).toBeCloseTo(best, 6);
    }
    // The cap changed the breaks in a good share of the paragraphs tried.
    expect(binding).toBeGreaterThan(10);
  });

  it('changes nothing when the cap never binds (every capacity of every line counts)', () => {
    const rnd = random(5);
    for (let n = 0; n < 200; n++) {
      const { items, capped } = kashidaParagraph(rnd, 10 + Math.floor(rnd() * 30));
      const width = 60 + rnd() * 100;
      expect(breakLinesWithRuns(items, width, { doubleHyphen: 0, maxRun: 0, capped: { items: capped, perLine: 1000 } }))
        .toEqual(breakLinesWithRuns(items, width, { doubleHyphen: 0, maxRun: 0 }));
    }
  });
});

describe('avoidRunts: no one-word last line where a break set as good exists (cards)', () => {
  const EN = 'These rights and freedoms may in no case be exercised contrary to the purposes and principles of the United Nations.';
  const AR = 'لكل فرد حق التمتع بجنسية ما. لا يجوز حرمان شخص من جنسيته تعسفا أو إنكار حقه في تغييرها، ولا يجوز حرمانه من حقه في العودة إلى بلده.';
  const set = (text: string, dir: 'ltr' | 'rtl', measure: number, align: 'start' | 'justify', avoid: boolean) =>
    composeParagraph([{ text, style: { fonts: [amiri()], size: 20 } }], {
      dir, lang: dir === 'rtl' ? 'ar' : 'en', measure, align, justify: align === 'justify' ? 'spaces' : 'off',
      space: { stretch: 0.3, shrink: 0.2, max: 2 }, ...(avoid ? { avoidRunts: { maxSpace: 2 } } : {}),
    });
  const lastWords = (p: ReturnType<typeof set>) => p.text.slice(p.lines[p.lines.length - 1].start, p.lines[p.lines.length - 1].end).trim().split(/\s+/).length;
  const lastFill = (p: ReturnType<typeof set>) => p.lines[p.lines.length - 1].naturalWidth / p.measure;
  /** One word on the last line: a runt, in ragged text (no line justified) only when short (runtWord, LONG_LAST_WORD). */
  const runt = (p: ReturnType<typeof set>) => p.lines.length > 2 && lastWords(p) === 1 && runtWord(lastFill(p), !p.lines.some((l) => l.justified));
  const lines = (p: ReturnType<typeof set>) => p.lines.map((l) => p.text.slice(l.start, l.end));

  for (const [name, text, dir, align] of [['ragged English', EN, 'ltr', 'start'], ['justified Arabic', AR, 'rtl', 'justify']] as const) {
    it(`${name}: a runt where a setting of no more lines, none looser or shorter than allowed, ends in two words; nothing else changes`, () => {
      let runts = 0;
      let avoided = 0;
      let long = 0;
      for (let measure = 160; measure <= 460; measure += 4) {
        const plain = set(text, dir, measure, align, false);
        const tied = set(text, dir, measure, align, true);
        if (!runt(plain)) {
          // (Ragged, a last word of a quarter of the measure or more stands alone: «Nations.» at 20 pt is 0.25 of 280 pt.)
          if (plain.lines.length > 2 && lastWords(plain) === 1) long++;
          expect(lines(tied)).toEqual(lines(plain));
          continue;
        }
        runts++;
        if (runt(tied)) continue;
        avoided++;
        expect(tied.lines.length).toBeLessThanOrEqual(plain.lines.length);
        const body = tied.lines.slice(0, -1);
        // (No more lines set loose, unjustified, than before: spaces wider than ×2.)
        if (align === 'justify') expect(body.filter((l) => l.loose).length).toBeLessThanOrEqual(plain.lines.filter((l) => l.loose).length);
        else for (const l of body) expect(l.naturalWidth).toBeGreaterThanOrEqual(Math.min(RAGGED_FILL * measure, ...plain.lines.slice(0, -1).map((p) => p.naturalWidth)) - 0.01);
      }
      expect(runts).toBeGreaterThan(0);
      expect(avoided).toBeGreaterThan(runts / 2);
      if (align === 'start') expect(long).toBeGreaterThan(0);
      else expect(long).toBe(0);
    });
  }

  it(`ragged: a one-word last line is a runt under LONG_LAST_WORD (${LONG_LAST_WORD}) of the measure only; justified, always`, () => {
    expect([runtWord(0.2, true), runtWord(LONG_LAST_WORD, true), runtWord(0.26, true)]).toEqual([true, false, false]);
    expect([runtWord(0.2, false), runtWord(0.5, false)]).toEqual([true, true]);
  });
});

describe('avoidRunts on pages: two-line paragraphs (minLines) and each paragraph of a text with line breaks', () => {
  const ONE = 'لا يعرض أي إنسان للتعذيب ولا للعقوبات أو المعاملات القاسية أو الوحشية أو الحاطة بالكرامة.';
  const set = (text: string, measure: number, avoidRunts?: { maxSpace: number; minLines?: number }) =>
    composeParagraph([{ text, style: { fonts: [amiri()], size: 12 } }], {
      dir: 'rtl', lang: 'ar', measure, align: 'justify', justify: 'kashida',
      space: { stretch: 0.3, shrink: 0.2, max: 2 }, ...(avoidRunts ? { avoidRunts } : {}),
    });
  /** For each paragraph (a line break ends one), whether its last line of two or more holds one word. */
  const runts = (p: ReturnType<typeof set>) => {
    const out: boolean[] = [];
    let first = 0;
    p.lines.forEach((l, j) => {
      const s = p.text.slice(l.start, l.end);
      if (j < p.lines.length - 1 && p.text[l.end - 1] !== '\n' && p.text[l.end] !== '\n') return;
      out.push(j > first && s.trim().split(/\s+/).length === 1);
      first = j + 1;
    });
    return out;
  };

  it('a two-line paragraph ending in one word is tied only with minLines 2; the tie costs no line', () => {
    let seen = 0;
    for (let measure = 240; measure <= 420; measure += 6) {
      const plain = set(ONE, measure);
      if (plain.lines.length !== 2 || !runts(plain)[0]) continue;
      seen++;
      expect(set(ONE, measure, { maxSpace: 2 }).lines.map((l) => l.end)).toEqual(plain.lines.map((l) => l.end));
      const tied = set(ONE, measure, { maxSpace: 2, minLines: 2 });
      expect(tied.lines.length).toBe(2);
      expect(runts(tied)[0]).toBe(false);
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('a paragraph without a runt is set as before beside one that loses its runt', () => {
    const OTHER = 'لكل شخص الحق في حرية التفكير والضمير والدين، ويشمل هذا الحق حرية تغيير ديانته أو عقيدته وحرية الإعراب عنهما.';
    let seen = 0;
    for (let measure = 240; measure <= 420; measure += 6) {
      for (const text of [`${OTHER}\n${ONE}`, `${ONE}\n${OTHER}`]) {
        const plain = set(text, measure);
        const tied = set(text, measure, { maxSpace: 2, minLines: 2 });
        const k = text.startsWith(ONE) ? 1 : 0;
        if (plain.lines.length < 4 || runts(plain)[k] || !runts(plain)[1 - k] || runts(tied)[1 - k]) continue;
        seen++;
        // OTHER's lines, which end in two words or more, as without the rule.
        const lines = (p: typeof plain) => p.lines.map((l) => p.text.slice(l.start, l.end)).filter((l) => text.indexOf(l) >= (k ? ONE.length : 0) && text.indexOf(l) < (k ? text.length : OTHER.length));
        expect(lines(tied)).toEqual(lines(plain));
        expect(lines(tied).length).toBeGreaterThanOrEqual(2);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('each paragraph of a text with line breaks loses its runt, the others set as before', () => {
    let seen = 0;
    for (let measure = 240; measure <= 420; measure += 6) {
      const plain = set(`${ONE}\n${ONE}`, measure);
      if (!runts(plain).every(Boolean) || plain.lines.length < 4) continue;
      seen++;
      const tied = set(`${ONE}\n${ONE}`, measure, { maxSpace: 2, minLines: 2 });
      expect(runts(tied)).toEqual([false, false]);
      expect(tied.lines.length).toBe(plain.lines.length);
      // Every word, in order, on some line (lines leave out the spaces they break at).
      expect(tied.lines.map((l) => tied.text.slice(l.start, l.end)).join(' ').split(/\s+/)).toEqual(`${ONE}\n${ONE}`.split(/\s+/));
    }
    expect(seen).toBeGreaterThan(0);
  });
});

describe('addressCuts: the lines that end inside an address, read back with what each cut costs', () => {
  const TEXT = 'للمصطلح شرح واف (انظر https://en.wikipedia.org/wiki/Bidi_(text)) في الموسوعة الحرة، أو راسلونا على info@example.org.';
  const set = (measure: number) =>
    composeParagraph([{ text: TEXT, style: { fonts: [amiri()], size: 14 } }], {
      dir: 'rtl', lang: 'ar', measure, align: 'justify', justify: 'kashida', space: { stretch: 0.3, shrink: 0.2, max: 2 },
    });
  it('none where every address stands whole on a line; one price a cut, below the forbidding 1000, where a narrow measure cuts one', () => {
    expect(addressCuts(set(2000))).toEqual([]);
    const narrow = set(150);
    const cut = narrow.lines.filter((l) => !l.last && !/\s/u.test(narrow.text[l.end - 1]) && !/\s/u.test(narrow.text[l.end] ?? ' '));
    expect(cut.length).toBeGreaterThan(0);
    const costs = addressCuts(narrow);
    expect(costs).toHaveLength(cut.length);
    expect(costs.every((c) => c > 0 && c < 1000), String(costs)).toBe(true);
  });
});
