/** A proofing thread (src/proof/thread.ts): the checks over each text it is asked about, each answer posted back with its request's id. */
import { parentPort } from 'node:worker_threads';
import { findAll } from './findAll.js';
import type { Reply, Request } from './thread.js';

parentPort!.on('message', ({ id, data: { input, projectRoot, remember, digest } }: Request) => {
  findAll(input, projectRoot, remember, digest === undefined ? undefined : async () => digest).then(
    (answer) => parentPort!.postMessage({ id, answer } satisfies Reply),
    (error: unknown) => parentPort!.postMessage({ id, error } satisfies Reply),
  );
});
