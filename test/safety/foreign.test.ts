/**
 * Only what warraq wrote is warraq's: a build replaces or removes only the
 * paths the previous manifest.json lists. The user's files and folders in
 * the output folder, a source kept there, and sibling folders it did not
 * make stay byte for byte, across full, --only, --force and failed builds.
 */
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/build.js';
import { besideOut, fingerprint, readFixture, smallProject, warraqError } from '../fixtures/reliability/project.js';
import { editText, foreign, owned, put } from './support.js';

const base = { source: 'source/doc.txt', out: 'dist' } as const;
const only: BuildOptions['only'] = ['booklet', 'leaflets', 'cards'];

const USER_FILES = {
  'notes-for-printer.txt': 'two hundred copies, matte',
  'final/approved.pdf': '%PDF-1.4 the approved proof',
  'leaflets/my-note.txt': 'a note kept among the leaflets',
  'cards/portrait/hand-made.png': 'not a real png',
};
const SIBLINGS = {
  'dist.old-2023-backup/booklet.pdf': 'last year’s booklet',
  'dist.staging-mine/plan.txt': 'my staging notes',
  'book.old-drafts/draft.txt': 'a draft',
};

describe('files warraq did not write', () => {
  it('are kept, byte for byte, across full, --only, --force and failed builds, and the summary lists them', async () => {
    const root = await smallProject();
    const out = path.join(root, 'dist');
    await build({ projectRoot: root, ...base, only });
    await put(out, USER_FILES);
    await put(root, SIBLINGS);
    // A source and its metadata kept in the output folder, and built from there.
    await writeFile(path.join(out, 'doc.txt'), await readFixture('small.txt'));
    await writeFile(path.join(out, 'doc.meta.yaml'), await readFixture('small.meta.yaml'));
    const mine = await foreign(out);
    expect(Object.keys(mine).sort()).toEqual([...Object.keys(USER_FILES), 'doc.meta.yaml', 'doc.txt'].sort());
    const siblingPrint = () => fingerprint(root).then((f) => Object.fromEntries(Object.entries(f).filter(([p]) => p.startsWith('dist.') || p.startsWith('book.'))));
    const siblingsBefore = await siblingPrint();
    expect(Object.keys(siblingsBefore).length).toBe(3);

    const builds: Array<[string, Partial<BuildOptions>]> = [
      ['full, after an edit', { only }],
      ['--only booklet', { only: ['booklet'] }],
      ['--force', { only, force: true }],
      ['from the source inside the output folder', { only, source: 'dist/doc.txt' }],
    ];
    for (const [what, opts] of builds) {
      await editText(root, `المعدلة ${what.length}`);
      const report = await build({ projectRoot: root, ...base, ...opts });
      expect(await foreign(out), what).toEqual(mine);
      expect(report.kept, what).toEqual(['cards/portrait/hand-made.png', 'doc.meta.yaml', 'doc.txt', 'final/', 'leaflets/my-note.txt', 'notes-for-printer.txt']);
      expect(await siblingPrint(), what).toEqual(siblingsBefore);
      expect(await besideOut(out), what).toEqual(['dist', 'dist.old-2023-backup', 'dist.staging-mine']);
    }

    // A failed build changes nothing at all.
    const before = await fingerprint(root);
    await editText(root, 'الفاشلة');
    const failing = build({
      projectRoot: root,
      ...base,
      only,
      beforeJob: (job) => {
        if (job.kind === 'card') throw new Error('injected failure');
      },
    });
    await expect(failing).rejects.toThrow('injected failure');
    const after = await fingerprint(root);
    // The side cache (outside the output) may have grown; the edited source differs.
    for (const f of [before, after]) for (const k of Object.keys(f)) if (k === 'source/doc.txt' || k.startsWith('.warraq-cache/')) delete f[k];
    expect(after).toEqual(before);
  });

  it('a build into a folder whose user-made sibling looks like an old output (`book.old-drafts`, no `book/`) leaves it alone', async () => {
    const root = await smallProject();
    await put(root, { 'book.old-drafts/draft.txt': 'a draft', 'book.staging-1/x.txt': 'x' });
    await build({ projectRoot: root, ...base, out: 'book', only: ['booklet'] });
    expect(await readFile(path.join(root, 'book.old-drafts/draft.txt'), 'utf8')).toBe('a draft');
    expect(await readFile(path.join(root, 'book.staging-1/x.txt'), 'utf8')).toBe('x');
    expect((await readdir(path.join(root, 'book'))).sort()).toEqual(['booklet.pdf', 'manifest.json']);
  });

  it('--clean is the explicit way to empty the folder', async () => {
    const root = await smallProject();
    const out = path.join(root, 'dist');
    await build({ projectRoot: root, ...base, only: ['booklet'] });
    await put(out, USER_FILES);
    const report = await build({ projectRoot: root, ...base, only: ['booklet'], clean: true });
    expect(report.kept).toEqual([]);
    expect((await readdir(out)).sort()).toEqual(['booklet.pdf', 'manifest.json']);
    expect(await besideOut(out)).toEqual(['dist']);
  });

  it('a file of the user’s where an output goes is refused (E-OUT-CONFLICT), and nothing changes', async () => {
    const root = await smallProject();
    const out = path.join(root, 'dist');
    await build({ projectRoot: root, ...base, only: ['leaflets'] });
    await put(out, { 'booklet.pdf': 'my own booklet' });
    const before = await fingerprint(root);
    const err = await warraqError(build({ projectRoot: root, ...base, only: ['booklet'] }));
    expect(err.diagnostics.map((d) => d.code)).toEqual(['E-OUT-CONFLICT']);
    expect(err.message).toContain('booklet.pdf');
    expect(err.diagnostics[0].hint).toMatch(/--clean/);
    const after = await fingerprint(root);
    for (const k of Object.keys(after)) if (k.startsWith('.warraq-cache/')) delete after[k];
    for (const k of Object.keys(before)) if (k.startsWith('.warraq-cache/')) delete before[k];
    expect(after).toEqual(before);
  });
});

