/**
 * Itemizing: a paragraph becomes a list of words (the stretches between UAX #14
 * break opportunities), each made of shaped runs of one bidi level, font and
 * size. Bidi levels come from bidi-js over the whole paragraph (UAX #9), so
 * brackets pair, numbers keep their order and isolates work across words;
 * each URL, e-mail address, file name or hash (`verbatimSpans`) gets the
 * levels an LRI … PDI around it would give, without the characters.
 */
import { isolatedLevels } from './bidi.js';
import LineBreaker from 'linebreak';
import type { LoadedFont } from './fonts.js';
import { shapeRun, type ShapedGlyph } from './shape.js';
import { isArabicLetter, isArabicMark } from './kashida.js';
import { isAddress, isVerbatimToken, PRINTABLE_ASCII_TOKEN, tokenCore, verbatimSpans } from './addresses.js';
import { dateRuns } from './months.js';


export interface TextStyle {
  /** Font chain: the first font that covers a character draws it. */
  fonts: LoadedFont[];
  /** pt */
  size: number;
  /** Baseline shift in pt, positive up (superscripts). */
  rise?: number;
  /** Fill colour (#rrggbb); the block's colour when absent. */
  color?: string;
  /**
   * Proportional figures (OpenType `pnum`) instead of the font's tabular
   * ones: for a number set at display size, where a tabular «١» keeps the
   * width of a «٤» and «١١» reads as two numbers.
   */
  proportionalFigures?: boolean;
}

export interface StyledSpan {
  text: string;
  style: TextStyle;
}

export interface ShapedRun {
  start: number;
  end: number;
  level: number;
  font: LoadedFont;
  style: TextStyle;
  /** HarfBuzz output order (visual, left to right). */
  glyphs: ShapedGlyph[];
  width: number;
  /** The run is Arabic letters that may take a kashida (not Latin, not digits). */
  arabic: boolean;
}

export interface Word {
  start: number;
  /** End of the visible content, before trailing spaces. */
  end: number;
  runs: ShapedRun[];
  width: number;
  /** Natural width of the trailing spaces (0 at a paragraph end). */
  spaceWidth: number;
  /** Bidi level of the trailing space. */
  spaceLevel: number;
  /** A hard line break follows this word. */
  hardBreak: boolean;
  /** No line break in the space after this word (a number and the word it counts or dates). */
  keepWithNext?: boolean;
  /** The space after this word neither stretches nor shrinks (a Quranic mark and its word, one unit: `markNoLineStart`); `stretchingSpace`. */
  fixedSpace?: boolean;
  /** A soft tie after this word, kept as a name's is, each on its own (`withTies`, lineBreaks.ts): the caller's (ComposeOptions.softTies: it leans on the next), or inside a date (`markDates`). */
  leans?: boolean;
  /** A soft tie: inside a short Latin name in a right-to-left paragraph («São Paulo», «Jean-Luc Mélenchon»: `markLatinNames`); where the breaks chosen split it, the paragraph is broken again with the break forbidden, kept when no worse (`withTies`, lineBreaks.ts). */
  softTie?: boolean;
  /** The word is part of a Latin token too wide for the measure, with an emergency break after it (`emergencyBreaks`): soft after "/", ".", "-" or "_", hard between other characters. */
  emergency?: 'soft' | 'hard';
  /** The first part of a word divided at a line end, a hyphen added (compose.ts, hyphenate.ts). */
  hyphenated?: boolean;
  /** The word ends at a break inside an address: its cost, a penalty for the line breaker (`addressBreakCost`). */
  breakCost?: number;
}

export interface Itemized {
  text: string;
  levels: Uint8Array;
  words: Word[];
  /** Style of each UTF-16 index. */
  styleAt: (index: number) => TextStyle;
  /** The paragraph's addresses (`verbatimSpans`): isolated in `levels`, and letter-spaced when justified (compose.ts). */
  addresses: ReadonlyArray<readonly [number, number]>;
}

/** A character no font in the chain can draw. The caller turns this into file:line:col. */
export class MissingGlyphError extends Error {
  constructor(readonly offset: number, readonly codePoint: number) {
    super(`no font covers U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} at offset ${offset}`);
    this.name = 'MissingGlyphError';
  }
}

/** Characters that need no glyph of their own (HarfBuzz hides default ignorables). */
function needsNoGlyph(cp: number): boolean {
  return (
    cp === 0x0a || cp === 0x0d || cp === 0x09 ||
    (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) || cp === 0xfeff || cp === 0x00ad
  );
}

/** Offsets (UTF-16) and code points that no font of the chain covers. */
export function findUncovered(text: string, fonts: LoadedFont[]): Array<{ offset: number; codePoint: number }> {
  const out: Array<{ offset: number; codePoint: number }> = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    if (!needsNoGlyph(cp) && !fonts.some((f) => f.covers(cp))) out.push({ offset: i, codePoint: cp });
    i += cp > 0xffff ? 2 : 1;
  }
  return out;
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r';
}

