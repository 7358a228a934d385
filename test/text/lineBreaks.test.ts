/**
 * The breaker of hyphenated paragraphs (src/text/knuthPlass.ts, used by
 * lineBreaks.ts `breakHyphenated`): one Knuth–Plass pass that keeps the
 * hyphenation rules (at most MAX_RUN hyphenated lines in a row, none on the
 * line before a forced break) in its state. Where tex-linebreak's breaks
 * keep the rules, it returns the same breaks; where they do not, it returns
 * breaks that do. And it stays one pass on a long paragraph (it used to
 * break the paragraph again for every rule broken).
 */
import { describe, expect, it } from 'vitest';
import tlb from 'tex-linebreak';
import type { InputItem } from 'tex-linebreak';
import { breakLinesWithRuns } from '../../src/text/knuthPlass.js';
import { breakHyphenated, MAX_RUN, type LineEnd } from '../../src/text/lineBreaks.js';
import { itemize } from '../../src/text/itemize.js';
import { hyphenCuts } from '../../src/text/hyphenate.js';
import type { ComposeOptions } from '../../src/text/options.js';
import { amiri } from '../support/fonts.js';

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

/** Whether breaks keep the rules: no more than MAX_RUN flagged breaks in a row, none right before a forced break. */
function keepsRules(items: InputItem[], breaks: number[]): boolean {
  let run = 0;
  for (let i = 1; i < breaks.length; i++) {
    const at = items[breaks[i]];
    const flagged = at.type === 'penalty' && at.flagged;
    if (at.type === 'penalty' && at.cost <= -1000 && run > 0) return false;
    run = flagged ? run + 1 : 0;
    if (run > MAX_RUN) return false;
  }
  return true;
}

describe('one pass of Knuth–Plass that keeps the hyphenation rules', () => {
  it('gives tex-linebreak\'s breaks wherever those keep the rules, and breaks that keep them everywhere', () => {
    const rnd = random(7);
    let same = 0;
    let differing = 0;
    let infeasible = 0;
    for (let n = 0; n < 300; n++) {
      const items = paragraph(rnd, 20 + Math.floor(rnd() * 60));
      const width = 120 + rnd() * 200;
      const ours = breakLinesWithRuns(items, width, RULES);
      if (ours) expect(keepsRules(items, ours)).toBe(true);
      else infeasible++;
      const theirs = breakLines(items, width, { maxAdjustmentRatio: null, doubleHyphenPenalty: RULES.doubleHyphen });
      if (keepsRules(items, theirs)) {
        expect(ours).toEqual(theirs);
        same++;
      } else differing++;
    }
    console.log({ same, differing, infeasible });
    // Both kinds of paragraph were tried.
    expect(same).toBeGreaterThan(50);
    expect(differing).toBeGreaterThan(10);
  });

  it('a long paragraph of long words is broken in one pass, keeping the rules (1,200 words: 0.1 s; 300 took 23 s when each broken rule meant breaking again)', () => {
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
