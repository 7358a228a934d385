/**
 * Laid-out pages kept in the cache folder (.warraq-cache/…) under a job's
 * key, for the jobs that take them as input in this build or a later one
 * (a kind's `keeps: ['pages']`). Written and read in the render threads.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';

/** Writes a file through a temporary name, so a reader never sees half of it. */
export async function writeAtomic(file: string, data: Uint8Array | string) {
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

export const pagesFile = (dir: string, key: string) => path.join(dir, `${key}.pages`);

/** Stores a job's laid-out pages (packed: plain data) under its key. */
export async function writePages(dir: string, key: string, packed: unknown): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeAtomic(pagesFile(dir, key), serialize(packed));
}

export async function readPages(dir: string, key: string): Promise<unknown> {
  return deserialize(await readFile(pagesFile(dir, key)));
}
