/**
 * Line breaking: Knuth–Plass over HarfBuzz-measured words (tex-linebreak;
 * our own breaker, knuthPlass.ts, for paragraphs with hyphenation points or
 * kashida). Returns, for each line, the index of its last word. Word spaces
 * are glue; a word's kashida capacity is stretch that is never a break point,
 * and a line counts only its `kashidaPerLine` largest capacities, as the
 * justifier sets no more (compose.ts).
 */
import tlb from 'tex-linebreak';
import type { InputItem } from 'tex-linebreak';
import { ADDRESS_BREAK_PATH, stretchingSpace, type Word } from './itemize.js';
import { DEFAULT_MAX_SPACE, justifies, RUNT_SPACE, type ComposeOptions } from './options.js';
import { breakLinesWithRuns } from './knuthPlass.js';
import { DEFAULT_KASHIDAS_PER_LINE } from './kashidaPlacement.js';

const { breakLines } = tlb as unknown as { breakLines: typeof import('tex-linebreak').breakLines };
const INFINITE_STRETCH = 1e6;
/** Stretch after an emergency break, × the measure. */
const EMERGENCY_STRETCH = 1 / 64;

/** Where a word may be divided: the offset of the letter after the break, the width of the word before it, the hyphen's width. */
export interface HyphenCut {
  at: number;
  before: number;
  hyphen: number;
}

/** The end of a line: its last word, and where inside it the line ends when the word is divided (`at`, a hyphen added). */
export interface LineEnd {
  word: number;
  at?: number;
}

/**
 * A word space's stretch, × the space, when words may be divided: TeX's
 * (half a space). With a whole space of stretch, as for Persian, a space
 * twice the natural one costs little and the breaker rarely divides a word.
 */
const HYPHENATED_STRETCH = 0.5;
/** TeX's \hyphenpenalty and \doublehyphendemerits. */
const HYPHEN_COST = 50;
const DOUBLE_HYPHEN = 10000;

export function breakWords(words: Word[], kashidaStretch: Array<number | undefined>, opts: ComposeOptions): number[] {
  return breakLinesAt(words, kashidaStretch, opts).map((e) => e.word);
}

/**
 * Line ends with words divided at `cuts` (per word, hyphenPoints'): Knuth–Plass
 * with a flagged penalty at each cut (knuthPlass.ts), the rules a publisher
 * keeps part of its search — no more than `MAX_RUN` hyphenated lines in a
 * row, no hyphen on the line before a paragraph's last (nor before a forced
 * break) unless only that keeps the lines justified (knuthPlass.ts). When no
 * break set of lines keeps them (a word that must be divided to fit, say),
 * the paragraph is broken greedily, no word divided.
 */
export function breakHyphenated(words: Word[], cuts: HyphenCut[][], opts: ComposeOptions): LineEnd[] {
  return breakLinesAt(words, [], opts, cuts, HYPHENATED_STRETCH);
}

/** Most hyphenated lines in a row. */
export const MAX_RUN = 2;

function breakLinesAt(
  words: Word[],
  kashidaStretch: Array<number | undefined>,
  opts: ComposeOptions,
  cuts: HyphenCut[][] = [],
  spaceStretch?: number,
): LineEnd[] {
  const { items, lastSpaces, softTies, leanTies } = breakerItems(words, kashidaStretch, opts, cuts, spaceStretch);
  const settled = withoutDearAddressBreaks(words, endsOf(words, ...items, opts), items, kashidaStretch, opts, spaceStretch);
  const ties: Tie[] = [];
  if (opts.avoidRunts && opts.align !== 'center') {
    const { maxSpace, minLines = 3 } = opts.avoidRunts;
    for (const [last, at] of lastSpaces) ties.push({ at: [at], maxSpace, broken: (ends) => isRunt(words, ends, last, minLines, opts) });
  }
  // A short Latin name stays on one line where a setting as good exists, as a runt is kept off: its
  // breaks together (its soft-tied words follow each other), else the break would only move inside it («Jean-» / «Luc»).
  const nameSpace = opts.avoidRunts?.maxSpace ?? RUNT_SPACE;
  for (const name of namesOf(softTies)) {
    const inside = new Set(name);
    ties.push({ at: name.map((w) => softTies.get(w)!), name: true, maxSpace: nameSpace, broken: (ends) => ends.slice(0, -1).some((e) => inside.has(e.word) && e.at === undefined) });
  }
  // A word that leans on the next (ComposeOptions.softTies) stays with it as a name's words do, each tie alone, where
  // no line needs spaces past the theme's widest: a weak word at a line's end is not worth a loose line.
  const leanSpace = opts.space.max ?? DEFAULT_MAX_SPACE;
  for (const [w, at] of leanTies) ties.push({ at: [at], name: true, lean: true, maxSpace: leanSpace, broken: (ends) => ends.slice(0, -1).some((e) => e.word === w && e.at === undefined) });
  return ties.length ? withTies(words, settled.ends, settled.items, ties, kashidaStretch, opts, spaceStretch) : settled.ends;
}