function pickFont(style: TextStyle, cp: number, offset: number): LoadedFont {
  const font = style.fonts.find((f) => f.covers(cp));
  if (!font) throw new MissingGlyphError(offset, cp);
  return font;
}

/** The font of the first character from `i` on that needs a glyph (the style's first font when none does). */
function fontAfter(text: string, i: number, end: number, styleAt: (i: number) => TextStyle): LoadedFont {
  for (let k = i; k < end; ) {
    const cp = text.codePointAt(k)!;
    if (!needsNoGlyph(cp)) return pickFont(styleAt(k), cp, k);
    k += cp > 0xffff ? 2 : 1;
  }
  const style = styleAt(i);
  return style.fonts.find((f) => f.covers(0x20)) ?? style.fonts[0];
}

/**
 * `measure`: a Latin token (no Arabic or other right-to-left letter) wider
 * than this gets emergency breaks (`emergencyBreaks`); without it, none.
 * `wholeWords`: a line ends only at a space (ComposeOptions.wholeWords), not
 * after a word's own hyphen («self-|hosted»); a token wider than the measure
 * still gets its emergency breaks. `wholeAddresses`: an address no wider
 * than the measure gets none of its own breaks (ComposeOptions.wholeAddresses).
 */
export function itemize(spans: StyledSpan[], dir: 'rtl' | 'ltr', lang?: string, measure?: number, wholeWords = false, wholeAddresses = false): Itemized {
  const { text, styleAt } = joined(spans);
  // Each address is isolated (LRI … PDI) for the levels alone: no character is added to the text.
  const addresses = remembered(addressesByText, text, () => verbatimSpans(text));
  const levels = remembered(levelsByText, `${dir}\u0000${text}`, () => isolatedLevels(text, dir, addresses));
  const para: Para = { text, levels, styleAt, lang, measure };

  // Break opportunities (UAX #14). A word runs from one opportunity to the next.
  const words: Word[] = [];
  let from = 0;
  const inAddress = insideAddress(text);
  for (const bk of remembered(breaksByText, text, () => breakOpportunities(text))) {
    const to = bk.position;
    if (!bk.required && notABreak(text, to, inAddress, wholeWords)) continue;
    let end = to;
    while (end > from && isSpace(text[end - 1])) end--;
    const hardBreak = bk.required && to < text.length;
    if (end > from) {
      words.push(...wordsBetween(para, from, end, to, hardBreak, wholeAddresses));
    } else if (words.length) {
      // Only spaces since the last opportunity: they widen the previous gap.
      const prev = words[words.length - 1];
      prev.spaceWidth += spaceAdvance(styleAt(from)) * (to - from);
      prev.hardBreak ||= hardBreak;
    }
    from = to;
  }
  if (words.length) words[words.length - 1].spaceWidth = 0;
  markNumberBinds(text, words);
  markNoLineStart(text, words);
  markDates(text, words, measure);
  if (dir === 'rtl') markLatinNames(text, words);
  return { text, levels, words, styleAt, addresses };
}

/** The spans' text, and the style of each of its UTF-16 indexes (the last span's past the end). */
function joined(spans: StyledSpan[]): { text: string; styleAt: (i: number) => TextStyle } {
  const spanEnds: number[] = [];
  let acc = 0;
  for (const s of spans) spanEnds.push((acc += s.text.length));
  const styleAt = (i: number): TextStyle => spans[Math.max(0, spanEnds.findIndex((e) => i < e))]?.style ?? spans[spans.length - 1].style;
  return { text: spans.map((s) => s.text).join(''), styleAt };
}

/** What itemize's words are made from: the paragraph, its levels and styles, and the measure a Latin token is fitted to. */
interface Para {
  text: string;
  levels: Uint8Array;
  styleAt: (i: number) => TextStyle;
  lang: string | undefined;
  measure: number | undefined;
}

const wordOf = (p: Para, start: number, end: number, to: number, hardBreak: boolean): Word => makeWord(p.text, p.levels, p.styleAt, start, end, to, hardBreak, p.lang);

/**
 * Whether UAX #14's (optional) break at `to` is none here: inside a URL or
 * e-mail address only its own breaks count (addressBreaks), not UAX #14's
 * after «-»; with `wholeWords`, only a space ends a line; nor after a hyphen
 * or an en dash that follows a digit («30-» / «day», «14–» / «16»), nor
 * before a dash set close («word» / «—not»; a dash between spaces keeps with
 * the word before it: markNoLineStart). The text's end is always a break:
 * skipped, its last word would be lost.
 */
function notABreak(text: string, to: number, inAddress: (at: number) => boolean, wholeWords: boolean): boolean {
  if (inAddress(to)) return true;
  if (to >= text.length) return false;
  if (wholeWords && !isSpace(text[to - 1])) return true;
  return afterNumberHyphen(text, to) || (DASH.test(text[to]) && !isSpace(text[to - 1]));
}

