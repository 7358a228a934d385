/**
 * Addresses: what in a text is a URL, an e-mail address, a file name or a
 * hash, once for the two stages that ask. The text layer isolates them
 * (`verbatimSpans`: bidi cannot scramble them) and sets them without
 * ligatures (`isVerbatimToken`); language detection (src/parse/parseSource.ts)
 * leaves them out of its count (`withoutAddresses`), with paths, host names
 * and long identifiers too (`isAddressLike`): their letters are Latin
 * whatever the language around them. Plain string rules and nothing else:
 * the parse stage loads this module, and must not load HarfBuzz or a font.
 */

/** A token of printable ASCII only, no space (an address, a file name, a hash are such tokens). */
export const PRINTABLE_ASCII_TOKEN = /^[\x21-\x7e]+$/;

/**
 * Where a token starts and ends without the punctuation around it: opening «(» «[» «{» «<» and
 * quotes before, sentence punctuation, closing brackets and quotes after, Arabic «،» «؛» «؟» too
 * («info@example.org.» → «info@example.org», «<https://example.org>» → «https://example.org»), and
 * Arabic-Indic or Persian digits glued to either end («…/full-text.pdf۱۲» → «…/full-text.pdf»: no
 * address has them, and with them the token would be no address, neither isolated nor broken, and
 * overflow its line). A URL's final «/» stays, and so does a closing bracket that an opening one
 * inside the token pairs («…/wiki/Bidi_(text))» → «…/wiki/Bidi_(text)», «…/f([a]).» → «…/f([a])»).
 */