/**
 * The breaker's items for the words (knuthPlass.ts): a box a word (a piece
 * of one, where it may be divided), a glue a space, penalties where a line
 * may or may not end; and where the ties may go (`lastSpaces`: each
 * paragraph's last word → the item of the space before it, where a runt
 * would start; `softTies`: each word with a soft tie after it, a short
 * Latin name's, → the item of the break there).
 */
function breakerItems(
  words: Word[],
  kashidaStretch: Array<number | undefined>,
  opts: ComposeOptions,
  cuts: HyphenCut[][],
  spaceStretch: number | undefined,
): { items: Items } & TiePlaces {
  const list = new ItemList();
  const ties: TiePlaces = { lastSpaces: new Map(), softTies: new Map(), leanTies: new Map() };
  words.forEach((w, i) => {
    pushWord(list, words, i, kashidaStretch[i], cuts[i] ?? [], opts);
    if (i < words.length - 1) pushBreakAfter(list, ties, words, i, opts, spaceStretch);
  });
  list.push({ type: 'glue', width: 0, stretch: INFINITE_STRETCH, shrink: 0 });
  list.push({ type: 'penalty', width: 0, cost: -1000, flagged: false }, words.length - 1);
  return { items: [list.items, list.wordAtItem, list.kashidaItems, list.cutAtItem], ...ties };
}

/** Where the ties may go, as items (breakerItems). */
interface TiePlaces {
  /** For each paragraph of the text (ended by a hard break or the end), its last word → the item of the space before it. */
  lastSpaces: Map<number, number>;
  /** Each word with a soft tie after it (a short Latin name, Word.softTie) → the item of the break there. */
  softTies: Map<number, number>;
  /** Each word that leans on the next (Word.leans) → the item of the space after it. */
  leanTies: Map<number, number>;
}

/** The breaker's items as they are pushed, with what `Items` keeps beside them. */
class ItemList {
  readonly items: InputItem[] = [];
  readonly wordAtItem: number[] = [];
  readonly kashidaItems: number[] = [];
  readonly cutAtItem = new Map<number, number>();

  /** The index the next item will have. */
  get next(): number {
    return this.items.length;
  }

  /** An item, and the word whose end it breaks (-1: none). */
  push(item: InputItem, word = -1): void {
    this.items.push(item);
    this.wordAtItem.push(word);
  }
}

/** Word `i`'s items: its indent, its kashida capacity, and its boxes, with a flagged penalty at each of its `cuts`. */
function pushWord(list: ItemList, words: Word[], i: number, kashida: number | undefined, cuts: HyphenCut[], opts: ComposeOptions): void {
  // A paragraph's indent (ComposeOptions.paragraphIndent, after a line break; indentFirst, the
  // text's first): a box, kept where the line starts.
  const indent = indentOf(words, i, opts);
  if (indent) list.push({ type: 'box', width: indent });
  if (kashida) {
    // Kashida capacity counts as stretch, but must never be a break point:
    // a glue is a break only right after a box, so a penalty goes first.
    list.push({ type: 'penalty', width: 0, cost: 1000, flagged: false });
    list.kashidaItems.push(list.next);
    list.push({ type: 'glue', width: 0, stretch: kashida, shrink: 0 });
  }
  let done = 0;
  for (const cut of cuts) {
    list.push({ type: 'box', width: cut.before - done });
    list.cutAtItem.set(list.next, cut.at);
    list.push({ type: 'penalty', width: cut.hyphen, cost: HYPHEN_COST, flagged: true }, i);
    done = cut.before;
  }
  list.push({ type: 'box', width: words[i].width - done });
}

