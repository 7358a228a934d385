/**
 * Where a point's text may be divided between the slides of a carousel, or
 * end in the excerpt of a link card: after a sentence (. ؟ ! ?, or a
 * paragraph's end, a sub-item ending in «؛» too), else after
 * a clause (، ؛ , ; :), else between words — never inside a word, a number
 * ("3.5"), or an open quotation or bracket. Pure; no layout here: the caller
 * says what fits.
 */

const SENTENCE = /[.؟!?۔]/u;
const CLAUSE = /[،؛,;:]/u;
/** Whether the whitespace at `at` holds a line break: a paragraph (or sub-item) ends there. */
const endsParagraph = (text: string, at: number) => /^[^\S\n]*\n/u.test(text.slice(at, at + 8));
const CLOSERS = new Set([...'"»”’)]}']);
const PAIRS: ReadonlyArray<readonly [string, string]> = [['(', ')'], ['[', ']'], ['{', '}'], ['«', '»'], ['“', '”']];

/** Break opportunities of a text as end offsets of the text before them (whitespace after them is skipped by the caller). */
export interface Boundaries {
  sentence: number[];
  clause: number[];
  word: number[];
}

/**
 * The places a text may be divided, in order, each as the offset where the
 * text before it ends. A place counts only when quotes and brackets opened
 * before it are closed; the text's own end is not one.
 */
export function boundaries(text: string): Boundaries {
  const out: Boundaries = { sentence: [], clause: [], word: [] };
  const balance = new Balance(text);
  const contentEnd = text.trimEnd().length;
  for (let i = 0; i < contentEnd; i++) {
    if (!/\s/u.test(text[i]) || i === 0 || /\s/u.test(text[i - 1])) continue;
    // The text before this run of whitespace ends at i.
    if (!balance.upTo(i)) continue;
    let j = i - 1;
    while (j > 0 && CLOSERS.has(text[j])) j--;
    // A paragraph's end is a sentence's, whatever ends it (a sub-item's «؛»).
    if (SENTENCE.test(text[j]) || endsParagraph(text, i)) out.sentence.push(i);
    else if (CLAUSE.test(text[j])) out.clause.push(i);
    out.word.push(i);
  }
  return out;
}

/**
 * Whether quotes and brackets opened in a prefix of the text are closed in
 * it (as many closers as openers of each pair, an even number of straight
 * quotes), for prefixes of growing length: each character is counted once.
 */
class Balance {
  private at = 0;
  private straight = 0;
  private readonly open = new Map<string, number>();
  constructor(private readonly text: string) {}
  upTo(end: number): boolean {
    for (; this.at < end; this.at++) {
      const c = this.text[this.at];
      if (c === '"') this.straight++;
      for (const [o, cl] of PAIRS) {
        if (c === o) this.open.set(o, (this.open.get(o) ?? 0) + 1);
        else if (c === cl) this.open.set(o, (this.open.get(o) ?? 0) - 1);
      }
    }
    return this.straight % 2 === 0 && [...this.open.values()].every((n) => n === 0);
  }
}

/** The largest of `ends` (ascending) for which `fits` holds, by binary search and a check upwards (line breaking is nearly, not strictly, monotone). */
function largestFitting(ends: number[], fits: (end: number) => boolean): number | undefined {
  let lo = 0;
  let hi = ends.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (fits(ends[mid])) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (best < 0) return undefined;
  while (best + 1 < ends.length && fits(ends[best + 1])) best++;
  return ends[best];
}

/** A sentence break is preferred unless a clause break lets a slide hold this much more (as a share of it). */
const SENTENCE_FILL = 0.6;
/** `sentenceFill` for a carousel's slides (`divideEvenly`): a sentence end whenever one fits. */
const SENTENCE_FIRST = 0;

/**
 * The longest piece of `text` from `start` that `fits`, ending at a sentence
 * break (or a clause break when that holds much more, or when no sentence
 * break fits), else at a word break; undefined when not even a word fits.
 * `maxLength` bounds the candidates tried (no slide holds more characters).
 */
