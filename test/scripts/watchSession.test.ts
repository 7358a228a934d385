/**
 * The watch mode as `npm run watch` starts it (bin/warraq.mjs --watch): the
 * session runs the bundle when lib/ is fresh, else the TypeScript through tsx
 * (scripts/watchSession.ts); a session's rebuild after an edit leaves what a
 * `--force` build of the same text makes; a change to the code restarts the
 * session and builds once, and changes that arrive during a restart are
 * built once after it. Events are awaited with generous timeouts; nothing
 * here asserts a speed.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COMPILED_V8_FLAGS } from '../../scripts/fresh.mjs';
import { changedAtStart, keepSession, sessionStop, SESSION_CHANGED_ENV, sessionCommand, userNodeFlags, type SessionHandle, type ToSession } from '../../scripts/watchSession.js';
import { SESSION_NODE_FLAGS } from '../../src/jobs/allocator.js';
import { fingerprint, repoRoot, smallProject } from '../fixtures/reliability/project.js';
import { tempDir } from '../support/tmp.js';
import { sleep, until } from '../support/waiting.js';

const env = () => ({ ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_') && k !== 'NODE_OPTIONS')), FORCE_COLOR: '0', SOURCE_DATE_EPOCH: '' });

describe('how a session starts', () => {
  it("the user's node flags are kept, tsx's own loader flags are not", () => {
    const tsxFlags = ['--require', '/r/node_modules/tsx/dist/preflight.cjs', '--import', 'file:///r/node_modules/tsx/dist/loader.mjs', '--import=file:///r/node_modules/tsx/dist/loader.mjs'];
    expect(userNodeFlags([...tsxFlags, '--max-old-space-size=900', '--import', 'file:///my/hooks.mjs'])).toEqual(['--max-old-space-size=900', '--import', 'file:///my/hooks.mjs']);
  });

  it('compiled when lib/ is fresh, through tsx when it is not; the session flags before the user’s', async () => {
    const root = await tempDir('warraq-session-');
    expect(sessionCommand(root, ['--trace-warnings'])).toEqual({
      script: path.join(root, 'scripts/watch.ts'),
      execArgv: ['--import', `file://${root}/node_modules/tsx/dist/loader.mjs`, ...SESSION_NODE_FLAGS, '--trace-warnings'],
      compiled: false,
    });
    // Fresh: every recorded file has its recorded time (none recorded here).
    await mkdir(path.join(root, 'lib'));
    await writeFile(path.join(root, 'lib/inputs.json'), JSON.stringify({ v: 1, mtimes: {} }));
    expect(sessionCommand(root, ['--trace-warnings'])).toEqual({
      script: path.join(root, 'lib/watch.js'),
      execArgv: [...COMPILED_V8_FLAGS, ...SESSION_NODE_FLAGS, '--trace-warnings'],
      compiled: true,
    });
  });
});

describe("a session's stop", () => {
  const deferred = () => {
    let done!: () => void;
    const p = new Promise<void>((r) => (done = r));
    return { p, done };
  };
  const settle = () => new Promise((r) => setImmediate(r));

  it('shuts down only once the last build in flight has ended, however they end', async () => {
    let downs = 0;
    const s = sessionStop(() => downs++);
    const first = deferred();
    const second = deferred();
    s.run(() => first.p);
    s.run(() => second.p);
    s.stop();
    expect(s.stopping).toBe(true);
    first.done();
    await settle();
    expect(downs).toBe(0); // the second build is still running
    second.done();
    await settle();
    expect(downs).toBe(1);
    s.stop();
    expect(downs).toBe(1);
  });

  it('shuts down at once when stopped idle, and a build that ended before the stop does not count', async () => {
    let downs = 0;
    const s = sessionStop(() => downs++);
    const b = deferred();
    s.run(() => b.p);
    b.done();
    await settle();
    expect(downs).toBe(0);
    s.stop();
    expect(downs).toBe(1);
  });

  it('a stopped session begins no build, and shuts down once', async () => {
    let downs = 0;
    let begun = 0;
    const s = sessionStop(() => downs++);
    s.stop();
    s.run(async () => void begun++);
    s.stop();
    await settle();
    expect([begun, downs]).toEqual([0, 1]);
  });
});

/** Sessions that do nothing but record what they are told; `exit(i)` ends the i-th. */
function fakeSessions() {
  const started: Array<{ changed: string[]; told: ToSession[]; exit(code?: number | null): void }> = [];
  const events: string[] = [];
  const keeper = keepSession(
    (changed): SessionHandle => {
      let then: ((code: number | null) => void) | undefined;
      const s = { changed, told: [] as ToSession[], exit: (code: number | null = 0) => then?.(code) };
      started.push(s);
      return { send: (m) => s.told.push(m), onExit: (t) => (then = t) };
    },
    { exit: () => events.push('exit'), stopped: (code) => events.push(`stopped ${code}`) },
  );
  return { keeper, started, events };
}

