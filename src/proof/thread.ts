/**
 * The proofing checks (`findAll`) in a worker thread of their own, so that a
 * build lays out and draws on the main thread meanwhile (on another core):
 * proofing a text from scratch (dictionaries, suggestions) is ≈ 0.3–0.5 s.
 * The thread starts from lib/proofWorker.js when compiled, else from
 * worker-entry.mjs beside this file through tsx (src/compiled.ts). A
 * command's thread ends after its one answer; a long-lived process (the
 * watch session) keeps one thread for all its builds (`kept`), so an edit
 * does not start a thread, load the checks' code and read and sort the
 * dictionaries again (≈ 0.3 s of CPU per edit: docs/performance.md, "Proofing
 * beside the build"). A command that will set proofing aside starts its
 * thread before its text is known (`startEarly`): the thread loads Node and
 * the checks' code meanwhile, then waits for the text without keeping the
 * process alive (docs/performance.md, "Proofing beside the build").
 */
import { Worker } from 'node:worker_threads';
import { threadEntry } from '../compiled.js';
import type { FindingsAndCandidates as Answer, FindingsInput } from './cache.js';

const entry = threadEntry('proofWorker.js', import.meta.url);

/** What a proofing thread is asked (src/proof/worker.ts). */
interface ThreadData {
  input: FindingsInput;
  projectRoot: string;
  remember: boolean;
  digest?: string;
}

/** A request to the thread, and its reply (the findings, or the error the checks threw). */
export interface Request {
  id: number;
  data: ThreadData;
}

/** Asks the thread to end (ProofThread.end): it exits by itself, so that what it does when it exits runs. */
export interface EndRequest {
  end: true;
}
export type Reply = { id: number; answer: Answer } | { id: number; error: unknown };

/** A proofing thread and the requests it has not answered; it holds the process open only while one waits. */
class ProofThread {
  private readonly worker = new Worker(entry);
  private readonly waiting = new Map<number, { resolve(a: Answer): void; reject(e: unknown): void }>();
  private nextId = 0;
  /** Set once the thread failed or ended: it takes no more requests. */
  dead = false;

  constructor() {
    this.worker.unref();
    this.worker.on('message', (r: Reply) => {
      const w = this.waiting.get(r.id);
      if (!w) return;
      this.waiting.delete(r.id);
      if (!this.waiting.size) this.worker.unref();
      if ('error' in r) w.reject(r.error);
      else w.resolve(r.answer);
    });
    const fail = (e: unknown) => {
      this.dead = true;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    this.worker.once('error', fail);
    this.worker.once('exit', (code) => fail(new Error(`the proofing thread ended (exit code ${code}) without its findings`)));
  }

  ask(data: ThreadData): Promise<Answer> {
    const id = this.nextId++;
    return new Promise<Answer>((resolve, reject) => {
      // Posted first: a request that cannot be sent leaves nothing waiting and the thread not held open.
      this.worker.postMessage({ id, data } satisfies Request);
      this.waiting.set(id, { resolve, reject });
      this.worker.ref();
    });
  }

  /**
   * Ends the thread: call it once the requests made are answered (the
   * caller's `answer.finally`), since the thread exits as soon as it reads
   * the request, even with one still running. It exits by itself
   * rather than being terminated, so that its exit handlers run: the
   * compiled code's vendor files write their V8 code cache there
   * (scripts/vendor.mjs, once per compile), which a terminated thread never
   * wrote, so every command's proofing thread compiled cspell-trie-lib from
   * its source (docs/performance.md, "Proofing beside the build"). Unref'd,
   * it never holds the process open.
   */
  end(): void {
    this.dead = true;
    // (Posting to a thread that has exited throws nothing: the message is dropped, and the thread is gone anyway.)
    this.worker.postMessage({ end: true } satisfies EndRequest);
  }
}

/** The thread a long-lived process keeps for its builds (started on the first ask, again after a failure). */
let kept: ProofThread | undefined;

/** A thread started before its text is known, for the next `findInThread` of this process. */
let early: ProofThread | undefined;

/** Starts a proofing thread now, for the next `findInThread` (one at most waits); a failure meanwhile only means that one starts its own. */
export function startEarly(): void {
  // A process that keeps a live thread (the watch session) asks that one: an early one would never be taken.
  if (kept && !kept.dead) return;
  if (!early || early.dead) early = new ProofThread();
}

/** The thread `startEarly` started, if it is still alive, given away once. */
function takeEarly(): ProofThread | undefined {
  const e = early && !early.dead ? early : undefined;
  early = undefined;
  return e;
}

/**
 * `findAll(input, projectRoot, remember)`, computed in a worker thread: the
 * one `startEarly` started or a new one, which ends after the answer, or with `keep` the process's kept one.
 * `digest`: the dictionaries' digest (dictionaryDigest), when the caller has
 * it already, so that the thread does not look it up again.
 */
export function findInThread(input: FindingsInput, projectRoot: string, remember = false, digest?: string, keep = false): Promise<Answer> {
  const data: ThreadData = { input, projectRoot, remember, digest };
  if (keep) {
    if (!kept || kept.dead) kept = takeEarly() ?? new ProofThread();
    return kept.ask(data);
  }
  const once = takeEarly() ?? new ProofThread();
  const answer = once.ask(data);
  void answer.finally(() => once.end()).catch(() => {});
  return answer;
}