export function longestPiece(text: string, b: Boundaries, start: number, fits: (end: number) => boolean, maxLength = Infinity, sentenceFill = SENTENCE_FILL): number | undefined {
  const within = (ends: number[]) => ends.filter((e) => e > start && e - start <= maxLength);
  const sentence = largestFitting(within(b.sentence), fits);
  const clause = largestFitting(within([...b.sentence, ...b.clause].sort((x, y) => x - y)), fits);
  if (sentence !== undefined && (clause === undefined || sentence - start >= sentenceFill * (clause - start))) return sentence;
  if (clause !== undefined) return clause;
  return largestFitting(within(b.word), fits);
}

/** The offset after the whitespace at `at`. */
const skipSpace = (text: string, at: number): number => {
  while (at < text.length && /\s/u.test(text[at])) at++;
  return at;
};

/**
 * A text divided into slides, filled in order: every slide but the last
 * must satisfy `fitsMid`, the last `fitsLast` (it has no "continued" label).
 * Each piece ends at the best break `longestPiece` finds. Undefined when
 * some piece cannot hold even one word.
 */
export function divide(
  text: string,
  fitsMid: (piece: string) => boolean,
  fitsLast: (piece: string) => boolean,
  maxLength = Infinity,
): string[] | undefined {
  return fill(text, boundaries(text), fitsMid, fitsLast, maxLength);
}

/**
 * Fills slides in order. `limit(index, start, piece)`, when given, is one more
 * condition on the piece of every slide but the last, and `most` the most
 * slides wanted: undefined when more are needed (or a piece cannot hold a
 * word). `sentenceFill`: how much shorter than a clause's a sentence's piece
 * may be and still be preferred (`longestPiece`; 1: the longest piece at either).
 */
function fill(
  text: string,
  b: Boundaries,
  fitsMid: (piece: string) => boolean,
  fitsLast: (piece: string) => boolean,
  maxLength: number,
  most = Infinity,
  limit: (index: number, start: number, piece: string) => boolean = () => true,
  sentenceFill = SENTENCE_FILL,
): string[] | undefined {
  const end = text.trimEnd().length;
  const pieces: string[] = [];
  let start = skipSpace(text, 0);
  while (start < end) {
    const rest = text.slice(start, end);
    if (rest.length <= maxLength && fitsLast(rest) && (pieces.length === most - 1 || limit(pieces.length, start, rest))) {
      pieces.push(rest);
      return pieces;
    }
    if (pieces.length >= most - 1) return undefined;
    const index = pieces.length;
    const cut = longestPiece(text, b, start, (e) => limit(index, start, text.slice(start, e)) && fitsMid(text.slice(start, e)), maxLength, sentenceFill);
    if (cut === undefined) return undefined;
    pieces.push(text.slice(start, cut));
    start = skipSpace(text, cut);
  }
  return pieces;
}

/**
 * A text divided into slides that open at sentence ends where they can
 * (undefined exactly when `divide` gives undefined: the card-fit check
 * relies on it), the text spread between them as evenly as the breaks
 * allow. The count: the fill that ends each slide at the last sentence end
 * that fits, at a clause only when no sentence end does (a sentence longer
 * than a slide). Before (December 2026) the count was the fewest slides
 * whole clauses allow, and slides opened mid-sentence to save one:
 * stress-en and udhr-en 5 on the square card cut two sentences at a comma
 * (page review, session 16). Filled in order, each slide may take at most
 * its share of the lines still to place (`lines(piece)`: the lines a piece
 * is set in) plus a slack; every slack from 0 to the fullest slide of the
 * plain fill is tried, each filling with either preference (a sentence end
 * whenever one fits, or the longest piece at any sentence or clause end). The division kept leaves no slide under `MIN_LINES`
 * where it can, then cuts the fewest sentences (clause breaks); then the
 * fewest faults of reading, each slide but the last's line short of `FULL`
 * of its room (`roomLines`, at the emptiest) counted with each slide ending
 * on a sentence that leads into the next; then the
 * divisions whose emptiest slide has at least `EVEN` of the lines of the
 * fullest; then the one that divides the fewest paragraphs between slides
 * (a slide ends where a paragraph does when that costs nothing above); then
 * the one whose fullest slide has the fewest lines, then whose emptiest has
 * the most. Ties keep the first found. None ends between words more often
 * than the fill it started from.
 */
