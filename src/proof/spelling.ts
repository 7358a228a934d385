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
import { ARABIC_ALPHABET, hamzaVowelled, inflections, LATIN_ALPHABET, PERSIAN_ALPHABET, persianKnown, stems } from './arabic.js';
import type { Lexicon } from './dictionary.js';
import { SILENCE_CORRECT, SILENCE_WORD, type Finding } from './finding.js';
import { candidates, ranked, type Candidate, type Suggestion } from './suggest.js';
import type { Token } from './tokenize.js';
import { placeOf, type TextUnit } from './units.js';
import { isPersianLang } from '../text/clauseLanguage.js';

export interface Lexicons {
  /** For Arabic-script words (the document's language: ar or fa). */
  arabic?: Lexicon;
  arabicAlphabet?: readonly string[];
  /** The Arabic-script dictionary is Persian (fa): words are also known in pieces (ZWNJ, می, ها …). */
  persian?: boolean;
  /** In a document of another language, for the words of its clauses written in Persian (tokenize.ts, `lang: 'fa'`). */
  persianClauses?: Lexicon;
  /** For Latin-script words. */
  latin?: Lexicon;
}

type Status = 'known' | 'hamza' | 'unknown';

/**
 * Suggestion candidates remembered between passes of one process (watch
 * mode proofs the document again after every edit), per dictionary and per
 * set of name forms: a candidate list depends on the word, the search's
 * options, the dictionary and the document's accepted words and recurring
 * names (`nameForms`, which decide what is known and which prefixes lead
 * somewhere), and on nothing else; how often the document uses each
 * candidate is applied afresh by `ranked`. So the findings are the same as
 * a pass without it, and an edit searches only its new words.
 */
let remembered = new WeakMap<Lexicon, Remembered>();
/** Entries per dictionary before the memory starts again (a few KB each at most). */
const REMEMBERED_MAX = 20_000;

interface Remembered {
  names: string;
  lists: Map<string, Candidate[]>;
  /** The lists the last pass used: what is kept on disk for the next process (src/proof/cache.ts). */
  used: Set<string>;
}

/** Candidate lists as kept between processes: the name forms they were found with, and the lists the last pass used. */
export interface KeptCandidates {
  names: string;
  lists: Array<[string, Candidate[]]>;
}

/** Forgets the remembered candidates (tests: a pass with them must equal one without). */
export function forgetCandidates(): void {
  remembered = new WeakMap();
}

function rememberedFor(lex: Lexicon, names: string): Remembered {
  let r = remembered.get(lex);
  if (!r || r.names !== names || r.lists.size > REMEMBERED_MAX) remembered.set(lex, (r = { names, lists: new Map(), used: new Set() }));
  return r;
}

/** The lists the last pass with `lex` used, to keep for the next process. */
export function keptCandidates(lex: Lexicon): KeptCandidates | undefined {
  const r = remembered.get(lex);
  return r && { names: r.names, lists: [...r.used].map((k) => [k, r.lists.get(k)!] as [string, Candidate[]]) };
}

/** Whether this process remembers candidates for `lex` (a pass with it ran, or it was seeded): then lists kept on disk add nothing. */
export function remembers(lex: Lexicon): boolean {
  return remembered.has(lex);
}

/** Takes lists kept by an earlier process (same dictionary and code: src/proof/cache.ts) when this one has none for `lex`. */
export function seedCandidates(lex: Lexicon, kept: KeptCandidates): void {
  if (!remembers(lex)) remembered.set(lex, { names: kept.names, lists: new Map(kept.lists), used: new Set() });
}

export function alphabetFor(lang: string): readonly string[] {
  return isPersianLang(lang) ? PERSIAN_ALPHABET : ARABIC_ALPHABET;
}

export function checkSpelling(units: readonly TextUnit[], tokens: readonly Token[][], lex: Lexicons, accepted: readonly string[]): Finding[] {
  return new SpellingPass(units, tokens, lex, accepted).run();
}

