/**
 * Spelling: unknown words (with suggestions), hamza-spelling variants,
 * split words, doubled letters and swapped neighbours.
 *
 * A word is known when the dictionary of its script has it (Arabic script:
 * the document's language, ar or fa; Latin: English), when it is in the
 * metadata's `words:` (with any clitics: «والناتو» for الناتو), or when it
 * is a hamza-spelling variant of a dictionary word (reported apart, under
 * W-PROOF-HAMZA). An unknown word that recurs (a name) is reported once;
 * a Latin word that transcribes an Arabic word of the document is the same
 * name and not reported again.
 */
import { ARABIC_ALPHABET, inflections, LATIN_ALPHABET, PERSIAN_ALPHABET, persianKnown, stems } from './arabic.js';
import type { Lexicon } from './dictionary.js';
import { SILENCE_CORRECT, SILENCE_WORD, type Finding } from './finding.js';
import { suggest, type Suggestion } from './suggest.js';
import type { Token } from './tokenize.js';
import { placeOf, type TextUnit } from './units.js';

export interface Lexicons {
  /** For Arabic-script words (the document's language: ar or fa). */
  arabic?: Lexicon;
  arabicAlphabet?: readonly string[];
  /** The Arabic-script dictionary is Persian (fa): words are also known in pieces (ZWNJ, می, ها …). */
  persian?: boolean;
  /** For Latin-script words. */
  latin?: Lexicon;
}

type Status = 'known' | 'hamza' | 'unknown';

interface WordInfo {
  unit: number;
  token: Token;
}

export function alphabetFor(lang: string): readonly string[] {
  return lang.toLowerCase().startsWith('fa') ? PERSIAN_ALPHABET : ARABIC_ALPHABET;
}

