/**
 * The paragraph composer: styled text + a measure → lines of positioned glyphs.
 *
 *   itemize (bidi, UAX #14 words, HarfBuzz runs)
 *   → Knuth–Plass line breaking over the measured words
 *   → per-line justification: spaces within bounds, then kashida, then spaces
 *   → bidi reordering of the line's runs (UAX #9 L2) and glyph positions.
 *
 * Glyphs come out in logical order (the order a reader reads them) with their
 * absolute positions, so renderers can draw in logical order, which keeps text
 * extraction right, while the picture is the visual one.
 */
import { addressBreakCost, itemize, stretchingSpace, type Itemized, type ShapedRun, type StyledSpan, type Word } from './itemize.js';
import { isVerbatimToken, tokenCore } from './addresses.js';
import type { LoadedFont } from './fonts.js';
import { bestCandidate, chooseKashidas, DEFAULT_KASHIDAS_PER_LINE, insertKashida, type Candidate } from './kashidaPlacement.js';
import { isPersianLang, persianWords, type ClauseWord } from './clauseLanguage.js';
import { breakHyphenated, breakWords, indentOf, runtWord, type LineEnd } from './lineBreaks.js';
import { carryRest, hyphenCuts, wordPart } from './hyphenate.js';
import { DEFAULT_MAX_SPACE, JUSTIFY_ANYWAY_MAX, justifies, type ComposeOptions } from './options.js';
import { reorderPieces } from './reorder.js';
import { advanceSpan } from './advanceSpan.js';

export type { Align, ComposeOptions, JustifyMode } from './options.js';

export interface PositionedGlyph {
  font: LoadedFont;
  size: number;
  gid: number;
  /** Origin of the drawn glyph, pt from the line's left edge. */
  x: number;
  /**
   * HarfBuzz's x offset, pt, when not 0: the glyph is drawn this far right of
   * its pen position, `x − dx`, where its advance starts (advanceSpan).
   * Amiri kerns a «و» or «ر» before «يـ» so (GPOS placement and advance
   * alike, +122 units: 1.7 pt at 14 pt): the advance is wider and the
   * outline moves right by as much, so its right edge stays where the
   * unkerned glyph's would be, and the added room is on its left.
   */
  dx?: number;
  /** Offset above the baseline in pt (HarfBuzz y, up). */
  y: number;
  /** Drawn advance in pt (scaled for kashida). */
  advance: number;
  scaleX: number;
  /** Source characters for ToUnicode (U+0640 for a kashida). */
  text: string;
  /** UTF-16 offset of the cluster in the paragraph text. */
  offset: number;
  /** Bidi level of the run the glyph belongs to. */
  level: number;
  /** Index of the word (UAX #14 segment) in the paragraph. */
  word: number;
  kashida: boolean;
  /** A blank word space (drawn so extractors see the space; cards skip it). */
  space: boolean;
  /**
   * Text without a picture: drawn invisibly (render mode 3) for the readers,
   * never painted (cards skip it). The rest of a divided word, carried at its
   * hyphen so that readers return the word whole (hyphenate.ts `carryRest`).
   */
  hidden?: boolean;
  /** Fill colour from the span's style; the block's colour when absent. */
  color?: string;
}

export interface ComposedLine {
  /** Glyphs in logical order. */
  glyphs: PositionedGlyph[];
  /** Text range of the line in the paragraph. */
  start: number;
  end: number;
  /**
   * Width the line occupies: the measure when justified, its content's width
   * otherwise, and always its content's when that is wider than the measure
   * (an overfull line: a word that cannot be broken and nothing left to shrink).
   */
  width: number;
  naturalWidth: number;
  ascent: number;
  descent: number;
  last: boolean;
  /**
   * Set to both edges: not a paragraph's last line, nor a ragged paragraph's,
   * nor a line set at its start edge for want of a word space (trackingFor).
   * A loose line set `short` counts as justified (its spaces at their widest).
   */
  justified: boolean;
  kashidas: number;
  /** Final inter-word space as a multiple of the natural space (1 = natural). */
  spaceRatio: number;
  /** Left edges and widths of the kashidas set in this line (for avoiding stacks). */
  kashidaSpans: Array<[number, number]>;
  /** Justifying needs spaces wider than the theme's maximum: the line is justified with them (or, past JUSTIFY_ANYWAY_MAX, set `short`) and reported (W-LINE-LOOSE). */
  loose?: boolean;
  /** A loose line that would need spaces past JUSTIFY_ANYWAY_MAX: set short at its start edge, its spaces at the theme's widest (W-LINE-LOOSE says which). */
  short?: boolean;
  /** Persian words took keshideh, the last resort, to keep the spaces within their widest (a statement size is not chosen for such a line). */
  lastResort?: boolean;
  /** The line ends in a divided word, a hyphen (a glyph without text) added: src/text/hyphenate.ts. */
  hyphenated?: boolean;
}