describe('--only merges', () => {
  it('keeps every output it did not rebuild, and the manifest keeps listing them', async () => {
    const root = await smallProject();
    const out = path.join(root, 'dist');
    const first = await build({ projectRoot: root, ...base, only });
    const all = await owned(out);
    expect(Object.keys(all).length).toBe(first.files.length);
    await editText(root, 'المعدلة');
    const report = await build({ projectRoot: root, ...base, only: ['booklet'] });
    expect(report.files.map((f) => f.path)).toEqual(['booklet.pdf']);
    expect(report.carried.length).toBe(first.files.length - 1);
    const now = await owned(out);
    expect(Object.keys(now).sort()).toEqual(Object.keys(all).sort());
    for (const [p, h] of Object.entries(all)) if (p !== 'booklet.pdf') expect(now[p], p).toBe(h);
    expect(now['booklet.pdf']).not.toBe(all['booklet.pdf']);
    // And a full build after it reuses them (they kept their keys).
    await editText(root, 'الأولى');
    const full = await build({ projectRoot: root, ...base, only });
    expect(full.jobs.unchanged.length).toBeGreaterThan(0);
  });
});

describe('the output path itself', () => {
  it('a dangling symbolic link is refused (E-OUT-SYMLINK) and stays', async () => {
    const root = await smallProject();
    await symlink(path.join(root, 'nowhere'), path.join(root, 'dist'));
    const err = await warraqError(build({ projectRoot: root, ...base, only: ['booklet'] }));
    expect(err.diagnostics.map((d) => d.code)).toEqual(['E-OUT-SYMLINK']);
    expect(await besideOut(path.join(root, 'dist'))).toEqual(['dist']);
  });

  it('a link to a folder: the output goes into that folder, and the link stays a link', async () => {
    const root = await smallProject();
    await mkdir(path.join(root, 'real'));
    await symlink(path.join(root, 'real'), path.join(root, 'dist'));
    await build({ projectRoot: root, ...base, only: ['booklet'] });
    await build({ projectRoot: root, ...base, only: ['booklet'] });
    expect((await fingerprint(root))['dist']).toBe('symlink');
    expect((await readdir(path.join(root, 'real'))).sort()).toEqual(['booklet.pdf', 'manifest.json']);
  });

  it('a lock path that is a folder is refused (E-LOCK-FOLDER) and left alone', async () => {
    const root = await smallProject();
    await put(root, { 'dist.lock/mine.txt': 'mine' });
    const err = await warraqError(build({ projectRoot: root, ...base, only: ['booklet'] }));
    expect(err.diagnostics.map((d) => d.code)).toEqual(['E-LOCK-FOLDER']);
    expect(await readFile(path.join(root, 'dist.lock/mine.txt'), 'utf8')).toBe('mine');
    expect(await besideOut(path.join(root, 'dist'))).toEqual(['dist.lock']);
  });
});