describe('one session at a time, every change built once', () => {
  it('a code change stops the session and starts the next once it has exited, its first build for that change and no request after', () => {
    const { keeper, started } = fakeSessions();
    keeper.changes([], false);
    keeper.changes(['source/doc.txt'], false);
    expect(started[0].told).toEqual([{ type: 'build', changed: ['source/doc.txt'] }]);
    keeper.changes(['src/a.ts'], true);
    expect(started[0].told.at(-1)).toEqual({ type: 'stop' });
    expect(started).toHaveLength(1);
    started[0].exit();
    expect(started.map((s) => s.changed)).toEqual([[], ['src/a.ts']]);
    expect(started[1].told).toEqual([]);
  });

  it('changes during a restart join the next session’s first build; still one session', () => {
    const { keeper, started } = fakeSessions();
    keeper.changes([], false);
    keeper.changes(['src/a.ts'], true);
    keeper.changes(['source/doc.txt'], false);
    keeper.changes(['templates/b.ts', 'src/a.ts'], true);
    expect(started[0].told.filter((m) => m.type === 'stop')).toHaveLength(1);
    started[0].exit();
    expect(started).toHaveLength(2);
    expect(started[1].changed).toEqual(['src/a.ts', 'source/doc.txt', 'templates/b.ts']);
    expect(started[1].told).toEqual([]);
  });

  it('quitting during a restart starts no session and exits once the stopping one has', () => {
    const { keeper, started, events } = fakeSessions();
    keeper.changes([], false);
    keeper.changes(['src/a.ts'], true);
    keeper.quit();
    keeper.changes(['source/doc.txt'], false);
    expect(events).toEqual([]);
    started[0].exit();
    expect(started).toHaveLength(1);
    expect(events).toEqual(['exit']);
  });

  it('a session that fails is reported; the next change starts another, for that change', () => {
    const { keeper, started, events } = fakeSessions();
    keeper.changes([], false);
    started[0].exit(1);
    expect(events).toEqual(['stopped 1']);
    keeper.changes(['source/doc.txt'], false);
    expect(started.map((s) => s.changed)).toEqual([[], ['source/doc.txt']]);
    keeper.quit();
    expect(started[1].told).toEqual([{ type: 'stop' }]);
    started[1].exit(null);
    expect(events).toEqual(['stopped 1', 'exit']);
  });

  it('the changes reach the session through its environment, one a line', () => {
    expect(changedAtStart({ [SESSION_CHANGED_ENV]: ['src/a.ts', 'fonts/x y.ttf'].join('\n') })).toEqual(['src/a.ts', 'fonts/x y.ttf']);
    expect(changedAtStart({ [SESSION_CHANGED_ENV]: '' })).toEqual([]);
    expect(changedAtStart({})).toEqual([]);
  });
});

const bin = path.join(repoRoot, 'bin/warraq.mjs');
const args = ['source/doc.txt', '--only', 'booklet,leaflets', '--jobs', '1'];

/**
 * `npm run watch` in `root`, in its own process group, as a terminal's: Ctrl-C (`interrupt`) reaches the watcher and
 * the session. `rebuilt()`: the builds it has finished, by their printed line.
 */
