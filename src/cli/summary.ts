/** What the command line prints: progress, diagnostics, and the summary of a build. */
import { green, red, yellow } from './colors.js';
import type { BuildOptions, BuildReport, JobState } from '../build.js';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';

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

/** A file size in decimal units, as the gallery and file managers write them (kB = 1000 bytes; it said «KB» for 1024). */
const kb = (n: number) => (n < 1e6 ? `${(n / 1e3).toFixed(1)} kB` : `${(n / 1e6).toFixed(2)} MB`);

export function printDiagnostics(ds: Diagnostic[]) {
  for (const d of ds) console.error((d.severity === 'error' ? red : yellow)(formatDiagnostic(d)));
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
  for (const n of report.notes) console.log(yellow(`  note: ${n}`));
  const list = (xs: string[]) => xs.slice(0, 5).join(', ') + (xs.length > 5 ? `, … (${xs.length - 5} more)` : '');
  if (report.carried.length) console.log(`  kept ${report.carried.length} output${report.carried.length === 1 ? '' : 's'} of the previous build (not rebuilt with --only): ${list(report.carried)}`);
  if (report.kept.length) console.log(`  kept ${report.kept.length} file${report.kept.length === 1 ? '' : 's'} warraq did not write: ${list(report.kept)} (--clean removes them)`);
  const s = report.stats;
  const reused = report.files.filter((f) => f.reused).length;
  const jobs = report.jobs.rendered.length + report.jobs.unchanged.length + report.jobs.skipped.length;
  console.log(`  ${report.files.length - reused} rendered, ${reused} unchanged (${report.jobs.rendered.length} of ${jobs} jobs ran, ${report.where})`);
  console.log(
    green(`✓ ${report.files.length} files + manifest.json in ${out}/ in ${(report.ms / 1000).toFixed(1)} s`) +
      setSummary(s),
  );
}

/**
 * What justification did, after the summary's last line; nothing when the
 * build set no paragraph of the booklet or leaflets (a cards-only build: a
 * card's lines are not counted, and "0 lines set" would not be true).
 */
export function setSummary(s: BuildReport['stats']): string {
  return s.lines ? ` · ${s.lines} lines set, ${s.justifiedLines} justified, ${s.kashidas} kashidas, widest space ×${s.worstSpaceRatio.toFixed(2)}` : '';
}
