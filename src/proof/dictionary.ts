/**
 * Spelling dictionaries from npm, loaded lazily and cached.
 *
 * | language | package              | licence                                  |
 * |----------|----------------------|------------------------------------------|
 * | ar       | @cspell/dict-ar      | LGPL-3.0 (word list: Ayaspell, GPL/LGPL/MPL) |
 * | fa       | @cspell/dict-fa-ir   | Apache-2.0                               |
 * | en       | @cspell/dict-en_us   | MIT                                      |
 * | en-gb    | @cspell/dict-en-gb-mit | MIT                                    |
 *
 * Each package ships a cspell trie (`*.trie.gz`, every inflected form with
 * its clitics, plus `~`-prefixed forms without accents: for Arabic, without
 * hamza marks). Reading that text format takes about a second for Arabic,
 * so the first load writes the trie in cspell-trie-lib's binary form to
 * `<package>@<version>+<lib version>.btrie` in `node_modules/.cache/warraq/`
 * beside the installed package (derived from node_modules, it lives with it,
 * and a cold build without `.warraq-cache/` still finds it), or in the
 * project's `.warraq-cache/dictionaries/` when that is not writable. Later
 * loads read that file in some 20 ms. A process loads each dictionary once.
 */
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writeAtomicIn } from '../writeAtomic.js';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';

interface DictionaryInfo {
  lang: string;
  pkg: string;
  file: string;
  licence: string;
}

export const DICTIONARIES: readonly DictionaryInfo[] = [
  { lang: 'ar', pkg: '@cspell/dict-ar', file: 'ar.trie.gz', licence: 'LGPL-3.0 (word list from Ayaspell, GPL/LGPL/MPL)' },
  { lang: 'fa', pkg: '@cspell/dict-fa-ir', file: 'fa-IR.trie.gz', licence: 'Apache-2.0' },
  { lang: 'en', pkg: '@cspell/dict-en_us', file: 'en_US.trie.gz', licence: 'MIT' },
  { lang: 'en-gb', pkg: '@cspell/dict-en-gb-mit', file: 'en_GB.trie.gz', licence: 'MIT' },
];

export interface Lexicon {
  /** package@version, for reports. */
  readonly name: string;
  /** The exact form is a word (case-sensitive). */
  has(word: string): boolean;
  /** The form without accents and case (for Arabic: without hamza marks) is a word's. */
  hasLoose(word: string): boolean;
  /** Some word starts with `prefix` (exactly). */
  hasPrefix(prefix: string): boolean;
}