/** The items between word `i` and the next: a forced break, a space, or a break with no space; the ties' places into `ties`. */
function pushBreakAfter(list: ItemList, ties: TiePlaces, words: Word[], i: number, opts: ComposeOptions, spaceStretch: number | undefined): void {
  const w = words[i];
  if (w.hardBreak) {
    list.push({ type: 'glue', width: 0, stretch: INFINITE_STRETCH, shrink: 0 });
    list.push({ type: 'penalty', width: 0, cost: -1000, flagged: false }, i);
  } else if (w.spaceWidth > 0) {
    // A penalty at the maximum cost before the glue: the space can stretch but never break.
    if (w.keepWithNext) list.push({ type: 'penalty', width: 0, cost: 1000, flagged: false });
    const stretch = stretchingSpace(w) * spaceStretchOf(opts, spaceStretch);
    if (i === words.length - 2 || words[i + 1].hardBreak) ties.lastSpaces.set(i + 1, list.next);
    if (w.softTie && !w.keepWithNext) ties.softTies.set(i, list.next);
    else if (w.leans && !w.keepWithNext) ties.leanTies.set(i, list.next);
    list.push({ type: 'glue', width: w.spaceWidth, stretch, shrink: stretchingSpace(w) * opts.space.shrink }, i);
  } else {
    // A break with no space (inside a URL, after a hyphen): the line may end
    // here short, so the glue after it gives the line room to be feasible;
    // the composer leaves such a line unjustified rather than stretch it.
    // An emergency break inside a Latin token too wide for the measure
    // (itemize.ts) costs more, and more between two letters than after "/",
    // ".", "-" or "_"; its parts are short, so a line of them has glue to stretch.
    // An address's own break costs what addressBreakCost (itemize.ts) says: after «/» least.
    if (w.softTie) ties.softTies.set(i, list.next);
    list.push({ type: 'penalty', width: 0, cost: w.emergency === 'hard' ? 200 : w.breakCost ?? ADDRESS_BREAK_PATH, flagged: false }, i);
    // With words divided (spaceStretch given), every break with no space
    // that is not an emergency one is taken like a divided word's, with no
    // glue after it: a hyphen of the text («well‐|being») and an address's
    // own breaks (after «/», «-» …: itemize.ts addressBreaks) alike; the
    // line that ends there is justified by its spaces when it has any. (A
    // long URL at 200 pt breaks at the same places with and without it.)
    // The glue below is stretch inside every line that runs over the break,
    // which the justifier, widening word spaces only, cannot give: the
    // breaker took «the health and well‐being of himself and of» for a line
    // of ×1.3 spaces, and the composer had to set it unjustified (udhr-en 25,
    // leaflet, justified and hyphenated).
    if (spaceStretch !== undefined && !w.emergency) return;
    // (Little stretch after an emergency break: a line of its parts is feasible only nearly full, which keeps the breaker's active lines few and its time linear.)
    list.push({ type: 'glue', width: 0, stretch: opts.measure * (w.emergency ? EMERGENCY_STRETCH : 0.25), shrink: 0 });
  }
}

/** The soft-tied words (in order) grouped by name: the words of one name follow each other, and a name's last word has no tie after it. */
function namesOf(softTies: Map<number, number>): number[][] {
  const names: number[][] = [];
  for (const w of softTies.keys()) {
    const name = names[names.length - 1];
    if (name && name[name.length - 1] === w - 1) name.push(w);
    else names.push([w]);
  }
  return names;
}