export function divideEvenly(
  text: string,
  fitsMid: (piece: string) => boolean,
  fitsLast: (piece: string) => boolean,
  lines: (piece: string) => number,
  maxLength = Infinity,
  roomLines = Infinity,
): string[] | undefined {
  const b = boundaries(text);
  const base = fill(text, b, fitsMid, fitsLast, maxLength, Infinity, undefined, SENTENCE_FIRST);
  if (!base || base.length < 2) return base;
  const count = base.length;
  const perChar = base.reduce((a, p) => a + lines(p), 0) / base.reduce((a, p) => a + p.length, 0);
  const end = text.trimEnd().length;
  const score = (pieces: string[]) => {
    const n = pieces.map(lines);
    const [most, least] = [Math.max(...n), Math.min(...n)];
    const { clauses, paragraphs, leads } = division(text, pieces, b, lines);
    // The lines a slide but the last lacks of `FULL` of its room, at the emptiest (the last may end short).
    const lacks = Math.max(0, Math.ceil(FULL * roomLines - 1e-9) - Math.min(...n.slice(0, -1)));
    return [least < MIN_LINES ? 1 : 0, clauses, lacks + leads, evenEnough(n) ? 0 : 1, paragraphs, most, -least];
  };
  let best = { pieces: base, score: score(base) };
  // Every division at sentence ends into as many slides, when the fill needed no other break: the fill below
  // takes each slide's share in order and missed the even ones (stress-en 5 on the square card: slides of 4, 8,
  // 6, 5, 6, 6 and 4 lines, «Several delegates asked what a “short list” means in practice.» ending one).
  if (!cuts(base).clauses && !cuts(base).words) {
    for (const pieces of sentenceDivisions(text, b, count, fitsMid, fitsLast, maxLength)) {
      const sc = score(pieces);
      if (lexLess(sc, best.score)) best = { pieces, score: sc };
    }
  }
  const words = ends(base, WORD_END);
  const fullest = Math.max(...base.map(lines));
  for (let slack = 0; slack < fullest; slack++) {
    // A slide's share: the lines still to place (estimated from the characters) over the slides left.
    const limit = (index: number, start: number, piece: string) => lines(piece) <= Math.ceil(((end - start) * perChar) / (count - index) - 1e-9) + slack;
    // (Preferring clauses too: a sentence is cut only where that spares a starved slide, the score's first test.)
    for (const sentenceFill of [SENTENCE_FIRST, 1]) {
      const pieces = fill(text, b, fitsMid, fitsLast, maxLength, count, limit, sentenceFill);
      if (!pieces || ends(pieces, WORD_END) > words) continue;
      const sc = score(pieces);
      if (lexLess(sc, best.score)) best = { pieces, score: sc };
    }
  }
  return best.pieces;
}

/**
 * Of a division's pieces but the last, how many end inside a paragraph (the
 * text after them goes on without a line break), how many of those after
 * a clause (a sentence cut; a sub-item's «؛» at its paragraph's end is none),
 * and how many end on a sentence that leads into the next slide (`leads`):
 * a question («?», «؟»), or a paragraph's first sentence when the paragraph
 * goes on («We agreed on a middle way.» / «A shop publishes…»).
 */