/** One pass over a document: what each word is, what the document as a whole says about its words, the findings. */
class SpellingPass {
  private readonly accepted: Set<string>;
  private readonly statusCache = new Map<string, Status>();
  private readonly suggestionsCache = new Map<string, Suggestion[]>();
  /** The words to check, per unit (single letters and words of scripts without a dictionary left out). */
  private readonly words: Token[][];
  /** How often the document uses each form (a typo's intended word is often used elsewhere). */
  private readonly docCount = new Map<string, number>();
  /** Stems of the unknown words: a stem shared by two of them is a name that recurs. */
  private readonly unknownStems = new Map<string, number>();
  /** Every form (with clitics) of an accepted word or a recurring name, and their prefixes: suggestion candidates. */
  private readonly nameForms = new Set<string>();
  private readonly namePrefixes = new Set<string>();
  /** Name keys of the document's Arabic words (a Latin name beside its Arabic form). */
  private readonly arabicKeys = new Set<string>();
  private readonly reportedNames = new Set<string>();

  constructor(
    private readonly units: readonly TextUnit[],
    tokens: readonly Token[][],
    private readonly lex: Lexicons,
    accepted: readonly string[],
  ) {
    this.accepted = new Set(accepted.map((w) => w.normalize('NFC')));
    this.words = tokens.map((ts) => ts.filter((t) => t.kind === 'word' && this.lexFor(t) !== undefined && [...t.form].length > 1));
    for (const t of this.words.flat()) {
      this.docCount.set(t.form, (this.docCount.get(t.form) ?? 0) + 1);
      if (t.script !== 'arabic') continue;
      for (const s of stems(t.form)) this.arabicKeys.add(nameKey(s));
      if (this.status(t) === 'unknown') for (const s of stems(t.form)) if ([...s].length >= 3) this.unknownStems.set(s, (this.unknownStems.get(s) ?? 0) + 1);
    }
    for (const w of this.accepted) for (const f of inflections(w)) this.nameForms.add(f);
    for (const [s, n] of this.unknownStems) if (n >= 2) for (const f of inflections(s)) this.nameForms.add(f);
    for (const f of this.nameForms) for (let i = 1; i <= f.length; i++) this.namePrefixes.add(f.slice(0, i));
    this.names = [...this.nameForms].sort().join('\n');
    for (const l of [lex.arabic, lex.latin, lex.persianClauses]) if (l) rememberedFor(l, this.names).used.clear();
  }

  /** The name forms, as one string: what the remembered candidates depend on besides the dictionary. */
  private readonly names: string;

  run(): Finding[] {
    const out: Finding[] = [];
    this.words.forEach((ws, unit) => {
      for (let i = 0; i < ws.length; i++) {
        const t = ws[i];
        if (this.status(t) === 'known') continue;
        const split = this.split(unit, t, ws[i + 1], ws[i - 1]);
        if (split) {
          out.push(split.finding);
          if (split.second === ws[i + 1]) i++;
          continue;
        }
        const f = this.wordFinding(unit, t);
        if (f) out.push(f);
      }
    });
    return out;
  }

  private lexFor(t: Token): Lexicon | undefined {
    // Marked in a document of another language only (tokenize.ts).
    if (t.lang === 'fa') return this.lex.persianClauses;
    return t.script === 'arabic' ? this.lex.arabic : t.script === 'latin' ? this.lex.latin : undefined;
  }

  /** A word checked by the Persian rules: every word of a Persian document, and those of a Persian clause elsewhere. */
  private persianWord(t: Token): boolean {
    return t.script === 'arabic' && (this.lex.persian === true || t.lang === 'fa');
  }

  private isAccepted(t: Token): boolean {
    return t.script === 'latin' ? this.accepted.has(t.form) || this.accepted.has(t.form.toLowerCase()) : stems(t.form).some((s) => this.accepted.has(s));
  }