export interface ComposedParagraph {
  text: string;
  dir: 'rtl' | 'ltr';
  measure: number;
  lines: ComposedLine[];
}

/**
 * How many of a composed text's paragraphs (split at its line breaks) of two
 * lines or more end in a line of one word (a runt), the end of a divided word
 * or of a broken address not counted, nor in ragged text (no line justified)
 * a word of LONG_LAST_WORD of the measure or more (runtWord): what the line
 * breaker's avoidRunts avoids where it can (lineBreaks.ts), read back from
 * the lines.
 */
export function runts(para: ComposedParagraph): number {
  const ragged = !para.lines.some((l) => l.justified);
  let count = 0;
  let lines = 0;
  for (const l of para.lines) {
    lines++;
    const s = para.text.slice(l.start, l.end);
    if (!l.last && !s.endsWith('\n') && para.text[l.end] !== '\n') continue;
    const afterSpace = /\s/u.test(para.text[l.start - 1] ?? '');
    if (lines >= 2 && afterSpace && !/\s/u.test(s.trim()) && runtWord(l.naturalWidth / para.measure, ragged)) count++;
    lines = 0;
  }
  return count;
}

/**
 * The cost (addressBreakCost, itemize.ts) of each line end of a composed
 * text that falls inside an address (a URL or an e-mail address, a file
 * name, a hash: isVerbatimToken), the address cut between two lines: after
 * a «/» in the path cheapest, «https://en» / «.wikipedia…» or
 * «info@example» / «.org.» dear. Read back from the lines.
 */
export function addressCuts(para: ComposedParagraph): number[] {
  const t = para.text;
  const space = (c: string | undefined) => c === undefined || /\s/u.test(c);
  const costs: number[] = [];
  for (const l of para.lines) {
    if (l.last || space(t[l.end - 1]) || space(t[l.end])) continue;
    let a = l.end;
    while (!space(t[a - 1])) a--;
    let b = l.end;
    while (!space(t[b])) b++;
    const [from, to] = tokenCore(t.slice(a, b));
    if (isVerbatimToken(t.slice(a, b)) && a + from < l.end && l.end < a + to) costs.push(addressBreakCost(t, a, b)(l.end));
  }
  return costs;
}

/**
 * A kashida's width, in tatweels: at most two, as a reader of a book expects
 * (three read as a gap inside the word: «للمصـــطلح»); the rest goes to the
 * spaces. The breaker plans with the same bound (lineBreaks.ts).
 */
const DEFAULT_KASHIDA = { min: 0.3, max: 2 };
/** The widest a kashida gets, in tatweels, on a line that would else be set loose (spaces past theme.space.max). */
const LOOSE_KASHIDA = 3;
const BIDI_CONTROL = /^[\u200E\u200F\u202A-\u202E\u2066-\u2069]+$/;

export function composeParagraph(spans: StyledSpan[], opts: ComposeOptions): ComposedParagraph {
  const items = itemize(spans, opts.dir, opts.lang, opts.measure, opts.wholeWords, opts.wholeAddresses);
  const { words, text } = items;
  if (!words.length) return { text, dir: opts.dir, measure: opts.measure, lines: [] };
  // The caller's soft ties (ComposeOptions.softTies, each where a word's space starts): the word keeps with the next where it can.
  if (opts.softTies?.length) {
    const at = new Set(opts.softTies);
    for (const w of words) if (w.spaceWidth > 0 && !w.hardBreak && at.has(w.end)) w.leans = true;
  }
  const kashidaOn = opts.align === 'justify' && opts.justify === 'kashida';
  const bounds = opts.kashida ?? DEFAULT_KASHIDA;
  const { candidates, lastResort } = kashidaCandidates(text, words, kashidaOn, opts);
  const addresses = opts.dir === 'rtl' && opts.align === 'justify' ? items.addresses : [];

  const stretch = candidates.map((c) => (c ? c.tatweelWidth * bounds.max : undefined));
  // Hyphenation: left-to-right paragraphs only (never a centred title), by the language's patterns (hyphenate.ts).
  const cuts = opts.hyphenate && !opts.wholeWords && opts.dir === 'ltr' && opts.align !== 'center' && !kashidaOn ? hyphenCuts(items, opts.lang) : undefined;
  const ends: LineEnd[] = opts.align === 'center'
    ? balancedBreaks(words, opts).map((word) => ({ word }))
    : cuts?.some((c) => c.length) ? breakHyphenated(words, cuts, opts) : breakWords(words, stretch, opts).map((word) => ({ word }));
  const shown = opts.displayAddresses && opts.dir === 'rtl' && justifies(opts) ? addressLines(words, ends, addresses) : [];
  const lines: ComposedLine[] = [];
  let previousKashidas: Array<[number, number]> = [];
  let first = 0;
  // Where the line's first word starts when the line before divided it.
  let from: number | undefined;
  for (let li = 0; li < ends.length; li++) {
    const { word: last, at } = ends[li];
    const isLast = at === undefined && (li === ends.length - 1 || words[last].hardBreak);
    const { lineWords, lineCandidates, lineLastResort } = lineSlice(items, { first, last, from, at }, { candidates, lastResort }, opts.lang);
    const indent = indentAt(words, ends, li, opts);
    let line = setLine(text, lineWords, lineCandidates, lineLastResort, {
      ...opts,
      measure: opts.measure - indent,
      isLast,
      firstWord: first,
      previousKashidas,
      bounds,
      address: addresses.some(([a, b]) => a < words[last].end && b > words[first].start),
      ...(shown[li + 1] ? { beforeAddress: true } : {}),
    });
    if (indent > 0) line = indented(line, indent, opts.dir);
    // The rest of a word divided on the line before: its text goes there (hyphenate.ts).
    if (from !== undefined) [lines[li - 1], line] = carryRest(lines[li - 1], line, first);
    previousKashidas = line.kashidaSpans;
    lines.push(line);
    first = at === undefined ? last + 1 : last;
    from = at;
  }
  return { text, dir: opts.dir, measure: opts.measure, lines };
}

