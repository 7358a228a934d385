/**
 * Whether warraq runs compiled, as the bundle in lib/ (scripts/compile.mjs,
 * what bin/warraq.mjs starts when lib/ is fresh), or as TypeScript (tsx,
 * vitest, the watch session): decided here once, from this module's own
 * file name. Worker threads start from an entry of the bundle (lib/, beside
 * every chunk) when compiled, else from a plain `worker-entry.mjs` beside
 * the module that starts them, which loads its TypeScript through tsx.
 */
import { fileURLToPath } from 'node:url';

export const compiled = import.meta.url.endsWith('.js');

/** The file a worker thread starts from: the bundle's entry `bundled` (e.g. 'worker.js'), else worker-entry.mjs beside `callerUrl` (the caller's import.meta.url). */
export function threadEntry(bundled: string, callerUrl: string): string {
  return fileURLToPath(new URL(compiled ? `./${bundled}` : './worker-entry.mjs', callerUrl));
}