/** The breaker's items with, for each item, the word whose end it breaks (-1 for none), the kashida glues, and the divided words' cuts. */
type Items = readonly [InputItem[], number[], number[], Map<number, number>];

/**
 * A tie the paragraph keeps where it can: no break at the items `at` (a
 * paragraph's last space, against a runt; the breaks inside a short Latin
 * name), tried when the line ends break it (`broken`), and taken when the
 * setting so tied is no worse (noWorse, with `maxSpace`).
 */
interface Tie {
  at: number[];
  /** A short Latin name's (else a runt's). */
  name?: boolean;
  /** A word's that leans on the next (ComposeOptions.softTies): kept with the others at once where one at a time fails (`withTies`). */
  lean?: boolean;
  maxSpace: number;
  broken: (ends: LineEnd[]) => boolean;
}

/**
 * The line ends with each tie kept where a setting as good exists: each
 * paragraph's runt (ComposeOptions.avoidRunts) and each soft tie inside a
 * short Latin name (Word.softTie), the setting with the tie taken when it
 * is not broken there, in no more lines (a name's: with fewer ties broken
 * in all), and no worse (noWorse). The last
 * first, and a tie's own items from its last: a tie may insert an item at
 * each (tiedBefore), and the items still to tie lie before it, so their
 * indexes stay true.
 */
function withTies(
  words: Word[],
  ends: LineEnd[],
  items: Items,
  ties: Tie[],
  kashidaStretch: Array<number | undefined>,
  opts: ComposeOptions,
  spaceStretch: number | undefined,
): LineEnd[] {
  const last = (t: Tie) => Math.max(...t.at);
  // (A name's tie taken must leave fewer ties broken: not «Le Monde» kept by splitting «Antonio Gramsci» two lines up, nor by a runt.)
  const brokenIn = (ends: LineEnd[]) => ties.filter((t) => t.broken(ends)).length;
  // (Nor a tie whose setting the breaker could only find greedily, parting words kept together (keepWithNext): at
  // 74 pt, «و5 مايو» / «2024» tied left «29» / «نوفمبر» two lines up.)
  const keepsBroken = (ends: LineEnd[]) => ends.slice(0, -1).filter((e) => e.at === undefined && words[e.word].keepWithNext).length;
  /** A setting (its ends, the items that gave them) and what the ties compare of it, each measured once, when first asked. */
  const setting = (ends: LineEnd[], items: Items) => {
    let shapes: LineShape[] | undefined;
    let broken: number | undefined;
    return { ends, items, shapes: () => (shapes ??= lineShapes(words, ends, kashidaStretch, opts, spaceStretch)), brokenIn: () => (broken ??= brokenIn(ends)) };
  };
  let best = setting(ends, items);
  // (The items of the ties taken, as indexes of `items`: a tie's items are inserted from the last, so each one's own stay put.)
  const taken: number[] = [];
  for (const { at, maxSpace, broken, name } of [...ties].sort((a, b) => last(b) - last(a))) {
    if (!broken(best.ends)) continue;
    const next = [...at].sort((a, b) => b - a).reduce((items, k) => tiedBefore(k, ...items), best.items);
    const tied = setting(endsOf(words, ...next, opts), next);
    if (tied.ends.length <= best.ends.length && !broken(tied.ends) && keepsBroken(tied.ends) <= keepsBroken(best.ends) && (!name || tied.brokenIn() < best.brokenIn()) && noWorse(tied.shapes(), best.shapes(), maxSpace, opts, spaceStretch)) {
      best = tied;
      taken.push(...at);
    }
  }
  // The leaning words still at a line's end, kept with the next all at once (each alone moved the break to the next
  // leaning word: udhr-ar 12's «…أسرته أو / مسكنه أو…»), in up to `softTieLines` more lines: taken when fewer ties
  // are broken in all, on the same terms.
  const lean = ties.filter((t) => t.lean);
  const all = lean.length
    ? allTied(lean, best, (at) => {
        const next = [...new Set([...taken, ...at])].sort((a, b) => b - a).reduce((its, k) => tiedBefore(k, ...its), items);
        return setting(endsOf(words, ...next, opts), next);
      })
    : best;
  if (all !== best && all.ends.length <= best.ends.length + (opts.softTieLines ?? 0) && all.brokenIn() < best.brokenIn() && keepsBroken(all.ends) <= keepsBroken(best.ends) && noWorse(all.shapes(), best.shapes(), lean[0].maxSpace, opts, spaceStretch)) best = all;
  return best.ends;
}

