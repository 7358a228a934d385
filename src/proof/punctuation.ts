/**
 * Punctuation and numbers: a space before punctuation, ASCII quotes in a
 * document that uses «», Arabic text between straight quotes in one that
 * does not, digits of two families in one document, a number glued to a
 * word. (A Latin , ; ? inside Arabic is W-LATIN-PUNCT, reported by the
 * parser: src/parse/checks.ts.)
 */
import { isArabicScript } from './arabic.js';
import type { Finding } from './finding.js';
import { digitFamily, type Token } from './tokenize.js';
import { placeOf, type TextUnit } from './units.js';

const SPACE_BEFORE_PUNCT = /(?<=[\p{L}\p{N}\p{M}])[ \u00A0\t]+(?=[.،؛؟!:,;?](?![.\p{N}]))/gu;

/** «و5», «ب2024»: a one-letter conjunction or preposition before a number is written joined. */
const PROCLITIC_BEFORE = /(?:^|[^\p{L}\p{M}])[وفبلك]$/u;

const FAMILY_NAME = { latn: 'Western (0–9)', arab: 'Arabic-Indic (٠–٩)', arabext: 'Extended Arabic-Indic (۰–۹)', other: 'other' } as const;

export function checkPunctuation(units: readonly TextUnit[], tokens: readonly Token[][]): Finding[] {
  const usesGuillemets = units.some((u) => /[«»]/.test(u.text));
  // flatMap and concat, not push(...): a spread of some 150,000 findings (a pathological paragraph of straight quotes) overflows the stack.
  return units
    .flatMap((u, unit) => [spacesBeforePunctuation(u, unit), usesGuillemets ? asciiQuotes(u, unit) : straightQuotes(u, unit), gluedNumbers(u, unit, tokens[unit])].flat())
    .concat(mixedDigits(units, tokens));
}

/** W-PROOF-SPACE-PUNCT: a space before a closing mark (it lets the mark start a line). */
function spacesBeforePunctuation(u: TextUnit, unit: number): Finding[] {
  return [...u.text.matchAll(SPACE_BEFORE_PUNCT)].map((m) => {
    const space = m.index ?? 0;
    const punct = u.text[space + m[0].length];
    // From the start of the word before: `found` is a form to copy into a correction's `from`.
    const start = wordStart(u.text, space);
    const end = space + m[0].length + 1;
    return {
      code: 'W-PROOF-SPACE-PUNCT',
      place: placeOf(u, space),
      found: u.text.slice(start, end),
      unit,
      start,
      end,
      message: `space before "${punct}"`,
      suggestions: [],
      expected: `"${punct}" right after the word`,
      hint: 'the space lets the mark start a line of its own; delete it in the source, or record a correction',
    };
  });
}

/** W-PROOF-ASCII-QUOTE: a straight quote in a document that quotes with « ». */
function asciiQuotes(u: TextUnit, unit: number): Finding[] {
  return [...u.text.matchAll(/"/g)].map((m) => {
    const start = m.index ?? 0;
    return {
      code: 'W-PROOF-ASCII-QUOTE',
      place: placeOf(u, start),
      found: '"',
      unit,
      start,
      end: start + 1,
      message: 'straight quote " in a document that quotes with « »',
      suggestions: [],
      expected: '« or »',
      hint: 'use « to open and » to close, as elsewhere in the document',
    };
  });
}

/** W-PROOF-NUMBER-GLUED: a number (not a superscript) with an Arabic letter right before it (not a proclitic) or after it. */
function gluedNumbers(u: TextUnit, unit: number, ts: readonly Token[]): Finding[] {
  const out: Finding[] = [];
  for (const t of ts) {
    if (t.kind !== 'number') continue;
    if (u.sup?.some(([a, b]) => t.start >= a && t.end <= b)) continue;
    const before = u.text[t.start - 1] ?? '';
    const after = u.text[t.end] ?? '';
    const gluedBefore = isArabicLetter(before) && !PROCLITIC_BEFORE.test(u.text.slice(Math.max(0, t.start - 2), t.start));
    if (!gluedBefore && !(after && isArabicLetter(after))) continue;
    const start = gluedBefore ? wordStart(u.text, t.start) : t.start;
    const end = gluedBefore ? t.end : wordEnd(u.text, t.end);
    out.push({
      code: 'W-PROOF-NUMBER-GLUED',
      place: placeOf(u, t.start),
      found: u.text.slice(start, end),
      unit,
      start,
      end,
      message: `the number ${t.text} is glued to a word`,
      suggestions: [],
      expected: 'a space between the number and the word',
      hint: 'a converter often drops this space; add it in the source, or record a correction',
    });
  }
  return out;
}

