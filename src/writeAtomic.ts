/**
 * The one way warraq writes a file that a reader may open at any moment (cache
 * entries, build records, dictionary tries, proofing findings): whole or not
 * at all.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes a file through a temporary name, so a reader never sees half of it (the temporary file is removed on failure). */
export async function writeAtomic(file: string, data: Uint8Array | string) {
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** writeAtomic into a folder that may not exist yet (it is made first). */
export async function writeAtomicIn(file: string, data: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeAtomic(file, data);
}
