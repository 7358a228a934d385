/**
 * The command line (scripts/build.ts, run as `npm run build` / `npm run
 * check` would, from the project folder): a bad source exits 1 with
 * file:line:col on stderr and leaves dist/ as it was; --strict turns warnings
 * into a failure; --check writes nothing.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fingerprint, besideOut, readFixture, repoRoot, smallProject } from '../fixtures/reliability/project.js';

const run = promisify(execFile);
const tsx = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
const cli = path.join(repoRoot, 'scripts/build.ts');

async function warraq(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [tsx, cli, ...args], { cwd, env: { ...process.env, FORCE_COLOR: '0', SOURCE_DATE_EPOCH: '' } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

describe('the CLI on bad input', () => {
  it('a numbering gap: exit 1, the diagnostic with file:line:col, dist/ unchanged', async () => {
    const root = await smallProject({ 'source/bad.txt': { copy: path.join(repoRoot, 'test/fixtures/bad/gap.txt') } });
    const ok = await warraq(root, ['--source', 'source/doc.txt', '--only', 'booklet', '--jobs', '1']);
    expect(ok.code, ok.stderr).toBe(0);
    const before = await fingerprint(path.join(root, 'dist'));

    const bad = await warraq(root, ['--source', 'source/bad.txt', '--jobs', '1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('source/bad.txt:9:1: error[E-NUM-GAP]');
    expect(bad.stderr).toContain('nothing was written');
    expect(await fingerprint(path.join(root, 'dist'))).toEqual(before);
    expect(await besideOut(path.join(root, 'dist'))).toEqual(['dist']);
  });

  it('--strict: warnings stop the build (exit 1, nothing written); without it the build succeeds and prints them', async () => {
    const root = await smallProject({ 'source/warn.txt': await readFixture('warnings.txt') });
    const strict = await warraq(root, ['--source', 'source/warn.txt', '--only', 'booklet', '--strict', '--jobs', '1']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/source\/warn\.txt:6:\d+: warning\[W-BRACKET-UNBALANCED\]/);
    expect(await besideOut(path.join(root, 'dist'))).toEqual([]);

    const lax = await warraq(root, ['--source', 'source/warn.txt', '--only', 'booklet', '--jobs', '1']);
    expect(lax.code, lax.stderr).toBe(0);
    expect(lax.stderr).toContain('warning[W-BRACKET-UNBALANCED]');
    expect(await besideOut(path.join(root, 'dist'))).toEqual(['dist']);
  });

  it('--check validates without writing anything, and fails on errors', async () => {
    const text = (await readFixture('small.txt')).replace('مقدمة قصيرة', 'مقدمة 中 قصيرة');
    const root = await smallProject({ 'source/bad.txt': text });
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('中'));
    const place = `${line + 1}:${Array.from(lines[line]).indexOf('中') + 1}`;
    const before = await fingerprint(root);
    const good = await warraq(root, ['--check', '--source', 'source/doc.txt']);
    expect(good.code, good.stderr).toBe(0);
    const bad = await warraq(root, ['--check', '--source', 'source/bad.txt']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`source/bad.txt:${place}: error[E-GLYPH-MISSING]: no font can draw "中" (U+4E2D)`);
    expect(await fingerprint(root)).toEqual(before);
  });
});
