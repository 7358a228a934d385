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

/**
 * writeAtomic into a folder that may not exist yet (it is made first). Made
 * again once if it is gone by the time the file is written: another build
 * of the same project prunes its cache and removes the folders it finds
 * empty (src/jobs/cache.ts), which a folder just made still is.
 */
export async function writeAtomicIn(file: string, data: Uint8Array | string): Promise<void> {
  for (let tries = 0; ; tries++) {
    await mkdir(path.dirname(file), { recursive: true });
    try {
      return await writeAtomic(file, data);
    } catch (e) {
      if (tries > 0 || (e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}
