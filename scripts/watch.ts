#!/usr/bin/env -S npx tsx
/**
 * npm run watch [-- any flag of npm run build]
 *
 * Builds, then rebuilds whenever the source folder (the text and its
 * metadata), templates/, fonts/ or the code under src/ (the theme defaults
 * live in src/model/theme.ts) change. Changes are collected for a short
 * moment (debounce), then one incremental build runs: only the jobs whose
 * keys changed render. A failed build prints its errors and leaves the last
 * good output folder as it was; watching goes on.
 *
 * Two processes: this one watches and decides; a child "session" builds,
 * keeping its pool of render workers warm between builds. A change in
 * templates/ gets the session a fresh pool (new workers load the new
 * templates); a change in src/ or fonts/ restarts the session (the main
 * thread's own modules cannot be reloaded, and fonts are cached by path).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chalk } from 'zx';
import { build, check } from '../src/build.js';
import { WarraqError } from '../src/diagnostics.js';
import { createPool, defaultJobs, warmPool, type RenderPool } from '../src/jobs/pool.js';
import { warraqRoot } from '../src/jobs/cache.js';
import { argv, optionsFromArgv, printDiagnostics, printReport, progress } from './build.js';

type ToSession = { type: 'build'; changed: string[]; reload: boolean } | { type: 'stop' };
type FromSession = { type: 'idle' };

const DEBOUNCE_MS = 150;
const ignored = (f: string) => /(^|\/)(\.#|#)|~$|\.sw[px]$|\.tmp-|(^|\/)\.warraq-cache\//.test(f);

// ---------------------------------------------------------------------------
// The session: builds on request, with a pool kept between builds.

async function session() {
  const opts = optionsFromArgv();
  let pool: RenderPool | undefined;
  let queue: { changed: string[]; reload: boolean } | undefined = { changed: [], reload: false };
  let running = false;
  let stopping = false;

  const run = async () => {
    if (running) return;
    running = true;
    while (queue) {
      const { changed, reload } = queue;
      queue = undefined;
      if (reload && pool) {
        await pool.destroy();
        pool = undefined;
      }
      let fresh = false;
      if (!pool) {
        pool = await createPool(opts.jobs ?? defaultJobs(), { threads: true });
        fresh = true;
      }
      const t0 = performance.now();
      const when = new Date().toLocaleTimeString();
      console.log(chalk.cyan(changed.length ? `\n[${when}] changed: ${changed.join(', ')}` : `[${when}] building ${opts.source} → ${opts.out}/`));
      try {
        const report = await build({ ...opts, pool, onOutput: progress(Boolean(process.stdout.isTTY)) });
        printReport(report, opts.out, Boolean(argv.verbose));
        console.log(chalk.cyan(`  rebuilt in ${((performance.now() - t0) / 1000).toFixed(2)} s; watching…`));
        if (fresh && report.jobs.rendered.length === 0) await warm(pool);
      } catch (e) {
        if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
        if (e instanceof WarraqError) printDiagnostics(e.diagnostics);
        else console.error(chalk.red((e as Error)?.stack ?? String(e)));
        console.error(chalk.red(`✗ build failed after ${((performance.now() - t0) / 1000).toFixed(2)} s; ${opts.out}/ keeps the last good outputs. Watching…`));
      }
    }
    running = false;
    if (stopping) await shutdown();
    else process.send?.({ type: 'idle' } satisfies FromSession);
  };

  /** While the user edits, the workers initialise (fonts, WASM, renderers) for a quick first rebuild. */
  const warm = async (p: RenderPool) => {
    try {
      const { model } = await check(opts);
      await warmPool(p, model, opts.projectRoot);
    } catch {
      // a failed warm-up only means a slower first rebuild
    }
  };

  const shutdown = async () => {
    await pool?.destroy();
    process.exit(0);
  };

  process.on('message', (m: ToSession) => {
    if (m.type === 'stop') {
      stopping = true;
      if (!running) void shutdown();
      return;
    }
    queue = { changed: [...new Set([...(queue?.changed ?? []), ...m.changed])], reload: (queue?.reload ?? false) || m.reload };
    void run();
  });
  process.on('disconnect', () => {
    stopping = true;
    if (!running) void shutdown();
  });
  process.on('SIGINT', () => {
    stopping = true;
    if (!running) void shutdown();
  });
  await run();
}

