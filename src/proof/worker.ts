/** A proofing thread (src/proof/thread.ts): the checks over the text it is given, posted back once. */
import { parentPort, workerData } from 'node:worker_threads';
import { findAll } from './findAll.js';
import type { ThreadData } from './thread.js';

// Started early (src/proof/thread.ts `startEarly`), the thread is given its text by a message once it is known.
const data = (workerData as ThreadData | undefined) ?? (await new Promise<ThreadData>((r) => parentPort!.once('message', r)));
const { input, projectRoot, remember, digest } = data;
parentPort!.postMessage(await findAll(input, projectRoot, remember, digest === undefined ? undefined : async () => digest));
