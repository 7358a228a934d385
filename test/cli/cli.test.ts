/**
 * The command line as a user runs it (scripts/build.ts through tsx, from the
 * project folder): --help, refusals, a positional source, -o.
 */
import { execFile } from 'node:child_process';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { usage } from '../../src/cli/usage.js';
import { fingerprint, fixture, repoRoot, smallProject } from '../fixtures/reliability/project.js';

const run = promisify(execFile);
const tsx = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
const cli = path.join(repoRoot, 'scripts/build.ts');
const roots: string[] = [];
afterAll(() => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

async function warraq(cwd: string, args: string[]) {
  // Not under npm: no npm_lifecycle_event, so npm's own settings are not looked at.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
  try {
    const r = await run(process.execPath, [tsx, cli, ...args], { cwd, env: { ...env, FORCE_COLOR: '0', SOURCE_DATE_EPOCH: '' } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

const exists = (p: string) => stat(p).then(() => true, () => false);

describe('the command line', () => {
  it('--help and -h print the usage and exit 0 without building', async () => {
    const root = await smallProject();
    roots.push(root);
    for (const flag of ['--help', '-h']) {
      const r = await warraq(root, [flag]);
      expect(r.code).toBe(0);
      expect(r.stdout.trimEnd()).toBe(usage('build'));
    }
    expect(await exists(path.join(root, 'dist'))).toBe(false);
  });

  it('a typo is refused with a suggestion (exit 2), nothing built', async () => {
    const root = await smallProject();
    roots.push(root);
    const before = await fingerprint(root);
    const r = await warraq(root, ['--source', 'source/doc.txt', '--stirct']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('warraq: unknown option --stirct');
    expect(r.stderr).toContain('hint: did you mean --strict?');
    // A second word that is no source, or a folder meant as --out: refused before anything is built.
    const two = await warraq(root, ['source/doc.txt', 'source/other.txt']);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('warraq: no source source/other.txt');
    expect(two.stderr).toContain('hint: every word after the flags is a source; give the output folder with --out');
    await mkdir(path.join(root, 'out'));
    const folder = await warraq(root, ['source/doc.txt', 'out']);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('warraq: the folder out holds no .txt source');
    expect(folder.stderr).toContain('hint: if it is where the outputs go, write --out out');
    await rm(path.join(root, 'out'), { recursive: true });
    expect(await fingerprint(root)).toEqual(before);
  });

  it('several sources or a folder: each document into its own folder under --out; one with errors fails alone (exit 1)', async () => {
    const root = await smallProject({
      'more/a.txt': { copy: fixture('small.txt') },
      'more/a.meta.yaml': { copy: fixture('small.meta.yaml') },
      'more/b-bad.txt': '## عنوان\n\n1. أول.\n\n3. ثالث.\n',
      'other/doc.txt': { copy: fixture('small.txt') },
    });
    roots.push(root);
    const r = await warraq(root, ['source/doc.txt', 'more/a.txt', '-o', 'out', '--only', 'booklet', '-j', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('1/2 source/doc.txt → out/doc/');
    expect(r.stdout).toContain('2/2 more/a.txt → out/a/');
    expect(r.stdout).toMatch(/✓ 2 of 2 documents built into out\/ in [\d.]+ s/);
    expect(await exists(path.join(root, 'out/doc/booklet.pdf'))).toBe(true);
    expect(await exists(path.join(root, 'out/a/booklet.pdf'))).toBe(true);

    const folder = await warraq(root, ['more', '-o', 'out', '--only', 'booklet', '-j', '1']);
    expect(folder.code).toBe(1);
    // The line that says a document stopped also says why, should its errors have scrolled past.
    expect(folder.stderr).toMatch(/✗ more\/b-bad\.txt: build stopped \(2 errors, the first E-DATE-MISSING at more\/b-bad\.txt:\d+:\d+\); nothing was written \(out\/b-bad\/ is unchanged\)\./);
    expect(folder.stderr).toMatch(/✗ 1 of 2 documents built into out\/ .*; with errors: more\/b-bad.txt/);
    expect(await exists(path.join(root, 'out/b-bad'))).toBe(false);

    const checked = await warraq(root, ['check', 'source/doc.txt', 'more/a.txt']);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toContain('✓ 2 of 2 documents without errors');
    const same = await warraq(root, ['source/doc.txt', 'other/doc.txt']);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('warraq: source/doc.txt and other/doc.txt would both be built into dist/doc/');
  }, 180_000);

  it('a positional source and -o: that document, into that folder', async () => {
    const root = await smallProject();
    roots.push(root);
    const r = await warraq(root, ['source/doc.txt', '-o', 'out2/', '--only', 'booklet', '-j', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(await exists(path.join(root, 'out2/booklet.pdf'))).toBe(true);
    expect(await exists(path.join(root, 'dist'))).toBe(false);
    const checked = await warraq(root, ['check', 'source/doc.txt']);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toContain('✓ source/doc.txt: 3 points');
    // The default source does not exist here: check would fail on it, so the positional was used.
    expect((await warraq(root, ['--check'])).stderr).toContain('source/izmir-2023.txt:1:1: error[E-READ]');
  }, 120_000);
});
