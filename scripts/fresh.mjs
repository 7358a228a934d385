/**
 * Whether lib/ is fresh: bundled (scripts/compile.mjs) from the sources as
 * they are. Kept apart from the compiler so that bin/warraq.mjs, which asks
 * on every start, loads this much only.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The V8 flags the compiled code runs with: set by bin/warraq.mjs in its own
 * process, and given to the watch session's (scripts/watchSession.ts). V8
 * hashes its flags, these among them, into a code cache's check (Node 20.20:
 * a vendor file's cache made under them is refused without them, and one made
 * without them is refused under them), so every process that runs lib/ sets
 * them before any vendor file's cache (scripts/vendor.mjs) is made or read.
 *
 * - `--interrupt-budget`: V8 optimises a function (TurboFan, on its helper
 *   threads) once it has run a while: 132 KB of bytecode by default. A
 *   command lasts a second or two, and most of what V8 optimised by default
 *   was never run long enough to repay it: ≈ 0.4 s of helper-thread CPU in a
 *   cold booklet of ≈ 1.8 s. Three times the budget keeps it for what runs
 *   long (docs/performance.md, "Start-up").
 * - No WebAssembly tier-up: HarfBuzz and yoga are WebAssembly, which V8
 *   compiles first with its baseline compiler (Liftoff) and then, function by
 *   function, again with TurboFan as they run: in a cold booklet that second
 *   compilation cost more CPU than it saved (docs/performance.md,
 *   "Start-up"). Liftoff is kept: a function it cannot compile
 *   (a CPU feature it lacks, SIMD) is still compiled by TurboFan
 *   (`--liftoff-only`, V8's testing flag, aborts the process there instead).
 * - No bytecode flushing: V8 drops the bytecode of a function not run for a
 *   few major collections, and a vendor file's code cache is written once, at
 *   the exit of the first process that runs it (scripts/vendor.mjs), from
 *   what it still holds then. A cold full build, longer than a booklet and
 *   with more collections (more again on a busy machine), left react-pdf's
 *   cache at 534 KB (one of two builds of the seed; 554 KB after the nine
 *   documents) against 1,255 KB from a booklet alone,
 *   zod's at 243–253 against 395, YAML's at 124–148 against 185: every later
 *   booklet compiled the rest from source again (main thread ≈ 90 ms of CPU,
 *   docs/performance.md "Start-up"). Kept, the first process's cache holds
 *   everything it ran. The bytecode of what a process ran is a few MB.
 */
export const COMPILED_V8_FLAGS = ['--interrupt-budget=400000', '--no-flush-bytecode', '--no-wasm-dynamic-tiering', '--no-wasm-tier-up'];

/**
 * Node's built-in modules that the compiled command loads, on the no-change
 * path and on a cold build's: bin/warraq.mjs loads them before it sets
 * COMPILED_V8_FLAGS, while V8 still takes the compiled code Node ships for
 * them (after, V8 refuses it: the flags are hashed into its check).
 */
export const PRELOADED_BUILTINS = ['node:assert', 'node:crypto', 'node:fs/promises', 'node:module', 'node:net', 'node:os', 'node:perf_hooks', 'node:process', 'node:tty', 'node:util', 'node:vm', 'node:worker_threads', 'node:zlib'];

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