export function checkSpelling(units: readonly TextUnit[], tokens: readonly Token[][], lex: Lexicons, accepted: readonly string[]): Finding[] {
  const acceptedSet = new Set(accepted.map((w) => w.normalize('NFC')));
  const lexFor = (t: Token) => (t.script === 'arabic' ? lex.arabic : t.script === 'latin' ? lex.latin : undefined);
  const isAccepted = (t: Token) => (t.script === 'latin' ? acceptedSet.has(t.form) || acceptedSet.has(t.form.toLowerCase()) : stems(t.form).some((s) => acceptedSet.has(s)));

  const statusCache = new Map<string, Status>();
  const status = (t: Token): Status => {
    const key = t.script + t.form;
    let s = statusCache.get(key);
    if (s) return s;
    const l = lexFor(t)!;
    if (l.has(t.form) || isAccepted(t) || (t.script === 'latin' && (l.has(t.form.toLowerCase()) || l.has(capitalised(t.form))))) s = 'known';
    else if (t.script === 'arabic' && lex.persian && persianKnown(t.form, (w) => l.has(w))) s = 'known';
    else if (t.script === 'arabic' && l.hasLoose(t.form)) s = 'hamza';
    else if (t.script === 'latin' && l.hasLoose(t.form)) s = 'known';
    else s = 'unknown';
    statusCache.set(key, s);
    return s;
  };

  const words: WordInfo[][] = tokens.map((ts, unit) => ts.filter((t) => t.kind === 'word' && lexFor(t) !== undefined && [...t.form].length > 1).map((token) => ({ unit, token })));

  // How often the document uses each form (a typo's intended word is often used elsewhere).
  const docCount = new Map<string, number>();
  for (const ws of words) for (const { token } of ws) docCount.set(token.form, (docCount.get(token.form) ?? 0) + 1);
  // Stems of the unknown words: a stem shared by two of them is a name that recurs.
  const unknownStems = new Map<string, number>();
  for (const ws of words)
    for (const { token } of ws) {
      if (token.script !== 'arabic' || status(token) !== 'unknown') continue;
      for (const s of stems(token.form)) if ([...s].length >= 3) unknownStems.set(s, (unknownStems.get(s) ?? 0) + 1);
    }
  // Every form of an accepted word or recurring name (with clitics), as suggestion candidates.
  const nameForms = new Set<string>();
  for (const w of acceptedSet) for (const f of inflections(w)) nameForms.add(f);
  for (const [s, n] of unknownStems) if (n >= 2) for (const f of inflections(s)) nameForms.add(f);
  const namePrefixes = new Set<string>();
  for (const f of nameForms) for (let i = 1; i <= f.length; i++) namePrefixes.add(f.slice(0, i));
  const recurring = (t: Token) => t.script === 'arabic' && stems(t.form).some((s) => (unknownStems.get(s) ?? 0) >= 2);
  const arabicSkeletons = new Set<string>();
  for (const ws of words) for (const { token } of ws) if (token.script === 'arabic') for (const s of stems(token.form)) arabicSkeletons.add(nameKey(s));

  const suggestionsCache = new Map<string, Suggestion[]>();
  /** Suggestions for a word; for a split word joined, `from` is where the two halves meet (edits near it only). */
  const suggestFor = (t: Token, maxCost = 1.6, from = 0): Suggestion[] => {
    const key = `${t.script}${t.form}${maxCost}:${from}`;
    let s = suggestionsCache.get(key);
    if (s) return s;
    const l = lexFor(t)!;
    const form = t.script === 'latin' ? t.form.toLowerCase() : t.form;
    const rank = (w: string) => {
      const n = docCount.get(w) ?? 0;
      if (l.has(w)) return 1 + n;
      // An accepted word, or a name the document repeats, with any clitics, is a candidate too.
      return nameForms.has(w) ? 1 + n : 0;
    };
    s = suggest(form, rank, {
      alphabet: t.script === 'latin' ? LATIN_ALPHABET : lex.arabicAlphabet ?? ARABIC_ALPHABET,
      maxCost,
      inDocument: (w) => (docCount.get(w) ?? 0) > 0,
      isPrefix: (p) => l.hasPrefix(p) || namePrefixes.has(p),
      ...(from ? { from: Math.max(0, from - 3), to: from + 3 } : {}),
    });
    suggestionsCache.set(key, s);
    return s;
  };

  const out: Finding[] = [];
  const reportedNames = new Set<string>();
  for (const ws of words) {
    for (let i = 0; i < ws.length; i++) {
      const { unit, token: t } = ws[i];
      const st = status(t);
      if (st === 'known') continue;
      const u = units[unit];
      const next = ws[i + 1]?.token;
      const prev = ws[i - 1]?.token;
      // Split words: this word joined with a neighbour (perhaps with one letter moved) is a word.
      const split =
        (next && t.script === 'arabic' && splitSuggestion(u, t, next, status, lexFor(t)!, suggestFor)) ||
        (prev && t.script === 'arabic' && status(prev) !== 'unknown' && splitSuggestion(u, prev, t, status, lexFor(t)!, suggestFor));
      if (split) {
        const [a, b, sugg] = split;
        // A split found from the second word replaces nothing already reported for the first (it was known).
        out.push({
          code: 'W-PROOF-SPLIT',
          place: placeOf(u, a.start),
          found: u.text.slice(a.start, b.end),
          unit,
          start: a.start,
          end: b.end,
          message: `«${u.text.slice(a.start, b.end)}» looks like one word split in two`,
          suggestions: sugg,
          hint: `${SILENCE_CORRECT}; ${SILENCE_WORD}`,
        });
        if (b === next) i++;
        continue;
      }
      if (st === 'hamza') {
        const s = suggestFor(t);
        out.push(finding('W-PROOF-HAMZA', u, unit, t, `«${t.text}» is a hamza-spelling variant of a dictionary word`, s, 'switch the check off with `proofing: { off: [W-PROOF-HAMZA] }` if the text follows another hamza convention'));
        continue;
      }
      // A name written in Latin letters beside its Arabic form is the same name.
      if (t.script === 'latin' && nameKey(t.form).length >= 3 && arabicSkeletons.has(nameKey(t.form))) continue;
      if (recurring(t)) {
        const key = stems(t.form).sort((a, b) => a.length - b.length)[0];
        if (reportedNames.has(key)) continue;
        const n = stems(t.form).reduce((m, s) => Math.max(m, unknownStems.get(s) ?? 0), 0);
        for (const s of stems(t.form)) reportedNames.add(s);
        out.push(finding('W-PROOF-UNKNOWN', u, unit, t, `«${t.text}» is not in the dictionary (${n} times in the document: a name?)`, [], SILENCE_WORD));
        continue;
      }
      const s = suggestFor(t);
      const best = s[0];
      const code = best && best.cost <= 0.6 && best.kind === 'doubled' ? 'W-PROOF-DOUBLED' : best && best.cost <= 0.6 && best.kind === 'swapped' ? 'W-PROOF-SWAPPED' : 'W-PROOF-UNKNOWN';
      const message =
        code === 'W-PROOF-DOUBLED'
          ? `«${t.text}» has a doubled letter; «${best.word}» is a word`
          : code === 'W-PROOF-SWAPPED'
            ? `«${t.text}» has two letters swapped; «${best.word}» is a word`
            : `«${t.text}» is not in the dictionary`;
      out.push(finding(code, u, unit, t, message, s, `${SILENCE_CORRECT}; ${SILENCE_WORD}`));
    }
  }
  return out;
}

