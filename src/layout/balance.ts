/**
 * Balanced titles: a title set ragged (card titles, beside their number;
 * the leaflets' titles and event names; the booklet's point headings) breaks where its measure ends, so that «Equal in dignity and / rights»
 * leaves one word under a full line and a weak word («and», «of», «في») at
 * a line's end. `setBalanced` keeps the fewest lines the measure allows and
 * sets them as even as it can: the narrowest measure that keeps that number
 * of lines, or, when that ends a line on a weak word, the narrowest wider
 * one that does not («Equal in dignity / and rights»), when it stays even
 * enough for the word it moves (CONJUNCTION_BALANCE). Centred paragraphs
 * (the booklet cover's and the document card's titles) are balanced by the
 * text layer itself (src/text/compose.ts); this adds the weak words. A
 * caller may ask (LineEnds) that no line end inside a phrase a preposition
 * completes either («more / than»), where the word before it is not weak.
 */
import type { ComposedParagraph } from '../text/compose.js';

/** Words that lean on the next one: a line of a title does not end on one where a measure avoids it. */
const WEAK: Record<string, ReadonlySet<string>> = {
  en: new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'or', 'nor', 'by', 'with', 'from', 'as', 'into', 'its']),
  // «أي» leans on its noun as «كل» does: «على أي / إنسان» (udhr-ar 9 at a statement size).
  ar: new Set(['في', 'من', 'إلى', 'الى', 'على', 'عن', 'أو', 'و', 'مع', 'ثم', 'أن', 'إن', 'لا', 'ما', 'كل', 'أي', 'بين', 'حتى', 'منذ']),
  // «پس» as in «پس از» (after) or «پس» (so): either leans on what follows (stress-fa 17's card «…، پس» / «از جلسه…»).
  // Not «آن»: as often the pronoun («بموجب آن», by it) as the demonstrative, and a pronoun leans on nothing (udhr-fa 30's cards: «بموجب / آن»).
  // «این» and «چنین» stand before their noun far more often than alone (Persian marks no definite noun to tell
  // them apart, as Arabic does: DEMONSTRATIVES), and either reads as cut off at a line end; «روی», «سوی» (on,
  // toward) are prepositions written with their ezafe.
  fa: new Set(['و', 'در', 'از', 'به', 'با', 'که', 'یا', 'تا', 'برای', 'بر', 'این', 'چنین', 'پس', 'روی', 'سوی']),
};

/**
 * Arabic demonstratives, which lean on the next word only where it is their
 * noun: the next word is definite («هذا التدخل», «تلك الحملات», long-30 and
 * udhr-ar 12). Before anything else a demonstrative is a pronoun and ends
 * its phrase or starts a sentence of its own: «بعد ذلك» (after that), «هذا
 * حق» (this is a right: the break falls between subject and predicate), so
 * a line may end on it; nor does one lean when the next word is not known
 * (`leans` without `next`: a contents row's last word). Conservative: a
 * definite word after a pronoun («ذلك الذي…») is read as its noun too.
 */
const DEMONSTRATIVES: Record<string, ReadonlySet<string>> = {
  ar: new Set(['هذا', 'هذه', 'تلك', 'ذلك', 'وهذا', 'وهذه', 'وتلك', 'وذلك']),
};

/** An Arabic definite word: the article «ال», alone or after a one-letter proclitic («بال», «وال», «فال», «كال»). */
const DEFINITE = /^[وفبك]?ال/u;

/**
 * The weak words that join two words of the same kind («Opinion and
 * expression», «A social and international order»): a line may end on one
 * more readily than on an article or a preposition, which leans on the noun
 * after it («Duties to the / community»), so a setting that moves one on
 * must stay even (CONJUNCTION_BALANCE).
 */
const CONJUNCTIONS: Record<string, ReadonlySet<string>> = {
  en: new Set(['and', 'or', 'nor']),
  ar: new Set(['و', 'أو', 'ثم']),
  fa: new Set(['و', 'یا']),
};

