/**
 * Whether lib/ is fresh: bundled (scripts/compile.mjs) from the sources as
 * they are. Kept apart from the compiler so that bin/warraq.mjs, which asks
 * on every start, loads this much only.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The version of lib/inputs.json's record (`{ v, mtimes }`). */
export const INPUTS_VERSION = 1;

/** The modification time of `rel` below `root`, or null when it is missing. */
export const mtimeOf = (root, rel) => {
  try {
    return statSync(path.join(root, rel)).mtimeMs;
  } catch {
    return null;
  }
};

/**
 * Whether lib/ was bundled from the sources as they are: every file and
 * folder lib/inputs.json lists has the modification time it had then (a
 * missing one counts as recorded missing). One stat per entry, no walk.
 */
export function compiledIsFresh(root = ROOT) {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(path.join(root, 'lib/inputs.json'), 'utf8'));
  } catch {
    return false;
  }
  for (const [rel, t] of Object.entries(inputs.mtimes ?? {})) if (mtimeOf(root, rel) !== t) return false;
  return inputs.v === INPUTS_VERSION;
}