/** Arabic particles that stand alone: never half of a split word. */
const PARTICLES = new Set(['أو', 'او', 'و', 'في', 'من', 'على', 'إلى', 'الى', 'عن', 'ما', 'لا', 'لم', 'لن', 'أن', 'إن', 'ان', 'قد', 'ثم', 'كل', 'هذا', 'هذه', 'ذلك', 'التي', 'الذي', 'مع', 'بين', 'أي']);

/** [first, second, suggestions] when `a b` is one word split in two. */
function splitSuggestion(
  u: TextUnit,
  a: Token,
  b: Token,
  status: (t: Token) => Status,
  lex: Lexicon,
  suggestFor: (t: Token, maxCost?: number, from?: number) => Suggestion[],
): [Token, Token, string[]] | undefined {
  if (b.script !== a.script || u.text.slice(a.end, b.start) !== ' ') return undefined;
  // Particles are words of their own («أو الإجتماعي» is two words, whatever the dictionary joins).
  if (PARTICLES.has(a.form) || PARTICLES.has(b.form)) return undefined;
  if (status(a) === 'known' && status(b) === 'known') return undefined;
  const form = a.form + b.form;
  if (lex.has(form)) return [a, b, [form]];
  const joined: Token = { ...a, text: a.text + b.text, form, end: b.end };
  const s = suggestFor(joined, 1.0, a.form.length);
  return s.length ? [a, b, s.map((x) => x.word)] : undefined;
}

function finding(code: string, u: TextUnit, unit: number, t: Token, message: string, s: Suggestion[], hint: string): Finding {
  return { code, place: placeOf(u, t.start), found: t.text, unit, start: t.start, end: t.end, message, suggestions: s.map((x) => x.word), hint, expected: 'a dictionary word' };
}

function capitalised(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
}

// Names across scripts: a rough consonant key shared by «إزمير» and «İzmir».
const AR_KEY: Record<string, string> = {
  ب: 'b', ت: 't', ث: 't', ج: 'j', ح: 'h', خ: 'h', د: 'd', ذ: 'd', ر: 'r', ز: 'z', س: 's', ش: 's', ص: 's', ض: 'd', ط: 't', ظ: 'z',
  ع: '', غ: 'g', ف: 'f', ق: 'k', ك: 'k', ل: 'l', م: 'm', ن: 'n', ه: 'h', ة: '', پ: 'b', چ: 'j', ژ: 'j', گ: 'g', ک: 'k', ڤ: 'f',
};
const LATIN_KEY: Record<string, string> = { p: 'b', v: 'f', w: '', y: '', c: 'k', q: 'k', x: 'ks', g: 'g', j: 'j' };

/** Consonant key of a name, in either script ('' for vowels and weak letters). */
export function nameKey(word: string): string {
  const w = word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/([stkgcz])h/g, (_, c: string) => (c === 'c' ? 'j' : c === 'k' ? 'h' : c));
  let out = '';
  for (const ch of w) {
    if (ch in AR_KEY) out += AR_KEY[ch];
    else if (/[a-z]/.test(ch)) out += /[aeiou]/.test(ch) ? '' : ch in LATIN_KEY ? LATIN_KEY[ch] : ch;
  }
  return out.replace(/(.)\1+/g, '$1').replace(/^h/, '');
}