/**
 * Shortest line a setting may leave, × the longest, when it moves only
 * conjunctions off the line ends: at least half. udhr-en 28's leaflet title
 * «A social / and international order» (0.33) read worse to a page reviewer
 * than the «and» it moved («A social and / international order», 0.63);
 * the cards' «Opinion / and expression» (0.55) and «Assembly / and
 * association» (0.62) keep the move. An article or a preposition is moved
 * at any balance (the cards' «Duties / to the community», 0.36;
 * addresses-ar's cover «عناوين / في نص عربي», 0.48).
 */
export const CONJUNCTION_BALANCE = 1 / 2;

const lexicon = <T>(table: Record<string, T>, lang: string): T => table[lang.split('-')[0]] ?? table.en;

/**
 * A Persian word that ends in its ezafe, written: «ٔ» after «ه» or «ۀ» («همهٔ»,
 * «شبکهٔ») or «ی» after the plural «ها» («روزهای», «کتاب‌های»; with the Arabic
 * yeh too, «روزهاي», as Persian is often typed and never normalised here), or
 * after the vowel «و» of the compounds in «جو» and «گو» (seek, say:
 * «جست‌وجوی متن», stress-fa 13's card; «گفت‌وگوی», «دانشجوی»). The ezafe
 * ties it to the word after it («روزهای هفته», the days of the week), as a
 * preposition is tied (page review: the leaflet's «…در همهٔ روزهای / هفته»).
 * Not every «وی»: the pronoun «وی» (he) and the adjectives in «وی» («قوی»,
 * «معنوی», «فرانسوی»: a consonant «و») lean on nothing, so only those
 * compounds (after «و», a joiner or a longer stem), never «جوی», «گوی» alone.
 * A word followed by punctuation has none to lean on: matched as written.
 */
const EZAFE = /(?:\u0654|\u06c0|ها\u200c?[\u06cc\u064a]|[\p{L}\u200c](?:جو|گو)[\u06cc\u064a])$/u;

/**
 * Whether a line that ends on `word` (as written, lower-cased) ends on a word
 * that leans on the next (`next`, the next line's first word, when known: an
 * Arabic demonstrative leans only on its noun, DEMONSTRATIVES). Only a word
 * that ends in a letter or a mark does: one followed by punctuation («لا.»,
 * «for,», «(of)») ends its phrase and leans on nothing, as `completedBy` and
 * EZAFE read it (the cards' soft ties and their size rule both ask here).
 */
export function leans(word: string, lang: string, next?: string): boolean {
  if (!/[\p{L}\p{M}\u200c]$/u.test(word)) return false;
  const base = lang.split('-')[0];
  if (next !== undefined && DEMONSTRATIVES[base]?.has(word) && DEFINITE.test(next)) return true;
  return lexicon(WEAK, lang).has(word) || (base === 'fa' && EZAFE.test(word));
}

/**
 * Where each word of `text` that leans on the next (`leans`: a preposition,
 * a conjunction, a Persian word with its written ezafe) ends, before a
 * space: a justified line ends there only where no setting as good keeps the
 * two together (ComposeOptions.softTies; the theme's widest space the bound).
 * Cards (stress-fa 17 split «برنامه‌های» / «قصه‌گویی» and «پس» / «از») and
 * the pages' body text (src/layout/typeset.ts: stress-fa leaflet 22's «…تا» /
 * «۱ اسفند») ask for it. A word followed by punctuation leans on nothing.
 */
export function leaningSpaces(text: string, lang: string): number[] {
  const out: number[] = [];
  // (With the word after it: an Arabic demonstrative leans only on its noun.)
  for (const m of text.matchAll(/([^\s]+)(?=[^\S\n]+([^\s]+))/gu)) if (leans(m[1].toLowerCase(), lang, m[2].toLowerCase())) out.push(m.index! + m[1].length);
  return out;
}