/**
 * The setting with every tie of `ties` broken in `from` kept, then every one
 * that setting breaks, and so on while a round adds one (at most as many
 * rounds as ties); `from` when none is broken. `set(at)`: the setting with
 * those ties kept too (as indexes of the first items).
 */
function allTied<S extends { ends: LineEnd[] }>(ties: Tie[], from: S, set: (at: number[]) => S): S {
  const at = new Set<number>();
  let trial = from;
  for (let round = 0; round < ties.length; round++) {
    const open = ties.filter((t) => t.broken(trial.ends) && t.at.some((k) => !at.has(k)));
    if (!open.length) break;
    for (const t of open) for (const k of t.at) at.add(k);
    trial = set([...at]);
  }
  return trial;
}

/** A break inside an address at least this dear (addressBreakCost, itemize.ts: in the host name or an e-mail address, a tiny piece, a short address) is avoided when the paragraph allows. */
const DEAR_ADDRESS_BREAK = 500;

/**
 * The line ends again with every dear break inside an address forbidden
 * (`again(dear)`: the words whose break is forbidden), when the first ends
 * take one: taken when it costs at most one line more and no line of it
 * needs its spaces wider than `space.max` (kashidas counted), so that
 * «https://en.wikipedia» / «.org/…» or a short address split in two gives
 * way to the address whole on the next line where the line before can be
 * justified without it. The penalties alone cannot say this: a line much
 * looser costs more demerits than any penalty below the forbidding one.
 */
function withoutDearAddressBreaks(
  words: Word[],
  ends: LineEnd[],
  items: Items,
  kashidaStretch: Array<number | undefined>,
  opts: ComposeOptions,
  spaceStretch: number | undefined,
): { ends: LineEnd[]; items: Items } {
  const isDear = (i: number) => (words[i].breakCost ?? 0) >= DEAR_ADDRESS_BREAK && words[i].spaceWidth === 0;
  if (!ends.slice(0, -1).some((e) => e.at === undefined && isDear(e.word))) return { ends, items };
  const dear = new Set(words.flatMap((_, i) => (isDear(i) ? [i] : [])));
  const [all, wordAtItem, ...rest] = items;
  const forbidden: Items = [all.map((it, k) => (dear.has(wordAtItem[k]) && it.type === 'penalty' ? { ...it, cost: 1000 } : it)), wordAtItem, ...rest];
  const alt = endsOf(words, ...forbidden, opts);
  const allowed = ratioAtSpace(opts.space.max ?? DEFAULT_MAX_SPACE, opts, spaceStretch);
  const fine = alt.length <= ends.length + 1 && !alt.slice(0, -1).some((e) => dear.has(e.word)) && lineShapes(words, alt, kashidaStretch, opts, spaceStretch).every((l) => l.ratio <= allowed + 1e-9);
  // (The ties tried after, withTies, start from the items that gave the ends.)
  return fine && !overfull(words, alt, opts) ? { ends: alt, items: forbidden } : { ends, items };
}

/**
 * A tie (withTies): the breaker's items with the words on either side of
 * item `at` kept together (a paragraph's last two words against a runt, a
 * short Latin name's). A break with no space there (the penalty after
 * «Jean-», a soft tie) is forbidden where it is, at the maximum cost; a
 * space (a glue) gets a penalty at the maximum cost before it, as
 * keepWithNext, the indexes after it moved by one.
 */
