/**
 * `npm run build` and `npm run check`: parse the command line, build or
 * check, print. Returns the exit status: 0 done, 1 errors in the input
 * (nothing written), 2 a bad command line.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { green, red, yellow } from './colors.js';
import { build, check } from '../build.js';
import { escapeInvisible, WarraqError } from '../diagnostics.js';
import { defaultJobs } from '../jobs/pool.js';
import { flagsKeptByNpm, parseCommandLine, UsageError, type CommandLine, type Program } from './args.js';
import { buildManyCommand, checkMany, manySources } from './many.js';
import { printDiagnostics, printReport, progress } from './summary.js';
import { usage } from './usage.js';

/**
 * Parses the command line of `program` (--jobs is capped at the core count),
 * or prints why not (`exit` 2) or the help (`exit` 0).
 */
export function readCommandLine(args: readonly string[], program: Program, opts: { quiet?: boolean } = {}): { line?: CommandLine; exit?: number } {
  try {
    const kept = flagsKeptByNpm(process.env, program);
    if (kept) throw kept;
    const line = parseCommandLine(args, { projectRoot: process.cwd(), cores: defaultJobs(), sourceDateEpoch: process.env.SOURCE_DATE_EPOCH }, program);
    if (program === 'watch' && statSync(path.resolve(line.options.projectRoot, line.options.source), { throwIfNoEntry: false })?.isDirectory())
      throw new UsageError(`watch follows one source file, and ${line.options.source} is a folder`, `build the folder with npm run build -- ${line.options.source}, or watch one of its documents`);
    if (line.command === 'help') {
      console.log(usage(program));
      return { exit: 0 };
    }
    if (!opts.quiet) for (const n of line.notes) console.error(yellow(`note: ${n}`));
    return { line };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return { exit: usageFailure(e) };
  }
}

/** Prints a bad command line's message and hint; returns exit status 2. */
function usageFailure(e: UsageError): number {
  // Words from the command line reach the terminal: control characters escaped.
  console.error(red(`warraq: ${escapeInvisible(e.message)}`) + (e.hint ? `\n  hint: ${escapeInvisible(e.hint)}` : '') + '\n  (--help lists every option)');
  return 2;
}

export async function runBuildCommand(args: readonly string[]): Promise<number> {
  const { line, exit } = readCommandLine(args, 'build');
  if (!line) return exit ?? 2;
  const opts = line.options;
  try {
    const sources = await manySources(opts, line.sources);
    if (sources) {
      return line.command === 'check' ? await checkMany(opts, sources) : await buildManyCommand(opts, sources, line.verbose);
    }
    if (line.command === 'check') {
      const checked = await check(opts);
      const { model, laidOut } = checked;
      const [proof, warnings] = await Promise.all([checked.proof, checked.warnings]);
      printDiagnostics(warnings);
      for (const note of laidOut.notes) console.log(yellow(`  note: ${note}`));
      const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
      console.log(green(`✓ ${opts.source}: ${n(model.points.length, 'point')}, ${n(warnings.length, 'warning')}; every character has a glyph; ${n(laidOut.jobs, 'output')} laid out, nothing outside a page.`));
      const decided = proof.findings.filter((f) => f.decided).length;
      console.log(`  proofing: ${proof.findings.length - decided} finding(s) undecided, ${decided} decided in the metadata, ${proof.corrections} correction(s) printed${opts.proofReport ? `; table in ${opts.proofReport}` : ''}`);
    } else {
      const report = await build({ ...opts, onOutput: progress(Boolean(process.stdout.isTTY)) });
      if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
      printReport(report, opts.out, line.verbose);
    }
    return 0;
  } catch (e) {
    if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
    if (e instanceof UsageError) return usageFailure(e);
    if (e instanceof WarraqError) {
      printDiagnostics(e.diagnostics);
      console.error(red(line.command === 'check' ? `✗ ${opts.source} has errors.` : `✗ build stopped; nothing was written (${opts.out}/ is unchanged).`));
      return 1;
    }
    throw e;
  }
}
