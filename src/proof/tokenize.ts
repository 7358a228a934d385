/**
 * Tokens for proofing: words (letters and marks, with ZWNJ for Persian and
 * an inner apostrophe for English) and numbers, with their UTF-16 offsets in
 * the paragraph. URLs, e-mail addresses, file names and hashes are skipped. Everything else (spaces, punctuation) stays in the text,
 * where the punctuation checks read it.
 */
import { isArabicScript, isLatinScript, lookupForm } from './arabic.js';
import { isPersianLang, persianClauseWords } from '../text/clauseLanguage.js';

type Script = 'arabic' | 'latin' | 'other';

export interface Token {
  kind: 'word' | 'number';
  text: string;
  start: number;
  end: number;
  script: Script;
  /** For words: the look-up form (NFC, no harakat or tatweel). */
  form: string;
  /** An Arabic-script word in a clause written in Persian (persianClauses): checked with the Persian dictionary. */
  lang?: 'fa';
}

const TOKEN = /(\p{L}[\p{L}\p{M}\u200C\u0640]*(?:['’]\p{L}[\p{L}\p{M}]*)*)|(\p{Nd}+(?:[.,٫٬]\p{Nd}+)*)/gu;

/** URLs, e-mail addresses, file names and long hex hashes: not words to proofread. */
const NOT_PROSE = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s«»"<>]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+\.(?:pdf|txt|md|png|jpe?g|webp|svg|html?|json|ya?ml|csv|zip|docx?|odt)\b|\b[0-9a-f]{12,}\b/giu;

/** The tokens of a paragraph of a document in `lang`. */
export function tokenize(text: string, lang?: string): Token[] {
  const out: Token[] = [];
  // Blanked out, same length: offsets stay those of the text.
  const prose = text.replace(NOT_PROSE, (m) => ' '.repeat(m.length));
  for (const m of prose.matchAll(TOKEN)) {
    const t = m[0];
    const start = m.index ?? 0;
    const kind = m[1] !== undefined ? 'word' : 'number';
    const script: Script = kind === 'number' ? 'other' : isArabicScript(t) ? 'arabic' : isLatinScript(t) ? 'latin' : 'other';
    out.push({ kind, text: t, start, end: start + t.length, script, form: kind === 'word' ? lookupForm(t) : t });
  }
  // In a Persian document every word is checked as Persian anyway: nothing to mark.
  return isPersianLang(lang) ? out : markPersianClauses(text, out);
}

/**
 * Marks the Arabic-script words of each clause written in Persian (`lang:
 * 'fa'`), by the rule the composer reads too (src/text/clauseLanguage.ts).
 */
function markPersianClauses(text: string, tokens: Token[]): Token[] {
  const persian = persianClauseWords(text, tokens.map((t) => ({ ...t, arabic: t.kind === 'word' && t.script === 'arabic' })));
  tokens.forEach((t, i) => {
    if (persian[i]) t.lang = 'fa';
  });
  return tokens;
}

/** The digit family of a number: Western (latn), Arabic-Indic (arab) or Extended Arabic-Indic (arabext). */
export function digitFamily(n: string): 'latn' | 'arab' | 'arabext' | 'other' {
  const c = n.codePointAt(0) ?? 0;
  if (c >= 0x30 && c <= 0x39) return 'latn';
  if (c >= 0x660 && c <= 0x669) return 'arab';
  if (c >= 0x6f0 && c <= 0x6f9) return 'arabext';
  return 'other';
}
