// Entry of a render worker thread (src/jobs/pool.ts). Worker threads start
// without a TypeScript loader, so this plain module loads src/jobs/worker.ts
// through tsx's scoped importer (resolved from this file, whatever the cwd,
// under `npm run build` and under vitest alike). Fonts and WASM are loaded
// once per thread, on the first job.
import { tsImport } from 'tsx/esm/api';

const worker = await tsImport('./worker.ts', import.meta.url);
export default worker.runTask;
export const prepare = worker.prepare;
