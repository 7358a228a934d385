/**
 * The test run's temporary root: TMPDIR points into one folder for the
 * whole run (test files, worker threads, child processes and Ghostscript
 * inherit it), removed at the end even when tests failed, and when the run
 * is stopped (Ctrl-C, a CI timeout's SIGTERM), where vitest runs no teardown.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const STOPS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export default function setup() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'warraq-tests-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  const remove = () => rmSync(root, { recursive: true, force: true });
  // Removed, then the signal raised again: `once` has taken this listener off, so the process stops as it would have.
  const onStop = (signal: NodeJS.Signals) => {
    remove();
    for (const s of STOPS) process.removeListener(s, onStop);
    process.kill(process.pid, signal);
  };
  for (const s of STOPS) process.once(s, onStop);
  return () => {
    for (const s of STOPS) process.removeListener(s, onStop);
    remove();
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  };
}