/** NFD without combining marks, lower case: the dictionaries' `~` forms. */
function looseForm(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const require = createRequire(import.meta.url);
const loaded = new Map<string, Promise<Lexicon>>();

/** The dictionary for a BCP 47 language tag (the whole tag, else its primary subtag), or undefined when there is none. */
export function dictionaryFor(lang: string): DictionaryInfo | undefined {
  const tag = lang.toLowerCase();
  return DICTIONARIES.find((d) => d.lang === tag) ?? DICTIONARIES.find((d) => d.lang === tag.split('-')[0]);
}

/** Words of either dictionary (English: US and British spellings). */
export function eitherLexicon(a: Lexicon, b: Lexicon): Lexicon {
  return {
    name: `${a.name} + ${b.name}`,
    has: (w) => a.has(w) || b.has(w),
    hasLoose: (w) => a.hasLoose(w) || b.hasLoose(w),
    hasPrefix: (p) => a.hasPrefix(p) || b.hasPrefix(p),
  };
}

/** Loads (once per process) the dictionary for `lang`; `cacheRoot` is the project folder whose `.warraq-cache/` is the fallback cache. */
export function loadLexicon(lang: string, cacheRoot: string): Promise<Lexicon> | undefined {
  const info = dictionaryFor(lang);
  if (!info) return undefined;
  const key = `${info.lang}\0${path.resolve(cacheRoot)}`;
  let p = loaded.get(key);
  if (!p) {
    p = readLexicon(info, cacheRoot);
    p.catch(() => loaded.delete(key));
    loaded.set(key, p);
  }
  return p;
}

async function readLexicon(info: DictionaryInfo, cacheRoot: string): Promise<Lexicon> {
  const { trie: t, version } = await readTrie(info, cacheRoot);
  const loose = t.info.stripCaseAndAccentsPrefix;
  const { has, hasPrefix } = lookups(t);
  return {
    name: `${info.pkg}@${version}`,
    has,
    hasPrefix,
    hasLoose: (w) => {
      const l = looseForm(w);
      return has(w) || has(l) || has(loose + l);
    },
  };
}

/** A dictionary's cspell trie (from its binary cache, written on the first read) and its package's version. */
export async function readTrie(info: DictionaryInfo, cacheRoot: string) {
  const lib = await import('cspell-trie-lib');
  const dir = path.dirname(require.resolve(`${info.pkg}/cspell-ext.json`));
  const version = (JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const libVersion = await packageVersion('cspell-trie-lib');
  const name = `${info.pkg.replace(/[@/]/g, '_')}@${version}+${libVersion}.btrie`;
  const cacheFiles = [...(nodeModulesOf(dir) ? [path.join(nodeModulesOf(dir)!, '.cache', 'warraq', name)] : []), path.join(cacheRoot, '.warraq-cache', 'dictionaries', name)];
  let trie: ReturnType<typeof lib.decodeTrie> | undefined;
  for (const f of cacheFiles) {
    try {
      trie = lib.decodeTrie(await readFile(f));
      break;
    } catch {
      // not cached there
    }
  }
  if (!trie) {
    const text = (await promisify(gunzip)(await readFile(path.join(dir, info.file)))).toString('utf8');
    trie = lib.decodeTrie(text);
    // The cache is an optimisation: failing to write it is not an error.
    const bytes = lib.encodeITrieToBTrie(trie);
    for (const f of cacheFiles) if (await writeAtomicIn(f, bytes).then(() => true, () => false)) break;
  }
  return { trie, version };
}

/** What `lookups` needs of a cspell trie (`ITrie` of cspell-trie-lib). */
interface Trie {
  has(word: string): boolean;
  find(text: string): unknown;
  readonly info: { readonly stripCaseAndAccentsPrefix: string };
  readonly data: { readonly hasCompoundWords: boolean; readonly hasForbiddenWords: boolean; has(word: string): boolean; isForbiddenWord(word: string): boolean; getNode(prefix: string): unknown };
}

/**
 * A trie's word and prefix look-ups (`has`, `hasPrefix`), asked of its data
 * directly when the dictionary has no compound words (no `+` at its root;
 * ours have none anywhere: test/proof/dictionary.test.ts). The spelling
 * suggestions make thousands of forms per unknown word and look each up
 * (suggest.ts), and cspell's `ITrie` answers every look-up through its
 * compound-word search (find options, a stack, result objects): with it the
 * search took 1.2–1.6× as long (docs/performance.md, "Proofing beside the build").
 * Without compounds that search answers exactly
 * - `has(w)`: `data.has(w)` (the exact, case-sensitive form) and not a
 *   forbidden word;
 * - `find(p)` (a node, i.e. some word starts with `p`): `p` is a path of the
 *   trie, or, when `p` has no capital letter, of its case- and
 *   accent-stripped part (`~` forms). cspell walks the NFC form of `p` by
 *   code points: other strings (not NFC, astral characters) and the empty
 *   one are asked of it as before.
 * The test compares both on every form the suggestions make of the
 * fixtures' words.
 */
export function lookups(t: Trie): Pick<Lexicon, 'has' | 'hasPrefix'> {
  const data = t.data;
  if (data.hasCompoundWords) return { has: (w) => t.has(w), hasPrefix: (p) => t.find(p) !== undefined };
  const stripped = t.info.stripCaseAndAccentsPrefix;
  return {
    has: data.hasForbiddenWords ? (w) => data.has(w) && !data.isForbiddenWord(w) : (w) => data.has(w),
    hasPrefix: (p) => {
      if (!p || SURROGATE.test(p) || p.normalize() !== p) return t.find(p) !== undefined;
      return data.getNode(p) !== undefined || (p === p.toLowerCase() && data.getNode(stripped + p) !== undefined);
    },
  };
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * What the installed dictionaries are, without reading them: each package's
 * version and its word list's size and time, and cspell-trie-lib's version
 * (the proofing cache, src/proof/cache.ts, keys on it).
 */
export async function dictionaryDigest(): Promise<string> {
  const parts = await Promise.all(
    DICTIONARIES.map(async (d) => {
      try {
        const dir = path.dirname(require.resolve(`${d.pkg}/cspell-ext.json`));
        const { version } = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { version: string };
        const st = await stat(path.join(dir, d.file));
        return `${d.pkg}@${version} ${st.size} ${st.mtimeMs}`;
      } catch {
        return `${d.pkg} missing`;
      }
    }),
  );
  return [...parts, `cspell-trie-lib@${await packageVersion('cspell-trie-lib')}`].join('\n');
}

/** The node_modules folder that holds a package folder, if any. */
function nodeModulesOf(dir: string): string | undefined {
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) if (path.basename(d) === 'node_modules') return d;
  return undefined;
}

/** The version of an installed package whose package.json is not exported. */
async function packageVersion(pkg: string): Promise<string> {
  for (const dir of require.resolve.paths(pkg) ?? []) {
    try {
      return (JSON.parse(await readFile(path.join(dir, pkg, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // not in this folder
    }
  }
  return 'unknown';
}