/**
 * Words that complete the word before them, each with the words it completes
 * ('*': any): a comparative's «than», a preposition a word governs. Such a
 * preposition starts a phrase that finishes the word before it («more /
 * than», «پاسی / از شب», late into the night: page review of stress-en's and
 * stress-fa's contents), where the same preposition elsewhere opens a phrase
 * of its own, and a line may start on it («every town / of more…»). The
 * mirror of WEAK, which leans forward; «را» (src/text/itemize.ts,
 * POSTPOSITION) leans back always and never starts a line at all.
 */
const COMPLETES: Record<string, ReadonlyMap<string, ReadonlySet<string>>> = {
  en: new Map([
    ['than', new Set(['*'])],
    ['of', new Set(['because', 'instead', 'out', 'ahead', 'regardless'])],
    ['to', new Set(['according', 'due', 'prior', 'owing', 'thanks'])],
    ['as', new Set(['such', 'well'])],
  ]),
  // A comparative and the words that govern «من», «عن», «إلى», «على» (their tanween written or not: UNMARKED).
  ar: new Map([
    ['من', new Set(['أكثر', 'أقل', 'أكبر', 'أصغر', 'أفضل', 'أقرب', 'أبعد', 'بدلا', 'بالرغم', 'الرغم', 'انطلاقا', 'قريبا'])],
    ['عن', new Set(['بعيدا', 'فضلا', 'عوضا', 'نيابة', 'بغض', 'رغما'])],
    ['إلى', new Set(['بالإضافة', 'إضافة', 'بالنسبة', 'استنادا', 'نظرا', 'وصولا'])],
    ['على', new Set(['بناء', 'علاوة', 'اعتمادا', 'تأكيدا'])],
  ]),
  // «پاسی از شب», «پیش از», «بیش از», «بیشتر از»: the word «از» finishes; «نسبت به», «همراه با».
  fa: new Map([
    ['از', new Set(['پاسی', 'پیش', 'بعد', 'قبل', 'بیش', 'بیشتر', 'کمتر', 'بهتر', 'بیرون', 'جدا', 'غیر', 'فراتر', 'بالاتر', 'فارغ'])],
    ['به', new Set(['نسبت', 'راجع', 'بنا', 'رو'])],
    ['با', new Set(['همراه', 'برابر', 'مطابق', 'همزمان', 'هم‌زمان'])],
  ]),
};

/** Arabic's short vowels, tanween and shadda, left out where words are compared (COMPLETES: «بدلاً» as «بدلا»). */
const UNMARKED = /[\u064b-\u0652]/gu;

/**
 * Whether `next` (as written, lower-cased) completes `word` (COMPLETES): a
 * line that ends on `word` before it ends inside a phrase. A word followed
 * by punctuation ends its phrase: «…more, / than…» is matched as written.
 */
export function completedBy(word: string, next: string, lang: string): boolean {
  if (/[.,;:!?،؛]$/u.test(word)) return false;
  const heads = lexicon(COMPLETES, lang).get(next.replace(/[.,;:!?،؛]+$/u, '').replace(UNMARKED, ''));
  return heads !== undefined && (heads.has('*') || heads.has(word.replace(UNMARKED, '')));
}

/**
 * How a balanced title reads its line ends (setBalanced): `completions`
 * adds, to the words that lean on the next (leans), the breaks before a word
 * that completes the one before it (completedBy); `evenest`, where a weak
 * line end must go, takes the more even of the narrowest wider measure that
 * avoids it and the weak words moved on by a forced break (else the wider
 * measure whenever one does: «…every town of more than / twenty thousand
 * people», 0.47, where «…every town / of more than twenty thousand people»
 * is 0.97). The booklet's headings and contents rows ask for both; the
 * cards' and leaflets' titles do not yet.
 */
export interface LineEnds {
  completions?: boolean;
  evenest?: boolean;
}

