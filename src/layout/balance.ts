/**
 * Balanced titles: a title set ragged (card titles, beside their number;
 * the leaflets' titles and event names) breaks where its measure ends, so that «Equal in dignity and / rights»
 * leaves one word under a full line and a weak word («and», «of», «في») at
 * a line's end. `setBalanced` keeps the fewest lines the measure allows and
 * sets them as even as it can: the narrowest measure that keeps that number
 * of lines, or, when that ends a line on a weak word, the narrowest wider
 * one that does not («Equal in dignity / and rights»). Centred paragraphs
 * (the booklet cover's and the document card's titles) are balanced by the
 * text layer itself (src/text/compose.ts); this adds the weak words.
 */
import type { ComposedParagraph } from '../text/compose.js';

/** Words that lean on the next one: a line of a title does not end on one where a measure avoids it. */
const WEAK: Record<string, ReadonlySet<string>> = {
  en: new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'or', 'nor', 'by', 'with', 'from', 'as', 'into', 'its']),
  ar: new Set(['في', 'من', 'إلى', 'الى', 'على', 'عن', 'أو', 'و', 'مع', 'ثم', 'أن', 'إن', 'لا', 'ما', 'كل', 'بين', 'حتى', 'منذ']),
  fa: new Set(['و', 'در', 'از', 'به', 'با', 'که', 'یا', 'تا', 'برای', 'بر', 'این', 'آن']),
};

/** Whether a line of `para` but the last ends on a weak word of `lang`. */
export function endsWeak(para: ComposedParagraph, lang: string): boolean {
  const weak = WEAK[lang.split('-')[0]] ?? WEAK.en;
  return para.lines.slice(0, -1).some((l) => {
    const words = para.text.slice(l.start, l.end).trim().split(/\s+/u);
    return weak.has(words[words.length - 1].toLowerCase().replace(/[.,;:!?،؛]+$/u, ''));
  });
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
  // runt): «A social and international / order» (a leaflet's wider measure) is worse than the weak «and».
  const even = (p: ComposedParagraph) => fits(p) && !endsWeak(p, lang) && (!runt(p) || runt(best));
  for (let k = 1; k <= STEPS; k++) {
    const trial = set(text, hi + ((measure - hi) * k) / STEPS);
    if (even(trial)) return trial;
  }
  const moved = weakToNextLine(best, lang);
  if (moved === text) return best;
  const forced = set(moved, measure);
  return even(forced) ? { ...forced, text } : best;
}

/** Whether the last line of `para` holds one word. */
function runt(para: ComposedParagraph): boolean {
  const last = para.lines[para.lines.length - 1];
  return !/\s/u.test(para.text.slice(last.start, last.end).trim());
}

/** The paragraph's text with a line break before the weak words that end each of its lines but the last. */
function weakToNextLine(para: ComposedParagraph, lang: string): string {
  const weak = WEAK[lang.split('-')[0]] ?? WEAK.en;
  let out = para.text;
  for (const l of para.lines.slice(0, -1)) {
    // The spaces before the line's last words, from its end back while they are weak.
    let end = para.text.slice(0, l.end).trimEnd().length;
    let cut = -1;
    for (;;) {
      const space = para.text.lastIndexOf(' ', end - 1);
      if (space <= l.start || !weak.has(para.text.slice(space + 1, end).toLowerCase())) break;
      cut = space;
      end = space;
    }
    if (cut > 0) out = out.slice(0, cut) + '\n' + out.slice(cut + 1);
  }
  return out;
}