  /** Known (dictionary, `words:`, or a hamza variant vowelled on its hamzas: `hamzaVowelled`), a hamza variant of a dictionary word, or unknown. */
  status(t: Token): Status {
    const vowelled = t.script === 'arabic' && hamzaVowelled(t.text);
    const key = t.script + (t.lang ?? '') + t.form + (vowelled ? '\u064E' : '');
    let s = this.statusCache.get(key);
    if (s) return s;
    const l = this.lexFor(t)!;
    const latin = t.script === 'latin';
    if (l.has(t.form) || this.isAccepted(t) || (latin && (l.has(t.form.toLowerCase()) || l.has(capitalised(t.form)) || l.hasLoose(t.form)))) s = 'known';
    else if (this.persianWord(t) && persianKnown(t.form, (w) => l.has(w))) s = 'known';
    else if (!latin && l.hasLoose(t.form)) s = vowelled ? 'known' : 'hamza';
    else s = 'unknown';
    this.statusCache.set(key, s);
    return s;
  }

  private recurring(t: Token): boolean {
    return t.script === 'arabic' && stems(t.form).some((s) => (this.unknownStems.get(s) ?? 0) >= 2);
  }

  /** Suggestions for a word; for a split word joined, `from` is where the two halves meet (edits near it only). */
  suggestFor(t: Token, maxCost = 1.6, from = 0): Suggestion[] {
    const key = `${t.script}${t.lang ?? ''}${t.form}${maxCost}:${from}`;
    let s = this.suggestionsCache.get(key);
    if (s) return s;
    const l = this.lexFor(t)!;
    // A dictionary word, an accepted word or a name the document repeats (with any clitics); the document's own words rank higher.
    const isKnown = (w: string) => l.has(w) || this.nameForms.has(w);
    const rank = (w: string) => (isKnown(w) ? 1 + (this.docCount.get(w) ?? 0) : 0);
    const word = t.script === 'latin' ? t.form.toLowerCase() : t.form;
    const alphabet = t.script === 'latin' ? LATIN_ALPHABET : t.lang === 'fa' ? PERSIAN_ALPHABET : this.lex.arabicAlphabet ?? ARABIC_ALPHABET;
    const { lists, used } = rememberedFor(l, this.names);
    const listKey = `${alphabet.join('')}\n${maxCost}\n${from}\n${word}`;
    used.add(listKey);
    let found = lists.get(listKey);
    if (!found) {
      found = candidates(word, isKnown, {
        alphabet,
        maxCost,
        isPrefix: (p) => l.hasPrefix(p) || this.namePrefixes.has(p),
        ...(from ? { from: Math.max(0, from - 3), to: from + 3 } : {}),
      });
      lists.set(listKey, found);
    }
    s = ranked(found, rank, { inDocument: (w) => (this.docCount.get(w) ?? 0) > 0 });
    this.suggestionsCache.set(key, s);
    return s;
  }

  /** `t` and a neighbour as one word split in two (perhaps with a letter moved), if they are. */
  private split(unit: number, t: Token, next: Token | undefined, prev: Token | undefined): { finding: Finding; second: Token } | undefined {
    if (t.script !== 'arabic') return undefined;
    const u = this.units[unit];
    const lex = this.lexFor(t)!;
    const particles = this.persianWord(t) ? FA_PARTICLES : PARTICLES;
    const found =
      (next && splitSuggestion(u, t, next, (x) => this.status(x), lex, (x, c, f) => this.suggestFor(x, c, f), particles)) ||
      (prev && this.status(prev) !== 'unknown' && splitSuggestion(u, prev, t, (x) => this.status(x), lex, (x, c, f) => this.suggestFor(x, c, f), particles));
    if (!found) return undefined;
    const [a, b, suggestions] = found;
    const text = u.text.slice(a.start, b.end);
    return {
      second: b,
      finding: {
        code: 'W-PROOF-SPLIT',
        place: placeOf(u, a.start),
        found: text,
        unit,
        start: a.start,
        end: b.end,
        message: `«${text}» looks like one word split in two`,
        suggestions,
        hint: `${SILENCE_CORRECT}; ${SILENCE_WORD}`,
      },
    };
  }

