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
 * A proofing thread started before its text is known (`startEarly`): it
 * loads Node, the checks and the dictionaries' code, then waits for its
 * text, which the next `findInThread` of this process posts to it. Until
 * then it does not keep the process alive; a failure meanwhile only means
 * that `findInThread` starts a thread of its own.
 */
let early: { worker: Worker; ended: boolean } | undefined;

/** Starts a proofing thread now, for the next `findInThread` (one at most waits). */
export function startEarly(): void {
  if (early) return;
  const worker = new Worker(entry);
  const e = { worker, ended: false };
  worker.unref();
  const end = () => {
    e.ended = true;
    if (early === e) early = undefined;
  };
  worker.on('error', end);
  worker.once('exit', end);
  early = e;
}

/**
 * `findAll(input, projectRoot, remember)`, computed in a worker thread: the
 * one `startEarly` started, else a new one. `digest`: the dictionaries'
 * digest (dictionaryDigest), when the caller has it already, so that the
 * thread does not look it up again.
 */
export function findInThread(input: FindingsInput, projectRoot: string, remember = false, digest?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const data: ThreadData = { input, projectRoot, remember, digest };
    const waiting = early && !early.ended ? early.worker : undefined;
    early = undefined;
    const worker = waiting ?? new Worker(entry, { workerData: data });
    let answer: Answer | undefined;
    worker.once('message', (m: Answer) => (answer = m));
    worker.once('error', reject);
    worker.once('exit', (code) => (answer ? resolve(answer) : reject(new Error(`the proofing thread ended (exit code ${code}) without its findings`))));
    if (waiting) {
      waiting.ref();
      waiting.postMessage(data);
    }
  });
}