function tiedBefore(at: number, items: InputItem[], wordAtItem: number[], kashidaItems: number[], cutAtItem: Map<number, number>): Items {
  const it = items[at];
  if (it.type === 'penalty') return [items.map((x, k) => (k === at ? { ...it, cost: 1000 } : x)), wordAtItem, kashidaItems, cutAtItem] as const;
  const moved = (k: number) => (k >= at ? k + 1 : k);
  return [
    [...items.slice(0, at), { type: 'penalty', width: 0, cost: 1000, flagged: false }, ...items.slice(at)],
    [...wordAtItem.slice(0, at), -1, ...wordAtItem.slice(at)],
    kashidaItems.map(moved),
    new Map([...cutAtItem].map(([k, v]) => [moved(k), v])),
  ] as const;
}

/** A word space's stretch, × the space, in the breaker's model of a line. */
function spaceStretchOf(opts: ComposeOptions, spaceStretch: number | undefined): number {
  return spaceStretch ?? (justifies(opts) ? (opts.justify === 'spaces' ? 1 : opts.space.stretch) : 1);
}

/** The adjustment ratio at which a line's word spaces are `widest` × the space (the breaker's model). */
function ratioAtSpace(widest: number, opts: ComposeOptions, spaceStretch: number | undefined): number {
  return (widest - 1) / spaceStretchOf(opts, spaceStretch);
}

/**
 * Whether the paragraph that ends at word `last` (at a hard break or the
 * text's end), when set in `minLines` lines or more, ends in a line of one
 * word (not the end of a divided one) that is a runt (runtWord).
 */
function isRunt(words: Word[], ends: LineEnd[], last: number, minLines: number, opts: ComposeOptions): boolean {
  const end = ends.findIndex((e) => e.word === last && e.at === undefined);
  if (end < 1) return false;
  let start = end;
  while (start > 0 && !(ends[start - 1].at === undefined && words[ends[start - 1].word].hardBreak)) start--;
  const before = ends[end - 1];
  const ragged = !justifies(opts);
  return end - start + 1 >= minLines && before.at === undefined && before.word === last - 1 && runtWord(words[last].width / opts.measure, ragged);
}

/**
 * Narrowest one-word last line of ragged text that is no runt, × the
 * measure. In a justified block every other line is full, and any lone last
 * word shows as a leftover; in a ragged one the lines already end where
 * they end, and a last line of one long word («representatives.», 0.26 of
 * udhr-en's leaflet measure: some sixteen letters) carries as much as a
 * last line of two or three short words, where the tie that avoids it
 * leaves a line short, on a weak word («…take part in the», 0.7). A quarter
 * is half again the shortest last line the tests allow (RUNT_FILL, 1/6, in
 * test/support/lastLines.ts), and the rag RAGGED_FILL lets any line leave.
 */
export const LONG_LAST_WORD = 1 / 4;

/**
 * Whether a paragraph's last line of one word, `fill` of the measure wide,
 * is a runt: always in justified text, in ragged text when narrower than
 * LONG_LAST_WORD.
 */
export function runtWord(fill: number, ragged: boolean): boolean {
  return !ragged || fill < LONG_LAST_WORD - 1e-9;
}

/**
 * Shortest fill a ragged line may be given for a runt's sake, × the measure:
 * a line that ends a quarter short reads as the rag of a ragged paragraph.
 * lastlines (December 2026) tried 2/3, which set udhr-en's leaflet 21
 * «…take part in the / …freely chosen representatives.», a short first line
 * on a weak word, for the sake of a last word long enough to stand alone
 * (LONG_LAST_WORD): 3/4 again.
 */
export const RAGGED_FILL = 3 / 4;

/**
 * Whether the lines of a setting without a runt (`tied`) are no worse than
 * the first setting's (`first`): justified, no more lines whose spaces must
 * be wider than `maxSpace` (avoidRunts'), none looser than the first's loosest; ragged, its
 * shortest line is no shorter than RAGGED_FILL or the first's shortest.
 */