/** Whether a line that ends on `word` before `next` (the next line's first word; none after the last; both lower-cased) ends weakly under `ends`. */
function endsWeakly(word: string, next: string | undefined, lang: string, ends: LineEnds): boolean {
  return leans(word, lang, next) || (ends.completions === true && next !== undefined && completedBy(word, next, lang));
}

/** The first word of line `n` of `para`, lower-cased, as a line end before it is read (endsWeakly). */
function firstWordOf(para: ComposedParagraph, n: number): string {
  const line = para.lines[n];
  return para.text.slice(line.start, line.end).trim().split(/\s+/u)[0].toLowerCase();
}

/** The weak words of `lang` on which the lines of `para` but the last end (a leaflet's statement sizes compare their count with the regular setting's). */
export function weakEnds(para: ComposedParagraph, lang: string, ends: LineEnds = {}): string[] {
  return para.lines.slice(0, -1).flatMap((l, i) => {
    const words = para.text.slice(l.start, l.end).trim().split(/\s+/u);
    const word = words[words.length - 1].toLowerCase();
    return endsWeakly(word, firstWordOf(para, i + 1), lang, ends) ? [word] : [];
  });
}

/** Whether a line of `para` but the last ends on a weak word of `lang`. */
export function endsWeak(para: ComposedParagraph, lang: string, ends: LineEnds = {}): boolean {
  return weakEnds(para, lang, ends).length > 0;
}

/** Whether every weak line end of `para` is a conjunction (CONJUNCTIONS). */
export function endsOnConjunctionsOnly(para: ComposedParagraph, lang: string, ends: LineEnds = {}): boolean {
  const conj = lexicon(CONJUNCTIONS, lang);
  return weakEnds(para, lang, ends).every((w) => conj.has(w));
}

/** The shortest line of `para` × its longest (natural widths). */
export function balanceOf(para: ComposedParagraph): number {
  const w = para.lines.map((l) => l.naturalWidth);
  return Math.min(...w) / Math.max(...w);
}

/** Whether two settings of a text break it into the same lines. */
export function sameBreaks(a: ComposedParagraph, b: ComposedParagraph): boolean {
  return a.lines.length === b.lines.length && a.lines.every((l, i) => l.start === b.lines[i].start && l.end === b.lines[i].end);
}

/** Trial measures are searched to this many px. */
const PRECISION = 1;
/** Measures tried between the narrowest and the full one for a setting without a weak line end. */
const STEPS = 12;

/**
 * The setting `set(text, measure)` gives of `text`, balanced (module
 * comment). Every trial keeps within its measure. When no measure keeps a
 * weak word from a line's end («Opinion and / expression»: a ragged line
 * takes all it can), the weak words go to the next line by a forced break
 * («Opinion / and expression»), kept when it takes no more lines; the
 * paragraph's text is then the title's again (the break drawn, the space
 * read; in a PDF, a line break where a space was, as at any line's end).
 * One line, or a setting whose lines overrun the measure, is returned as set.
 */
