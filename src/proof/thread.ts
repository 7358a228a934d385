/**
 * The proofing checks (`findAll`) in a worker thread of their own, so that a
 * build lays out and draws on the main thread meanwhile (on another core):
 * proofing a text from scratch (dictionaries, suggestions) is ≈ 0.3–0.5 s.
 * The thread starts from lib/proofWorker.js when bundled (scripts/compile.mjs),
 * else from worker-entry.mjs beside this file through tsx, and ends after
 * the one answer.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FindingsAndCandidates as Answer, FindingsInput } from './cache.js';

const entry = fileURLToPath(new URL(import.meta.url.endsWith('.js') ? './proofWorker.js' : './worker-entry.mjs', import.meta.url));

/** `findAll(input, projectRoot, remember)`, computed in a new worker thread. */
export function findInThread(input: FindingsInput, projectRoot: string, remember = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { workerData: { input, projectRoot, remember } });
    let answer: Answer | undefined;
    worker.once('message', (m: Answer) => (answer = m));
    worker.once('error', reject);
    worker.once('exit', (code) => (answer ? resolve(answer) : reject(new Error(`the proofing thread ended (exit code ${code}) without its findings`))));
  });
}
