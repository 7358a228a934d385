/**
 * How the watch mode's build session is started and spoken to: shared by the
 * watcher (scripts/watch.ts), which starts a session anew after each change
 * to the code, and the bench (scripts/bench.ts), which measures the same
 * session the user runs.
 *
 * The session runs the bundle's watch entry (lib/watch.js) with the V8 flags
 * of the compiled command when lib/ is fresh (scripts/fresh.mjs), as
 * bin/warraq.mjs decides for the command; otherwise scripts/watch.ts through
 * tsx's loader. So after an edit under src/ or templates/ (lib/ stale) the
 * restarted session runs the edited TypeScript, and after `npm run compile`
 * the next one runs compiled again. Compiled, every `import()` resolves in
 * Node itself instead of waiting for tsx's hooks thread (docs/performance.md,
 * "Watch from the compiled bundle").
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SESSION_NODE_FLAGS } from '../src/jobs/allocator.js';
import { COMPILED_V8_FLAGS, compiledIsFresh } from './fresh.mjs';

export type ToSession = { type: 'build'; changed: string[] } | { type: 'stop' };
/** After each build: whether it succeeded, how long it took (ms, as printed) and the process's CPU meanwhile (ms, every thread's). */
export type FromSession = { type: 'idle'; ok: boolean; ms: number; cpuMs: number };

/** Set in the session's environment: the child process builds, the parent watches. */
export const SESSION_ENV = 'WARRAQ_WATCH_SESSION';

/** The node flags the user gave (`node --foo bin/warraq.mjs`), without tsx's own loader flags (`--require …/tsx/…`, `--import …/tsx/…`). */
export function userNodeFlags(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i];
    const [flag, inline] = a.split(/=(.*)/s);
    const loader = flag === '--require' || flag === '--import' || flag === '-r';
    const value = inline ?? execArgv[i + 1];
    if (loader && /[\\/]tsx[\\/]/.test(value ?? '')) {
      if (inline === undefined) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/**
 * The session's script and node flags, for warraq installed at `root`: the
 * session's flags first, then the user's, which win (the last of two counts).
 */
export function sessionCommand(root: string, execArgv: readonly string[] = process.execArgv): { script: string; execArgv: string[]; compiled: boolean } {
  const user = userNodeFlags(execArgv);
  if (compiledIsFresh(root)) return { script: path.join(root, 'lib/watch.js'), execArgv: [...COMPILED_V8_FLAGS, ...SESSION_NODE_FLAGS, ...user], compiled: true };
  const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
  return { script: path.join(root, 'scripts/watch.ts'), execArgv: ['--import', tsx, ...SESSION_NODE_FLAGS, ...user], compiled: false };
}
