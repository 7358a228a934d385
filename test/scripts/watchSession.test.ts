/**
 * The watch mode as `npm run watch` starts it (bin/warraq.mjs --watch): the
 * session runs the bundle when lib/ is fresh, else the TypeScript through tsx
 * (scripts/watchSession.ts), and a session's rebuild after an edit leaves
 * what a `--force` build of the same text makes. Events are awaited with
 * generous timeouts; nothing here asserts a speed.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COMPILED_V8_FLAGS } from '../../scripts/fresh.mjs';
import { sessionCommand, userNodeFlags } from '../../scripts/watchSession.js';
import { SESSION_NODE_FLAGS } from '../../src/jobs/allocator.js';
import { fingerprint, repoRoot, smallProject } from '../fixtures/reliability/project.js';
import { tempDir } from '../support/tmp.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const env = () => ({ ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_') && k !== 'NODE_OPTIONS')), FORCE_COLOR: '0', SOURCE_DATE_EPOCH: '' });

describe('how a session starts', () => {
  it("the user's node flags are kept, tsx's own loader flags are not", () => {
    const tsxFlags = ['--require', '/r/node_modules/tsx/dist/preflight.cjs', '--import', 'file:///r/node_modules/tsx/dist/loader.mjs', '--import=file:///r/node_modules/tsx/dist/loader.mjs'];
    expect(userNodeFlags([...tsxFlags, '--max-old-space-size=900', '--import', 'file:///my/hooks.mjs'])).toEqual(['--max-old-space-size=900', '--import', 'file:///my/hooks.mjs']);
  });

  it('compiled when lib/ is fresh, through tsx when it is not; the session flags before the user’s', async () => {
    const root = await tempDir('warraq-session-');
    try {
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
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('npm run watch', () => {
  it('builds, rebuilds after an edit into what a --force build makes, and stops on Ctrl-C', async () => {
    const root = await smallProject();
    const bin = path.join(repoRoot, 'bin/warraq.mjs');
    const args = ['source/doc.txt', '--only', 'booklet,leaflets', '--jobs', '1'];
    // Its own process group, as a terminal's: Ctrl-C reaches the watcher and the session.
    const p = spawn(process.execPath, [bin, '--watch', ...args], { cwd: root, env: env(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => p.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
    const rebuilt = (n: number) => (out.match(/rebuilt in [\d.]+ s; watching/g) ?? []).length >= n;
    const until = async (what: string, ok: () => boolean, ms = 240_000) => {
      for (const t0 = Date.now(); !ok(); await sleep(100)) if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}:\n${out.slice(-3000)}`);
    };
    try {
      await until('the first build', () => rebuilt(1));
      // The watcher's folders are armed before the session starts; a moment for the first build's own writes to settle.
      await sleep(500);
      const doc = path.join(root, 'source/doc.txt');
      await writeFile(doc, (await readFile(doc, 'utf8')).replace('مقدمة قصيرة', 'مقدمة قصيرة جدا'));
      await until('the rebuild after the edit', () => rebuilt(2));
      expect(out).toContain('changed: source/doc.txt');
      process.kill(-p.pid!, 'SIGINT');
      expect(await exited).toBe(0);
      // What a --force build of the edited text makes, byte for byte (manifest.json included).
      await promisify(execFile)(process.execPath, [bin, ...args, '--force', '--out', 'forced'], { cwd: root, env: env() });
      expect(await fingerprint(path.join(root, 'dist'))).toEqual(await fingerprint(path.join(root, 'forced')));
    } finally {
      if (p.exitCode === null) process.kill(-p.pid!, 'SIGKILL');
      await rm(root, { recursive: true, force: true });
    }
  }, 300_000);
});
