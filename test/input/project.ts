/** Scratch projects for the hostile-input tests: a temp folder with fonts/ linked in, removed after the file's tests. */
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { WarraqError, type Diagnostic } from '../../src/diagnostics.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** A good small document: front matter with a date, a title, two points. */
export const SMALL = '---\ndate: 2024-03-15\n---\n## خطة قصيرة\n\nمقدمة قصيرة.\n\n١. النقطة الأولى: حماية التراث.\n\n٢. النقطة الثانية: محو الأمية.\n';

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
});

/** A project folder with these files (project-relative path → text or bytes). */
export async function project(files: Record<string, string | Uint8Array> = {}): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'warraq-input-'));
  made.push(root);
  await symlink(path.join(repoRoot, 'fonts'), path.join(root, 'fonts'), 'dir');
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
  return root;
}

/** The diagnostics of the WarraqError `p` rejects with (fails when it resolves or throws anything else). */
export async function diagnosticsOf(p: Promise<unknown>): Promise<Diagnostic[]> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(WarraqError);
  return (e as WarraqError).diagnostics;
}

export const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);
