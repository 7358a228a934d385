/**
 * Temporary folders for tests. Every folder made here is removed after the
 * test file, whether its tests passed or failed (test/support/setup.ts),
 * and the whole run works inside one temporary root that the global
 * teardown removes (test/support/globalSetup.ts), so that nothing a test,
 * a renderer or Ghostscript leaves in the temp folder outlives `npm test`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const made = new Set<string>();

/** A new folder in the system temp folder, removed after the test file. */
export async function tempDir(prefix = 'warraq-test-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** The same, synchronously (for module-level set-up). */
export function tempDirSync(prefix = 'warraq-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Removes every folder made by tempDir in this test file. */
export function removeTempDirs(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
}
