/**
 * The test run's temporary root: TMPDIR points into one folder for the
 * whole run (test files, worker threads, child processes and Ghostscript
 * inherit it), removed at the end even when tests failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'warraq-tests-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    rmSync(root, { recursive: true, force: true });
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  };
}
