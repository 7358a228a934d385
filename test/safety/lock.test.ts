/**
 * The lock excludes: 8 processes started together, 20 times over, with a
 * stale lock present (a dead process, a zombie, a live process that is not
 * the one that took it): exactly one holder every time. A killed build's
 * lock is taken over at once; a signal releases the lock.
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { judge, procInfo, type LockRecord } from '../../src/output/lock.js';
import { lockOutput } from '../../src/output/writeOutputs.js';
import { besideOut, repoRoot, smallProject, warraqError } from '../fixtures/reliability/project.js';
import { tempDir } from '../support/tmp.js';
import { owned } from './support.js';

const childScript = path.join(import.meta.dirname, 'lockChild.ts');
/** tsx's loader by absolute URL: a child running in a temporary project finds it too. */
const TSX = pathToFileURL(path.join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function startChild(): Promise<ChildProcess> {
  const c = fork(childScript, [], { execArgv: ['--import', TSX], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  children.push(c);
  return new Promise((resolve, reject) => {
    c.once('message', () => resolve(c));
    c.once('error', reject);
  });
}

const ask = <T>(c: ChildProcess, msg: object) =>
  new Promise<T>((resolve) => {
    c.once('message', (m) => resolve(m as T));
    c.send(msg);
  });

/** A pid that certainly belonged to a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

/**
 * A zombie: a child whose parent (`sleep`, after exec) never reaps it.
 * Returns its pid, its start time (read once, while it is certainly a
 * zombie) and the parent to end later. The child waits on fd 3 until the
 * shell has become `sleep`: ended earlier, the shell could reap it and the
 * pid would be gone (what made this test flaky under load). No timing is
 * asserted: each wait is for a state.
 */
async function zombie(): Promise<{ pid: number; start: string; parent: ChildProcess }> {
  const parent = spawn('sh', ['-c', 'head -c 1 <&3 >/dev/null & echo $!; exec sleep 600 3<&-'], { stdio: ['ignore', 'pipe', 'ignore', 'pipe'] });
  children.push(parent);
  const pid = Number(await new Promise<string>((r) => parent.stdout!.once('data', (d) => r(String(d)))));
  const tick = () => new Promise((r) => setTimeout(r, 5));
  const comm = () => {
    try {
      return readFileSync(`/proc/${parent.pid}/comm`, 'utf8').trim();
    } catch {
      return undefined;
    }
  };
  while (comm() !== 'sleep') await tick();
  (parent.stdio[3] as Writable).end('x');
  for (;;) {
    const info = procInfo(pid);
    if (info?.state === 'Z') return { pid, start: info.start, parent };
    if (info === null) throw new Error(`the zombie helper ${pid} was reaped`);
    await tick();
  }
}

const record = (r: Partial<LockRecord>) => JSON.stringify({ generator: 'warraq', host: os.hostname(), token: 'stale', ...r }) + '\n';

describe('stale locks', () => {
  it('a dead process, a zombie and another process with the same pid are stale; a live holder is not', async () => {
    const z = await zombie();
    const me = procInfo(process.pid)!;
    const file = '/x.lock';
    expect(judge({ pid: deadPid(), start: '1' }, file, Date.now()).held).toBe(false);
    expect(judge({ pid: z.pid, start: z.start }, file, Date.now())).toMatchObject({ held: false, why: expect.stringMatching(/zombie/) });
    expect(judge({ pid: 1, start: '999999999' }, file, Date.now()).held).toBe(false);
    expect(judge({ pid: process.ppid, start: procInfo(process.ppid)!.start }, file, Date.now()).held).toBe(true);
    // An older lock (pid only) naming a process that started after it was written.
    expect(judge({ pid: process.pid === 1 ? 2 : process.pid, token: 'other' }, file, 0).held).toBe(false);
    expect(me.start).toMatch(/^\d+$/);
    z.parent.kill('SIGKILL');
  });

  it('a lock naming pid 1 with the wrong start time is taken over; a lock of a live process says how to remove it if no build runs', async () => {
    const out = path.join(await tempDir('warraq-lock-'), 'dist');
    await writeFile(`${out}.lock`, record({ pid: 1, start: '999999999' }));
    const lock = await lockOutput(out);
    await lock.release();
    await writeFile(`${out}.lock`, record({ pid: process.ppid, start: procInfo(process.ppid)!.start }));
    const err = await warraqError(lockOutput(out));
    expect(err.diagnostics[0].code).toBe('E-LOCKED');
    expect(err.diagnostics[0].hint).toContain(`remove ${out}.lock`);
  });
});

describe('8 builds at once, 20 rounds, a stale lock present each time', () => {
  it('exactly one holds the lock each round', async () => {
    const out = path.join(await tempDir('warraq-race-'), 'dist');
    const racers = await Promise.all(Array.from({ length: 8 }, startChild));
    const z = await zombie();
    const stale = [
      () => record({ pid: deadPid(), start: '12345' }),
      () => record({ pid: z.pid, start: z.start }),
      () => record({ pid: 1, start: '999999999' }),
      () => `${deadPid()} old-format\n`,
    ];
    for (let round = 0; round < 20; round++) {
      await writeFile(`${out}.lock`, stale[round % stale.length]());
      const answers = await Promise.all(racers.map((c) => ask<{ held: boolean; code?: string }>(c, { cmd: 'take', out, round })));
      const holders = answers.filter((a) => a.held);
      expect(holders, `round ${round}: ${JSON.stringify(answers)}`).toHaveLength(1);
      expect(answers.filter((a) => !a.held).map((a) => a.code)).toEqual(Array(7).fill('E-LOCKED'));
      const holder = racers[answers.findIndex((a) => a.held)];
      await ask(holder, { cmd: 'release', round });
      expect(await besideOut(out), `round ${round}`).toEqual([]);
    }
    for (const c of racers) c.send({ cmd: 'exit' });
    z.parent.kill('SIGKILL');
  }, 600_000); // 9 processes on a busy 2-core machine can be slow; nothing here is timed
});

describe('signals', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s releases the lock, and the process still ends by that signal', async (signal) => {
    const out = path.join(await tempDir('warraq-sig-'), 'dist');
    const c = await startChild();
    expect(await ask<{ held: boolean }>(c, { cmd: 'take', out })).toMatchObject({ held: true });
    expect(JSON.parse(readFileSync(`${out}.lock`, 'utf8')).pid).toBe(c.pid);
    const ended = new Promise<NodeJS.Signals | null>((r) => c.once('exit', (_code, sig) => r(sig)));
    c.kill(signal);
    expect(await ended).toBe(signal);
    expect(await besideOut(out)).toEqual([]);
  });
});