// ---------------------------------------------------------------------------
// The watcher.

async function watcher() {
  const opts = optionsFromArgv();
  const projectRoot = opts.projectRoot;
  const sourceDir = path.dirname(path.resolve(projectRoot, opts.source));
  const roots = [
    { dir: sourceDir, kind: 'source' as const },
    { dir: path.join(warraqRoot, 'templates'), kind: 'templates' as const },
    { dir: path.join(warraqRoot, 'src'), kind: 'code' as const },
    // Fonts are cached by path in every thread: a changed font file restarts the session.
    { dir: path.resolve(projectRoot, 'fonts'), kind: 'code' as const },
  ];
  const script = fileURLToPath(import.meta.url);
  let child: ChildProcess | undefined;
  let pending: { changed: Set<string>; reload: boolean; restart: boolean } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let quitting = false;

  const start = (changed: string[]) => {
    const c = fork(script, [...process.argv.slice(2), '--session'], { stdio: 'inherit', execArgv: process.execArgv });
    child = c;
    c.on('exit', (code) => {
      if (child === c) child = undefined;
      if (quitting) process.exit(0);
      if (code && code !== 0) console.error(chalk.red(`watch: the build session stopped (exit ${code}); it starts again on the next change.`));
    });
    if (changed.length) c.once('spawn', () => c.send({ type: 'build', changed, reload: false } satisfies ToSession));
  };

  const flush = () => {
    timer = undefined;
    const p = pending;
    pending = undefined;
    if (!p) return;
    const changed = [...p.changed].sort();
    if (p.restart || !child) {
      const old = child;
      if (old) {
        console.log(chalk.cyan(`\ncode changed (${changed.join(', ')}): restarting the build session`));
        old.once('exit', () => start(changed));
        old.send({ type: 'stop' } satisfies ToSession);
      } else start(changed);
      return;
    }
    child.send({ type: 'build', changed, reload: p.reload } satisfies ToSession);
  };

  const note = (kind: 'source' | 'templates' | 'code', file: string) => {
    if (ignored(file)) return;
    pending ??= { changed: new Set(), reload: false, restart: false };
    pending.changed.add(path.relative(projectRoot, file) || file);
    if (kind === 'templates') pending.reload = true;
    if (kind === 'code') pending.restart = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, DEBOUNCE_MS);
  };

  const watchers: FSWatcher[] = [];
  for (const r of roots) {
    if (!(await stat(r.dir).catch(() => undefined))?.isDirectory()) continue;
    try {
      watchers.push(watch(r.dir, { recursive: true }, (_event, name) => note(r.kind, path.join(r.dir, String(name ?? '')))));
    } catch {
      // No recursive fs.watch here: poll the folder's files instead.
      poll(r.dir, (file) => note(r.kind, file));
    }
  }
  console.log(chalk.cyan(`watching ${roots.map((r) => path.relative(projectRoot, r.dir) || '.').join(', ')} (Ctrl-C to stop)`));
  start([]);

  const quit = () => {
    quitting = true;
    for (const w of watchers) w.close();
    if (!child) process.exit(0);
    // The session gets the same Ctrl-C from the terminal; tell it too when it did not.
    child.send?.({ type: 'stop' } satisfies ToSession);
  };
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}

/** Fallback watcher: compares modification times every half second. */
function poll(dir: string, onChange: (file: string) => void) {
  let seen = new Map<string, number>();
  const scan = async (d: string, into: Map<string, number>) => {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await scan(p, into);
      else if (e.isFile()) into.set(p, (await stat(p).catch(() => undefined))?.mtimeMs ?? 0);
    }
  };
  void scan(dir, seen);
  setInterval(async () => {
    const now = new Map<string, number>();
    await scan(dir, now);
    for (const [f, t] of now) if (seen.get(f) !== t) onChange(f);
    for (const f of seen.keys()) if (!now.has(f)) onChange(f);
    seen = now;
  }, 500).unref?.();
}

if (argv.session) await session();
else await watcher();
