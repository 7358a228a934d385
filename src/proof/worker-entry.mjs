// Entry of a proofing thread (src/proof/thread.ts) when warraq runs as
// TypeScript: worker threads start without a TypeScript loader, so this
// plain module loads src/proof/worker.ts through tsx's scoped importer, as
// src/jobs/worker-entry.mjs does for the render threads.
import { tsImport } from 'tsx/esm/api';

await tsImport('./worker.ts', import.meta.url);
