/**
 * Line breaking: Knuth–Plass (tex-linebreak) over HarfBuzz-measured words.
 * Returns, for each line, the index of its last word. Word spaces are glue;
 * a word's kashida capacity is stretch that is never a break point.
 */
import tlb from 'tex-linebreak';
import type { InputItem } from 'tex-linebreak';
import type { Word } from './itemize.js';
import type { ComposeOptions } from './options.js';

const { breakLines } = tlb as unknown as { breakLines: typeof import('tex-linebreak').breakLines };
const INFINITE_STRETCH = 1e6;
/** Stretch after an emergency break, × the measure. */
const EMERGENCY_STRETCH = 1 / 64;

export function breakWords(words: Word[], kashidaStretch: Array<number | undefined>, opts: ComposeOptions): number[] {
  const items: InputItem[] = [];
  const wordAtItem: number[] = [];
  words.forEach((w, i) => {
    const k = kashidaStretch[i];
    if (k) {
      // Kashida capacity counts as stretch, but must never be a break point:
      // a glue is a break only right after a box, so a penalty goes first.
      items.push({ type: 'penalty', width: 0, cost: 1000, flagged: false });
      wordAtItem.push(-1);
      items.push({ type: 'glue', width: 0, stretch: k, shrink: 0 });
      wordAtItem.push(-1);
    }
    items.push({ type: 'box', width: w.width });
    wordAtItem.push(-1);
    if (i === words.length - 1) return;
    if (w.hardBreak) {
      items.push({ type: 'glue', width: 0, stretch: INFINITE_STRETCH, shrink: 0 });
      wordAtItem.push(-1);
      items.push({ type: 'penalty', width: 0, cost: -1000, flagged: false });
      wordAtItem.push(i);
    } else if (w.spaceWidth > 0) {
      // A penalty at the maximum cost before the glue: the space can stretch but never break.
      if (w.keepWithNext) {
        items.push({ type: 'penalty', width: 0, cost: 1000, flagged: false });
        wordAtItem.push(-1);
      }
      const stretch = opts.align === 'justify' && opts.justify !== 'off' ? w.spaceWidth * (opts.justify === 'spaces' ? 1 : opts.space.stretch) : w.spaceWidth;
      items.push({ type: 'glue', width: w.spaceWidth, stretch, shrink: w.spaceWidth * opts.space.shrink });
      wordAtItem.push(i);
    } else {
      // A break with no space (inside a URL, after a hyphen): the line may end
      // here short, so the glue after it gives the line room to be feasible;
      // the composer leaves such a line unjustified rather than stretch it.
      // An emergency break inside a Latin token too wide for the measure
      // (itemize.ts) costs more, and more between two letters than after "/",
      // ".", "-" or "_"; its parts are short, so a line of them has glue to stretch.
      items.push({ type: 'penalty', width: 0, cost: w.emergency === 'hard' ? 200 : 50, flagged: false });
      wordAtItem.push(i);
      // (Little stretch after an emergency break: a line of its parts is feasible only nearly full, which keeps the breaker's active lines few and its time linear.)
      items.push({ type: 'glue', width: 0, stretch: opts.measure * (w.emergency ? EMERGENCY_STRETCH : 0.25), shrink: 0 });
      wordAtItem.push(-1);
    }
  });
  items.push({ type: 'glue', width: 0, stretch: INFINITE_STRETCH, shrink: 0 });
  wordAtItem.push(-1);
  items.push({ type: 'penalty', width: 0, cost: -1000, flagged: false });
  wordAtItem.push(words.length - 1);

  let points: number[];
  try {
    points = breakLines(items, opts.measure, { maxAdjustmentRatio: null });
  } catch {
    points = greedyBreaks(words, opts.measure);
    return points;
  }
  // The first point is the paragraph start; map the rest to "last word of the line".
  const lasts = points
    .slice(1)
    .map((p) => {
      let k = p;
      while (k >= 0 && wordAtItem[k] < 0) k--;
      return k >= 0 ? wordAtItem[k] : 0;
    })
    .filter((w, i, all) => i === 0 || w !== all[i - 1]);
  // When every way on is infeasible, tex-linebreak keeps an overfull line (a
  // line of one word has no glue, so no stretch, and never counts as
  // feasible): «Universal Declaration» at 52 pt on a 347 pt measure, its
  // space shrunk below zero. Words that do fit one to a line are then broken
  // greedily instead.
  return overfull(words, lasts, opts) ? greedyBreaks(words, opts.measure) : lasts;
}

/** Whether a line of more than one word stays wider than the measure with its spaces shrunk as far as they go. */
function overfull(words: Word[], lasts: number[], opts: ComposeOptions): boolean {
  let first = 0;
  for (const last of lasts) {
    let width = 0;
    for (let i = first; i <= last; i++) width += words[i].width + (i < last ? words[i].spaceWidth * (1 - opts.space.shrink) : 0);
    if (last > first && width > opts.measure + 0.01) return true;
    first = last + 1;
  }
  return false;
}

function greedyBreaks(words: Word[], measure: number): number[] {
  const out: number[] = [];
  let width = 0;
  words.forEach((w, i) => {
    if (i > 0 && width + w.width > measure && !out.includes(i - 1)) {
      out.push(i - 1);
      width = 0;
    }
    width += w.width + w.spaceWidth;
    if (w.hardBreak) {
      out.push(i);
      width = 0;
    }
  });
  if (out[out.length - 1] !== words.length - 1) out.push(words.length - 1);
  return out;
}
