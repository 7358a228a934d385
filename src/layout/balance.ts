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
 * text layer itself (src/text/compose.ts); this adds the weak words.
 */
import type { ComposedParagraph } from '../text/compose.js';

/** Words that lean on the next one: a line of a title does not end on one where a measure avoids it. */
const WEAK: Record<string, ReadonlySet<string>> = {
  en: new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'or', 'nor', 'by', 'with', 'from', 'as', 'into', 'its']),
  // «أي» leans on its noun as «كل» does: «على أي / إنسان» (udhr-ar 9 at a statement size).
  ar: new Set(['في', 'من', 'إلى', 'الى', 'على', 'عن', 'أو', 'و', 'مع', 'ثم', 'أن', 'إن', 'لا', 'ما', 'كل', 'أي', 'بين', 'حتى', 'منذ']),
  // «پس» as in «پس از» (after) or «پس» (so): either leans on what follows (stress-fa 17's card «…، پس» / «از جلسه…»).
  // Not «آن»: as often the pronoun («بموجب آن», by it) as the demonstrative, and a pronoun leans on nothing (udhr-fa 30's cards: «بموجب / آن»).
  fa: new Set(['و', 'در', 'از', 'به', 'با', 'که', 'یا', 'تا', 'برای', 'بر', 'این', 'پس']),
};

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

const lexicon = (table: Record<string, ReadonlySet<string>>, lang: string) => table[lang.split('-')[0]] ?? table.en;

/**
 * A Persian word that ends in its ezafe, written: «ٔ» after «ه» or «ۀ» («همهٔ»,
 * «شبکهٔ») or «ی» after the plural «ها» («روزهای», «کتاب‌های»; with the Arabic
 * yeh too, «روزهاي», as Persian is often typed and never normalised here). The ezafe
 * ties it to the word after it («روزهای هفته», the days of the week), as a
 * preposition is tied (page review: the leaflet's «…در همهٔ روزهای / هفته»).
 * A word followed by punctuation has none to lean on: matched as written.
 */
const EZAFE = /(?:\u0654|\u06c0|ها\u200c?[\u06cc\u064a])$/u;

/** Whether a line that ends on `word` (as written, lower-cased) ends on a word that leans on the next. */
export function leans(word: string, lang: string): boolean {
  const bare = word.replace(/[.,;:!?،؛]+$/u, '');
  return lexicon(WEAK, lang).has(bare) || (lang.split('-')[0] === 'fa' && EZAFE.test(word));
}

/** The weak words of `lang` on which the lines of `para` but the last end (a leaflet's statement sizes compare their count with the regular setting's). */
export function weakEnds(para: ComposedParagraph, lang: string): string[] {
  return para.lines.slice(0, -1).flatMap((l) => {
    const words = para.text.slice(l.start, l.end).trim().split(/\s+/u);
    const word = words[words.length - 1].toLowerCase();
    return leans(word, lang) ? [word.replace(/[.,;:!?،؛]+$/u, '')] : [];
  });
}

/** Whether a line of `para` but the last ends on a weak word of `lang`. */
export function endsWeak(para: ComposedParagraph, lang: string): boolean {
  return weakEnds(para, lang).length > 0;
}

/** Whether every weak line end of `para` is a conjunction (CONJUNCTIONS). */
export function endsOnConjunctionsOnly(para: ComposedParagraph, lang: string): boolean {
  const conj = lexicon(CONJUNCTIONS, lang);
  return weakEnds(para, lang).every((w) => conj.has(w));
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
export function setBalanced(set: (text: string, measure: number) => ComposedParagraph, text: string, measure: number, lang: string): ComposedParagraph {
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
  if (!endsWeak(best, lang)) return best;
  // A setting that keeps the weak word off a line's end ends in one word only where the balanced one does (a
  // runt): «A social and international / order» (a leaflet's wider measure) is worse than the weak «and»; nor,
  // when it moves conjunctions only, does it leave a line under CONJUNCTION_BALANCE of the longest.
  const floor = endsOnConjunctionsOnly(best, lang) ? CONJUNCTION_BALANCE : 0;
  const even = (p: ComposedParagraph) => fits(p) && !endsWeak(p, lang) && (!runt(p) || runt(best)) && balanceOf(p) >= floor - 1e-9;
  for (let k = 1; k <= STEPS; k++) {
    const trial = set(text, hi + ((measure - hi) * k) / STEPS);
    if (even(trial)) return trial;
  }
  const moved = weakToNextLine(best, lang);
  if (moved === text) return best;
  const forced = set(moved, measure);
  return even(forced) ? { ...forced, text } : best;
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

/** The paragraph's text with a line break before the weak words that end each of its lines but the last. */
function weakToNextLine(para: ComposedParagraph, lang: string): string {
  let out = para.text;
  for (const l of para.lines.slice(0, -1)) {
    // The spaces before the line's last words, from its end back while they are weak.
    let end = para.text.slice(0, l.end).trimEnd().length;
    let cut = -1;
    for (;;) {
      const space = para.text.lastIndexOf(' ', end - 1);
      if (space <= l.start || !leans(para.text.slice(space + 1, end).toLowerCase(), lang)) break;
      cut = space;
      end = space;
    }
    if (cut > 0) out = out.slice(0, cut) + '\n' + out.slice(cut + 1);
  }
  return out;
}
