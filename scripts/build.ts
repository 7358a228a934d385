#!/usr/bin/env -S npx tsx
/**
 * warraq's command line. Thin on purpose: it reads flags, calls src/build.ts
 * and prints. Usage:
 *
 *   npm run build [-- --source FILE] [--out DIR] [--only booklet,leaflets,cards,print]
 *                 [--justify off|spaces|kashida] [--leaflet-sheet a4-2up] [--strict] [--verbose]
 *                 [--jobs N] [--force] [--clean] [--pages multiple-of-4|any]
 *   npm run check [-- --source FILE]      validate only (model, metadata, fonts, glyph coverage)
 *
 * --jobs N renders on N threads, the main thread and N − 1 workers (default:
 * one per core; 1 renders in the main thread alone, the fastest on 2 cores). Outputs whose inputs did not change since
 * the previous build are reused; --force renders everything. A build replaces
 * only the files the previous manifest.json lists and keeps every other file
 * in the output folder; --clean empties the folder first.
 *
 * scripts/watch.ts uses the helpers exported here.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { argv, chalk } from 'zx';
import { build, check, type BuildOptions, type BuildReport, type JobState } from '../src/build.js';
import { WarraqError, formatDiagnostic, type Diagnostic } from '../src/diagnostics.js';
import { OUTPUT_GROUPS, type OutputGroup } from '../src/jobs/planJobs.js';

export { argv };

function usage(message: string): never {
  console.error(chalk.red(`warraq: ${message}`));
  process.exit(2);
}

function parseOnly(v: unknown): OutputGroup[] | undefined {
  if (v === undefined) return undefined;
  const groups = String(v).split(',').map((s) => s.trim()).filter(Boolean);
  for (const g of groups) if (!OUTPUT_GROUPS.includes(g as OutputGroup)) usage(`--only takes ${OUTPUT_GROUPS.join('|')} (comma-separated), got ${JSON.stringify(g)}`);
  return groups as OutputGroup[];
}

function parseChoice<T extends string>(flag: string, v: unknown, allowed: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (!allowed.includes(String(v) as T)) usage(`--${flag} takes ${allowed.join('|')}, got ${JSON.stringify(v)}`);
  return String(v) as T;
}

function parseJobs(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) usage(`--jobs takes a whole number ≥ 1, got ${JSON.stringify(v)}`);
  return n;
}

/** Build options from the command line flags (without progress). */
export function optionsFromArgv(projectRoot = process.cwd()): BuildOptions {
  return {
    projectRoot,
    source: String(argv.source ?? 'source/izmir-2023.txt'),
    out: String(argv.out ?? 'dist'),
    strict: Boolean(argv.strict),
    sourceDateEpoch: process.env.SOURCE_DATE_EPOCH || undefined,
    only: parseOnly(argv.only),
    justify: parseChoice('justify', argv.justify, ['off', 'spaces', 'kashida'] as const),
    leafletSheet: parseChoice('leaflet-sheet', argv['leaflet-sheet'], ['pages', 'a4-2up'] as const),
    jobs: parseJobs(argv.jobs),
    pages: parseChoice('pages', argv.pages, ['multiple-of-4', 'any'] as const),
    force: Boolean(argv.force),
    clean: Boolean(argv.clean),
  };
}

/** Progress: a live bar with done/total on a terminal; on a pipe or log, one plain line per job that ran. */
export function progress(tty: boolean): NonNullable<BuildOptions['onOutput']> {
  if (!tty) return (done, total, file, state) => void (state !== 'unchanged' && console.log(`  [${done}/${total}] ${file}`));
  let unchanged = 0;
  return (done, total, file, state: JobState) => {
    if (state === 'unchanged') unchanged++;
    const width = 24;
    const fill = Math.round((done / total) * width);
    const bar = '█'.repeat(fill) + '░'.repeat(width - fill);
    const line = `  ${bar} ${done}/${total}${unchanged ? ` (${unchanged} unchanged)` : ''} ${file}`;
    process.stdout.write(`\r\x1b[K${line.slice(0, (process.stdout.columns || 100) - 1)}`);
    if (done === total) process.stdout.write('\r\x1b[K');
  };
}