/**
 * The words from `from` to `end` (their trailing spaces up to `to`): one,
 * or an address's pieces. A URL or e-mail address may break after "/" or
 * "-", or before ".", "?" etc. (no hyphen added); after "-" only where the
 * stretch between its other breaks is wider than the measure.
 */
function wordsBetween(p: Para, from: number, end: number, to: number, hardBreak: boolean, wholeAddresses: boolean): Word[] {
  const { text, measure } = p;
  const widthOf = (a: number, b: number) => wordOf(p, a, b, b, false).width;
  const fits = (a: number, b: number) => measure === undefined || widthOf(a, b) <= measure;
  const words: Word[] = [];
  let at = from;
  const cuts = wholeAddresses && fits(from, end) ? [] : addressBreaks(text, from, end, fits);
  const cost = cuts.length ? addressBreakCost(text, from, end, measure === undefined ? undefined : (a, b) => widthOf(a, b) / measure) : undefined;
  for (const cut of cuts) {
    const pieces = fitted(p, wordOf(p, at, cut, cut, false));
    pieces[pieces.length - 1].breakCost = cost!(cut);
    words.push(...pieces);
    at = cut;
  }
  words.push(...fitted(p, wordOf(p, at, end, to, hardBreak)));
  return words;
}

/** A Latin token wider than the measure, cut where it may break (never an Arabic word). */
function fitted(p: Para, w: Word): Word[] {
  if (p.measure === undefined || w.width <= p.measure) return [w];
  const cuts = emergencyBreaks(p.text, w, p.measure);
  if (!cuts.length) return [w];
  const out: Word[] = [];
  let a = w.start;
  for (const cut of cuts) {
    out.push({ ...wordOf(p, a, cut.at, cut.at, false), emergency: cut.soft ? 'soft' : 'hard' });
    a = cut.at;
  }
  // The last piece keeps the word's trailing space and break.
  out.push({ ...wordOf(p, a, w.end, w.end, false), spaceWidth: w.spaceWidth, spaceLevel: w.spaceLevel, hardBreak: w.hardBreak });
  return out;
}

/**
 * A paragraph's addresses (by text), its bidi levels (by direction and text)
 * and its UAX #14 break opportunities (by text), remembered: none reads the size, the fonts or
 * the measure, and a paragraph is itemized again at each size a fit tries
 * (copyfitting's trials, a card's fit search), where they were a tenth to
 * a quarter of a copyfitting trial's CPU (docs/performance.md,
 * "Remembered work"). What is returned is shared: callers only read it.
 */
const MAX_REMEMBERED = 2_000;
const addressesByText = new Map<string, Array<[number, number]>>();
const levelsByText = new Map<string, Uint8Array>();
const breaksByText = new Map<string, ReadonlyArray<{ position: number; required: boolean }>>();
function remembered<T>(memo: Map<string, T>, key: string, make: () => T): T {
  let found = memo.get(key);
  if (found === undefined) {
    if (memo.size >= MAX_REMEMBERED) memo.clear();
    memo.set(key, (found = make()));
  }
  return found;
}

/** The text's UAX #14 break opportunities, in order. */
function breakOpportunities(text: string): Array<{ position: number; required: boolean }> {
  const out: Array<{ position: number; required: boolean }> = [];
  const breaker = new LineBreaker(text);
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) out.push({ position: bk.position, required: bk.required });
  return out;
}

const ENDS_IN_DIGIT = /[0-9\u0660-\u0669\u06F0-\u06F9]$/u;
const STARTS_WITH_DIGIT = /^[0-9\u0660-\u0669\u06F0-\u06F9]/u;
const STARTS_WITH_LETTER = /^\p{L}/u;
/** Words that date the number after them: «عام 1945», «سنة ٢٠٢٤», «سال ۱۹۴۸», «year 2024». */
const DATING_WORDS = new Set(['عام', 'العام', 'لعام', 'وعام', 'سنة', 'السنة', 'لسنة', 'سال', 'year', 'Year']);

/**
 * No break between a number and the word it counts or dates: after a word
 * ending in a digit that is followed by a word («29 نوفمبر», «4 و5 مايو»),
 * and between a dating word and its number («عام 1945»).
 */
function markNumberBinds(text: string, words: Word[]): void {
  for (let i = 0; i + 1 < words.length; i++) {
    const w = words[i];
    if (w.hardBreak || w.spaceWidth === 0) continue;
    const a = text.slice(w.start, w.end);
    const b = text.slice(words[i + 1].start, words[i + 1].end);
    if ((ENDS_IN_DIGIT.test(a) && STARTS_WITH_LETTER.test(b)) || (DATING_WORDS.has(a) && STARTS_WITH_DIGIT.test(b))) w.keepWithNext = true;
  }
}