export function tokenCore(token: string): [number, number] {
  const start = /^[(\[{<'"«\u0660-\u0669\u06F0-\u06F9]*/.exec(token)![0].length;
  let end = token.length - /[.,;:!?)\]}>'"»،؛؟\u0660-\u0669\u06F0-\u06F9]*$/.exec(token.slice(start))![0].length;
  // Until the end stops moving: a closer taken back can pair an opener of the other kind («f([a])» keeps both).
  for (let moved = true; moved; ) {
    moved = false;
    for (const [open, close] of BRACKET_PAIRS) {
      while (token[end] === close && count(token, open, start, end) > count(token, close, start, end)) {
        end++;
        moved = true;
      }
    }
  }
  return [start, end];
}

const BRACKET_PAIRS = [['(', ')'], ['[', ']']] as const;
const count = (s: string, ch: string, from: number, to: number) => {
  let n = 0;
  for (let i = from; i < to; i++) if (s[i] === ch) n++;
  return n;
};

/** The token without the punctuation around it (tokenCore). */
const coreOf = (token: string) => {
  const [a, b] = tokenCore(token);
  return token.slice(a, b);
};

/**
 * A URL or an e-mail address: printable ASCII with «://», starting «www.» (in any case: a host
 * name is the same in capitals, «WWW.UN.ORG»), or one «@» before a dotted domain.
 */
export const isAddress = (word: string) => PRINTABLE_ASCII_TOKEN.test(word) && (word.includes('://') || /^www\./i.test(word) || /^[^@]+@[^@]+\.[^@]+$/.test(word));

/**
 * A dotted name: names joined by full stops, the last (the extension or top-level domain) a letter
 * and up to five letters or digits: «udhr-en.txt», «example.org», «main.c», «U.S.A», «rights.Every».
 * Which of these is a file name is each reader's own rule below.
 */
const DOTTED_NAME = /^[\w-]+(?:\.[\w-]+)*\.([A-Za-z][A-Za-z0-9]{0,5})$/;

/**
 * A file name as the text layer sets it verbatim: a dotted name whose extension has 2 to 5
 * characters («udhr-en.txt», «report_2024.pdf», «example.org»); not «e.g», «U.S.A», «1.a».
 */
function isFileName(word: string): boolean {
  const ext = DOTTED_NAME.exec(word)?.[1];
  return ext !== undefined && ext.length >= 2 && ext.length <= 5;
}

/**
 * A hash: 7 or more hexadecimal digits in one case, a digit and a letter among them
 * («a1b2c3d», a short git hash; «ff1d72eabb9beeaf»). A number («12345678») is a number, and a
 * word of the letters a–f («deadbeef», «defaced») a word.
 */
const HASH = /^(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{7,}$|^(?=[0-9A-F]*[0-9])(?=[0-9A-F]*[A-F])[0-9A-F]{7,}$/;

/** A URL or e-mail address, a file name or a hash: a token's core (tokenCore). */
const isVerbatimCore = (core: string) => core.length > 0 && (isAddress(core) || isFileName(core) || HASH.test(core));

/**
 * A token set letter for letter, without ligatures, so that «ff1d…» reads as
 * it is typed: a URL or e-mail address, a file name or a hash. Closing
 * punctuation after it («file.txt,») does not count.
 */
export function isVerbatimToken(token: string): boolean {
  return isVerbatimCore(coreOf(token));
}

/** At least this run of printable ASCII is in every token isVerbatimCore accepts (a file name «a.pdf»): the others are passed over unread. */
const ASCII_RUN_4 = /[\x21-\x7e]{4}/;

/**
 * The addresses of a text: each URL, e-mail address, file name or hash
 * (isVerbatimCore) between spaces, without the punctuation around it
 * (tokenCore), as sorted [start, end) ranges. The paragraph's bidi isolates
 * them (itemize.ts), and the colophon its values (templates/booklet.ts isolateLtr).
 */
export function verbatimSpans(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(/\S+/g)) {
    if (!ASCII_RUN_4.test(m[0])) continue;
    const [a, b] = tokenCore(m[0]);
    if (isVerbatimCore(m[0].slice(a, b))) out.push([m.index + a, m.index + b]);
  }
  return out;
}

/** A path: «/…», «./…», «../…», «~/…», «C:\…», or any token with two slashes («docs/archive/2024»). */
const PATH = /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)|[/\\].*[/\\]/;
/** Letters each followed by a full stop («U.S.A», its last stop cut): an abbreviation, not a host name. */
const ABBREVIATION = /^([A-Za-z]\.)+[A-Za-z]$/;
/** A capitalised word after the last full stop («rights.Every»): a sentence run on without its space, not a file's extension. */
const RUN_ON_SENTENCE = /\.[A-Z][a-z]+$/;
/** An identifier or encoded value: 16 or more letters and digits mixed (with «+/=_-»: base64, keys). */
const LONG_IDENTIFIER = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9+/=_-]{16,}$/;

/**
 * Whether language detection leaves a token's core out: a URL, an e-mail address or a hash (as
 * the text layer has them), and what only a count of letters needs to pass over besides: a path,
 * a long identifier, a file or host name with an extension of one to six characters («main.c»,
 * «example.museum»). Not a dotted name of fewer than five characters, an abbreviation («U.S.A»),
 * nor a sentence run on («rights.Every»): their letters are words. (The text layer sets
 * «rights.Every» and «x.md» verbatim all the same: a Latin run isolated in its own direction and
 * set without ligatures looks as it did.)
 */
export function isAddressLike(core: string): boolean {
  if (isAddress(core) || HASH.test(core) || PATH.test(core) || LONG_IDENTIFIER.test(core)) return true;
  return core.length >= 5 && DOTTED_NAME.test(core) && !ABBREVIATION.test(core) && !RUN_ON_SENTENCE.test(core);
}

/** A run of printable ASCII (no space): where an address can be. */
const ASCII_RUN = /[\x21-\x7e]+/g;

/**
 * `s` without its addresses (isAddressLike, each run of printable ASCII
 * without the punctuation around it): their letters are Latin whatever
 * the language of the text around them, so they say nothing of it. Such
 * a run is left out whole, with its punctuation.
 */
export function withoutAddresses(s: string): string {
  return s.replace(ASCII_RUN, (run) => (isAddressLike(coreOf(run)) ? '' : run));
}
