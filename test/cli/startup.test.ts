/**
 * Start-up: a build with nothing to do loads none of the heavy modules
 * (renderers, fonts, HarfBuzz, YAML, zod, the dictionaries), through tsx
 * and as the bundle that bin/warraq.mjs runs (scripts/compile.mjs); and the
 * bundle is found stale when a source changes. Loaded modules are seen
 * through module hooks in the child (test/support/loadLog.mjs).
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../../scripts/compile.mjs';
import { compiledIsFresh } from '../../scripts/fresh.mjs';
import { repoRoot, smallProject } from '../fixtures/reliability/project.js';
import { tempDir } from '../support/tmp.js';

const run = promisify(execFile);
const bundles: string[] = [];
afterAll(() => Promise.all(bundles.map((d) => rm(d, { recursive: true, force: true }))));

/** A bundle made for a test: under node_modules/.cache/ of this repository, so that it finds the packages left out of it. */
async function testBundle() {
  await mkdir(path.join(repoRoot, 'node_modules', '.cache'), { recursive: true });
  const dir = await mkdtemp(path.join(repoRoot, 'node_modules', '.cache', 'warraq-test-bundle-'));
  bundles.push(dir);
  const out = path.join(dir, 'lib');
  return { out, ...(await compile(repoRoot, out)) };
}
const tsx = path.join(repoRoot, 'node_modules/tsx/dist/esm/index.mjs');
const loadLog = path.join(repoRoot, 'test/support/loadLog.mjs');

/** Packages a no-change build must not load (by their node_modules folder). */
const HEAVY = ['@react-pdf', 'pdfkit', 'react', 'react-dom', 'satori', 'sharp', 'harfbuzzjs', 'fontkit', 'yaml', 'zod', 'cspell-trie-lib', 'mupdf', 'pdf-lib'];

