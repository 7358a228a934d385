/**
 * Many documents in one command: `npm run build -- a.txt b.txt` or
 * `npm run build -- statements/` builds each source into its own folder
 * under --out (`<out>/<name>/`) on one pool of render threads (`buildMany`).
 *
 * The sources are checked before anything is built, because a word on the
 * command line that is not a source is more often a slip than a wish: a
 * folder with no .txt in it (`npm run build -- plan.txt dist`, meaning
 * `--out dist`) or a file that does not exist stops the run with exit 2 and
 * a hint, and nothing is written.
 */
import path from 'node:path';
import { check, buildMany, documentFolder, sourceFiles, type BuildOptions } from '../build.js';
import { escapeInvisible, WarraqError } from '../diagnostics.js';
import { green, red, yellow } from './colors.js';
import { UsageError } from './args.js';
import { printDiagnostics, printReport } from './summary.js';

/**
 * When the command line asks for many documents (more than one source, or a
 * folder), the source files it names, each once, in order (a folder: its
 * .txt files, sorted); undefined for one source that is not a folder. Each
 * source is looked at once. Throws UsageError for a source that does not
 * exist, a folder without a .txt file, two sources that would share an
 * output folder, and --proof-report (one file cannot hold many reports).
 */
export async function manySources(opts: BuildOptions, sources: readonly string[]): Promise<string[] | undefined> {
  if (sources.length === 0) return undefined;
  const first = await sourceFiles(opts.projectRoot, sources[0]);
  if (sources.length === 1 && !first?.folder) return undefined;
  if (opts.proofReport) throw new UsageError(`--proof-report writes one file, and ${sources.length > 1 ? `${sources.length} sources were given` : `${sources[0]} is a folder`}`, 'build the documents one at a time to write a report for each');
  const files: string[] = [];
  for (const [i, s] of sources.entries()) {
    const found = i === 0 ? first : await sourceFiles(opts.projectRoot, s);
    if (!found) throw new UsageError(`no source ${s}`, 'every word after the flags is a source; give the output folder with --out');
    if (found.folder && found.files.length === 0) throw new UsageError(`the folder ${s} holds no .txt source`, `if it is where the outputs go, write --out ${s}`);
    files.push(...found.files.map((f) => path.normalize(f)));
  }
  const unique = [...new Set(files)];
  const byFolder = new Map<string, string>();
  for (const f of unique) {
    const folder = documentFolder(opts.out, f);
    const other = byFolder.get(folder);
    if (other !== undefined) throw new UsageError(`${other} and ${f} would both be built into ${folder}/`, 'rename one of them, or build them one at a time with their own --out');
    byFolder.set(folder, f);
  }
  return unique;
}

/** `check` for each source; the exit status is 1 when any has errors. */
export async function checkMany(opts: BuildOptions, sources: readonly string[]): Promise<number> {
  let failed = 0;
  for (const source of sources) {
    try {
      const checked = await check({ ...opts, source });
      const [, warnings] = await Promise.all([checked.proof, checked.warnings]);
      printDiagnostics(warnings);
      console.log(green(`✓ ${escapeInvisible(source)}: ${checked.model.points.length} points, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}, ${checked.laidOut.jobs} outputs laid out`));
    } catch (e) {
      if (!(e instanceof WarraqError)) throw e;
      printDiagnostics(e.diagnostics);
      console.error(red(`✗ ${escapeInvisible(source)} has errors.`));
      failed++;
    }
  }
  console.log((failed ? red : green)(`${failed ? '✗' : '✓'} ${sources.length - failed} of ${sources.length} documents without errors`));
  return failed ? 1 : 0;
}

/** Builds each source (a file: manySources) into `<out>/<name>/` and prints each document's summary, then the run's. */
export async function buildManyCommand(opts: BuildOptions, sources: readonly string[], verbose: boolean): Promise<number> {
  const { source: _source, onOutput: _onOutput, pool: _pool, ...common } = opts;
  const result = await buildMany({
    ...common,
    sources: [...sources],
    expanded: true,
    onDocument: (done, total, source, r) => {
      // Names from a folder's listing reach the terminal: control characters escaped.
      const out = escapeInvisible(documentFolder(opts.out, source));
      source = escapeInvisible(source);
      console.log(`${done}/${total} ${source} → ${out}/`);
      if (r instanceof Error) {
        if (r instanceof WarraqError) printDiagnostics(r.diagnostics);
        else console.error(red(String(r.stack ?? r.message)));
        console.error(red(`✗ ${source}: build stopped (${stoppedBy(r)}); nothing was written (${out}/ is unchanged).`));
      } else printReport(r, out, verbose);
    },
  });
  const failed = result.documents.filter((d) => d.error !== undefined);
  const perMinute = result.documents.length / (result.ms / 60_000);
  const line = `${result.documents.length - failed.length} of ${result.documents.length} documents built into ${opts.out}/ in ${(result.ms / 1000).toFixed(1)} s (${perMinute.toFixed(1)} a minute)`;
  if (failed.length) console.error(red(`✗ ${line}; with errors: ${failed.map((d) => escapeInvisible(d.source)).join(', ')}`));
  else console.log(green(`✓ ${line}`));
  if (failed.some((d) => !(d.error instanceof WarraqError))) console.error(yellow('  a document stopped on an internal error (above): please report it'));
  return failed.length ? 1 : 0;
}

/**
 * What stopped a document, in a few words for its "build stopped" line: the
 * number of errors and the first one's code and place, or the message. The
 * diagnostics above it may have scrolled past among the warnings (or been
 * cut by a pipe), so the line that says a document failed also says why.
 */
function stoppedBy(e: Error): string {
  const errors = e instanceof WarraqError ? e.diagnostics.filter((d) => d.severity === 'error') : [];
  if (errors.length === 0) return e.message.split('\n')[0];
  const [first] = errors;
  return `${errors.length} error${errors.length === 1 ? '' : 's'}, the first ${first.code} at ${first.file}:${first.line}:${first.col}`;
}
