/**
 * The proofing checks (`findAll`) in a worker thread of their own, so that a
 * build lays out and draws on the main thread meanwhile (on another core):
 * proofing a text from scratch (dictionaries, suggestions) is ≈ 0.3–0.5 s.
 * The thread starts from lib/proofWorker.js when compiled, else from
 * worker-entry.mjs beside this file through tsx (src/compiled.ts), and ends
 * after the one answer.
 */
import { Worker } from 'node:worker_threads';
import { threadEntry } from '../compiled.js';
import type { FindingsAndCandidates as Answer, FindingsInput } from './cache.js';

const entry = threadEntry('proofWorker.js', import.meta.url);

/** What a proofing thread is given (src/proof/worker.ts). */
export interface ThreadData {
  input: FindingsInput;
  projectRoot: string;
  remember: boolean;
  digest?: string;
}

/**
 * `findAll(input, projectRoot, remember)`, computed in a new worker thread.
 * `digest`: the dictionaries' digest (dictionaryDigest), when the caller
 * has it already, so that the thread does not look it up again.
 */
export function findInThread(input: FindingsInput, projectRoot: string, remember = false, digest?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { workerData: { input, projectRoot, remember, digest } satisfies ThreadData });
    let answer: Answer | undefined;
    worker.once('message', (m: Answer) => (answer = m));
    worker.once('error', reject);
    worker.once('exit', (code) => (answer ? resolve(answer) : reject(new Error(`the proofing thread ended (exit code ${code}) without its findings`))));
  });
}