const env = () => ({ ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_'))), FORCE_COLOR: '0', SOURCE_DATE_EPOCH: '' });

/** Runs `args` (node's) in `cwd`; the modules it imported when `log` is given. */
async function node(cwd: string, args: string[], log?: string): Promise<{ stdout: string; loaded: string[] }> {
  const r = await run(process.execPath, log ? ['--import', loadLog, ...args] : args, { cwd, env: { ...env(), ...(log ? { WARRAQ_LOAD_LOG: log } : {}) } });
  const loaded = log ? (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean) : [];
  return { stdout: r.stdout, loaded };
}

const packagesIn = (urls: readonly string[]) => new Set(urls.flatMap((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []).map((p) => (p.startsWith('@react-pdf/') ? '@react-pdf' : p)));

describe('start-up', () => {
  it('a no-change build through tsx loads no renderer, font, YAML, zod or dictionary', async () => {
    const root = await smallProject();
    const cli = ['--import', tsx, path.join(repoRoot, 'scripts/build.ts'), '--source', 'source/doc.txt', '--only', 'booklet'];
    await node(root, cli);
    const log = path.join(await tempDir(), 'loaded.txt');
    const { stdout, loaded } = await node(root, cli, log);
    expect(stdout).toContain('nothing to do: no input changed');
    const pkgs = packagesIn(loaded);
    for (const p of HEAVY) expect(pkgs.has(p), p).toBe(false);
    expect(loaded.some((u) => u.includes('/src/jobs/upToDate.ts'))).toBe(true);
    for (const f of ['src/model/buildModel.ts', 'src/proof/index.ts', 'src/fonts/loadFontSet.ts', 'src/render/pdf/']) expect(loaded.some((u) => u.includes(f)), f).toBe(false);
  }, 120_000);

  it('the bundle: a no-change build runs no package group and loads none of the heavy packages', async () => {
    const { out } = await testBundle();
    const root = await smallProject();
    const cli = [path.join(out, 'warraq.js'), '--source', 'source/doc.txt', '--only', 'booklet'];
    const first = await node(root, cli);
    expect(first.stdout).toContain('booklet.pdf');
    // The packages it ran from vendor files, and the command's own file, left their compiled code beside them for the next process (scripts/vendor.mjs).
    const files = readdirSync(out);
    for (const name of ['vendor-react-pdf', 'vendor-zod', 'vendor-yaml', 'warraq']) expect(files.some((f) => f.startsWith(`${name}.cjs.`) && f.endsWith('.cache')), name).toBe(true);
    const log = path.join(await tempDir(), 'loaded.txt');
    const { stdout, loaded } = await node(root, cli, log);
    expect(stdout).toContain('nothing to do: no input changed');
    const ran = loaded.filter((u) => u.startsWith('file://') && u.includes(out)).map((u) => path.basename(u));
    // The stub, then the command's file run through vm.Script (scripts/compile.mjs ENTRIES); no group of packages (VENDORS).
    expect(ran).toContain('warraq.js');
    expect(ran).toContain('warraq.cjs');
    expect(ran.filter((f) => f.startsWith('vendor-'))).toEqual([]);
    const pkgs = packagesIn(loaded);
    for (const p of HEAVY) expect(pkgs.has(p), p).toBe(false);
  }, 120_000);

  it('the bundle: a code cache damaged on disk is ignored and written again (V8 checks no more than its length: it crashed every later process)', async () => {
    const { out } = await testBundle();
    const root = await smallProject();
    const cli = [path.join(out, 'warraq.js'), '--source', 'source/doc.txt', '--only', 'booklet', '--force'];
    await node(root, cli);
    const cache = path.join(out, readdirSync(out).find((f) => f.startsWith('warraq.cjs.') && f.endsWith('.cache'))!);
    const bytes = await readFile(cache);
    for (let i = bytes.length >> 1, end = i + 2000; i < end; i++) bytes[i] ^= 0x5a;
    await writeFile(cache, bytes);
    // Would throw on the crash's exit status (SIGTRAP).
    expect((await node(root, cli)).stdout).toContain('booklet.pdf');
    expect((await readFile(cache)).equals(bytes)).toBe(false);
    expect((await node(root, cli)).stdout).toContain('booklet.pdf');
  }, 180_000);

  it('the command asks whether lib/ is fresh without loading the compiler (scripts/fresh.mjs, not compile.mjs or esbuild)', async () => {
    const log = path.join(await tempDir(), 'loaded.txt');
    const { stdout, loaded } = await node(repoRoot, [path.join(repoRoot, 'bin/warraq.mjs'), '--help'], log);
    expect(stdout).toContain('Usage:');
    expect(loaded.some((u) => u.endsWith('/scripts/fresh.mjs'))).toBe(true);
    expect(loaded.filter((u) => u.endsWith('/scripts/compile.mjs') || u.includes('node_modules/esbuild/'))).toEqual([]);
  }, 60_000);

  it('the bundle is stale once a recorded source file or folder has another time, or is gone', async () => {
    const { out } = await testBundle();
    const root = path.dirname(out);
    const file = path.join(out, 'inputs.json');
    const inputs = JSON.parse(await readFile(file, 'utf8')) as { v: number; mtimes: Record<string, number | null> };
    expect(Object.keys(inputs.mtimes)).toEqual(expect.arrayContaining(['src', 'src/proof', 'src/proof/index.ts', 'templates/booklet.ts', 'scripts/build.ts', 'package-lock.json']));
    // compiledIsFresh(root) stats <root>/<entry>: here, the records re-pointed at the repository.
    const at = (mtimes: Record<string, number | null>) => writeFile(file, JSON.stringify({ v: 1, mtimes: Object.fromEntries(Object.entries(mtimes).map(([k, t]) => [path.relative(root, path.join(repoRoot, k)), t])) }));
    await at(inputs.mtimes);
    expect(compiledIsFresh(root)).toBe(true);
    await at({ ...inputs.mtimes, 'src/proof/units.ts': (inputs.mtimes['src/proof/units.ts'] ?? 0) - 1000 });
    expect(compiledIsFresh(root)).toBe(false);
    await at({ ...inputs.mtimes, src: (inputs.mtimes.src ?? 0) + 1 });
    expect(compiledIsFresh(root)).toBe(false);
    await at({ ...inputs.mtimes, 'src/gone.ts': 1 });
    expect(compiledIsFresh(root)).toBe(false);
    await rm(file);
    expect(compiledIsFresh(root)).toBe(false);
  }, 60_000);
});