/**
 * A quotation between straight double quotes: no space just inside either
 * quote, so a quote that closes one quotation is not taken for the one
 * that opens the next («"أ" ثم "ب"» is two, not «" ثم "»).
 */
const STRAIGHT_QUOTED = /"(?=\S)([^"\n]*?\S)"/g;

/**
 * Arabic-script text between straight quotes («"صفقة القرن"»), in a document
 * that does not quote with « » (where W-PROOF-ASCII-QUOTE reports each "):
 * a typewriter's mark, where Arabic and Persian typography write « » (or
 * “ ”). A quotation with no Arabic letter («"Hello"») is left alone. `found`
 * is the quotation with its quotes, the form to copy into a correction's
 * `from`; the finding's range is the opening quote alone, so that a
 * correction that prints the quotes decides it and one inside the quotation
 * (a word's spelling) does not.
 */
function straightQuotes(u: TextUnit, unit: number): Finding[] {
  const out: Finding[] = [];
  let lineStart = 0;
  for (const line of u.text.split('\n')) {
    // An odd count means a stray mark (an inch sign) or a quotation that runs on: which quotes pair is a guess there, and a correction from a guess would print « » on the wrong words.
    if ((line.match(/"/g)?.length ?? 0) % 2 === 0) for (const f of lineQuotes(u, unit, line, lineStart)) out.push(f);
    lineStart += line.length + 1;
  }
  return out;
}

function lineQuotes(u: TextUnit, unit: number, line: string, lineStart: number): Finding[] {
  const out: Finding[] = [];
  for (const m of line.matchAll(STRAIGHT_QUOTED)) {
    if (![...m[1]].some(isArabicLetter)) continue;
    const start = lineStart + (m.index ?? 0);
    out.push({
      code: 'W-PROOF-STRAIGHT-QUOTES',
      place: placeOf(u, start),
      found: m[0],
      unit,
      start,
      end: start + 1,
      message: `«${m[1]}» is quoted with straight quotes "…"`,
      suggestions: [`«${m[1]}»`],
      hint: `Arabic typography quotes with « » or “ ”: to print them, add a correction under \`corrections:\` in the .meta.yaml beside the text, - { from: ${yamlQuoted(m[0])}, to: ${yamlQuoted(`«${m[1]}»`)} } (the source stays as written); to keep the straight quotes, switch the check off with \`proofing: { off: [W-PROOF-STRAIGHT-QUOTES] }\``,
    });
  }
  return out;
}

/** `s` as a single-quoted YAML scalar (a correction's `from` or `to` in a hint). */
const yamlQuoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A letter of the Arabic script (not a mark, digit or sign). */
const isArabicLetter = (ch: string) => isArabicScript(ch) && /\p{L}/u.test(ch);

/** Where the word that ends at `end` starts. */
function wordStart(text: string, end: number): number {
  let i = end;
  while (i > 0 && /[\p{L}\p{M}\p{N}]/u.test(text[i - 1])) i--;
  return i;
}

/** Where the word that starts at `start` ends. */
function wordEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && /[\p{L}\p{M}\p{N}]/u.test(text[i])) i++;
  return i;
}

/** Numbers written in the document's minority digit family, when it uses two. */
function mixedDigits(units: readonly TextUnit[], tokens: readonly Token[][]): Finding[] {
  const byFamily = new Map<string, Array<{ unit: number; t: Token }>>();
  tokens.forEach((ts, unit) => {
    for (const t of ts) {
      if (t.kind !== 'number') continue;
      const f = digitFamily(t.text);
      if (f === 'other') continue;
      (byFamily.get(f) ?? byFamily.set(f, []).get(f)!).push({ unit, t });
    }
  });
  if (byFamily.size < 2) return [];
  const ranked = [...byFamily].sort((a, b) => b[1].length - a[1].length);
  const [main, mainList] = ranked[0];
  const total = ranked.reduce((n, [, l]) => n + l.length, 0);
  const out: Finding[] = [];
  for (const [family, list] of ranked.slice(1)) {
    for (const { unit, t } of list) {
      const u = units[unit];
      out.push({
        code: 'W-PROOF-DIGITS-MIXED',
        place: placeOf(u, t.start),
        found: t.text,
        unit,
        start: t.start,
        end: t.end,
        message: `${t.text} is written with ${FAMILY_NAME[family as keyof typeof FAMILY_NAME]} digits; the document's other numbers (${mainList.length} of ${total}) use ${FAMILY_NAME[main as keyof typeof FAMILY_NAME]}`,
        suggestions: [],
        expected: `${FAMILY_NAME[main as keyof typeof FAMILY_NAME]} digits, as in the rest of the document`,
        hint: 'one digit family per document; the metadata `digits:` sets the one warraq uses for page numbers and dates',
      });
    }
  }
  return out;
}