function noWorse(tied: LineShape[], first: LineShape[], maxSpace: number, opts: ComposeOptions, spaceStretch?: number): boolean {
  const justified = justifies(opts);
  if (!justified) return Math.min(1, ...tied.map((l) => l.fill)) >= Math.min(opts.avoidRunts?.raggedFill ?? RAGGED_FILL, ...first.map((l) => l.fill)) - 1e-9;
  const allowed = ratioAtSpace(maxSpace, opts, spaceStretch);
  const over = (lines: LineShape[]) => lines.filter((l) => l.ratio > allowed + 1e-9).length;
  return over(tied) <= over(first) && Math.max(0, ...tied.map((l) => l.ratio)) <= Math.max(allowed, ...first.map((l) => l.ratio)) + 1e-9;
}

/** A line as the breaker sees it: its adjustment ratio r (the stretch or shrink used, × what it has) and its natural width × the measure. */
interface LineShape {
  ratio: number;
  fill: number;
}

/**
 * The shape of each line but the last and those before a forced break, lines
 * that start or end inside a divided word left out. A line's kashida stretch
 * counts its `kashidaPerLine` largest capacities, as the breaker's does.
 */
function lineShapes(words: Word[], ends: LineEnd[], kashidaStretch: Array<number | undefined>, opts: ComposeOptions, spaceStretch?: number): LineShape[] {
  const out: LineShape[] = [];
  const perLine = opts.kashidaPerLine ?? DEFAULT_KASHIDAS_PER_LINE;
  let first = 0;
  let divided = false;
  ends.slice(0, -1).forEach(({ word: last, at }) => {
    if (!divided && at === undefined && !words[last].hardBreak) {
      let width = indentOf(words, first, opts);
      let stretch = 0;
      let shrink = 0;
      for (let i = first; i <= last; i++) {
        width += words[i].width;
        if (i === last) continue;
        width += words[i].spaceWidth;
        stretch += stretchingSpace(words[i]) * spaceStretchOf(opts, spaceStretch);
        shrink += stretchingSpace(words[i]) * opts.space.shrink;
      }
      const kashidas = kashidaStretch.slice(first, last + 1).filter((k): k is number => !!k).sort((a, b) => b - a);
      stretch += kashidas.slice(0, perLine).reduce((a, b) => a + b, 0);
      const room = opts.measure - width;
      out.push({ ratio: room >= 0 ? (stretch > 0 ? room / stretch : Infinity) : shrink > 0 ? room / shrink : -Infinity, fill: width / opts.measure });
    }
    divided = at !== undefined;
    first = at === undefined ? last + 1 : last;
  });
  return out;
}

/**
 * The indent before word `first` when it starts a paragraph after a line
 * break, or is the text's first word and the text follows a paragraph
 * (ComposeOptions.paragraphIndent, indentFirst), the breaker's and the composer's
 * alike; none when that word cannot follow it on one line (a long token, an
 * address's piece, wider than the measure less the indent): it starts at the
 * edge rather than overfill the line.
 */
export function indentOf(words: Word[], first: number, opts: ComposeOptions): number {
  const starts = first === 0 ? opts.indentFirst === true : words[first - 1].hardBreak;
  const indent = starts ? opts.paragraphIndent ?? 0 : 0;
  return indent && words[first].width + indent > opts.measure + 1e-6 ? 0 : indent;
}

