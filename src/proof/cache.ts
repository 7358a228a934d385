/**
 * Proofing once per text, not once per build: a document's findings (before
 * the metadata's corrections and decisions are applied to them, which is
 * cheap and done every time) are kept in the project's
 * `.warraq-cache/proof/<key>.json` by a build that succeeded. The key covers
 * everything the findings depend on and nothing else:
 *
 *   - the text units with their places (src/proof/units.ts): every
 *     paragraph, title and imprint line the checks read;
 *   - the metadata's accepted `words:` and the checks switched `off:`;
 *   - the dictionary language (ar or fa) and the writing direction;
 *   - the dictionaries as installed (versions, word lists' size and time)
 *     and cspell-trie-lib's version (`dictionaryDigest`);
 *   - the code of the checks (the sources of src/proof/).
 *
 * So a build whose text did not change never loads a dictionary. The key is
 * over the whole document, not per paragraph: spelling reads the document
 * as a whole (a name used twice is reported once and not as a typo, and the
 * document's own words rank first among suggestions), so a paragraph's
 * warnings can change when another paragraph does; any edit proofs the
 * document again. An unreadable or damaged entry is only a miss; entries are
 * pruned with the rest of `.warraq-cache/` (its size budget, least recently
 * used first: a hit counts as a use).
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { readdir, readFile, utimes } from 'node:fs/promises';
import path from 'node:path';
import { warraqRoot } from '../codeRoot.js';
import { dictionaryDigest } from './dictionary.js';
import { writeAtomicIn } from '../writeAtomic.js';
import type { Finding } from './finding.js';
import type { KeptCandidates } from './spelling.js';
import type { TextUnit } from './units.js';

/** What the findings are computed from, besides the dictionaries and the code. */
export interface FindingsInput {
  units: readonly TextUnit[];
  words: readonly string[];
  off: readonly string[];
  /** The Arabic-script dictionary: ar or fa. */
  lang: string;
  dir: 'rtl' | 'ltr';
}

/** What the checks found and the dictionaries they used (package@version). */
export interface Findings {
  findings: Finding[];
  dictionaries: string[];
}

/** What a pass returns: its findings and, when asked, the suggestion candidates it used by dictionary name (kept apart: `writeCandidates`). */
export type FindingsAndCandidates = Findings & { candidates?: Record<string, KeptCandidates> };

const VERSION = 1;
let codeDigest: Promise<string | undefined> | undefined;

/**
 * What the checks outside src/proof/ run that shapes their findings: the edit
 * distance of the repeats check. (The rest they import makes places and
 * diagnostics from findings, or the units, which the key holds itself.)
 */
const USED_OUTSIDE = ['suggest.ts'];

/** The sources of the checks (src/proof/, and USED_OUTSIDE in src/), hashed once per process; undefined when they cannot be read (then nothing is cached). */
function proofCode(): Promise<string | undefined> {
  codeDigest ??= (async () => {
    const src = path.join(warraqRoot, 'src');
    const names = [...(await readdir(path.join(src, 'proof'))).filter((n) => n.endsWith('.ts')).sort().map((n) => `proof/${n}`), ...USED_OUTSIDE];
    const h = createHash('sha256');
    for (const n of names) h.update(n).update('\0').update(await readFile(path.join(src, n))).update('\0');
    return h.digest('hex');
  })().catch(() => undefined);
  return codeDigest;
}

/** The cache key of a document's findings, or undefined when the code cannot be hashed. */
async function findingsKey(input: FindingsInput, dictionaries: string): Promise<string | undefined> {
  const code = await proofCode();
  if (!code) return undefined;
  const { units, words, off, lang, dir } = input;
  return createHash('sha256').update(JSON.stringify({ v: VERSION, code, dictionaries, units, words, off, lang, dir })).digest('hex');
}

const entriesDir = (projectRoot: string) => path.join(projectRoot, '.warraq-cache', 'proof');
const entryFile = (projectRoot: string, key: string) => path.join(entriesDir(projectRoot), `${key}.json`);