function division(text: string, pieces: string[], b: Boundaries, lines: (piece: string) => number): { clauses: number; paragraphs: number; leads: number } {
  let at = 0;
  const out = { clauses: 0, paragraphs: 0, leads: 0 };
  for (const piece of pieces.slice(0, -1)) {
    at = text.indexOf(piece, at) + piece.length;
    if (QUESTION_END.test(piece)) out.leads++;
    if (endsParagraph(text, at)) continue;
    out.paragraphs++;
    if (CLAUSE_END.test(piece)) out.clauses++;
    else if (!QUESTION_END.test(piece)) {
      // A paragraph's first sentence, of a line or two, that the paragraph goes on from: it leads into the next slide.
      const from = text.lastIndexOf('\n', at - 1) + 1;
      if (!b.sentence.some((e) => e > from && e < at) && lines(text.slice(from, at)) <= LEAD_LINES) out.leads++;
    }
  }
  return out;
}

/** The longest first sentence of a paragraph that reads as leading into the rest (`division`): a slide does not end on it. */
const LEAD_LINES = 2;
const QUESTION_END = /[?؟]["»”’)\]}]*$/u;

/** Most divisions `sentenceDivisions` goes through: a long point's slides are many, its sentences more. */
const DIVISIONS_MAX = 20000;

/**
 * The divisions of `text` into `count` pieces that each end at a sentence end
 * (`b.sentence`) and fit their slide (the last `fitsLast`, the others
 * `fitsMid`), in order; at most DIVISIONS_MAX of them.
 */
function* sentenceDivisions(text: string, b: Boundaries, count: number, fitsMid: (piece: string) => boolean, fitsLast: (piece: string) => boolean, maxLength: number): Generator<string[]> {
  const end = text.trimEnd().length;
  let left = DIVISIONS_MAX;
  const pieces: string[] = [];
  function* from(start: number): Generator<string[]> {
    if (left <= 0) return;
    if (pieces.length === count - 1) {
      const rest = text.slice(start, end);
      if (rest.length <= maxLength && fitsLast(rest)) {
        left--;
        yield [...pieces, rest];
      }
      return;
    }
    let misses = 0;
    for (const e of b.sentence) {
      if (e <= start) continue;
      if (e - start > maxLength || misses > 1) break;
      const piece = text.slice(start, e);
      // (Line breaking is nearly, not strictly, monotone: one more sentence is tried after a piece that does not fit.)
      if (!fitsMid(piece)) {
        misses++;
        continue;
      }
      pieces.push(piece);
      yield* from(skipSpace(text, e));
      pieces.pop();
    }
  }
  yield* from(skipSpace(text, 0));
}

/** Even enough: the emptiest slide has this share of the fullest one's lines. */
const EVEN = 0.6;
/** Whether slides of these line counts are even enough (`EVEN`). */
export const evenEnough = (lines: number[]) => Math.min(...lines) >= EVEN * Math.max(...lines);
/**
 * A slide but the last filled to less than this share of the lines its room
 * holds reads as half empty: each line it lacks weighs as much as a slide
 * ending on a leading sentence, and comes before keeping paragraphs whole
 * (stress-fa 2 and 12 and udhr-fa 26 on the square card had a first slide of
 * 3–5 lines of 7–9 to keep a paragraph whole or its opening sentence with it,
 * page review, session 18; stress-en 5 keeps its question with its answer,
 * slides of 4 lines of 8 against three leads).
 */
const FULL = 2 / 3;
/** A slide of fewer lines is starved: a sentence is cut (at a clause) to spare one. */
const MIN_LINES = 2;

/** Whether `a` comes before `b`, compared element by element (scores, faults). */
export const lexLess = (a: number[], b: number[]) => {
  const i = a.findIndex((x, k) => x !== b[k]);
  return i >= 0 && a[i] < b[i];
};

/** How many of a division's pieces but the last end after a clause (a sentence cut) and between words (neither a sentence nor a clause). */
export const cuts = (pieces: string[]) => ({ clauses: ends(pieces, CLAUSE_END), words: ends(pieces, WORD_END) });

/** How many pieces but the last end as `re` says: after a clause, or between words (neither a sentence nor a clause). */
const ends = (pieces: string[], re: RegExp) => pieces.slice(0, -1).filter((p) => re.test(p)).length;
const CLAUSE_END = /[،؛,;:]["»”’)\]}]*$/u;
const WORD_END = /[^.؟!?۔،؛,;:"»”’)\]}]$/u;