  /** The finding for a word that is not known: a hamza variant, a recurring name (once), a doubled or swapped letter, or unknown. */
  private wordFinding(unit: number, t: Token): Finding | undefined {
    const u = this.units[unit];
    if (this.status(t) === 'hamza') {
      const s = this.suggestFor(t);
      // A word the document uses elsewhere, with letters swapped or doubled, is likelier than the hamza variant («الأرسالي»: الرأسمالي).
      const used = s.find((x) => (x.kind === 'swapped' || x.kind === 'doubled') && x.cost <= 1 && (this.docCount.get(x.word) ?? 0) > 0);
      if (!used)
        return finding('W-PROOF-HAMZA', u, unit, t, `«${t.text}» is a hamza-spelling variant of a dictionary word`, s, 'switch the check off with `proofing: { off: [W-PROOF-HAMZA] }` if the text follows another hamza convention');
      const code = used.kind === 'doubled' ? 'W-PROOF-DOUBLED' : 'W-PROOF-SWAPPED';
      const message = `«${t.text}» looks like «${used.word}», which the document uses elsewhere, with letters ${used.kind === 'doubled' ? 'doubled' : 'swapped'}`;
      return finding(code, u, unit, t, message, [used, ...s.filter((x) => x !== used)], `${SILENCE_CORRECT}; ${SILENCE_WORD}`);
    }
    // A name written in Latin letters beside its Arabic form is the same name.
    if (t.script === 'latin' && nameKey(t.form).length >= 3 && this.arabicKeys.has(nameKey(t.form))) return undefined;
    if (this.recurring(t)) {
      const all = stems(t.form);
      if (all.some((s) => this.reportedNames.has(s) && (this.unknownStems.get(s) ?? 0) >= 2)) return undefined;
      const n = all.reduce((m, s) => Math.max(m, this.unknownStems.get(s) ?? 0), 0);
      for (const s of all) this.reportedNames.add(s);
      return finding('W-PROOF-UNKNOWN', u, unit, t, `«${t.text}» is not in the dictionary (${n} times in the document: a name?)`, [], SILENCE_WORD);
    }
    const s = this.suggestFor(t);
    const best = s[0];
    const cheap = best !== undefined && best.cost <= 0.6;
    const code = cheap && best.kind === 'doubled' ? 'W-PROOF-DOUBLED' : cheap && best.kind === 'swapped' ? 'W-PROOF-SWAPPED' : 'W-PROOF-UNKNOWN';
    const message =
      code === 'W-PROOF-DOUBLED'
        ? `«${t.text}» has a doubled letter; «${best.word}» is a word`
        : code === 'W-PROOF-SWAPPED'
          ? `«${t.text}» has two letters swapped; «${best.word}» is a word`
          : `«${t.text}» is not in the dictionary`;
    return finding(code, u, unit, t, message, s, `${SILENCE_CORRECT}; ${SILENCE_WORD}`);
  }
}

/** Arabic particles that stand alone: never half of a split word. */
const PARTICLES = new Set(['أو', 'او', 'و', 'في', 'من', 'على', 'إلى', 'الى', 'عن', 'ما', 'لا', 'لم', 'لن', 'أن', 'إن', 'ان', 'قد', 'ثم', 'كل', 'هذا', 'هذه', 'ذلك', 'التي', 'الذي', 'مع', 'بين', 'أي']);
/** Persian's, for the words checked as Persian (look17 fa.txt:109: «را فرا» read as «رافرا» split in two). */
const FA_PARTICLES = new Set(['را', 'و', 'به', 'از', 'در', 'با', 'بر', 'که', 'تا', 'یا', 'هم', 'نه', 'نیز', 'این', 'آن', 'هر', 'چه', 'اگر', 'اما', 'پس', 'چون']);

/** [first, second, suggestions] when `a b` is one word split in two. */
function splitSuggestion(
  u: TextUnit,
  a: Token,
  b: Token,
  status: (t: Token) => Status,
  lex: Lexicon,
  suggestFor: (t: Token, maxCost?: number, from?: number) => Suggestion[],
  particles: ReadonlySet<string>,
): [Token, Token, string[]] | undefined {
  if (b.script !== a.script || b.lang !== a.lang || u.text.slice(a.end, b.start) !== ' ') return undefined;
  // Particles are words of their own («أو الإجتماعي», «را فرا» are two words, whatever the dictionary joins).
  if (particles.has(a.form) || particles.has(b.form)) return undefined;
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