/**
 * Each word's kashida candidate (none unless the paragraph is justified with
 * kashida), and, for a Persian word that has none, its last resort. The rule
 * follows each word's language, not the document's: a Persian clause of a
 * paragraph justified with kashida (clauseLanguage.ts) is justified as Persian
 * is, with spaces, keshideh only as the last resort (setLine); a Persian
 * document that asks for kashida gets them in every word. Justified with
 * spaces (a Persian document's default), no word takes a kashida at all: the
 * line is justified with wider spaces, or set short and reported (W-LINE-LOOSE).
 */
function kashidaCandidates(
  text: string,
  words: Word[],
  kashidaOn: boolean,
  opts: ComposeOptions,
): { candidates: Array<Candidate | undefined>; lastResort: Array<Candidate | undefined> } {
  const persian = kashidaOn && opts.dir === 'rtl' ? persianWords(text, clauseWords(text, words), opts.lang) : [];
  const persianDocument = isPersianLang(opts.lang);
  const candidates = kashidaOn ? words.map((w, i) => (persian[i] && !persianDocument ? undefined : bestCandidate(text, w, i))) : [];
  const lastResort = words.map((w, i) => (persian[i] && !candidates[i] ? bestCandidate(text, w, i) : undefined));
  return { candidates, lastResort };
}

/**
 * The words of one line, `first` to `last`, with their kashida candidates and
 * last resorts: a word divided at the line's start (`from`, where the line
 * before divided it) or end (`at`) is the part on this line, without a
 * candidate or last resort (a part of a word takes no kashida).
 */
function lineSlice(
  items: Itemized,
  { first, last, from, at }: { first: number; last: number; from: number | undefined; at: number | undefined },
  { candidates, lastResort }: { candidates: Array<Candidate | undefined>; lastResort: Array<Candidate | undefined> },
  lang: string | undefined,
): { lineWords: Word[]; lineCandidates: Array<Candidate | undefined>; lineLastResort: Array<Candidate | undefined> } {
  const lineWords: Word[] = [];
  const lineCandidates: Array<Candidate | undefined> = [];
  const lineLastResort: Array<Candidate | undefined> = [];
  for (let wi = first; wi <= last; wi++) {
    const w = items.words[wi];
    const a = wi === first && from !== undefined ? from : w.start;
    const b = wi === last && at !== undefined ? at : w.end;
    const whole = a === w.start && b === w.end;
    lineWords.push(whole ? w : wordPart(items, w, a, b, lang));
    lineCandidates.push(whole ? candidates[wi] : undefined);
    lineLastResort.push(whole ? lastResort[wi] : undefined);
  }
  return { lineWords, lineCandidates, lineLastResort };
}

/**
 * Which lines hold only (pieces of) an address (ComposeOptions.displayAddresses):
 * no word space inside the line, every word of it Latin and in an address.
 * Such a line is set at its start edge as any line with no word space is
 * (trackingFor); the line before it is not stretched (`beforeAddress`).
 */
function addressLines(words: Word[], ends: LineEnd[], addresses: ReadonlyArray<readonly [number, number]>): boolean[] {
  let first = 0;
  return ends.map(({ word: last, at }) => {
    const line = words.slice(first, last + 1);
    first = at === undefined ? last + 1 : last;
    return (
      at === undefined &&
      line.slice(0, -1).every((w) => w.spaceWidth === 0) &&
      line.every((w) => !w.runs.some((r) => r.arabic) && addresses.some(([a, b]) => a <= w.start && w.end <= b + 1))
    );
  });
}

