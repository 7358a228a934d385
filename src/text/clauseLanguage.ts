/**
 * Which words of a paragraph are written in Persian: every Arabic-script
 * word of a Persian document, and in a document of another language the
 * Arabic-script words of each clause written in Persian (`persianWords`;
 * `isPersianLang` says which documents are Persian). One rule, read by the
 * proofreader (the Persian dictionary and alphabet: src/proof/tokenize.ts,
 * findAll.ts, spelling.ts) and by the composer (a Persian word of a
 * paragraph justified with kashida is justified as Persian is, with spaces,
 * keshideh only as the last resort: src/text/compose.ts).
 */

/** A word of the text, with what the rule reads of it: its range (letters only, punctuation outside) and whether it is in Arabic script. */
export interface ClauseWord {
  start: number;
  end: number;
  text: string;
  arabic: boolean;
}

/** Letters Persian writes and Arabic does not (keheh, Farsi yeh, peh, tcheh, jeh, gaf, heh with yeh), and ZWNJ. */
const PERSIAN_ONLY = /[\u06A9\u06CC\u067E\u0686\u0698\u06AF\u06C0\u200C]/u;
/** Where a clause ends: a full stop, colon, semicolon, question or exclamation mark (not the comma, which both languages write «،»). */
const CLAUSE_END = /[.:;!?؛؟\n]/u;

/** Whether a language tag is Persian («fa», «fa-IR», «FA»): its primary subtag (the composer's rule, and theme.ts's default justification). */
export const isPersianLang = (lang: string | undefined): boolean => lang?.split('-')[0].toLowerCase() === 'fa';

/** For each word, whether it is Persian: every Arabic-script word of a Persian document (`lang`), else those of its Persian clauses. */
export function persianWords(text: string, words: readonly ClauseWord[], lang: string | undefined): boolean[] {
  return isPersianLang(lang) ? words.map((w) => w.arabic) : persianClauseWords(text, words);
}

/**
 * For each word, whether it is an Arabic-script word of a clause written in
 * Persian: a clause with two words in Persian-only letters, or a quarter of
 * its words. «با», «را» and «در» have none of those letters, so a word
 * alone cannot tell; its clause does («متن کامل را در … بخوانید، و با ما در
 * تماس باشید» inside an Arabic paragraph). Clauses end at the punctuation
 * between two words (CLAUSE_END).
 */
export function persianClauseWords(text: string, words: readonly ClauseWord[]): boolean[] {
  const out = words.map(() => false);
  let from = 0;
  while (from < words.length) {
    let to = from;
    while (to < words.length && !(to > from && CLAUSE_END.test(text.slice(words[to - 1].end, words[to].start)))) to++;
    const arabic = words.slice(from, to).filter((w) => w.arabic);
    const persian = arabic.filter((w) => PERSIAN_ONLY.test(w.text)).length;
    if (persian >= 2 || (persian > 0 && persian * 4 >= arabic.length)) for (let i = from; i < to; i++) out[i] = words[i].arabic;
    from = to;
  }
  return out;
}
