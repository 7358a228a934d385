/** A proofing thread (src/proof/thread.ts): the checks over each text it is asked about, each answer posted back with its request's id. */
import { parentPort } from 'node:worker_threads';
import { findAll } from './findAll.js';
import { threadCpuMs, timelineOn } from '../jobs/timeline.js';
import type { EndRequest, Reply, Request } from './thread.js';

parentPort!.on('message', (request: Request | EndRequest) => {
  // Asked to end (thread.ts, ProofThread.end): its exit handlers run (a vendor file's code cache is written there).
  if ('end' in request) process.exit(0);
  const { id, data: { input, projectRoot, remember, digest } } = request;
  // WARRAQ_TIMELINE: this thread's CPU when asked (its start and code: a command's thread starts before its text is known) and when it answers.
  const asked = timelineOn ? threadCpuMs() : undefined;
  const cpu = () => {
    const done = threadCpuMs();
    if (asked !== undefined && done !== undefined) process.stderr.write(`proofing thread: cpu ${asked.toFixed(0)} ms when asked, ${(done - asked).toFixed(0)} ms more to answer\n`);
  };
  findAll(input, projectRoot, remember, digest === undefined ? undefined : async () => digest).then(
    (answer) => {
      cpu();
      parentPort!.postMessage({ id, answer } satisfies Reply);
    },
    (error: unknown) => parentPort!.postMessage({ id, error } satisfies Reply),
  );
});