/** The words as the Persian rule reads them (clauseLanguage.ts): their letters, the punctuation around them left out (it is what ends a clause). */
function clauseWords(text: string, words: Word[]): ClauseWord[] {
  return words.map((w) => {
    let [a, b] = [w.start, w.end];
    while (a < b && !WORD_CORE.test(text[a])) a++;
    while (b > a && !WORD_CORE.test(text[b - 1])) b--;
    return { start: a, end: b, text: text.slice(a, b), arabic: w.runs.some((r) => r.arabic) };
  });
}
const WORD_CORE = /[\p{L}\p{M}\p{N}\u200C\u0640]/u;

/** The indent of line `li`: the breaker's (indentOf) when the line starts with a whole word, else 0. */
function indentAt(words: Word[], ends: LineEnd[], li: number, opts: ComposeOptions): number {
  if (li === 0) return indentOf(words, 0, opts);
  const before = ends[li - 1];
  return before.at === undefined ? indentOf(words, before.word + 1, opts) : 0;
}

/**
 * A line set `indent` narrower, moved to leave the indent at its start edge:
 * a left-to-right line moves right by it; a right-to-left one, set from the
 * left edge, already leaves it at the right. Its width counts the indent.
 */
function indented(line: ComposedLine, indent: number, dir: 'rtl' | 'ltr'): ComposedLine {
  const dx = dir === 'ltr' ? indent : 0;
  return {
    ...line,
    glyphs: dx ? line.glyphs.map((g) => ({ ...g, x: g.x + dx })) : line.glyphs,
    kashidaSpans: line.kashidaSpans.map(([x, w]): [number, number] => [x + dx, w]),
    width: line.width + indent,
  };
}

/** Narrowest trial measure the balancing search gets within, in pt. */
const BALANCE_PRECISION = 0.5;

/**
 * A centred paragraph (a title, an imprint) is balanced: broken as for the
 * narrowest measure that keeps its number of lines, so that no «Rights» is
 * left alone under a full line. Its lines are still centred on the whole
 * measure. A paragraph with forced breaks keeps the breaks it has. A trial
 * measure that needs more breaks with no space (inside a URL, after a
 * hyphen: src/text/lineBreaks.ts) than the whole measure is too narrow.
 */
function balancedBreaks(words: Word[], opts: ComposeOptions): number[] {
  const breaks = breakWords(words, [], opts);
  if (breaks.length < 2 || words.some((w) => w.hardBreak)) return breaks;
  const inWord = noSpaceBreaks(words, breaks);
  let best = breaks;
  let lo = Math.max(...words.map((w) => w.width));
  let hi = opts.measure;
  while (hi - lo > BALANCE_PRECISION) {
    const mid = (lo + hi) / 2;
    const trial = breakWords(words, [], { ...opts, measure: mid });
    if (trial.length === breaks.length && noSpaceBreaks(words, trial) <= inWord) [best, hi] = [trial, mid];
    else lo = mid;
  }
  return best;
}

/** How many of these breaks fall where there is no space (not a forced break). */
const noSpaceBreaks = (words: Word[], breaks: number[]) => breaks.filter((b) => words[b].spaceWidth === 0 && !words[b].hardBreak).length;

interface LineOptions extends ComposeOptions {
  isLast: boolean;
  firstWord: number;
  previousKashidas: Array<[number, number]>;
  bounds: { min: number; max: number };
  /** The line holds (a piece of) an address: its Latin is letter-spaced before the spaces pass their planned stretch (trackingFor). */
  address: boolean;
  /** The line before a displayed address: it ends where the address begins, unjustified at the start edge. */
  beforeAddress?: boolean;
}

/**
 * Step 4 of justifying a line (setLine): the keshideh Persian words take as
 * the last resort, `over` being what the spaces cannot take within their
 * widest. Never beside a word that has a kashida already (`kashidaAt`), none
 * wider than DEFAULT_KASHIDA's widest, and no more in the line than
 * `kashidaPerLine` counted with those: the words and widths chosen.
 */
function lastResortKashidas(words: Word[], lastResort: Array<Candidate | undefined>, kashidaAt: ReadonlyMap<number, number>, over: number, o: LineOptions): Array<[number, number]> {
  const taken = [...kashidaAt.keys()];
  const free = lastResort.map((c, wi) => (taken.some((k) => Math.abs(k - wi) <= 1) ? undefined : c));
  const bounds = { ...o.bounds, max: Math.min(o.bounds.max, DEFAULT_KASHIDA.max) };
  const most = (o.kashidaPerLine ?? DEFAULT_KASHIDAS_PER_LINE) - kashidaAt.size;
  return chooseKashidas(words, free, over, { ...o, bounds, maxPerLine: most });
}

/** A line's runs and the gaps between its words, each with its bidi level (`word` -1 for a gap). */
type Piece = { run?: ShapedRun; word: number; gap?: number; gapStyle?: ShapedRun; offset?: number; level: number };