/** A dash that never starts a line: the em dash and the horizontal bar, set between words as a parenthesis or a break in thought. */
const DASH = /^[\u2014\u2015]/u;
/** A hyphen or an en dash (UAX #14 breaks after both) just after a digit. */
const NUMBER_HYPHEN = /[0-9\u0660-\u0669\u06F0-\u06F9][-\u2010\u2013]$/u;

/**
 * Whether the text before `at` ends in a hyphen or an en dash after a digit:
 * «the 30-» / «day rule», «14–» / «16 March» read as a number cut off and a
 * word or number without its head; the compound or the range stays whole.
 */
function afterNumberHyphen(text: string, at: number): boolean {
  return NUMBER_HYPHEN.test(text.slice(Math.max(0, at - 2), at));
}

/**
 * Persian's object marker «را», a word of its own after the phrase it marks:
 * it never starts a line («…نام مترجم / را روی جلد» opens a line on a
 * particle that belongs to the line before; page review). No other language
 * warraq sets writes it as a word, so it is matched in any.
 */
const POSTPOSITION = /^را[.,;:!?،؛]*$/u;

/**
 * Quranic marks set between spaces that belong to the word before them:
 * the pause marks (U+06D6–U+06DC: «طِبَاقًا ۖ مَّا»), the end of an ayah
 * (U+06DD) and the place of prostration (U+06E9). UAX #14 breaks before
 * them; no printed mushaf does.
 */
const MARK_OF_WORD_BEFORE = /^[\u06D6-\u06DD\u06E9]/u;
/** The rub el hizb (U+06DE), set alone before the verse it opens: it belongs to the word after it. */
const MARK_OF_WORD_AFTER = /^\u06DE$/u;

/**
 * Words that never start a line, kept with the word before them: a dash
 * set between spaces («plain words» / «— not hidden»: the dash opens what
 * follows it but belongs to the line it interrupts, where the reader meets
 * it before the break; the line may end on the dash), «را» (POSTPOSITION),
 * and a Quranic mark (MARK_OF_WORD_BEFORE; the rub el hizb, which never
 * ends one, with the word after it). A Quranic mark and its word are one
 * unit: the space between them is fixed too (`fixedSpace`), for a
 * justified line that widened it would leave the mark alone in a gap twice
 * its others («تَفَاوُتٍ ۖ فَارْجِعِ»); the space on its other side stretches.
 */
function markNoLineStart(text: string, words: Word[]): void {
  for (let i = 0; i + 1 < words.length; i++) {
    const w = words[i];
    if (w.hardBreak || w.spaceWidth === 0) continue;
    const next = words[i + 1];
    const nextText = text.slice(next.start, next.end);
    if (MARK_OF_WORD_BEFORE.test(nextText) || MARK_OF_WORD_AFTER.test(text.slice(w.start, w.end))) w.keepWithNext = w.fixedSpace = true;
    else if (DASH.test(nextText) || POSTPOSITION.test(nextText)) w.keepWithNext = true;
  }
}

/** The part of the space after `w` that stretches and shrinks in a justified line: all of it, or none (`fixedSpace`). */
export function stretchingSpace(w: Word): number {
  return w.fixedSpace ? 0 : w.spaceWidth;
}

/**
 * The widest a date is tied hard at, × the measure. A hard tie skips the
 * check a soft one gets (withTies, lineBreaks.ts). stress-fa's card 22 «تا ۱
 * اسفند ۱۴۰۲ برای ما» (about a third of its line) needs it: its soft tie is
 * declined for a line past the theme's widest space, and «۱ اسفند» / «۱۴۰۲»
 * parts (seen at 0.25). dates19 tied hard up to half the measure: at 160 pt
 * mixed-7's «…يومي 4 و5 مايو 2024…» (Amiri 12 pt, spaces ×1.5 at most) then
 * took two loose lines, ×1.92 and ×2.52, where the soft tie, declined, sets
 * none (dates19b).
 */
const DATE_WHOLE_SHARE = 0.4;

/**
 * No line break inside a date (months.ts, `dateRuns`): «۱ اسفند» / «۱۴۰۲»,
 * «October 22,» / «2023» part what a publisher sets on one line. The day and
 * its month are kept already (markNumberBinds); here the rest of the date —
 * the month's words («تشرين» / «الأول»), the month and the year, English's
 * month and day — hard where the whole date, with the words kept to it, is
 * no wider than DATE_WHOLE_SHARE of the measure (or no measure is given),
 * else as soft ties (`Word.leans`), taken where the setting is no worse.
 */
