#!/usr/bin/env -S npx tsx
/**
 * npm run watch -- [FILE] [any flag of npm run build, but --check]
 * (`node bin/warraq.mjs --watch …`: lib/watch.js, this file bundled, when
 * lib/ is fresh, else this file through tsx)
 *
 * Builds, then rebuilds whenever the source, its metadata, templates/, fonts/
 * or the code under src/ change (what is watched and how: src/cli/watch.ts).
 * Changes are collected for a short moment (debounce), then one incremental
 * build runs: only the jobs whose keys changed render. A failed build prints
 * its errors and leaves the last good output folder as it was; watching goes on.
 *
 * Two processes: this one watches and decides; a child "session" builds,
 * keeping its renderers warm between builds: the PDF jobs in its main thread
 * (which has the fonts and HarfBuzz from the checks already), the cards and
 * the gallery in worker threads (src/jobs/pool.ts, as a command-line build
 * arranges them). A change in templates/, src/ or fonts/ restarts the
 * session: the main thread's modules cannot be reloaded, and fonts are
 * cached by path. The new session's first build is the change's (one
 * session at a time, every change built once: scripts/watchSession.ts `keepSession`). Each session runs compiled when lib/ is fresh, else
 * through tsx (scripts/watchSession.ts). Each build returns once its outputs are committed; what it
 * keeps for the next one (record, memos, proofing findings) is written after
 * (`keepLater`, src/build.ts). (One thread fewer than a pool of workers only: the warm
 * session held ≈ 710 MiB with a PDF worker beside the main thread, ≈ 550
 * MiB without; docs/performance.md.)
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { build, check, keptForNext } from '../src/build.js';
import { cyan, red } from '../src/cli/colors.js';
import { readCommandLine } from '../src/cli/run.js';
import { printDiagnostics, printReport, progress } from '../src/cli/summary.js';
import { serially, watchFolders, watchRoots, type Change } from '../src/cli/watch.js';
import { WarraqError } from '../src/diagnostics.js';
import { createPool, defaultJobs, warmPool, type RenderPool } from '../src/jobs/pool.js';
import { warraqRoot } from '../src/codeRoot.js';
import { changedAtStart, keepSession, sessionStop, SESSION_CHANGED_ENV, SESSION_ENV, sessionCommand, type FromSession, type SessionHandle, type ToSession } from './watchSession.js';

const { line, exit } = readCommandLine(process.argv.slice(2), 'watch', { quiet: Boolean(process.env[SESSION_ENV]) });
if (!line) process.exit(exit ?? 2);
const opts = line.options;
const verbose = line.verbose;

// ---------------------------------------------------------------------------
// The session: builds on request, with a pool kept between builds.

async function session() {
  // React's production build, as the compiled command runs it (scripts/compile.mjs): no development checks in
  // react-pdf's reconciler or the gallery's static markup. Set before any thread loads React.
  process.env.NODE_ENV ??= 'production';
  let pool: RenderPool | undefined;
  /** The last build's outcome, sent to the watcher (and the bench) when the session is idle again. */
  let last = { ok: false, ms: 0, cpuMs: 0 };
  const cpuSince = (c: NodeJS.CpuUsage) => {
    const d = process.cpuUsage(c);
    return (d.user + d.system) / 1000;
  };

  const run = serially<{ changed: string[] }>(async (requests) => {
    const changed = [...new Set(requests.flatMap((r) => r.changed))];
    let fresh = false;
    if (!pool) {
      pool = await createPool(opts.jobs ?? defaultJobs());
      fresh = true;
    }
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const when = new Date().toLocaleTimeString();
    console.log(cyan(changed.length ? `\n[${when}] changed: ${changed.join(', ')}` : `[${when}] building ${opts.source} → ${opts.out}/`));
    try {
      // The outputs are there when it returns; what it keeps for the next build is written meanwhile.
      const report = await build({ ...opts, pool, keepLater: true, onOutput: progress(Boolean(process.stdout.isTTY)) });
      last = { ok: true, ms: performance.now() - t0, cpuMs: cpuSince(cpu0) };
      printReport(report, opts.out, verbose);
      console.log(cyan(`  rebuilt in ${(last.ms / 1000).toFixed(2)} s; watching…`));
      if (fresh && report.jobs.rendered.length === 0) await warm(pool);
    } catch (e) {
      last = { ok: false, ms: performance.now() - t0, cpuMs: cpuSince(cpu0) };
      if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
      if (e instanceof WarraqError) printDiagnostics(e.diagnostics);
      else console.error(red((e as Error)?.stack ?? String(e)));
      console.error(red(`✗ build failed after ${(last.ms / 1000).toFixed(2)} s; ${opts.out}/ keeps the last good outputs. Watching…`));
    }
  });
  const request = async (r: { changed: string[] }) => {
    await run([r]);
    if (!session.stopping) process.send?.({ type: 'idle', ...last } satisfies FromSession);
  };

  /** While the user edits, the workers initialise (fonts, WASM, renderers) for a quick first rebuild. */
  const warm = async (p: RenderPool) => {
    try {
      const { model } = await check({ ...opts, layout: false });
      await warmPool(p, model, opts.projectRoot);
    } catch {
      // a failed warm-up only means a slower first rebuild
    }
  };

  // Once the last build in flight has ended (the terminal's Ctrl-C and the watcher's message both stop it).
  const session = sessionStop(
    () =>
      void (async () => {
        await Promise.all([pool?.destroy(), keptForNext()]);
        process.exit(0);
      })(),
  );
  const stop = () => session.stop();
  process.on('message', (m: ToSession) => (m.type === 'stop' ? stop() : session.run(() => request({ changed: m.changed }))));
  process.on('disconnect', stop);
  process.on('SIGINT', stop);
  // Its first build: for the changes that restarted it, if any.
  session.run(() => request({ changed: changedAtStart() }));
}