/**
 * The glyphs of each piece, placed from `startX` in visual order: a gap as a
 * blank space glyph, a run's glyphs with `tracking` between the letters of
 * consecutive Latin runs (letter-spaced justification).
 */
function positionPieces(text: string, visual: Piece[], startX: number, tracking: number): Map<Piece, PositionedGlyph[]> {
  const positioned = new Map<Piece, PositionedGlyph[]>();
  let x = startX;
  let afterLatin = false;
  for (const piece of visual) {
    if (piece.gap !== undefined) {
      if (piece.gap > 0) afterLatin = false;
      // The gap is drawn as a real space glyph, so that every extractor and
      // copy-paste sees a word space; it is blank, so nothing shows.
      const style = piece.gapStyle!;
      const font = style.style.fonts.find((f) => f.covers(0x20)) ?? style.font;
      positioned.set(piece, [{
        font,
        size: style.style.size,
        gid: font.hb.nominalGlyph(0x20) ?? 0,
        x,
        y: 0,
        advance: piece.gap,
        scaleX: 1,
        text: ' ',
        offset: piece.offset!,
        level: piece.level,
        word: -1,
        kashida: false,
        space: true,
      }]);
      x += piece.gap;
      continue;
    }
    const run = piece.run!;
    const glyphs: PositionedGlyph[] = [];
    const latin = tracking > 0 && isLatinRun(text, run);
    for (const g of run.glyphs) {
      if (g.xAdvance > 0) {
        if (latin && afterLatin) x += tracking;
        afterLatin = latin;
      }
      glyphs.push({
        font: run.font,
        size: run.style.size,
        gid: g.gid,
        x: x + g.xOffset,
        ...(g.xOffset !== 0 ? { dx: g.xOffset } : {}),
        y: g.yOffset + (run.style.rise ?? 0),
        advance: g.xAdvance,
        scaleX: g.scaleX,
        text: g.text,
        offset: g.cluster,
        level: run.level,
        word: piece.word,
        kashida: g.kashida === true,
        space: false,
        color: run.style.color,
      });
      x += g.xAdvance;
    }
    positioned.set(piece, (run.level & 1) === 1 ? glyphs.reverse() : glyphs);
  }
  return positioned;
}

/** A line's words as setLine measures them: the spaces between them, their natural widths, whether the line is to be justified. */
interface LineMeasure {
  text: string;
  words: Word[];
  gaps: number[];
  /** The natural width of the spaces that stretch (all but a Quranic mark's: Word.fixedSpace), and of those that do not. */
  naturalGaps: number;
  fixedGaps: number;
  naturalWidth: number;
  justified: boolean;
  /** The theme's widest space, × the natural one. */
  maxRatio: number;
  o: LineOptions;
}

/** One line: justify, reorder (UAX #9 L2), position. */
function setLine(text: string, words: Word[], candidates: Array<Candidate | undefined>, lastResort: Array<Candidate | undefined>, o: LineOptions): ComposedLine {
  const gaps = words.slice(0, -1).map((w) => w.spaceWidth);
  const stretching = words.slice(0, -1).map(stretchingSpace);
  const naturalGaps = stretching.reduce((a, b) => a + b, 0);
  const fixedGaps = gaps.reduce((a, g, i) => a + (g - stretching[i]), 0);
  const naturalWidth = words.reduce((a, w) => a + w.width, 0) + naturalGaps + fixedGaps;
  const justified = justifies(o) && !o.isLast && !o.beforeAddress;
  const m: LineMeasure = { text, words, gaps, naturalGaps, fixedGaps, naturalWidth, justified, maxRatio: o.space.max ?? DEFAULT_MAX_SPACE, o };
  // Knuth–Plass may end a line that fits only with its spaces shrunk; an
  // unjustified line gets that shrink too, never an overhang.
  const shrink = !justified && naturalWidth > o.measure && naturalGaps > 0 ? o.measure - naturalWidth : 0;
  const set = justified ? justifyLine(m, candidates, lastResort) : { runsByWord: words.map((w) => w.runs), extraSpace: shrink, kashidas: 0, keshideh: false };
  const { runsByWord } = set;

  const input = trackingInput(m, runsByWord, set.extraSpace);
  const { slots } = input;
  const fit = trackingFor(input);
  const { tracking, loose, ragged, extraSpace } = fit;
  const spaceRatio = naturalGaps > 0 ? (naturalGaps + extraSpace) / naturalGaps : 1;
  // (A fixed space keeps its natural width: g − its stretching part, 0 for any other.)
  const finalGaps = gaps.map((g, i) => g - stretching[i] + stretching[i] * spaceRatio);
  const contentWidth = runsByWord.flat().reduce((a, r) => a + r.width, 0) + finalGaps.reduce((a, b) => a + b, 0) + tracking * slots;
  const width = justified && !ragged ? Math.max(o.measure, contentWidth) : contentWidth;
  const startX = ragged ? lineStartX({ ...o, align: 'start' }, contentWidth, false) : lineStartX(o, contentWidth, justified);
  const logical = placedGlyphs(m, runsByWord, finalGaps, startX, tracking);
  const kashidaSpans = logical.filter((g) => g.kashida).map((g): [number, number] => [g.x, g.advance]);
  return {
    glyphs: logical,
    start: words[0].start,
    end: words[words.length - 1].end,
    width,
    naturalWidth,
    ...lineExtents(runsByWord),
    last: o.isLast,
    // A line trackingFor sets at its start edge for want of a word space to widen (a displayed address's, a URL
    // piece's) is not justified; a loose one set short is, spaces at their widest (`short`, counted in the stats).
    justified: justified && !(ragged && !loose),
    kashidas: set.kashidas, // one per word at most (chooseKashidas; step 4 skips words beside one)
    spaceRatio,
    kashidaSpans,
    ...(loose ? { loose } : {}),
    ...(loose && ragged ? { short: true } : {}),
    ...(set.keshideh ? { lastResort: true } : {}),
    ...(words[words.length - 1].hyphenated ? { hyphenated: true } : {}),
  };
}