function markDates(text: string, words: Word[], measure: number | undefined): void {
  const runs = dateRuns(
    words.map((w) => text.slice(w.start, w.end)),
    words.map((w) => !w.hardBreak && w.spaceWidth > 0),
  );
  for (const [a, b] of runs) {
    // Measured with the words kept to it on either side already (markNumberBinds: «۱۴۰۲ برای»), the run no line may break.
    let [from, to] = [a, b];
    while (from > 0 && words[from - 1].keepWithNext) from--;
    while (to + 1 < words.length && words[to].keepWithNext) to++;
    let width = 0;
    for (let i = from; i <= to; i++) width += words[i].width + (i < to ? words[i].spaceWidth : 0);
    const whole = measure === undefined || width <= measure * DATE_WHOLE_SHARE;
    for (let i = a; i < b; i++) {
      if (whole) words[i].keepWithNext = true;
      else if (!words[i].keepWithNext) words[i].leans = true;
    }
  }
}

/** Most words (between spaces) of a Latin run whose inner breaks are soft ties (markLatinNames). */
const LATIN_NAME_WORDS = 3;
const LATIN_LETTER = /\p{Script=Latin}/u;

/**
 * Soft ties inside each short Latin run of a right-to-left paragraph: two or
 * three words between spaces, each with a Latin letter and no right-to-left
 * one, none an address, a file name or a hash («São Paulo», «Jean-Luc
 * Mélenchon», «Le Monde», «Rosa Luxemburg»), Arabic (or the paragraph's end)
 * on either side. Such a run is a name or a title, read as one: a reader of
 * the Arabic line meets «São» at one line's end and «Paulo» at the next
 * line's other edge. Every break inside it (its spaces, the break after
 * «Jean-») is a soft tie, taken only when the paragraph has no good setting
 * without; a longer Latin run (a sentence quoted) breaks as usual.
 */
function markLatinNames(text: string, words: Word[]): void {
  // Tokens: the words between two spaces (or a hard break), as [first, last] word indexes.
  const tokens: Array<[number, number]> = [];
  for (let i = 0, first = 0; i < words.length; i++) {
    const w = words[i];
    if (w.spaceWidth > 0 || w.hardBreak || i === words.length - 1) {
      tokens.push([first, i]);
      first = i + 1;
    }
  }
  // Each token asked once (the run search below meets most of them twice).
  const latin = tokens.map(([a, b]) => {
    const token = text.slice(words[a].start, words[b].end);
    // (Not an address's piece, nor a token too wide for the line, cut by emergency breaks.)
    const whole = words.slice(a, b + 1).every((w) => w.breakCost === undefined && !w.emergency);
    return whole && LATIN_LETTER.test(token) && !RTL_LETTER.test(token) && !isVerbatimToken(token);
  });
  for (let t = 0; t < tokens.length; ) {
    let u = t;
    // A run: Latin tokens in a row, none ending in a hard break but its last.
    while (latin[u] && u + 1 < tokens.length && latin[u + 1] && !words[tokens[u][1]].hardBreak) u++;
    if (u > t && u - t < LATIN_NAME_WORDS) for (let i = tokens[t][0]; i < tokens[u][1]; i++) words[i].softTie = true;
    t = u + 1;
  }
}

/** A line inside an address may end after a slash or (as a last resort: `fits` in addressBreaks) a hyphen… */
const ADDRESS_BREAK_AFTER = new Set(['/', '-']);
/**
 * …or before these, which then start the next line, so that no line ends in «.» (read as a full
 * stop). Not before a hyphen, as the Chicago Manual has it: a line that starts with one ends the
 * line before in PDFium's right-to-left reading, which then drops the hyphen.
 */
const ADDRESS_BREAK_BEFORE = new Set(['.', '_', '?', '#', '&', '@']);
const isAddressBreak = (ch: string) => ADDRESS_BREAK_AFTER.has(ch) || ADDRESS_BREAK_BEFORE.has(ch) || ch === ':';
/**
 * …or after «%20», an encoded space: where the words of a file's name meet
 * («Draft%20Local%20Plan…»). A last resort like «-»: only in a stretch
 * between the other breaks too wide for the line, where the alternative was
 * an emergency break between two letters («Docum» / «ent%20…», look17's
 * English leaflet 3).
 */
const ENCODED_SPACE = '%20';
const afterEncodedSpace = (word: string, i: number) => word.slice(i - ENCODED_SPACE.length, i) === ENCODED_SPACE;

/**
 * Break positions inside a URL or e-mail address (ASCII with "://", "www."
 * or "@"), after the Chicago Manual of Style: after a slash or a hyphen,
 * before a full stop, underscore, «?», «#», «&» or «@», after an encoded
 * space «%20»; never between two of
 * these, after the scheme's «//» (no line ends in «https://»), inside a
 * «name=value», or in the first or last few characters.
 *
 * `fits(a, b)`, when given, says whether text[a, b) fits on a line: a break
 * after «-» or «%20», or one inside the host name (a URL's, or an e-mail address's
 * after its «@»: `hostOf`), is then kept only inside a stretch between two
 * other breaks (or the address's ends) that does not, as a last resort. A
 * line that ends in «-» loses the URL in several readers: Firefox's find
 * (pdf.js drops «-» and the line end), pdftotext (drops the hyphen), PDFium
 * (U+FFFE for it); docs/accessibility.md. A line that starts with the host's
 * «.» («https://www» / «.example.org/…») is what a publisher sends back: the
 * name a reader types is cut where it reads as a sentence's full stop.
 */
