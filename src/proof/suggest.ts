/**
 * Suggestions for an unknown word: the known words within a small weighted
 * edit distance. The weights are Arabic-aware: a hamza seat, alef form, taa
 * marbuta/haa or yaa/alef maqsura is a near miss (0.3); converters double
 * letters (0.4) and swap neighbours (0.5); other deletions cost 0.8,
 * insertions and substitutions 1. Candidates are generated (one edit, then
 * a cheap second edit) and looked up, so a look-up must be fast.
 */
import { VARIANTS } from './arabic.js';

type EditKind = 'variant' | 'doubled' | 'swapped' | 'edit';

export interface Suggestion {
  word: string;
  cost: number;
  /** The kind of the cheapest edit on the way (what the check reports). */
  kind: EditKind;
}

/** How well a candidate is known: 0 unknown; more is better (dictionary words 1, document words their count + 1). */
type Rank = (form: string) => number;

interface SuggestOptions {
  alphabet: readonly string[];
  /** Highest total cost (default 1.6). */
  maxCost?: number;
  /** How many to return (default 5). */
  max?: number;
  /**
   * Where the first edit may be: from `from` (default 0) up to `to`
   * (default the word's length); a split word joined is edited near the
   * join only.
   */
  from?: number;
  to?: number;
  /** Whether some known word starts with this (prunes the search); default: always. */
  isPrefix?: (prefix: string) => boolean;
}

type Edit = [word: string, cost: number, kind: EditKind, at: number];

const HAMZA_INSERT = ['ء', 'ئ', 'أ', 'ؤ'];
/** In a second edit, only the hamzas converters lose most. */
const HAMZA_INSERT_CHEAP = ['ء', 'ئ'];
/** Converter damage is local: a second edit is looked for this close to the first. */
const WINDOW = 3;
/** Words the document uses elsewhere are the likelier intention: their cost is lowered by this much. */
const IN_DOCUMENT = 0.5;

/** One edit of `w` at positions lo … hi; only the cheap kinds when `cheapOnly`. */
function* edits(w: string, alphabet: readonly string[], cheapOnly: boolean, lo = 0, hi = w.length): Generator<Edit> {
  const n = w.length;
  for (let i = Math.max(0, lo); i < Math.min(n, hi + 1); i++) {
    const c = w[i];
    const doubled = c === w[i - 1] || c === w[i + 1];
    if (doubled || !cheapOnly) yield [w.slice(0, i) + w.slice(i + 1), doubled ? 0.4 : 0.9, doubled ? 'doubled' : 'edit', i];
    if (!cheapOnly && i + 1 < n) yield [w.slice(0, i) + w.slice(i + 2), 1.2, 'edit', i];
    if (i + 1 < n && w[i + 1] !== c) yield [w.slice(0, i) + w[i + 1] + c + w.slice(i + 2), 0.4, 'swapped', i];
    const vs = VARIANTS.get(c);
    if (vs) for (const v of vs) yield [w.slice(0, i) + v + w.slice(i + 1), 0.3, 'variant', i];
    if (!cheapOnly) for (const a of alphabet) if (a !== c && !vs?.includes(a)) yield [w.slice(0, i) + a + w.slice(i + 1), 1, 'edit', i];
  }
  for (let i = Math.max(0, lo); i <= Math.min(n, hi); i++) {
    for (const h of cheapOnly ? HAMZA_INSERT_CHEAP : HAMZA_INSERT) yield [w.slice(0, i) + h + w.slice(i), 0.4, 'variant', i];
    if (!cheapOnly) for (const a of alphabet) if (!HAMZA_INSERT.includes(a)) yield [w.slice(0, i) + a + w.slice(i), 1, 'edit', i];
  }
}

/** An interrogative hamza put before the word, or a hamza on its article, is never the intention. */
function addedHead(word: string, cand: string): boolean {
  const q = /^[أآإ](?:ال|و|ف|ل)/;
  return q.test(cand) && !q.test(word);
}

/** A known word within reach of the unknown one: its cheapest edit cost and that edit's kind. */
export interface Candidate {
  word: string;
  cost: number;
  kind: EditKind;
}

/**
 * The known words (`isKnown`) within `opts.maxCost` of `word`, in no
 * particular order: the expensive part of a suggestion, and the part that
 * does not depend on how often the document uses each word (`ranked` adds that).
 */
export function candidates(word: string, isKnown: (form: string) => boolean, opts: SuggestOptions): Candidate[] {
  const maxCost = opts.maxCost ?? 1.6;
  const isPrefix = opts.isPrefix ?? (() => true);
  // Only known candidates are kept: a look-up is cheaper than remembering every string made.
  const known = new Map<string, { cost: number; kind: EditKind }>();
  const note = (w: string, cost: number, kind: EditKind) => {
    const k = known.get(w);
    if (k) {
      if (cost < k.cost) known.set(w, { cost, kind });
      return;
    }
    if (w === word || w.length < 2) return;
    if (isKnown(w)) known.set(w, { cost, kind });
  };
  /** Length of the longest prefix of `w` that starts a known word, knowing that the first `from` letters do. */
  const prefixLength = (w: string, from: number) => {
    let n = from;
    while (n < w.length && isPrefix(w.slice(0, n + 1))) n++;
    return n;
  };
  const base = prefixLength(word, 0);
  const from = opts.from ?? 0;
  // An edit right of `base` needs a second edit left of it (within the window) to make a word.
  const to = Math.min(opts.to ?? word.length, base + WINDOW);
  for (const [w1, c1, k1, at] of edits(word, opts.alphabet, false, from, to)) {
    if (c1 > maxCost) continue;
    note(w1, c1, k1);
    if (c1 + 0.3 > maxCost) continue;
    // A second edit at j keeps w1's first j letters, which must start a known word.
    const p1 = prefixLength(w1, Math.min(at, base));
    if (p1 < at - WINDOW) continue;
    for (const [w2, c2, k2] of edits(w1, opts.alphabet, true, at - WINDOW, Math.min(at + WINDOW, p1))) {
      if (c1 + c2 <= maxCost) note(w2, c1 + c2, c1 <= c2 ? k1 : k2);
    }
  }
  return [...known].filter(([w]) => !addedHead(word, w)).map(([w, b]) => ({ word: w, ...b }));
}

/**
 * The best of `found` (candidates of `word`), cheapest first (ties: the
 * better known first, `rank` > 0 for each). `inDocument` tells whether the
 * document uses a form elsewhere: such a word costs less.
 */
export function ranked(found: readonly Candidate[], rank: Rank, opts: { inDocument?: (form: string) => boolean; max?: number }): Suggestion[] {
  const out = found.map((c) => ({ ...c, cost: opts.inDocument?.(c.word) ? Math.max(0.1, c.cost - IN_DOCUMENT) : c.cost, rank: rank(c.word) }));
  out.sort((a, b) => a.cost - b.cost || b.rank - a.rank || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  return out.slice(0, opts.max ?? 5).map(({ word: w, cost, kind }) => ({ word: w, cost: Math.round(cost * 10) / 10, kind }));
}

/**
 * The best known candidates for `word`, cheapest first (ties: the better
 * known first). `inDocument` tells whether the document uses a form
 * elsewhere.
 */
export function suggest(word: string, rank: Rank, opts: SuggestOptions & { inDocument?: (form: string) => boolean }): Suggestion[] {
  return ranked(candidates(word, (w) => rank(w) > 0, opts), rank, opts);
}