/** What trackingFor is given for the line's runs as they are (kashidas set, or not yet) and `extraSpace` still to place. */
function trackingInput(m: LineMeasure, runsByWord: ShapedRun[][], extraSpace: number): TrackingInput {
  const { o, justified, words } = m;
  return {
    justified, naturalGaps: m.naturalGaps, extraSpace, slots: justified && o.dir === 'rtl' ? latinSlots(m.text, runsByWord, m.gaps) : 0,
    sizes: runsByWord.flat().map((r) => r.style.size), maxRatio: m.maxRatio, planned: o.address ? o.space.letterSpaceFrom ?? 1 + o.space.stretch : Infinity, endsInToken: !!words[words.length - 1]?.emergency,
  };
}

/**
 * Steps 1–4 of justifying a line (setLine): the spaces, the kashidas, the
 * spaces again, the Persian keshideh as the last resort. The runs (those
 * with a kashida reshaped), what the spaces are still to take beyond their
 * natural width, how many kashidas, and whether any is a keshideh.
 */
function justifyLine(m: LineMeasure, candidates: Array<Candidate | undefined>, lastResort: Array<Candidate | undefined>): { runsByWord: ShapedRun[][]; extraSpace: number; kashidas: number; keshideh: boolean } {
  const { text, words, naturalGaps, naturalWidth, maxRatio, o } = m;
  let runsByWord = words.map((w) => w.runs);
  let extraSpace = 0;
  let keshideh = false;
  const track = () => trackingInput(m, runsByWord, extraSpace);
  const kashidaAt = new Map<number, number>(); // word index → kashida width
  let deficit = o.measure - naturalWidth;
  if (deficit <= 0 || o.justify === 'spaces' || naturalGaps === 0 && !candidates.some(Boolean)) {
    extraSpace = deficit;
  } else {
    // 1. spaces, within bounds (wider at a statement's sizes: ComposeOptions.spacesBeforeKashida)
    // (never narrower than the body's own stretch, never past the theme's maximum)
    const spacesFirst = Math.min(maxRatio, Math.max(1 + o.space.stretch, o.spacesBeforeKashida ?? 0));
    const spaceRoom = naturalGaps * (spacesFirst - 1);
    extraSpace = Math.min(deficit, spaceRoom);
    deficit -= extraSpace;
    // 2. kashida, by priority, one per word, off the previous line's kashida columns
    if (deficit > 1e-6) {
      const pick = (bounds: { min: number; max: number }) => chooseKashidas(words, candidates, deficit, { ...o, bounds, maxPerLine: o.kashidaPerLine });
      let chosen = pick(o.bounds);
      // Kashidas at their usual widest leave the spaces past their maximum
      // (a line that must end before a URL's first piece): they may reach
      // LOOSE_KASHIDA, kept only when that spares the line being set loose
      // (as trackingFor decides, letter spacing counted); else the usual ones stay.
      const loose = (c: typeof chosen) => trackingFor({ ...track(), extraSpace: extraSpace + deficit - c.reduce((a, [, w]) => a + w, 0) }).loose;
      if (o.bounds.max < LOOSE_KASHIDA && loose(chosen)) {
        const wider = pick({ ...o.bounds, max: LOOSE_KASHIDA });
        if (!loose(wider)) chosen = wider;
      }
      for (const [wi, width] of chosen) {
        kashidaAt.set(wi, width);
        deficit -= width;
      }
    }
    // 3. whatever is left goes back to the spaces
    extraSpace += deficit;
  }
  // 4. Persian words (keshideh) only where the spaces would else pass their widest: what they cannot take.
  if (extraSpace > 0 && lastResort.some(Boolean) && trackingFor(track()).loose) {
    const extra = lastResortKashidas(words, lastResort, kashidaAt, extraSpace - naturalGaps * (maxRatio - 1), o);
    for (const [wi, width] of extra) {
      kashidaAt.set(wi, width);
      extraSpace -= width;
    }
    keshideh = extra.length > 0;
  }
  if (kashidaAt.size) {
    runsByWord = words.map((w, wi) => {
      const width = kashidaAt.get(wi);
      const c = candidates[wi] ?? lastResort[wi];
      if (width === undefined || !c) return w.runs;
      return w.runs.map((run, ri) => (ri === c.run ? insertKashida(text, run, c.at, width, o.lang) : run));
    });
    // A reshaped word is not always exactly as much wider as asked: the spaces take up the difference.
    const actual = runsByWord.flat().reduce((a, r) => a + r.width, 0) + naturalGaps + m.fixedGaps;
    extraSpace = o.measure - actual;
  }
  return { runsByWord, extraSpace, kashidas: kashidaAt.size, keshideh };
}

