/** A proofing thread (src/proof/thread.ts): the checks over the text it is given, posted back once. */
import { parentPort, workerData } from 'node:worker_threads';
import { findAll } from './findAll.js';
import type { ThreadData } from './thread.js';

const { input, projectRoot, remember, digest } = workerData as ThreadData;
parentPort!.postMessage(await findAll(input, projectRoot, remember, digest === undefined ? undefined : async () => digest));