/** Whether the project keeps any findings: when it keeps none, no text's findings can be found (one directory read). */
export function keepsFindings(projectRoot: string): boolean {
  try {
    return readdirSync(entriesDir(projectRoot)).some((n) => n.endsWith('.json'));
  } catch {
    return false;
  }
}

/**
 * The findings of `input`: from the cache in `projectRoot` when an entry for
 * its key is there, else computed by `find`. Nothing is written here:
 * `save` stores computed findings, and the caller calls it only once its
 * build has succeeded (a check writes nothing in the project, and a failed
 * build leaves nothing behind). `projectRoot` undefined: always computed,
 * never stored. `dictionaries`: what the installed dictionaries are
 * (`dictionaryDigest`).
 */
export async function cachedFindings(
  projectRoot: string | undefined,
  input: FindingsInput,
  find: () => Promise<Findings>,
  dictionaries: () => Promise<string> = dictionaryDigest,
): Promise<Findings & { cached: boolean; save: () => Promise<void> }> {
  const nothing = async () => {};
  const key = projectRoot === undefined ? undefined : await findingsKey(input, await dictionaries());
  if (projectRoot === undefined || key === undefined) return { ...(await find()), cached: false, save: nothing };
  const file = entryFile(projectRoot, key);
  try {
    const entry = JSON.parse(await readFile(file, 'utf8')) as { key?: string } & Findings;
    if (entry.key === key && Array.isArray(entry.findings) && Array.isArray(entry.dictionaries)) {
      // Recently used: the cache's budget prunes the least recently used entries first.
      const now = new Date();
      await utimes(file, now, now).catch(() => undefined);
      return { findings: entry.findings, dictionaries: entry.dictionaries, cached: true, save: nothing };
    }
  } catch {
    // not cached, or damaged: proof again
  }
  const found = await find();
  // Serialised now, before anyone marks the findings decided.
  const text = JSON.stringify({ key, ...found });
  // The cache is an optimisation: failing to write it is not an error.
  return { ...found, cached: false, save: () => writeAtomicIn(file, text).catch(() => undefined) };
}

/**
 * Suggestion candidates between processes (src/proof/spelling.ts): the lists
 * the last proofing pass used, per dictionary, in
 * `.warraq-cache/proof-memo/candidates.json`, valid for the dictionaries and
 * the code of src/proof they were found with (else not read). A command-line
 * build after an edit then searches suggestions only for the words the edit
 * brought; the findings are the same (a list depends on the word, the
 * dictionary and the document's name forms, which the entry records, and
 * the document's word counts are applied afresh).
 */
const candidatesFile = (projectRoot: string) => path.join(projectRoot, '.warraq-cache', 'proof-memo', 'candidates.json');

async function candidatesKey(dictionaries: string): Promise<string | undefined> {
  const code = await proofCode();
  return code && createHash('sha256').update(JSON.stringify({ v: VERSION, code, dictionaries })).digest('hex');
}

/** The candidate lists kept by dictionary name, or none when they were found with other dictionaries or code. */
export async function readCandidates(projectRoot: string, dictionaries: () => Promise<string> = dictionaryDigest): Promise<Record<string, KeptCandidates>> {
  try {
    const [text, key] = await Promise.all([readFile(candidatesFile(projectRoot), 'utf8'), dictionaries().then(candidatesKey)]);
    const entry = JSON.parse(text) as { key?: string; lexicons?: Record<string, KeptCandidates> };
    return key !== undefined && entry.key === key && entry.lexicons ? entry.lexicons : {};
  } catch {
    return {};
  }
}

/** Keeps the candidate lists (an optimisation: failing to write is not an error). */
export async function writeCandidates(projectRoot: string, lexicons: Record<string, KeptCandidates>, dictionaries: () => Promise<string> = dictionaryDigest): Promise<void> {
  const key = await candidatesKey(await dictionaries());
  if (key === undefined) return;
  await writeAtomicIn(candidatesFile(projectRoot), JSON.stringify({ key, lexicons })).catch(() => undefined);
}
