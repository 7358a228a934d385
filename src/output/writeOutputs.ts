/**
 * The output stage: what a build may touch, and how it writes, all or
 * nothing (the contract is in docs/architecture.md).
 *
 *   lock.ts      `<out>.lock`: atomic, stale by process start time, released on signals
 *   folders.ts   what warraq owns in and beside the output folder (markers, foreign files)
 *   staging.ts   `<out>.staging-<id>`: each job's files as it finishes; the commit
 *   journal.ts   swap or file-by-file commit, rollback, roll-forward after a crash
 *   manifest.ts  manifest.json
 *   ioErrors.ts  a full disk, a read-only folder… as diagnostics
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { WarraqError } from '../diagnostics.js';
import { checkReplaceable } from './folders.js';
import { recover } from './journal.js';
import { takeLock, type Lock } from './lock.js';
import { readManifest, type Manifest, type OutputFile } from './manifest.js';
import { Staging } from './staging.js';
import { ioDiagnostic } from './ioErrors.js';

export * from './manifest.js';
export { carriedOver, hashFile, sameStamp, Staging, type CommitResult, type ReusedFile, type StagedFile, type Stamp } from './staging.js';
export { resolveOutDir } from './folders.js';
export type { Lock } from './lock.js';

/** An output folder's lock, and the folder's manifest as the lock found it (after repairs; none for a new or empty folder). */
interface OutputLock extends Lock {
  readonly previous: Manifest | undefined;
}

/**
 * Takes `<out>.lock` (E-LOCKED when a live build holds it), then repairs
 * what a killed build left beside the folder, and refuses an output folder
 * that warraq did not write (E-OUT-FOREIGN).
 */
export async function lockOutput(outDir: string): Promise<OutputLock> {
  const lock = await takeLock(outDir);
  let previous: Manifest | undefined;
  try {
    await recover(outDir).catch((e: unknown) => {
      throw ioDiagnostic(e, 'output', outDir, `cannot repair what an interrupted build left beside ${outDir}`);
    });
    previous = await checkReplaceable(outDir);
  } catch (e) {
    await lock.release({ failed: true });
    throw e;
  }
  return Object.assign(lock, { previous });
}

/**
 * Writes `files` as the new content of `outDir` (staged, then committed):
 * the one-call form of Staging, for tools and tests. The manifest's source
 * and date are taken from `manifest`; its entries are made from the files.
 */
export async function writeOutputs(outDir: string, files: OutputFile[], manifest: Pick<Manifest, 'source' | 'date'>, opts: { clean?: boolean } = {}) {
  await mkdir(path.dirname(outDir), { recursive: true });
  const stage = await Staging.open(outDir);
  try {
    await stage.add(files);
    return await stage.commit(manifest.source, manifest.date, { previous: await readManifest(outDir), clean: opts.clean });
  } catch (e) {
    await stage.discard();
    throw e instanceof WarraqError ? e : ioDiagnostic(e, 'output', outDir, `cannot write the outputs into ${outDir}`);
  }
}
