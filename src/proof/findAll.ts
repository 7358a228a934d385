/**
 * Every check over a text's units (spelling, punctuation and numbers,
 * repeats, paragraphs in another script), apart from the corrections of
 * the metadata (index.ts): what a proofing thread runs (worker.ts), so that
 * the thread loads the checks and the dictionaries, not the model's
 * schema, YAML and builder that corrections.ts reaches.
 */
import { readCandidates, type FindingsAndCandidates, type FindingsInput } from './cache.js';
import { dictionaryDigest, eitherLexicon, loadLexicon, type Lexicon } from './dictionary.js';
import { checkForeign } from './language.js';
import { checkPunctuation } from './punctuation.js';
import { checkRepeats } from './repeats.js';
import { alphabetFor, checkSpelling, keptCandidates, remembers, seedCandidates, type KeptCandidates, type Lexicons } from './spelling.js';
import { tokenize } from './tokenize.js';
import { isPersianLang } from '../text/clauseLanguage.js';

/**
 * Every check over the text units, findings in source order (the dictionaries
 * loaded as the text needs them). `remember`: suggestion candidates kept by
 * an earlier process are taken (src/proof/cache.ts), and those the pass used
 * are returned beside the findings, by dictionary name. `installed`: the
 * dictionaries' digest (dictionaryDigest), which a caller that also keys the
 * findings by it passes so that it is looked up once.
 */
export async function findAll({ units, words, off, lang, dir }: FindingsInput, projectRoot: string, remember = false, installed: () => Promise<string> = dictionaryDigest): Promise<FindingsAndCandidates> {
  const tokens = units.map((u) => tokenize(u.text, lang));
  const has = (script: string) => tokens.some((ts) => ts.some((t) => t.kind === 'word' && t.script === script));
  // Latin words: English, in US or British spelling.
  const english = has('latin') ? Promise.all([loadLexicon('en', projectRoot)!, loadLexicon('en-gb', projectRoot)!]).then(([us, gb]) => eitherLexicon(us, gb)) : undefined;
  // Clauses written in Persian in a document of another language (tokenize.ts marks none in a Persian one): the Persian dictionary for their words.
  const persianClauses = tokens.some((ts) => ts.some((t) => t.lang === 'fa')) ? loadLexicon('fa', projectRoot) : undefined;
  const [arabic, latin, persian] = await Promise.all([has('arabic') ? loadLexicon(lang, projectRoot) : undefined, english, persianClauses]);
  const lex: Lexicons = { arabic, latin, arabicAlphabet: alphabetFor(lang), persian: isPersianLang(lang), ...(persian ? { persianClauses: persian } : {}) };
  const lexicons = [arabic, latin, persian].filter((l): l is Lexicon => l !== undefined);
  // Kept lists seed only a dictionary this process remembers nothing for (seedCandidates): read once per process and dictionary, not every pass (watch mode).
  const unseeded = remember ? lexicons.filter((l) => !remembers(l)) : [];
  if (unseeded.length) {
    const kept = await readCandidates(projectRoot, installed);
    for (const l of unseeded) if (kept[l.name]) seedCandidates(l, kept[l.name]);
  }
  const switchedOff = new Set(off);
  const findings = [...checkSpelling(units, tokens, lex, words), ...checkPunctuation(units, tokens), ...checkRepeats(units, tokens, isPersianLang(lang)), ...checkForeign(units, tokens, dir)]
    .filter((f) => !switchedOff.has(f.code))
    .sort((a, b) => a.place.line - b.place.line || a.place.col - b.place.col);
  const dictionaries = [arabic?.name, persian?.name, latin?.name].filter((x): x is string => x !== undefined);
  if (!remember) return { findings, dictionaries };
  const candidates: Record<string, KeptCandidates> = {};
  for (const l of lexicons) {
    const k = keptCandidates(l);
    if (k) candidates[l.name] = k;
  }
  return { findings, dictionaries, candidates };
}
