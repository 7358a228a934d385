/**
 * Repeats: a word said twice («القضية القضية»), a near-repeat of the same
 * word in another form («القضية القضايا», «ببيانات وبيانات»), and a sentence
 * or paragraph that the document already has.
 */
import type { SourcePlace } from '../diagnostics.js';
import { levenshtein } from '../suggest.js';
import { lookupForm, skeleton } from './arabic.js';
import type { Finding } from './finding.js';
import type { Token } from './tokenize.js';
import { placeOf, type TextUnit } from './units.js';

/** Between two repeated words: spaces, quotes and brackets only. */
const ONLY_SPACE = /^[\s"'«»“”()[\]]*$/;
const ARTICLE = /^(?:وبال|فبال|وال|فال|بال|كال|ولل|لل|ال|و|ف|ب|ل|ك)(?=..)/;

/** The word without conjunction, preposition and article (Arabic's: a Persian word keeps its letters, «فرا» is not «ف» + «را»). */
function core(form: string, persian: boolean): string {
  return persian ? form : form.replace(ARTICLE, '');
}

/** The fewest letters a core has for two words to be one word in two forms: «را» and «فرا» (Arabic's reading: «ف» + «را») are two words. */
const MIN_CORE = 3;

/** `persian`: the document is Persian (its tokens are not marked, tokenize.ts); a Persian clause's tokens elsewhere are. */
export function checkRepeats(units: readonly TextUnit[], tokens: readonly Token[][], persian = false): Finding[] {
  const out: Finding[] = [];
  units.forEach((u, unit) => {
    const ws = tokens[unit].filter((t) => t.kind === 'word');
    for (let i = 1; i < ws.length; i++) {
      const a = ws[i - 1];
      const b = ws[i];
      if (!ONLY_SPACE.test(u.text.slice(a.end, b.start))) continue;
      const same = a.form.toLowerCase() === b.form.toLowerCase();
      const near = !same && a.script === 'arabic' && b.script === 'arabic' && nearRepeat(a.form, b.form, persian || a.lang === 'fa' || b.lang === 'fa');
      if (!same && !near) continue;
      const found = u.text.slice(a.start, b.end);
      out.push({
        code: same ? 'W-PROOF-REPEAT-WORD' : 'W-PROOF-REPEAT-NEAR',
        place: placeOf(u, b.start),
        found,
        unit,
        start: a.start,
        end: b.end,
        message: same ? `«${b.text}» twice in a row` : `«${a.text}» and «${b.text}» in a row: the same word twice?`,
        suggestions: same ? [a.text] : [a.text, b.text],
        hint: 'keep one of them with a correction (from: both words, to: the one to print), or add the pair as a correction to itself if it is meant',
      });
    }
  });
  out.push(...repeatedSentences(units));
  return out;
}

/**
 * Two forms of one word: the same core (of MIN_CORE letters or more), or (not
 * joined by a conjunction) cores with one consonant skeleton within two
 * edits. `persian`: Persian words, whose cores are the words themselves.
 */
export function nearRepeat(a: string, b: string, persian = false): boolean {
  const x = core(a, persian);
  const y = core(b, persian);
  if (x === y) return [...x].length >= MIN_CORE;
  // «الجمعيات والجماعات»: two words of one root joined by «و» are meant.
  if (/^[وف]/.test(b) && !/^[وف]/.test(a)) return false;
  if ([...x].length < 4 || [...y].length < 4) return false;
  const sx = skeleton(x);
  return sx.length >= 2 && sx === skeleton(y) && x.slice(0, 2) === y.slice(0, 2) && levenshtein(x, y) <= 2;
}

const SENTENCE = /[^.!?؟؛\n]+[.!?؟؛]*/g;

/** Where a text began before: its unit and offset. */
interface Seen {
  unit: number;
  start: number;
}

/**
 * The finding for the stretch `start`–`end` of unit `unit` that repeats what
 * began at `first`; `says` words its message from the first one's place and
 * which text that is in.
 */
function repeatOf(
  units: readonly TextUnit[],
  { unit, start, end }: { unit: number; start: number; end: number },
  first: Seen,
  what: { code: string; says: (at: SourcePlace, where: string) => string; expected: string; hint: string },
): Finding {
  const u = units[unit];
  const where = first.unit === unit ? ' of the same text' : ` (${units[first.unit].what})`;
  return {
    code: what.code,
    place: placeOf(u, start),
    found: u.text.slice(start, end).trim().slice(0, 60),
    unit,
    start,
    end,
    message: what.says(placeOf(units[first.unit], first.start), where),
    suggestions: [],
    expected: what.expected,
    hint: what.hint,
  };
}

const PARAGRAPH = {
  code: 'W-PROOF-REPEAT-PARAGRAPH',
  says: (at: SourcePlace, where: string) => `this paragraph repeats one at line ${at.line}${where} word for word`,
  expected: 'each paragraph once',
  hint: 'delete one copy in the source (a paragraph pasted twice?)',
};

const SENTENCE_AGAIN = {
  code: 'W-PROOF-REPEAT-SENTENCE',
  says: (at: SourcePlace, where: string) => `this sentence is already at line ${at.line}, column ${at.col}${where}`,
  expected: 'each sentence once',
  hint: 'delete the repeated sentence in the source, or record a correction',
};

/** Sentences of four words or more, and whole paragraphs (a unit, or a paragraph of a unit's text), that appeared before. */
function repeatedSentences(units: readonly TextUnit[]): Finding[] {
  const out: Finding[] = [];
  const seenParagraph = new Map<string, Seen>();
  const seenSentence = new Map<string, Seen>();
  const norm = (s: string) => lookupForm(s).replace(/[\s\p{P}]+/gu, ' ').trim();
  units.forEach((u, unit) => {
    for (const para of u.text.matchAll(/[^\n]+/g)) {
      const pStart = (para.index ?? 0) + (para[0].length - para[0].trimStart().length);
      const whole = norm(para[0]);
      const first = seenParagraph.get(whole);
      if (first && whole.split(' ').length >= 4) {
        out.push(repeatOf(units, { unit, start: pStart, end: (para.index ?? 0) + para[0].length }, first, PARAGRAPH));
        continue;
      }
      if (!first) seenParagraph.set(whole, { unit, start: pStart });
      for (const m of para[0].matchAll(SENTENCE)) {
        const s = norm(m[0]);
        if (s.split(' ').length < 4) continue;
        const start = (para.index ?? 0) + (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
        const seen = seenSentence.get(s);
        if (!seen) {
          seenSentence.set(s, { unit, start });
          continue;
        }
        out.push(repeatOf(units, { unit, start, end: (para.index ?? 0) + (m.index ?? 0) + m[0].length }, seen, SENTENCE_AGAIN));
      }
    }
  });
  return out;
}
