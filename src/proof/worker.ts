/** A proofing thread (src/proof/thread.ts): the checks over the text it is given, posted back once. */
import { parentPort, workerData } from 'node:worker_threads';
import type { FindingsInput } from './cache.js';
import { findAll } from './index.js';

const { input, projectRoot, remember } = workerData as { input: FindingsInput; projectRoot: string; remember?: boolean };
parentPort!.postMessage(await findAll(input, projectRoot, remember));
