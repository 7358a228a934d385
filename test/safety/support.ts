/** Helpers of the safety tests: what an output folder holds, and what warraq owns in it. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { fingerprint } from '../fixtures/reliability/project.js';

export interface Listed {
  outputs: Array<{ path: string; sha256: string; kind: string }>;
  source: { sha256: string };
}

/** The folder's files that its manifest lists, and the manifest; they agree (same hashes). */
export async function owned(out: string): Promise<Record<string, string>> {
  const files = await fingerprint(out);
  const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as Listed;
  const listed = Object.fromEntries(manifest.outputs.map((o) => [o.path, o.sha256]));
  for (const [p, h] of Object.entries(listed)) expect(files[p], p).toBe(h);
  return listed;
}

/** The folder's files that its manifest does not list (manifest.json aside). */
export async function foreign(out: string): Promise<Record<string, string>> {
  const files = await fingerprint(out);
  const listed = await owned(out);
  return Object.fromEntries(Object.entries(files).filter(([p]) => p !== 'manifest.json' && !(p in listed)));
}

/** Writes text files under `dir`. */
export async function put(dir: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
}

/** Edits the small document's first point, so that a build changes the booklet and that point's outputs. */
export async function editText(root: string, tag: string): Promise<void> {
  const src = path.join(root, 'source/doc.txt');
  await writeFile(src, (await readFile(src, 'utf8')).replace(/النقطة الأولى[^\n]*/, `النقطة الأولى ${tag}`));
}