const kb = (n: number) => (n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(2)} MB`);

export function printDiagnostics(ds: Diagnostic[]) {
  for (const d of ds) console.error((d.severity === 'error' ? chalk.red : chalk.yellow)(formatDiagnostic(d)));
}

/** The summary: one line per group (booklet, leaflets, cards/<format>, print), every file with `verbose`. */
export function printReport(report: BuildReport, out: string, verbose = false) {
  printDiagnostics(report.warnings);
  const groups = new Map<string, { n: number; bytes: number; ms: number }>();
  for (const f of report.files) {
    const key = f.path.startsWith('cards/') ? f.path.split('/').slice(0, 2).join('/') + '/' : f.path.includes('/') ? f.path.split('/')[0] + '/' : f.path;
    const g = groups.get(key) ?? { n: 0, bytes: 0, ms: 0 };
    groups.set(key, { n: g.n + 1, bytes: g.bytes + f.bytes, ms: g.ms + f.ms });
    if (verbose) console.log(`  ${f.path.padEnd(48)} ${kb(f.bytes).padStart(10)} ${f.reused ? 'unchanged' : f.ms ? `${f.ms.toFixed(0)} ms` : ''}`);
  }
  for (const [key, g] of groups) console.log(`  ${key.padEnd(22)} ${String(g.n).padStart(4)} file${g.n === 1 ? ' ' : 's'} ${kb(g.bytes).padStart(10)} ${(g.ms / 1000).toFixed(2).padStart(7)} s`);
  for (const n of report.notes) console.log(chalk.yellow(`  note: ${n}`));
  const list = (xs: string[]) => xs.slice(0, 5).join(', ') + (xs.length > 5 ? `, … (${xs.length - 5} more)` : '');
  if (report.carried.length) console.log(`  kept ${report.carried.length} output${report.carried.length === 1 ? '' : 's'} of the previous build (not rebuilt with --only): ${list(report.carried)}`);
  if (report.kept.length) console.log(`  kept ${report.kept.length} file${report.kept.length === 1 ? '' : 's'} warraq did not write: ${list(report.kept)} (--clean removes them)`);
  const s = report.stats;
  const reused = report.files.filter((f) => f.reused).length;
  const jobs = report.jobs.rendered.length + report.jobs.unchanged.length + report.jobs.skipped.length;
  console.log(`  ${report.files.length - reused} rendered, ${reused} unchanged (${report.jobs.rendered.length} of ${jobs} jobs ran, ${report.where})`);
  console.log(
    chalk.green(`✓ ${report.files.length} files + manifest.json in ${out}/ in ${(report.ms / 1000).toFixed(1)} s`) +
      ` · ${s.lines} lines set, ${s.justifiedLines} justified, ${s.kashidas} kashidas, widest space ×${s.worstSpaceRatio.toFixed(2)}`,
  );
}

async function main() {
  const opts = optionsFromArgv();
  try {
    if (argv.check) {
      const { model, warnings } = await check(opts);
      printDiagnostics(warnings);
      console.log(chalk.green(`✓ ${opts.source}: ${model.points.length} points, ${warnings.length} warnings; every character has a glyph.`));
    } else {
      const report = await build({ ...opts, onOutput: progress(Boolean(process.stdout.isTTY)) });
      if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
      printReport(report, opts.out, Boolean(argv.verbose));
    }
  } catch (e) {
    if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
    if (e instanceof WarraqError) {
      printDiagnostics(e.diagnostics);
      console.error(chalk.red(`✗ build stopped; nothing was written (${opts.out}/ is unchanged).`));
      process.exit(1);
    }
    throw e;
  }
}

// Run when started as a script (also through a symlink), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(path.resolve(process.argv[1]))).href) await main();
