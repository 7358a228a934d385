/**
 * The proofing thread (src/proof/thread.ts): the checks run in a worker
 * thread give the findings the same checks give in this thread (the seed:
 * spelling with suggestions, hamza variants, punctuation, repeats), also in
 * a thread started before its text was known (`startEarly`). The
 * build uses it when compiled; under vitest it starts through tsx. A watch
 * session keeps one thread for its builds, which answers each time alike; a
 * command's thread ends by itself after its answer.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/model/buildModel.js';
import { dictionaryDigest, dictionaryFor } from '../../src/proof/dictionary.js';
import { findAll } from '../../src/proof/index.js';
import { findInThread, startEarly } from '../../src/proof/thread.js';
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

  it("a command's thread ends by itself once it has answered (so its exit handlers run: the compiled code's vendor cache is written there)", async () => {
    const { model } = await loadDocument('source/izmir-2023.txt', { projectRoot });
    const settings = model.proof ?? { words: [], corrections: [], off: [] };
    const input = { units: textUnits(model), words: settings.words, off: settings.off, lang: 'ar', dir: model.dir };
    const started = once(process, 'worker') as Promise<[Worker]>;
    const answer = findInThread(input, projectRoot);
    const [worker] = await started;
    const exited = once(worker, 'exit');
    await answer;
    // terminate() would end it with exit code 1, its exit handlers not run.
    expect(await exited).toEqual([0]);
  }, 120_000);

  it('a thread started before its text is known (startEarly) is given the text by the next findInThread, and finds the same', async () => {
    const { model } = await loadDocument('source/izmir-2023.txt', { projectRoot });
    const settings = model.proof ?? { words: [], corrections: [], off: [] };
    const input = { units: textUnits(model), words: settings.words, off: settings.off, lang: 'ar', dir: model.dir };
    const here = await findAll(input, projectRoot);
    // Thread ids one proofing thread takes (under tsx, its loader's hooks take one more).
    const ids = async (run: () => Promise<unknown>) => {
      const before = await nextThreadId();
      await run();
      return (await nextThreadId()) - before - 1;
    };
    const one = await ids(() => findInThread(input, projectRoot));
    let there: unknown;
    // Two early starts and one findInThread: one thread in all (one waits at most, and it is taken).
    expect(
      await ids(async () => {
        startEarly();
        startEarly();
        there = await findInThread(input, projectRoot);
      }),
    ).toBe(one);
    expect(there).toEqual(here);
  }, 120_000);
});

/** The id the next worker thread gets (ids are given in order, process-wide): a throw-away thread's, ended. */
async function nextThreadId(): Promise<number> {
  const w = new Worker('', { eval: true });
  // Read before it ends (an ended worker's threadId is -1).
  const id = w.threadId;
  await once(w, 'exit');
  return id;
}