describe('kill -9 in the middle of a build', () => {
  it('an immediate rebuild takes over the lock, repairs, and completes', async () => {
    const root = await smallProject();
    const out = path.join(root, 'dist');
    const child = spawn(process.execPath, ['--import', TSX, path.join(repoRoot, 'scripts/build.ts'), '--source', 'source/doc.txt', '--out', 'dist', '--only', 'booklet,leaflets'], {
      cwd: root,
      stdio: 'ignore',
    });
    children.push(child);
    // Kill it once it is staging outputs (it holds the lock and has written into its staging folder).
    for (;;) {
      const names = await readdir(root);
      const staging = names.find((n) => n.startsWith('dist.staging-'));
      if (staging && (await readdir(path.join(root, staging, 'tree')).catch(() => [])).length > 0) break;
      if (child.exitCode !== null) throw new Error('the build ended before it could be killed');
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    // A signal takes effect when the kernel next runs the process: wait for that (a zombie, or gone), not for its parent to reap it.
    while (!['Z', 'X', undefined].includes(procInfo(child.pid!)?.state)) await new Promise((r) => setImmediate(r));
    const report = await build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet', 'leaflets'] });
    expect(Object.keys(await owned(out)).sort()).toEqual(report.files.map((f) => f.path).sort());
    expect(await besideOut(out)).toEqual(['dist']);
    expect(JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')).generator).toBe('warraq');
  });
});