function watching(root: string) {
  const p = spawn(process.execPath, [bin, '--watch', ...args], { cwd: root, env: env(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  p.stdout.on('data', (d) => (out += d));
  p.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => p.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  return {
    out: () => out,
    rebuilt: () => (out.match(/rebuilt in [\d.]+ s; watching/g) ?? []).length,
    until: (what: string, ok: () => boolean) => until(what, ok, 240_000, () => out.slice(-3000)),
    interrupt: () => process.kill(-p.pid!, 'SIGINT'),
    exited,
    kill: () => p.exitCode === null && process.kill(-p.pid!, 'SIGKILL'),
  };
}

describe('npm run watch', () => {
  it('builds, rebuilds after an edit into what a --force build makes, and stops on Ctrl-C', async () => {
    const root = await smallProject();
    const w = watching(root);
    try {
      await w.until('the first build', () => w.rebuilt() >= 1);
      // The watcher's folders are armed before the session starts; a moment for the first build's own writes to settle.
      await sleep(500);
      const doc = path.join(root, 'source/doc.txt');
      await writeFile(doc, (await readFile(doc, 'utf8')).replace('مقدمة قصيرة', 'مقدمة قصيرة جدا'));
      await w.until('the rebuild after the edit', () => w.rebuilt() >= 2);
      expect(w.out()).toContain('changed: source/doc.txt');
      w.interrupt();
      expect(await w.exited).toBe(0);
      // What a --force build of the edited text makes, byte for byte (manifest.json included).
      await promisify(execFile)(process.execPath, [bin, ...args, '--force', '--out', 'forced'], { cwd: root, env: env() });
      expect(await fingerprint(path.join(root, 'dist'))).toEqual(await fingerprint(path.join(root, 'forced')));
    } finally {
      w.kill();
    }
  }, 300_000);

  it('a change to the code restarts the session, which builds once; an edit after it builds once more; the outputs are a plain build’s', async () => {
    const root = await smallProject();
    // fonts/ of its own, links to the repository's fonts: a file added there is a change to the code (the session
    // restarts), and the repository's fonts/ is left alone.
    await rm(path.join(root, 'fonts'));
    await mkdir(path.join(root, 'fonts'));
    for (const f of await readdir(path.join(repoRoot, 'fonts'))) await symlink(path.join(repoRoot, 'fonts', f), path.join(root, 'fonts', f));
    const w = watching(root);
    try {
      await w.until('the first build', () => w.rebuilt() >= 1);
      await sleep(500);
      await writeFile(path.join(root, 'fonts/notes.txt'), 'not a font\n');
      await w.until('the restarted session’s build', () => w.out().includes('restarting the build session') && w.rebuilt() >= 2);
      const doc = path.join(root, 'source/doc.txt');
      await writeFile(doc, (await readFile(doc, 'utf8')).replace('مقدمة قصيرة', 'مقدمة قصيرة جدا'));
      await w.until('the rebuild after the edit', () => /changed: .*source\/doc\.txt/.test(w.out()) && w.rebuilt() >= 3);
      w.interrupt();
      // (The watcher exits once its session has: none is left behind.)
      expect(await w.exited).toBe(0);
      // Every build the sessions ran, by the line each begins with: the first, the restart's, the edit's. (Before,
      // the restarted session built as it started and then again for the change the watcher sent it.)
      const begun = w.out().match(/\] (?:building .*|changed: .*)$/gm) ?? [];
      expect(begun).toEqual(['] building source/doc.txt → dist/', '] changed: fonts/notes.txt', '] changed: source/doc.txt']);
      expect(w.rebuilt()).toBe(3);
      // What a plain build of the edited text makes in a new folder, byte for byte (manifest.json included).
      await promisify(execFile)(process.execPath, [bin, ...args, '--out', 'plain'], { cwd: root, env: env() });
      expect(await fingerprint(path.join(root, 'dist'))).toEqual(await fingerprint(path.join(root, 'plain')));
    } finally {
      w.kill();
    }
  }, 300_000);
});
