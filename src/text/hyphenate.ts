/**
 * Hyphenation points of left-to-right words (English only: the `hyphen`
 * package's Liang patterns, en-US or en-GB by the language tag). Only a
 * plain lower-case word of Latin letters is divided — never a number, a
 * URL or address piece, a word with a digit, an apostrophe or a hyphen of
 * its own, nor a capitalised word (names: those of the metadata's events
 * and places among them) — and only with `MIN_BEFORE` letters before the
 * break and `MIN_AFTER` after it. The composer adds the hyphen as a glyph
 * without text (compose.ts), so no reader gets a character the source
 * lacks, and moves the text of the word's rest to the line above
 * (`carryRest`), so that readers return the word whole. Where a paragraph
 * may break is decided in lineBreaks.ts.
 */
import { createRequire } from 'node:module';
import { makeRun, makeWord, type Itemized, type ShapedRun, type Word } from './itemize.js';
import type { HyphenCut } from './lineBreaks.js';

/** Letters kept before and after a break (TeX's \lefthyphenmin and \righthyphenmin for English). */
export const MIN_BEFORE = 2;
export const MIN_AFTER = 3;
const SOFT = '\u00AD';
/** Punctuation a word may carry before or after its letters («(freedom),»). */
const LEADING = /^[("'“‘«[]*/u;
const TRAILING = /[)"'”’»\].,;:!?]*$/u;
const PLAIN = /^(?:(?=\p{L})\p{Script=Latin})+$/u;
const LOWER_FIRST = /^\p{Ll}/u;

type Patterns = typeof import('hyphen/en-us/index.js');
/**
 * The patterns are loaded on first use, not with the module: building the
 * two English pattern sets cost ≈ 30–40 ms of CPU in every process that
 * composes, though only English text is hyphenated (docs/performance.md,
 * "Start-up"). A `require` made by `createRequire`, which
 * the bundler leaves alone: the bundle loads them from node_modules.
 */
const requirePatterns = createRequire(import.meta.url);
const loaded = new Map<string, Patterns>();
const patterns = (id: 'hyphen/en-us/index.js' | 'hyphen/en-gb/index.js'): Patterns => {
  let p = loaded.get(id);
  if (!p) loaded.set(id, (p = requirePatterns(id) as Patterns));
  return p;
};

/** The patterns for a language tag, or none (the language is not hyphenated). */
function patternsFor(lang: string | undefined): ((word: string) => string) | undefined {
  const tag = (lang ?? '').toLowerCase();
  if (tag === 'en-gb' || tag.startsWith('en-gb-')) return (w) => patterns('hyphen/en-gb/index.js').hyphenateSync(w, { hyphenChar: SOFT, minWordLength: MIN_BEFORE + MIN_AFTER });
  if (tag === 'en' || tag.startsWith('en-')) return (w) => patterns('hyphen/en-us/index.js').hyphenateSync(w, { hyphenChar: SOFT, minWordLength: MIN_BEFORE + MIN_AFTER });
  return undefined;
}

/**
 * Where each word may be divided: paragraph offsets (UTF-16) of the letter
 * after each break, in order; none for a word that must stay whole. `words`
 * are itemize's: a word that continues a token broken with no space (a URL's
 * pieces, an emergency break) is never divided.
 */
export function hyphenPoints(text: string, words: readonly Word[], lang: string | undefined): number[][] {
  const hyphenate = patternsFor(lang);
  return words.map((w, i) => {
    if (!hyphenate || w.emergency || (w.spaceWidth === 0 && !w.hardBreak && i < words.length - 1)) return [];
    const before = words[i - 1];
    if (before && before.spaceWidth === 0 && !before.hardBreak) return [];
    if (w.runs.some((r) => r.level % 2 === 1)) return [];
    const token = text.slice(w.start, w.end);
    const lead = LEADING.exec(token)![0].length;
    const core = token.slice(lead, token.length - TRAILING.exec(token.slice(lead))![0].length);
    if (!PLAIN.test(core) || !LOWER_FIRST.test(core)) return [];
    const parts = hyphenate(core).split(SOFT);
    if (parts.join('') !== core) return [];
    const out: number[] = [];
    let at = w.start + lead;
    for (const part of parts.slice(0, -1)) {
      at += part.length;
      const from = at - (w.start + lead);
      if (from >= MIN_BEFORE && core.length - from >= MIN_AFTER) out.push(at);
    }
    return out;
  });
}

/** The hyphen drawn at the end of a divided word's first part: the font's hyphen glyph, without text (the source has no hyphen there). */
function hyphenRun(items: Itemized, at: number, lang: string | undefined): ShapedRun {
  const style = items.styleAt(at - 1);
  const font = style.fonts.find((f) => f.covers(HYPHEN)) ?? style.fonts[0];
  const run = makeRun('-', 0, font, style, 0, 1, lang);
  return { ...run, start: at, end: at, glyphs: run.glyphs.map((g) => ({ ...g, cluster: at, text: '' })) };
}

const HYPHEN = 0x2d;

/** Each word's cuts for the line breaker (lineBreaks.ts): where, the width before, the hyphen's width. */
export function hyphenCuts(items: Itemized, lang: string | undefined): HyphenCut[][] {
  const { text, words } = items;
  return hyphenPoints(text, words, lang).map((points, i) => {
    if (!points.length) return [];
    const w = words[i];
    // The part before a cut as wordPart draws it: shaped on its own (no kern across the cut).
    // No cut whose rest, carried into the hyphen's box (carryRest), would fill it with the gaps between like letters alone.
    return points
      .map((at) => ({ at, before: partWidth(items, w.start, at, lang), hyphen: hyphenRun(items, at, lang).width }))
      .filter((c) => sameLetterSpan(items.text.slice(c.at, w.end)) * items.styleAt(c.at).size <= c.hyphen * CARRY_ROOM);
  });
}

/** The width of text[from, to) shaped on its own, as wordPart shapes a part. */
const partWidth = (items: Itemized, from: number, to: number, lang: string | undefined): number =>
  makeWord(items.text, items.levels, items.styleAt, from, to, to, false, lang).width;

/**
 * The part of word `w` from `from` to `to` on one line, shaped on its own,
 * with a hyphen after it when the word goes on on the next line; the part
 * that ends the word keeps its space and breaks.
 */
export function wordPart(items: Itemized, w: Word, from: number, to: number, lang: string | undefined): Word {
  const part = makeWord(items.text, items.levels, items.styleAt, from, to, to, false, lang);
  if (to === w.end) return { ...part, spaceWidth: w.spaceWidth, spaceLevel: w.spaceLevel, hardBreak: w.hardBreak, keepWithNext: w.keepWithNext, fixedSpace: w.fixedSpace };
  const hyphen = hyphenRun(items, to, lang);
  return { ...part, runs: [...part.runs, hyphen], width: part.width + hyphen.width, hyphenated: true };
}

/** What `carryRest` reads and sets of a positioned glyph (compose.ts's PositionedGlyph, which imports this module). */
interface CarriedGlyph {
  x: number;
  /** HarfBuzz's offset (compose.ts): a carried letter has none, its box is where it is put. */
  dx?: number;
  advance: number;
  scaleX: number;
  size: number;
  text: string;
  word: number;
  space: boolean;
  hidden?: boolean;
}

/** The share of the hyphen's box that the gaps between like letters of a carried rest may take. */
const CARRY_ROOM = 0.75;
/** Least distance between a hidden letter and the same letter before it, em. */
const SAME_GAP = 0.12;

/** Where each carried letter starts from `x`, at `k` × its advance, but at least SAME_GAP after the last copy of itself. */
function carriedPlaces(texts: readonly CarriedGlyph[], x: number, k: number): number[] {
  const xs: number[] = [];
  const lastAt = new Map<string, number>();
  for (const g of texts) {
    const same = lastAt.get(g.text);
    if (same !== undefined) x = Math.max(x, same + SAME_GAP * g.size);
    xs.push(x);
    lastAt.set(g.text, x);
    x += g.advance * k;
  }
  return xs;
}

/** How much of a hyphen's width the gaps between like letters of a carried rest take at the least (carryRest), em. */
export function sameLetterSpan(rest: string): number {
  const xs = carriedPlaces([...rest].map((text) => ({ text, advance: 0, size: 1 }) as CarriedGlyph), 0, 0);
  return xs.length ? xs[xs.length - 1] : 0;
}

/**
 * What readers return for a divided word. A line break inside it is all
 * they could otherwise be given (no reader joins two lines without a hyphen
 * character, and the hyphen has no text): «inter⏎national». So the rest of
 * the word («national») is drawn on its own line as a picture (its glyphs
 * without text: outlines, like a kashida) and its text is carried on the line
 * above, as hidden glyphs (render mode 3) squeezed into the hyphen's box,
 * after the first part and before the hyphen: every reader then reads
 * «international» at the end of the first line, in stream and in x order.
 * `word`: the divided word's index, its glyphs' `word` on both lines.
 */
export function carryRest<G extends CarriedGlyph, L extends { glyphs: G[]; hyphenated?: boolean }>(above: L, below: L, word: number): [L, L] {
  const hyphen = above.glyphs[above.glyphs.length - 1];
  const rest = below.glyphs.filter((g) => g.word === word && !g.space);
  if (!rest.length || hyphen.text !== '' || !above.hyphenated) return [above, below];
  const texts = rest.filter((g) => g.text !== '');
  // Squeezed into the hyphen's box, but poppler drops a letter within 0.1 em
  // of the same letter before it in the word (fake bold): a letter starts at
  // least SAME_GAP after the last copy of itself («ss», «rar»), and the glyph
  // before it is widened to reach it, so no reader sees a gap there (mutool
  // 1.21 reads one as a space). The copies still keep to the hyphen's box,
  // so nothing reaches past the measure, not even text without ink: where
  // those gaps leave too little room at the letters' own proportions, the
  // letters are squeezed further (hyphenCuts offers no cut whose gaps alone
  // would overfill the box).
  const total = Math.max(texts.reduce((a, g) => a + g.advance, 0), 1e-6);
  const end = hyphen.x + hyphen.advance;
  let k = hyphen.advance / total;
  let xs = carriedPlaces(texts, hyphen.x, k);
  if (xs[xs.length - 1] + texts[texts.length - 1].advance * k > end + 1e-6) {
    const gaps = carriedPlaces(texts, hyphen.x, 0);
    k = Math.max(0, end - gaps[gaps.length - 1]) / total;
    xs = carriedPlaces(texts, hyphen.x, k);
  }
  const carried: G[] = texts.map((g, i) => {
    const advance = i + 1 < texts.length ? xs[i + 1] - xs[i] : Math.max(0, Math.min(g.advance * k, end - xs[i]));
    return { ...g, x: xs[i], ...(g.dx ? { dx: 0 } : {}), advance, scaleX: (g.scaleX * advance) / Math.max(g.advance, 1e-6), hidden: true };
  });
  const pictures = new Set(rest);
  return [
    { ...above, glyphs: [...above.glyphs.slice(0, -1), ...carried, hyphen] },
    { ...below, glyphs: below.glyphs.map((g) => (pictures.has(g) ? { ...g, text: '' } : g)) },
  ];
}