// ---------------------------------------------------------------------------
// The watcher.

function watcher() {
  const projectRoot = opts.projectRoot;
  const roots = watchRoots(opts, warraqRoot);

  const start = (changed: string[]): SessionHandle => {
    // Compiled when lib/ is fresh, else through tsx; the user's node flags last (they win).
    const { script, execArgv } = sessionCommand(warraqRoot);
    const env = { ...process.env, [SESSION_ENV]: '1', [SESSION_CHANGED_ENV]: changed.join('\n') };
    const c = fork(script, process.argv.slice(2), { stdio: 'inherit', execArgv, env });
    // A message to a session that has just exited is dropped (the exit is handled below), not thrown.
    c.on('error', () => {});
    return {
      send: (m) => void (c.connected && c.send(m)),
      onExit: (then) => void c.once('exit', (code, signal) => then(code, signal)),
    };
  };
  const sessions = keepSession(start, {
    exit: () => process.exit(0),
    stopped: (code, signal) => {
      if (code !== 0) console.error(red(`watch: the build session stopped (${code === null ? `killed by ${signal ?? 'a signal'}` : `exit ${code}`}); it starts again on the next change.`));
    },
  });

  const onChanges = (batch: Change[]) => {
    const changed = batch.map((c) => path.relative(projectRoot, c.file) || c.file);
    // Templates run in the session's main thread too (PDF jobs): a change to them needs a fresh process.
    const restart = batch.some((c) => c.kind === 'code' || c.kind === 'templates');
    if (restart && sessions.running) console.log(cyan(`\ncode changed (${changed.join(', ')}): restarting the build session`));
    sessions.changes(changed, restart);
  };

  const folders = watchFolders(roots, { outDir: path.resolve(projectRoot, opts.out), onChanges });
  console.log(cyan(`watching ${roots.map((r) => path.relative(projectRoot, r.dir) || '.').join(', ')} (Ctrl-C to stop)`));
  sessions.changes([], false);

  // The session gets the same Ctrl-C from the terminal; it is told too, for when it did not.
  const quit = () => {
    folders.close();
    sessions.quit();
  };
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}

// No top-level await: scripts/compile.mjs bundles this entry as CommonJS (run with a V8 code cache); a rejection still ends the process with its error.
if (process.env[SESSION_ENV]) void session();
else watcher();
