/**
 * The dictionaries' look-ups (src/proof/dictionary.ts `lookups`) against
 * cspell's own (`ITrie.has`, `ITrie.find`) on every form the spelling
 * suggestions make of some words of the fixtures (suggest.ts `candidates`),
 * in each installed dictionary; and that none of them has compound words,
 * which is when the two are the same.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ARABIC_ALPHABET, LATIN_ALPHABET, PERSIAN_ALPHABET } from '../../src/proof/arabic.js';
import { DICTIONARIES, lookups, readTrie } from '../../src/proof/dictionary.js';
import { candidates } from '../../src/proof/suggest.js';
import { projectRoot } from '../support/fonts.js';

/** Some words of a fixture: those of `script`, every `step`-th, at most `max`. */
async function wordsOf(file: string, script: RegExp, step: number, max: number): Promise<string[]> {
  const all = [...new Set((await readFile(file, 'utf8')).match(/[\p{L}\p{M}\u200c]+/gu) ?? [])].filter((w) => script.test(w));
  return all.filter((_, i) => i % step === 0).slice(0, max);
}

const ARABIC = /^[\u0600-\u06ff\u200c]+$/;
const LATIN = /^[a-z]+$/i;

const cases: Record<string, { file: string; script: RegExp; alphabet: readonly string[] }> = {
  ar: { file: 'source/izmir-2023.txt', script: ARABIC, alphabet: ARABIC_ALPHABET },
  fa: { file: 'test/fixtures/docs/udhr-fa/udhr-fa.txt', script: ARABIC, alphabet: PERSIAN_ALPHABET },
  en: { file: 'test/fixtures/docs/udhr-en/udhr-en.txt', script: LATIN, alphabet: LATIN_ALPHABET },
  'en-gb': { file: 'test/fixtures/docs/udhr-en/udhr-en.txt', script: LATIN, alphabet: LATIN_ALPHABET },
};

describe('dictionary look-ups', () => {
  for (const info of DICTIONARIES) {
    it(`${info.pkg}: the same answers as cspell's, with no compound words`, async () => {
      const { trie } = await readTrie(info, projectRoot);
      expect(trie.data.hasCompoundWords).toBe(false);
      // No `+` (cspell's compound character) on any edge either: cspell's search would follow one.
      const nodes = (trie.data as unknown as { nodes?: Uint32Array }).nodes;
      if (nodes) {
        let plus = 0;
        for (let i = 0; i < nodes.length; i += (nodes[i] & 255) + 1) for (let c = i + 1; c <= i + (nodes[i] & 255); c++) if ((nodes[c] & 255) === 0x2b) plus++;
        expect(plus).toBe(0);
      }
      const { has, hasPrefix } = lookups(trie);
      const c = cases[info.lang];
      const words = await wordsOf(c.file, c.script, 7, 12);
      expect(words.length).toBeGreaterThan(5);
      let asked = 0;
      const differ: string[] = [];
      const known = (w: string) => {
        asked++;
        if (has(w) !== trie.has(w)) differ.push(`has ${w}`);
        return trie.has(w);
      };
      const prefix = (p: string) => {
        asked++;
        if (hasPrefix(p) !== (trie.find(p) !== undefined)) differ.push(`prefix ${p}`);
        return trie.find(p) !== undefined;
      };
      for (const w of words) {
        const form = c.script === LATIN ? w.toLowerCase() : w;
        for (const x of [w, form, `~${form}`, w.toUpperCase()]) known(x);
        candidates(form, known, { alphabet: c.alphabet, maxCost: 1.6, isPrefix: prefix });
      }
      expect(asked).toBeGreaterThan(10_000);
      expect(differ).toEqual([]);
    }, 120_000);
  }
});