export function addressBreaks(text: string, from: number, end: number, fits?: (a: number, b: number) => boolean): number[] {
  if (end - from < 12) return [];
  // The address without the punctuation around it («…/methods.html،»: the «،» is the sentence's).
  const [a, b] = tokenCore(text.slice(from, end));
  const word = text.slice(from + a, from + b);
  if (!isAddress(word)) return [];
  const cuts: number[] = [];
  const inPair = pairInsides(word);
  // A cut at i: the line ends with word[i - 1], the next starts with word[i].
  for (let i = 2; i < word.length - 3; i++) {
    if (inPair[i]) continue;
    const before = word[i - 1];
    const after = word[i];
    const ok = ADDRESS_BREAK_AFTER.has(before)
      ? !isAddressBreak(after) && word[i - 2] !== '/'
      : ADDRESS_BREAK_BEFORE.has(after)
        ? !isAddressBreak(before)
        : afterEncodedSpace(word, i) && !isAddressBreak(after) && after !== '%';
    if (ok) cuts.push(from + a + i);
  }
  if (!fits) return cuts;
  const [hostStart, hostEnd] = hostOf(word).map((k) => from + a + k);
  const lastResort = (c: number) => text[c - 1] === '-' || afterEncodedSpace(text, c) || (hostStart < c && c < hostEnd);
  return withoutLastResortBreaks(from, end, cuts, lastResort, fits);
}

/**
 * Where the host name is in an address (offsets into `word`, the address
 * without the punctuation around it): a URL's from after «//» (or its start)
 * to the first «/» after that (or its end); an e-mail address's after its «@».
 */
function hostOf(word: string): [number, number] {
  if (!word.includes('://') && word.includes('@')) return [word.indexOf('@') + 1, word.length];
  const scheme = word.indexOf('//');
  const hostStart = scheme < 0 ? 0 : scheme + 2;
  const slash = word.indexOf('/', hostStart);
  return [hostStart, slash < 0 ? word.length : slash];
}

/** Cost of a break after «/» in the path or before its «?», «#», «&»: the cheapest (Chicago's first choice). */
export const ADDRESS_BREAK_PATH = 50;
/** …before «.» or «_» or after «-» inside a path segment («full-text|.html», «Bidi|_(text)»): a name split in two. */
const ADDRESS_BREAK_SEGMENT = 150;
/** …inside the host name (before the first single «/» after «//») or an e-mail address (before its «@» a little less). */
const ADDRESS_BREAK_HOST = 700;
const ADDRESS_BREAK_AT_SIGN = 500;
/** Added when a piece of fewer than TINY_PIECE characters of the address stays on either side («.org», «_(text)»)… */
const ADDRESS_BREAK_TINY = 500;
const TINY_PIECE = 5;
/** …or fewer than SHORT_PIECE. */
const ADDRESS_BREAK_SHORTISH = 200;
const SHORT_PIECE = 9;
/** Added for a break in an address narrower than this share of the measure: better the whole address on the next line. */
const ADDRESS_BREAK_SHORT = 600;
const SHORT_ADDRESS = 1 / 3;
/** Below the cost (1000) at which a penalty forbids a break: an address's break stays possible, so everything fits. */
const ADDRESS_BREAK_MAX = 999;

/**
 * The cost of each break inside the address in text[from, end) (a penalty
 * in the line breaker's items, lineBreaks.ts), so that the breaker prefers
 * the breaks a careful typesetter would: after «/» in the path cheapest;
 * inside the host name or an e-mail address dearer, so that «https://en.wikipedia»
 * / «.org/wiki/…» gives way to a break in the path; a break that leaves a
 * tiny piece of the address («.org», «_(text)») on either side very dear;
 * any break in an address narrower than a third of the measure (`share(a, b)`:
 * the width of text[a, b) × the measure) dear, so that it moves whole to the
 * next line when the paragraph allows. All stay below the forbidding cost.
 */
export function addressBreakCost(text: string, from: number, end: number, share?: (a: number, b: number) => number): (cut: number) => number {
  const [a, b] = tokenCore(text.slice(from, end));
  const start = from + a;
  const stop = from + b;
  const word = text.slice(start, stop);
  const hostEnd = start + hostOf(word)[1];
  const mail = !word.includes('://') && word.includes('@');
  const short = share !== undefined && share(start, stop) < SHORT_ADDRESS;
  return (cut) => {
    let cost = mail ? (text[cut] === '@' ? ADDRESS_BREAK_AT_SIGN : ADDRESS_BREAK_HOST)
      : cut < hostEnd ? ADDRESS_BREAK_HOST
      : text[cut - 1] === '/' || text[cut] === '?' || text[cut] === '#' || text[cut] === '&' ? ADDRESS_BREAK_PATH
      : ADDRESS_BREAK_SEGMENT;
    const piece = Math.min(cut - start, stop - cut);
    if (piece < TINY_PIECE) cost += ADDRESS_BREAK_TINY;
    else if (piece < SHORT_PIECE) cost += ADDRESS_BREAK_SHORTISH;
    if (short) cost += ADDRESS_BREAK_SHORT;
    return Math.min(cost, ADDRESS_BREAK_MAX);
  };
}