/**
 * The line's glyphs, in logical order: its runs and the gaps between its
 * words reordered (UAX #9 L2), positioned from `startX`, kept inside the
 * measure; the bidi controls that steer the order left out.
 */
function placedGlyphs(m: LineMeasure, runsByWord: ShapedRun[][], finalGaps: number[], startX: number, tracking: number): PositionedGlyph[] {
  const { text, words, o } = m;
  // Pieces in logical order: runs and the gaps between words, each with a level.
  const pieces: Piece[] = [];
  runsByWord.forEach((runs, wi) => {
    for (const run of runs) pieces.push({ run, word: o.firstWord + wi, level: run.level });
    if (wi < words.length - 1) {
      const gapStyle = runs[runs.length - 1];
      pieces.push({ gap: finalGaps[wi], gapStyle, offset: words[wi].end, word: -1, level: words[wi].spaceLevel });
    }
  });
  const visual = reorderPieces(pieces, o.dir === 'rtl' ? 1 : 0);
  const positioned = positionPieces(text, visual, startX, tracking);
  // Bidi controls (isolates, marks) steer the order; they are not drawn (no invisible character added to the text).
  const drawn = pieces.flatMap((p) => positioned.get(p) ?? []);
  const visible = drawn.filter((g) => !(g.advance === 0 && BIDI_CONTROL.test(g.text)));
  // A line of controls alone keeps them (a line is never empty).
  const logical = visible.length > 0 ? visible : drawn;
  keepInsideMeasure(logical, o.measure);
  return logical;
}

/** The line's ascent and descent: its runs' fonts' (a raised run's rise counted). */
function lineExtents(runsByWord: ShapedRun[][]): { ascent: number; descent: number } {
  let ascent = 0;
  let descent = 0;
  for (const r of new Set(runsByWord.flat())) {
    ascent = Math.max(ascent, (r.font.ascender * r.style.size) / r.font.upem + (r.style.rise ?? 0));
    descent = Math.max(descent, (-r.font.descender * r.style.size) / r.font.upem);
  }
  return { ascent, descent };
}

/**
 * Widest letter-spacing of Latin, × the type size, in a justified line of a
 * right-to-left paragraph whose spaces passed their planned stretch (a long
 * URL piece beside a few Arabic words): 0.01 em, a tracking of 10/1000 em,
 * which does not show. It was 0.05 em, and a URL piece set so was visibly
 * tracked (addresses-ar leaflet ٢: 168.5 → 186.6 pt, +10.7 %): a print shop
 * sends tracked Latin back (docs/typography.md). A line with no word space
 * is never letter-spaced (trackingFor). Arabic is never letter-spaced.
 */
export const LETTER_SPACE_MAX = 0.01;

/** What trackingFor is given: the line's spaces, its stretch still to place, its letter-spacing slots, its runs' sizes. */
interface TrackingInput {
  justified: boolean;
  /** The natural width of the line's spaces, and the width still to place (beyond them). */
  naturalGaps: number;
  extraSpace: number;
  /** Gaps between two Latin glyphs that may be letter-spaced (latinSlots; none unless right-to-left). */
  slots: number;
  sizes: number[];
  /** The theme's widest space, as a ratio to the natural one. */
  maxRatio: number;
  /** The ratio the spaces take before the Latin is letter-spaced: 1 + the theme's stretch on a line with an address, else the maximum (Infinity: at the maximum). */
  planned: number;
  /** Whether the line ends at an emergency break inside a long Latin token (itemize.ts). */
  endsInToken: boolean;
}

