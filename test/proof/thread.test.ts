/**
 * The proofing thread (src/proof/thread.ts): the checks run in a worker
 * thread give the findings the same checks give in this thread (the seed:
 * spelling with suggestions, hamza variants, punctuation, repeats). The
 * build uses it when compiled; under vitest it starts through tsx. A watch
 * session keeps one thread for its builds, which answers each time alike.
 */
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/model/buildModel.js';
import { dictionaryDigest, dictionaryFor } from '../../src/proof/dictionary.js';
import { findAll } from '../../src/proof/index.js';
import { findInThread } from '../../src/proof/thread.js';
import { textUnits } from '../../src/proof/units.js';
import { projectRoot } from '../support/fonts.js';

describe('proofing thread', () => {
  it('finds in a worker thread what the checks find in this one', async () => {
    const { model } = await loadDocument('source/izmir-2023.txt', { projectRoot });
    const settings = model.proof ?? { words: [], corrections: [], off: [] };
    const lang = dictionaryFor(model.lang)?.lang === 'fa' ? 'fa' : 'ar';
    const input = { units: textUnits(model), words: settings.words, off: settings.off, lang, dir: model.dir };
    const [here, there] = await Promise.all([findAll(input, projectRoot), findInThread(input, projectRoot)]);
    expect(here.findings.length).toBeGreaterThan(5);
    expect(there).toEqual(here);
    // Remembering candidates, with the dictionaries' digest handed in (the build looked it up for the findings' key).
    const remembered = await findInThread(input, projectRoot, true, await dictionaryDigest());
    expect(remembered.findings).toEqual(here.findings);
    expect(Object.keys(remembered.candidates ?? {}).length).toBeGreaterThan(0);
    // The thread a watch session keeps: asked twice (the second time warm, its dictionaries loaded), the same findings.
    for (let i = 0; i < 2; i++) expect((await findInThread(input, projectRoot, true, await dictionaryDigest(), true)).findings).toEqual(here.findings);
  }, 120_000);
});
