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
 * "The watch session").
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
/**
 * Set in a restarted session's environment: the changes (one a line) that
 * restarted it, which its first build reports as its own. Given at start, not
 * sent after: a build request sent to a session that builds as it starts ran
 * a second build for the same change.
 */
export const SESSION_CHANGED_ENV = 'WARRAQ_WATCH_CHANGED';

/** The changes a session's first build is for (SESSION_CHANGED_ENV). */
export const changedAtStart = (env: NodeJS.ProcessEnv = process.env): string[] => (env[SESSION_CHANGED_ENV] ?? '').split('\n').filter(Boolean);

/** What the watcher holds of a session's process (scripts/watch.ts: a forked child). */
export interface SessionHandle {
  send(m: ToSession): void;
  /** `then` runs once, when the process has exited (`code` null when a signal ended it, `signal` saying which). */
  onExit(then: (code: number | null, signal?: NodeJS.Signals | null) => void): void;
}

/**
 * The session's side of a stop: builds are counted while in flight, and
 * `shutdown` runs once the session is stopped with none left (at once when
 * none runs), never under a build, and only once: a stopped session begins no
 * build (`run` refuses it), so the count never rises again. Counted, not a
 * flag: a request that ends while another is still building must not mark
 * the session idle.
 */
export function sessionStop(shutdown: () => void) {
  let inFlight = 0;
  let stopping = false;
  return {
    get stopping() {
      return stopping;
    },
    stop() {
      if (stopping) return;
      stopping = true;
      if (inFlight === 0) shutdown();
    },
    /** Begins `build` and counts it until it ends, unless the session is stopping (the shutdown would end the process under it). */
    run(build: () => Promise<void>) {
      if (stopping) return;
      inFlight++;
      void build().finally(() => {
        if (--inFlight === 0 && stopping) shutdown();
      });
    },
  };
}

/**
 * The watcher's side: one session at a time, and every change built once.
 * `start(changed)` starts a session whose first build is for `changed` (its
 * own, run as it starts). A change to the code stops the running session
 * (which finishes a build it has begun) and starts the next one once it has
 * exited, never two at once; changes of any kind that arrive meanwhile join
 * that next session's first build. Other changes go to the running session,
 * which merges those that arrive during a build into one build after it
 * (src/cli/watch.ts `serially`). After `quit`, no session is started; `exit`
 * runs once no session is left (at once when none runs).
 */
export function keepSession(start: (changed: string[]) => SessionHandle, on: { exit(): void; stopped?(code: number | null, signal?: NodeJS.Signals | null): void }) {
  let current: SessionHandle | undefined;
  /** While `current` stops for a restart: the changes for the next session's first build. */
  let next: string[] | undefined;
  let quitting = false;

  const launch = (changed: string[]) => {
    const s = start(changed);
    current = s;
    s.onExit((code, signal) => {
      current = undefined;
      const changes = next;
      next = undefined;
      if (quitting) return on.exit();
      if (changes) return launch(changes);
      // Not asked to stop: it failed; the next change starts another.
      on.stopped?.(code, signal);
    });
  };
  const stop = (s: SessionHandle) => s.send({ type: 'stop' });

  return {
    /** A batch of changes (`restart`: the code's, templates' or fonts'). */
    changes(changed: string[], restart: boolean) {
      if (quitting) return;
      if (next) next = [...new Set([...next, ...changed])];
      else if (!current) launch(changed);
      else if (restart) {
        next = changed;
        stop(current);
      } else current.send({ type: 'build', changed });
    },
    quit() {
      if (quitting) return;
      quitting = true;
      if (!current) return on.exit();
      // (A session stopping for a restart has been told already; telling it twice does no harm.)
      stop(current);
    },
    /** Whether a session runs (or is stopping). */
    get running() {
      return current !== undefined;
    },
  };
}

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