/**
 * How a justified line its spaces cannot fill is finished. Latin (and
 * European digits) may be letter-spaced by at most LETTER_SPACE_MAX em, in a
 * right-to-left paragraph only, once the spaces pass their planned stretch
 * (and kashidas, if any, their widest); Arabic never is. A line whose spaces
 * must still pass the theme's maximum is justified with them all the same,
 * up to JUSTIFY_ANYWAY_MAX (past it, set short at the start edge), and
 * reported as `loose` (W-LINE-LOOSE); a line with no space at all (a run
 * of URL pieces) or that ends inside a long Latin token is `ragged` (set at
 * the start edge), never letter-spaced. `tracking`: the space added
 * in each slot; `extraSpace`: what the spaces take.
 */
export function trackingFor(t: TrackingInput): { tracking: number; extraSpace: number; loose: boolean; ragged: boolean } {
  const { justified, naturalGaps, slots } = t;
  // No runs, no slots: Math.min() of no sizes is Infinity, so `slots > 0` guards each test below.
  const maxTracking = LETTER_SPACE_MAX * Math.min(...t.sizes);
  if (justified && (naturalGaps === 0 || t.endsInToken) && t.extraSpace > 1e-6) {
    // A line that is one piece of a Latin token (a URL's middle), or ends inside one, ends short at
    // its start edge: with no word space to widen, only tracking would fill it, and that shows.
    return { tracking: 0, extraSpace: 0, loose: false, ragged: true };
  }
  const ratio = (extra: number) => (naturalGaps + extra) / naturalGaps;
  if (justified && naturalGaps > 0 && ratio(t.extraSpace) > Math.min(t.planned, t.maxRatio) + 1e-9) {
    // Spaces past their planned stretch (kashidas, if any, at their widest): the Latin in the line takes what
    // a little letter-spacing does first, so that the spaces widen less; the spaces take the rest.
    const over = t.extraSpace - naturalGaps * (Math.min(t.planned, t.maxRatio) - 1);
    const tracking = slots > 0 ? Math.min(maxTracking, over / slots) : 0;
    const extraSpace = t.extraSpace - tracking * slots;
    // Past their widest even so, the spaces take it all (no letter-spacing: it would not save the line) and
    // the line is justified all the same, reported (W-LINE-LOOSE): stopping short inside a justified
    // paragraph reads as a mistake.
    if (ratio(extraSpace) > t.maxRatio + 1e-9) {
      // Up to JUSTIFY_ANYWAY_MAX; past it, spaces at their widest and the line short at its start edge.
      if (ratio(t.extraSpace) <= Math.max(JUSTIFY_ANYWAY_MAX, t.maxRatio) + 1e-9) return { tracking: 0, extraSpace: t.extraSpace, loose: true, ragged: false };
      return { tracking: 0, extraSpace: naturalGaps * (t.maxRatio - 1), loose: true, ragged: true };
    }
    return { tracking, extraSpace, loose: false, ragged: false };
  }
  return { tracking: 0, extraSpace: t.extraSpace, loose: false, ragged: false };
}

/** A run of Latin letters, European digits and symbols, set left to right (no Arabic letter in it). */
const isLatinRun = (text: string, run: ShapedRun) => (run.level & 1) === 0 && LATIN_RUN.test(text.slice(run.start, run.end));

/** The gaps between two touching glyphs (no word space between them) of Latin runs, in a line's logical order. */
function latinSlots(text: string, runsByWord: ShapedRun[][], gaps: number[]): number {
  let slots = 0;
  let afterLatin = false;
  runsByWord.forEach((runs, wi) => {
    for (const run of runs) {
      const latin = isLatinRun(text, run);
      for (const g of run.glyphs) {
        if (g.xAdvance <= 0) continue;
        if (latin && afterLatin) slots++;
        afterLatin = latin;
      }
    }
    if ((gaps[wi] ?? 0) > 0) afterLatin = false;
  });
  return slots;
}
const LATIN_RUN = /^[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]+$/u;


/**
 * A line whose advances add up a hair past its measure (floating point: a
 * justified line's spaces are the measure less its words) moves back
 * inside, when it fits, so the frame check sees it flush.
 */
function keepInsideMeasure(glyphs: PositionedGlyph[], measure: number): void {
  let min = Infinity;
  let max = -Infinity;
  for (const g of glyphs) {
    if (g.space) continue;
    const { left, right } = advanceSpan(g);
    min = Math.min(min, left);
    max = Math.max(max, right);
  }
  if (!Number.isFinite(min) || max - min > measure + 1e-6) return;
  const shift = max > measure ? measure - max : min < 0 ? -min : 0;
  if (shift !== 0) for (const g of glyphs) g.x += shift;
}

function lineStartX(o: LineOptions, contentWidth: number, justified: boolean): number {
  if (justified) return 0;
  const rtl = o.dir === 'rtl';
  const align = o.align === 'justify' ? 'start' : o.align;
  if (align === 'center') return (o.measure - contentWidth) / 2;
  const right = (align === 'start') === rtl;
  return right ? o.measure - contentWidth : 0;
}

