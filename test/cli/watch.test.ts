/**
 * Watch mode keeps watching: editors save by writing a temp file and renaming
 * it over the source, and the output folder (with its lock, staging and old
 * siblings) may sit inside the watched folder. Events are awaited with
 * generous timeouts; nothing here asserts a speed.
 */
import { mkdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/build.js';
import { isEditorTemp, outputMatcher, serially, watchFolders, watchRoots, type Change, type WatchRoot } from '../../src/cli/watch.js';
import { repoRoot, smallProject } from '../fixtures/reliability/project.js';
import { sleep, until } from '../support/waiting.js';


describe('what is ignored', () => {
  it('editor temp, swap and backup files', () => {
    for (const f of ['.doc.txt.swp', '.doc.txt.swx', 'doc.txt~', '4913', '#doc.txt#', '.#doc.txt', '.goutputstream-ABC123', 'sedAb12Cd', 'doc.txt.tmp', '.doc.txt.tmp-1234', 'doc.txt.tmp.5678', 'doc.kate-swp', 'doc.txt___jb_tmp___', '.~lock.doc.txt#'])
      expect(isEditorTemp(`/w/${f}`), f).toBe(true);
    for (const f of ['doc.txt', 'doc.meta.yaml', 'doc.md', 'template.tsx', 'sed.txt']) expect(isEditorTemp(`/w/${f}`), f).toBe(false);
  });

  it('the output folder and its siblings, wherever they sit', () => {
    const isOut = outputMatcher('/w/out');
    for (const f of ['/w/out', '/w/out/booklet.pdf', '/w/out.lock', '/w/out.staging-123/cards/a.png', '/w/out.old-9', '/w/out.tmp']) expect(isOut(f), f).toBe(true);
    for (const f of ['/w/doc.txt', '/w/outline.txt', '/w/other/out.lock', '/out', '/w']) expect(isOut(f), f).toBe(false);
  });

  it('the source folder counts only the source and YAML files', () => {
    const [src] = watchRoots({ projectRoot: '/p', source: 'w/doc.md' }, repoRoot);
    expect(src).toMatchObject({ dir: '/p/w', kind: 'source', recursive: false });
    expect(['/p/w/doc.md', '/p/w/doc.meta.yml', '/p/w/x.yaml', '/p/w/other.md', '/p/w/out.lock'].filter((f) => src.accept!(f))).toEqual(['/p/w/doc.md', '/p/w/doc.meta.yml', '/p/w/x.yaml']);
  });
});

describe('watching a folder', () => {
  it('three write-then-rename saves in a row, output folder inside the source folder: exactly three rebuilds', async () => {
    const root = await smallProject();
    const sourceDir = path.join(root, 'source');
    const opts: BuildOptions = { projectRoot: root, source: 'source/doc.txt', out: 'source/out', only: ['booklet'], jobs: 1 };
    // Recursive and accepting every file: only the ignore rules keep the output's own writes out.
    const roots: WatchRoot[] = [{ dir: sourceDir, kind: 'source', recursive: true }];
    const batches: string[][] = [];
    let rebuilt = 0;
    const rebuild = serially<Change>(async (changes) => {
      batches.push(changes.map((c) => path.relative(root, c.file)));
      await build(opts);
      rebuilt++;
    });
    const watching = watchFolders(roots, { outDir: path.join(root, opts.out), onChanges: (b) => void rebuild(b) });
    try {
      await build(opts); // the first build, before any change
      await watching.ready;
      const doc = path.join(sourceDir, 'doc.txt');
      const original = await readFile(doc, 'utf8');
      const saves: Array<(text: string) => Promise<void>> = [
        async (text) => {
          // vim: swap file, probe file, backup, then the new file renamed over the old
          await writeFile(path.join(sourceDir, '.doc.txt.swp'), 'swap');
          await writeFile(path.join(sourceDir, '4913'), '');
          await unlink(path.join(sourceDir, '4913'));
          await writeFile(path.join(sourceDir, 'doc.txt~'), original);
          await writeFile(path.join(sourceDir, '.doc.txt.tmp-1'), text);
          await rename(path.join(sourceDir, '.doc.txt.tmp-1'), doc);
        },
        async (text) => {
          await writeFile(path.join(sourceDir, '.goutputstream-XK2Q1Z'), text); // gedit
          await rename(path.join(sourceDir, '.goutputstream-XK2Q1Z'), doc);
        },
        async (text) => {
          await writeFile(path.join(sourceDir, 'sedAb12Cd'), text); // sed -i
          await rename(path.join(sourceDir, 'sedAb12Cd'), doc);
        },
      ];
      for (const [i, save] of saves.entries()) {
        await save(original.replace('مقدمة قصيرة', `مقدمة قصيرة ${'جدا '.repeat(i + 1).trim()}`));
        await until(`rebuild ${i + 1}`, () => rebuilt === i + 1, 120_000);
      }
      // A quiet spell many times the debounce: a rebuild reacting to its own output would show here.
      await mkdir(path.join(sourceDir, 'out.old-manual'), { recursive: true });
      await sleep(1500);
      expect(rebuilt).toBe(3);
      expect(batches).toEqual([['source/doc.txt'], ['source/doc.txt'], ['source/doc.txt']]);
      expect(await readFile(path.join(root, 'source/out/manifest.json'), 'utf8')).toContain('booklet.pdf');
    } finally {
      watching.close();
    }
  }, 300_000);

  it('the source root of `npm run watch`: one batch per save, none for the output folder, its siblings or another file', async () => {
    const root = await smallProject();
    const [sourceRoot] = watchRoots({ projectRoot: root, source: 'source/doc.txt' }, repoRoot);
    const batches: string[][] = [];
    const watching = watchFolders([sourceRoot], { outDir: path.join(root, 'source/out'), onChanges: (b) => batches.push(b.map((c) => path.relative(root, c.file))) });
    try {
      await watching.ready;
      const dir = path.join(root, 'source');
      await mkdir(path.join(dir, 'out.staging-1/cards'), { recursive: true });
      await writeFile(path.join(dir, 'out.staging-1/cards/a.png'), 'x');
      await writeFile(path.join(dir, 'out.lock'), '1');
      await rename(path.join(dir, 'out.staging-1'), path.join(dir, 'out'));
      await writeFile(path.join(dir, 'notes.txt'), 'not the source');
      await sleep(1000);
      expect(batches).toEqual([]);
      await writeFile(path.join(dir, '.doc.meta.yaml.tmp-7'), 'date: 2024-05-09\n');
      await rename(path.join(dir, '.doc.meta.yaml.tmp-7'), path.join(dir, 'doc.meta.yaml'));
      await until('the metadata save', () => batches.length === 1, 30_000);
      await sleep(1000);
      expect(batches).toEqual([['source/doc.meta.yaml']]);
    } finally {
      watching.close();
    }
  }, 120_000);

  it('keeps watching a folder that is replaced, and one that comes back', async () => {
    const root = await smallProject();
    const dir = path.join(root, 'w');
    await mkdir(dir);
    const seen: string[] = [];
    const watching = watchFolders([{ dir, kind: 'source', recursive: false }], { outDir: path.join(root, 'dist'), onChanges: (b) => seen.push(...b.map((c) => path.basename(c.file))) });
    try {
      await watching.ready;
      await writeFile(path.join(dir, 'a.txt'), '1');
      await until('a.txt', () => seen.includes('a.txt'), 30_000);
      // The folder itself replaced (git checkout, a sync tool): a new folder renamed over it.
      await mkdir(path.join(root, 'w2'));
      await writeFile(path.join(root, 'w2', 'b.txt'), '2');
      await rm(dir, { recursive: true });
      await rename(path.join(root, 'w2'), dir);
      await until('b.txt', () => seen.includes('b.txt'), 30_000);
      await writeFile(path.join(dir, 'c.txt'), '3');
      await until('c.txt after the replace', () => seen.includes('c.txt'), 30_000);
    } finally {
      watching.close();
    }
  }, 120_000);
});