/** Line ends of a paragraph's items (wordAtItem: the word a break item ends, -1 for none). */
function endsOf(
  words: Word[],
  items: InputItem[],
  wordAtItem: number[],
  kashidaItems: number[],
  cutAtItem: Map<number, number>,
  opts: ComposeOptions,
): LineEnd[] {
  let points: number[] | null;
  const greedy = () => greedyBreaks(words, opts.measure).map((word) => ({ word }));
  // The justifier sets at most kashidaPerLine kashidas a line (compose.ts):
  // a line's kashida stretch is that many of its words' capacities, not all
  // of them — a per-line sum tex-linebreak's per-item glue cannot express.
  const capped = kashidaItems.length ? { items: kashidaItems, perLine: opts.kashidaPerLine ?? DEFAULT_KASHIDAS_PER_LINE } : undefined;
  try {
    points = cutAtItem.size || capped
      ? breakLinesWithRuns(items, opts.measure, { doubleHyphen: DOUBLE_HYPHEN, maxRun: MAX_RUN, capped })
      : breakLines(items, opts.measure, { maxAdjustmentRatio: null, doubleHyphenPenalty: DOUBLE_HYPHEN });
  } catch {
    return greedy();
  }
  // (null: no break set of feasible lines keeps the hyphenation rules; broken greedily, no word divided.)
  if (!points) return greedy();
  // The first point is the paragraph start; map the rest to "last word of the line" (and the cut, when the line ends in one).
  const ends = points
    .slice(1)
    .map((p): LineEnd => {
      let k = p;
      while (k >= 0 && wordAtItem[k] < 0) k--;
      const at = cutAtItem.get(k);
      return k < 0 ? { word: 0 } : at === undefined ? { word: wordAtItem[k] } : { word: wordAtItem[k], at };
    })
    .filter((e, i, all) => i === 0 || e.word !== all[i - 1].word || e.at !== all[i - 1].at);
  // When every way on is infeasible, tex-linebreak keeps an overfull line (a
  // line of one word has no glue, so no stretch, and never counts as
  // feasible): «Universal Declaration» at 52 pt on a 347 pt measure, its
  // space shrunk below zero. Words that do fit one to a line are then broken
  // greedily instead.
  // (A line that starts or ends inside a divided word is left out of that test.)
  return overfull(words, ends, opts) ? greedy() : ends;
}

/** Whether a line of more than one word stays wider than the measure with its spaces shrunk as far as they go. */
function overfull(words: Word[], ends: LineEnd[], opts: ComposeOptions): boolean {
  let first = 0;
  let divided = false;
  for (const { word: last, at } of ends) {
    let width = divided ? 0 : indentOf(words, first, opts);
    for (let i = first; i <= last; i++) width += words[i].width + (i < last ? words[i].spaceWidth - stretchingSpace(words[i]) * opts.space.shrink : 0);
    if (!divided && at === undefined && last > first && width > opts.measure + 0.01) return true;
    divided = at !== undefined;
    first = at === undefined ? last + 1 : last;
  }
  return false;
}

function greedyBreaks(words: Word[], measure: number): number[] {
  const out: number[] = [];
  let width = 0;
  let first = 0;
  words.forEach((w, i) => {
    if (i > 0 && width + w.width > measure && !out.includes(i - 1)) {
      const end = cheaperEnd(words, first, i - 1, measure);
      out.push(end);
      width = 0;
      for (let k = end + 1; k < i; k++) width += words[k].width + words[k].spaceWidth;
      first = end + 1;
    }
    width += w.width + w.spaceWidth;
    if (w.hardBreak) {
      out.push(i);
      width = 0;
      first = i + 1;
    }
  });
  if (out[out.length - 1] !== words.length - 1) out.push(words.length - 1);
  return out;
}

/**
 * The greedy breaker's end for a line from word `first` that overflows after
 * word `last`: `last`, unless it ends at a dear break inside an address
 * (addressBreakCost, itemize.ts: in the host name, a tiny piece, a short
 * address) and a cheaper break (a space, an address's cheaper one) lies
 * after the line's first half, as Knuth–Plass's penalties prefer.
 */
function cheaperEnd(words: Word[], first: number, last: number, measure: number): number {
  const costOf = (w: Word) => (w.spaceWidth > 0 ? (w.keepWithNext ? Infinity : 0) : w.breakCost ?? ADDRESS_BREAK_PATH);
  const dear = words[last].breakCost;
  if (dear === undefined || dear <= ADDRESS_BREAK_PATH) return last;
  let width = 0;
  let best = last;
  for (let k = first; k < last; k++) {
    width += words[k].width;
    const cost = costOf(words[k]);
    if (width >= measure / 2 && cost < dear && cost <= costOf(words[best])) best = k;
    width += words[k].spaceWidth;
  }
  return best;
}