export function setBalanced(set: (text: string, measure: number) => ComposedParagraph, text: string, measure: number, lang: string, ends: LineEnds = {}): ComposedParagraph {
  const full = set(text, measure);
  const n = full.lines.length;
  const fits = (p: ComposedParagraph) => p.lines.length === n && p.lines.every((l) => l.width <= p.measure + 1e-6);
  if (n < 2 || !fits(full)) return full;
  let best = full;
  let [lo, hi] = [Math.max(...full.lines.map((l) => l.naturalWidth)) / n, measure];
  while (hi - lo > PRECISION) {
    const mid = (lo + hi) / 2;
    const trial = set(text, mid);
    if (fits(trial)) [best, hi] = [trial, mid];
    else lo = mid;
  }
  if (!endsWeak(best, lang, ends)) return best;
  // A setting that keeps the weak word off a line's end ends in one word only where the balanced one does (a
  // runt): «A social and international / order» (a leaflet's wider measure) is worse than the weak «and»; nor,
  // when it moves conjunctions only, does it leave a line under CONJUNCTION_BALANCE of the longest.
  const floor = endsOnConjunctionsOnly(best, lang, ends) ? CONJUNCTION_BALANCE : 0;
  const even = (p: ComposedParagraph) => fits(p) && !endsWeak(p, lang, ends) && (!runt(p) || runt(best)) && balanceOf(p) >= floor - 1e-9;
  const wider = widerEven(set, text, hi, measure, even);
  if (wider && !ends.evenest) return wider;
  const moved = weakToNextLine(best, lang, ends);
  const forced = moved === text ? undefined : set(moved, measure);
  const kept = forced && even(forced) ? { ...forced, text } : undefined;
  if (wider && kept) return balanceOf(kept) > balanceOf(wider) + 1e-9 ? kept : wider;
  return wider ?? kept ?? best;
}

/** The setting at the narrowest of STEPS measures from `from` (excluded) to `measure` that is `even`, if any. */
function widerEven(set: (text: string, measure: number) => ComposedParagraph, text: string, from: number, measure: number, even: (p: ComposedParagraph) => boolean): ComposedParagraph | undefined {
  for (let k = 1; k <= STEPS; k++) {
    const trial = set(text, from + ((measure - from) * k) / STEPS);
    if (even(trial)) return trial;
  }
  return undefined;
}

/**
 * A balanced title at its size (`current`) or, where a line of it ends on a
 * weak word no setting at that size keeps off (setBalanced found none: each
 * other break overruns the measure), the setting one size smaller
 * (`smaller()`; undefined when there is none or it does not fit the
 * caller's room) when that ends no line so, in no more lines. udhr-en's
 * cover and document cards: «Universal / Declaration of / Human Rights»,
 * where «of Human Rights» is wider than the measure at the title's size, →
 * «Universal / Declaration / of Human Rights» a step smaller.
 */
export function offWeakBySize<T>(current: T, smaller: () => T | undefined, paraOf: (t: T) => ComposedParagraph, lang: string): T {
  if (!endsWeak(paraOf(current), lang)) return current;
  const next = smaller();
  return next !== undefined && !endsWeak(paraOf(next), lang) && paraOf(next).lines.length <= paraOf(current).lines.length ? next : current;
}

/**
 * Whether the last line of `para` holds one word. Not the text layer's
 * `runts()` (compose.ts): a display line is never a long word kept whole
 * (LONG_LAST_WORD is for ragged body text), and a weak word moved here is a
 * forced line break, which `runts()` would read as the end of a paragraph.
 */
function runt(para: ComposedParagraph): boolean {
  const last = para.lines[para.lines.length - 1];
  return !/\s/u.test(para.text.slice(last.start, last.end).trim());
}

/**
 * The paragraph's text with a line break before the weak words that end each
 * of its lines but the last: a word that leans on the next, or (`ends`) one
 * that the next completes («…of more / than…» → «… / of more than…»: «more»
 * goes on with «than», then «of», leaning on «more»).
 */
function weakToNextLine(para: ComposedParagraph, lang: string, ends: LineEnds): string {
  let out = para.text;
  para.lines.slice(0, -1).forEach((l, i) => {
    // The spaces before the line's last words, from its end back while they are weak before the word after them.
    let end = para.text.slice(0, l.end).trimEnd().length;
    let after = firstWordOf(para, i + 1);
    let cut = -1;
    for (;;) {
      const space = para.text.lastIndexOf(' ', end - 1);
      const word = para.text.slice(space + 1, end).toLowerCase();
      if (space <= l.start || !endsWeakly(word, after, lang, ends)) break;
      cut = space;
      end = space;
      after = word;
    }
    if (cut > 0) out = out.slice(0, cut) + '\n' + out.slice(cut + 1);
  });
  return out;
}
