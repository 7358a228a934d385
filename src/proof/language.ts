/**
 * A paragraph in another script: in a right-to-left (Arabic-script)
 * document, a stretch of paragraphs written in Latin letters — often the
 * original's heading or imprint pasted by a converter. Reported once per
 * stretch of consecutive paragraphs.
 */
import type { Finding } from './finding.js';
import type { Token } from './tokenize.js';
import { placeOf, type TextUnit } from './units.js';

/** Share of a paragraph's letters that must be Latin. */
const LATIN_SHARE = 0.8;

export function checkForeign(units: readonly TextUnit[], tokens: readonly Token[][], dir: 'rtl' | 'ltr'): Finding[] {
  if (dir !== 'rtl') return [];
  const out: Finding[] = [];
  /** Latin words of each paragraph written (almost) all in Latin letters; 0 for the others. */
  const latinWords = units.map((_, unit) => {
    const words = tokens[unit].filter((t) => t.kind === 'word');
    const letters = (latin: boolean) => words.filter((t) => (t.script === 'latin') === latin).reduce((n, t) => n + t.text.length, 0);
    const latin = letters(true);
    return latin > 0 && latin >= LATIN_SHARE * (latin + letters(false)) ? words.filter((t) => t.script === 'latin').length : 0;
  });
  for (let i = 0; i < units.length; i++) {
    if (!latinWords[i]) continue;
    let end = i;
    let n = 0;
    while (end < units.length && latinWords[end]) n += latinWords[end++];
    if (n >= 3) {
      const u = units[i];
      out.push({
        code: 'W-PROOF-FOREIGN',
        place: placeOf(u, 0),
        found: units.slice(i, end).map((x) => x.text.trim()).join(' / ').slice(0, 60),
        unit: i,
        start: 0,
        end: u.text.length,
        message: `${end - i > 1 ? `${end - i} lines of ${u.what}` : u.what} in Latin letters in a right-to-left document`,
        suggestions: [],
        expected: 'text in the language of the document',
        hint: 'if it belongs (an original title, a bilingual imprint), keep it and switch the check off with `proofing: { off: [W-PROOF-FOREIGN] }`; if a converter pasted it, delete it in the source',
      });
    }
    i = end - 1;
  }
  return out;
}