/** The cuts without the last-resort ones (`lastResort`), except inside a stretch between two other cuts (or `from`, `end`) that does not fit. */
function withoutLastResortBreaks(from: number, end: number, cuts: number[], lastResort: (cut: number) => boolean, fits: (a: number, b: number) => boolean): number[] {
  const bounds = [from, ...cuts.filter((c) => !lastResort(c)), end];
  const kept: number[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [a, b] = [bounds[k], bounds[k + 1]];
    if (k > 0) kept.push(a);
    const inside = cuts.filter((c) => a < c && c < b);
    if (inside.length && !fits(a, b)) kept.push(...inside);
  }
  return kept;
}

/**
 * The cuts that would split a «name=value» (`inPair[i]`: a cut at i lies inside one): from the
 * name's start after «?», «&» or «;» (or from the «=» when no name precedes it) to the next «&»,
 * «#» or the address's end, which may still start the next line.
 */
function pairInsides(word: string): Uint8Array {
  const inPair = new Uint8Array(word.length + 1);
  for (const m of word.matchAll(/(?:[?&;][^?&;#=/]*)?=[^&#]*/g)) inPair.fill(1, m.index + 1, m.index + m[0].length);
  return inPair;
}

/**
 * Whether a position lies strictly inside an address (a run of printable
 * ASCII that isAddress accepts); asked with positions in increasing order.
 */
function insideAddress(text: string): (at: number) => boolean {
  const ranges: Array<[number, number]> = [];
  for (const m of text.matchAll(/[\x21-\x7e]{12,}/g)) if (isAddress(m[0])) ranges.push([m.index, m.index + m[0].length]);
  let r = 0;
  return (at) => {
    while (r < ranges.length && ranges[r][1] <= at) r++;
    return r < ranges.length && ranges[r][0] < at && at < ranges[r][1];
  };
}

/** A letter of a right-to-left script (Arabic, Hebrew, Syriac, Thaana, N'Ko). */
export const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/** A token of Latin letters, digits, punctuation and symbols: no Arabic (nor any other script's) letter or digit. */
const LATIN_TOKEN = /^[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]+$/u;
const EMERGENCY_AFTER = /[/.\-_]/;
/** Never a break before these: marks, joiners, variation selectors, the second half of a surrogate pair. */
const CLINGS = /[\p{M}\u200c\u200d\ufe00-\ufe0f\udc00-\udfff]/u;

/** An emergency break: where, and whether after "/", ".", "-" or "_" (preferred) or between two other characters. */
interface EmergencyBreak {
  at: number;
  soft: boolean;
}

/** Longest part of a token between two emergency breaks, as a share of the measure: the line breaker can end a line within this much of its end. */
const CHUNK = 1 / 8;

/**
 * Emergency breaks in a Latin token wider than the measure (an address
 * without "/", a hash, a 60-letter word): after each "/", ".", "-" or "_",
 * and between characters, so that no part between two breaks is wider than
 * an eighth of the measure; the line breaker prefers the first kind. No
 * hyphen is added and nothing is dropped, so the text reads back whole. A
 * token with an Arabic letter (or any other script's) is never cut: it gets
 * none, and E-OVERFLOW names it if it does not fit. Linear in the token's
 * length (widths from the word's glyphs).
 */
function emergencyBreaks(text: string, word: Word, measure: number): EmergencyBreak[] {
  const { start, end } = word;
  if (!LATIN_TOKEN.test(text.slice(start, end))) return [];
  // Width of text[start, start + i), from the advances of the word's glyphs.
  const upTo = new Float64Array(end - start + 1);
  for (const r of word.runs) for (const g of r.glyphs) upTo[g.cluster - start + 1] += g.xAdvance;
  for (let i = 1; i < upTo.length; i++) upTo[i] += upTo[i - 1];
  const width = (a: number, b: number) => upTo[b - start] - upTo[a - start];
  const chunk = measure * CHUNK;
  const out: EmergencyBreak[] = [];
  let from = start;
  let last = start;
  for (let i = start + 1; i < end; i++) {
    if (CLINGS.test(text[i])) continue;
    if (EMERGENCY_AFTER.test(text[i - 1]) && !EMERGENCY_AFTER.test(text[i])) {
      out.push({ at: i, soft: true });
      from = last = i;
      continue;
    }
    // Greedy parts: break before the character that would make the part wider than a chunk.
    if (width(from, i) > chunk && last > from) {
      out.push({ at: last, soft: false });
      from = last;
    }
    last = i;
  }
  if (width(from, end) > chunk && last > from) out.push({ at: last, soft: false });
  return out;
}

function spaceAdvance(style: TextStyle): number {
  const font = style.fonts.find((f) => f.covers(0x20)) ?? style.fonts[0];
  const gid = font.hb.nominalGlyph(0x20) ?? 0;
  return (font.hb.glyphHAdvance(gid) * style.size) / font.upem;
}

/** A word of the paragraph from `start` to `end` (its trailing spaces up to `to`), shaped: itemize's, and the composer's parts of a hyphenated word. */
export function makeWord(
  text: string,
  levels: Uint8Array,
  styleAt: (i: number) => TextStyle,
  start: number,
  end: number,
  to: number,
  hardBreak: boolean,
  lang: string | undefined,
): Word {
  const runs: ShapedRun[] = [];
  let runStart = start;
  let runFont: LoadedFont | undefined;
  let runStyle = styleAt(start);
  const flush = (at: number) => {
    if (at > runStart && runFont) runs.push(makeRun(text, levels[runStart], runFont, runStyle, runStart, at, lang));
    runStart = at;
  };
  for (let i = start; i < end; ) {
    const cp = text.codePointAt(i)!;
    const style = styleAt(i);
    // Marks and joiners stay with their base's font so the cluster shapes as one;
    // an invisible control that starts a word (a bidi isolate) takes the font
    // of what follows it, as no font need draw it.
    const font = runFont && (needsNoGlyph(cp) || isArabicMark(text[i]) || /\p{M}/u.test(String.fromCodePoint(cp)))
      ? runFont
      : needsNoGlyph(cp)
        ? fontAfter(text, i, end, styleAt)
        : pickFont(style, cp, i);
    if (i > start && (font !== runFont || style !== runStyle || levels[i] !== levels[runStart])) flush(i);
    runFont = font;
    runStyle = style;
    i += cp > 0xffff ? 2 : 1;
  }
  flush(end);
  const spaces = to - end;
  return {
    start,
    end,
    runs,
    width: runs.reduce((w, r) => w + r.width, 0),
    spaceWidth: spaces > 0 ? spaceAdvance(styleAt(end)) * [...text.slice(end, to)].filter((c) => c === ' ' || c === '\t').length : 0,
    spaceLevel: levels[end] ?? levels[start],
    hardBreak,
  };
}

const PRINTABLE_ASCII = /[\x21-\x7e]/;
/** The stretch of printable ASCII around text[start, end) (bidi isolates, spaces and other scripts end it); '' when the run holds anything else. */
export function asciiToken(text: string, start: number, end: number): string {
  if (!PRINTABLE_ASCII_TOKEN.test(text.slice(start, end))) return '';
  let a = start;
  let b = end;
  while (a > 0 && PRINTABLE_ASCII.test(text[a - 1])) a--;
  while (b < text.length && PRINTABLE_ASCII.test(text[b])) b++;
  return text.slice(a, b);
}

/**
 * The script of a left-to-right run with no letter of its own («1.1»,
 * «10,»), when the nearest letter before it (else after it) in the
 * paragraph is Latin: 'Latn'.
 * HarfBuzz would guess Common and use the font's default glyphs, and in a
 * font made for Arabic (Amiri) the default full stop is the raised Arabic
 * one; its Latin full stop comes only with the Latin script. Undefined
 * otherwise (HarfBuzz guesses, as before): a right-to-left run («)» after
 * «EU» in an Arabic sentence) keeps the font's default, Arabic, forms.
 */
export function runScript(text: string, start: number, end: number, rtl: boolean): string | undefined {
  if (rtl || /\p{L}/u.test(text.slice(start, end))) return undefined;
  const letter = nearestLetter(text, start, end);
  return letter && /\p{Script=Latin}/u.test(letter) ? 'Latn' : undefined;
}

function nearestLetter(text: string, start: number, end: number): string | undefined {
  for (let i = start - 1; i >= 0; i--) if (/\p{L}/u.test(text[i])) return text[i];
  for (let i = end; i < text.length; i++) if (/\p{L}/u.test(text[i])) return text[i];
  return undefined;
}

export function makeRun(
  text: string,
  level: number,
  font: LoadedFont,
  style: TextStyle,
  start: number,
  end: number,
  lang: string | undefined,
): ShapedRun {
  const rtl = (level & 1) === 1;
  const glyphs = shapeRun({ font, size: style.size, text, start, end, rtl, lang, script: runScript(text, start, end, rtl), noLigatures: isVerbatimToken(asciiToken(text, start, end)), proportionalFigures: style.proportionalFigures });
  const slice = text.slice(start, end);
  return {
    start,
    end,
    level,
    font,
    style,
    glyphs,
    width: glyphs.reduce((w, g) => w + g.xAdvance, 0),
    arabic: rtl && [...slice].some(isArabicLetter),
  };
}
