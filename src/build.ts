/**
 * One build: source text → model → jobs → renderers → one atomic write.
 *
 *   up to date? (nothing changed: stop here,       src/jobs/upToDate.ts
 *     nothing parsed)
 *   loadDocument (parse + metadata, validated)     src/model, src/parse
 *   proofing (beside the rest, in a thread)        src/proof
 *   loadFontSet + checkCoverage (no tofu)          src/fonts, src/check
 *   planJobs (what to make)                        src/jobs
 *   keys, reuse of unchanged outputs               src/jobs/cache.ts
 *   order of the jobs (critical path first)        src/jobs/schedule.ts
 *   templates → laid-out pages → renderers,        src/jobs/worker.ts (each job's kind,
 *     in the main thread and worker threads        src/jobs/kinds/), src/jobs/pool.ts
 *   staging (each job's files as it finishes),    src/output
 *     commit (all or nothing) + manifest.json
 *
 * Nothing in the output folder changes until every job has succeeded: jobs
 * write into a staging folder beside it, and the commit touches only what
 * the previous manifest lists (src/output/journal.ts). Renderers are loaded
 * only when a job needs them: with nothing to render, a build only hashes,
 * checks the previous outputs and links them into the new tree.
 */
import path from 'node:path';
import { WarraqError, type Diagnostic } from './diagnostics.js';
import type { DocumentModel, PagePlan } from './model/types.js';
import { planInputs, planJobs, publishes, widenOnly, type OutputGroup, type RenderJob } from './jobs/planJobs.js';
import { groupOfFile, KINDS, kindOf } from './jobs/kinds.js';
import type { RenderTask, TaskInput } from './jobs/kind.js';
import type { Kept } from './jobs/kept.js';
import type { Preparation } from './jobs/worker.js';
import { readRecord, readSources, recordBuild, recordedOutputs, stampOutputs, upToDate, type BuildRecord, type FileStamp, type KnownInputs } from './jobs/upToDate.js';
import { addStats, emptyStats, type SetStats } from './layout/stats.js';
import type { TemplateFonts } from './layout/typeset.js';
import type { ModelOptions } from './model/theme.js';
import type { SidecarBytes } from './model/sidecar.js';
import { carriedOver, lockOutput, outputMeta, resolveOutDir, Staging, type Manifest, type ManifestEntry, type ReusedFile, type StagedFile } from './output/writeOutputs.js';
import { makeDiagnostic, sortDiagnostics } from './parse/report.js';
import {
  auxCacheDir,
  envDigest,
  fontFilesOf,
  fontHasher,
  jobKeys,
  openAuxCache,
  readKeyInputs,
  readCodeInputs,
  type CodeInputs,
  type FontHasher,
  previousByKey,
  reuseOutputs,
  type AuxCache,
  type JobAux,
  type KeyedEntry,
  type StillAsLeft,
} from './jobs/cache.js';
import { coresFree, createPool, defaultJobs, threadsFor, type Lane, type RenderPool } from './jobs/pool.js';
import { estimatedCost, Scheduler } from './jobs/schedule.js';
import { openMemos, saveMemos } from './jobs/memoStore.js';
import { flushTimeline, mark, span } from './jobs/timeline.js';
import { trimWhileRendering, tuneAllocator } from './jobs/allocator.js';
import type { KnownToFit } from './check/cards.js';
import type { ProofResult } from './proof/index.js';

export type JobState = 'rendered' | 'unchanged' | 'skipped';

export interface BuildOptions {
  projectRoot: string;
  /** Source text, relative to projectRoot. */
  source: string;
  /** Output folder, relative to projectRoot. */
  out: string;
  only?: OutputGroup[];
  strict?: boolean;
  /** --justify, --leaflet-sheet: folded into the model's theme (src/model/theme.ts `applyOptions`). */
  justify?: ModelOptions['justify'];
  leafletSheet?: ModelOptions['leafletSheet'];
  sourceDateEpoch?: string;
  /** Booklet page plan (--pages); folded into the model's theme, where the templates read it. */
  pages?: PagePlan;
  /**
   * Render threads: the main thread and jobs − 1 worker threads
   * (src/jobs/pool.ts); 1 renders in the main thread alone. Default
   * (`defaultThreads`): one per core, except in the main thread alone for a
   * small rebuild (at most SMALL_REBUILD of work to render), where starting a
   * worker costs more than it saves, and for a build with no image job to
   * render (PDF files only), where a worker would only load a second set of
   * renderers and fonts.
   */
  jobs?: number;
  /**
   * One job at a time, in the main thread: the reference that every other
   * arrangement must equal byte for byte (tests), and the bench's time per
   * output. Overrides `jobs`.
   */
  serial?: boolean;
  /**
   * A pool kept by the caller (watch mode) to render with; `jobs` is then
   * ignored. A process that builds again and again keeps the renderers,
   * templates and fonts each thread loaded once: it must start afresh when
   * they change (watch mode restarts its session), or render in worker
   * threads only (`createPool(n, { threads: true })`) and make a new pool.
   * A function is asked, when the first job renders, with the threads this
   * build would take (`jobs`, else `defaultThreads`).
   */
  pool?: RenderPool | ((threads: number) => Promise<RenderPool>);
  /** Writes every proofing finding to this file as a table to tick (Markdown for .md, else CSV); relative to projectRoot. */
  proofReport?: string;
  /** Render every job, even those whose outputs the previous build left unchanged. */
  force?: boolean;
  /**
   * Empty the output folder: everything in it is replaced, also files that
   * warraq did not write (which a build otherwise keeps, src/output).
   */
  clean?: boolean;
  /** Called after each job (progress): rendered, reused unchanged, or skipped. */
  onOutput?: (done: number, total: number, file: string, state: JobState) => void;
  /** Called before each job starts: reused and skipped jobs first, in plan order, then the others as they start. Tests use it to inject failures. */
  beforeJob?: (job: RenderJob) => void | Promise<void>;
  /**
   * Return as soon as the outputs are committed, and write what is kept for
   * the next build (its record, the memos, the proofing findings, the cache's
   * pruning) after: a session that builds again and again (watch mode). The
   * process's next build waits for it first; `keptForNext()` is it.
   */
  keepLater?: boolean;
}

export interface BuildReport {
  model: DocumentModel;
  /** Every output file, in plan order, with its job's kind; `reused` when taken unchanged from the previous build. */
  files: Array<{ path: string; kind: string; bytes: number; ms: number; reused: boolean }>;
  manifest: Manifest;
  /** Files and folders in the output folder that warraq did not write, kept as they were (a folder as `name/`). */
  kept: string[];
  /** Outputs of the previous build kept because --only did not rebuild their group. */
  carried: string[];
  warnings: Diagnostic[];
  notes: string[];
  stats: SetStats;
  /** Job paths by what happened to them. */
  jobs: { rendered: string[]; unchanged: string[]; skipped: string[] };
  /** Render threads (the main thread counts when it renders); 0 when nothing rendered. */
  threads: number;
  /** Where rendering ran, for the summary: "in the main thread", "on 2 threads (main + 1 worker)", "nothing to render". */
  where: string;
  /** Booklet pages whose thumbnails this build drew, not finding them kept by an earlier one (src/jobs/pageThumbs.ts); absent when no thumbnails job drew a page. */
  pagesDrawn?: number;
  ms: number;
}

export type CheckOptions = Pick<BuildOptions, 'projectRoot' | 'source' | 'strict' | 'sourceDateEpoch' | 'justify' | 'leafletSheet' | 'proofReport' | 'pages' | 'only'> & {
  /**
   * Lay out every output the build would make (as `only` plans it) and run
   * the checks its render makes on the layout (src/jobs/verifyJobs.ts):
   * default true. The build passes false, as it lays every output out when
   * it renders it; the card-fit check is then left to the build as well
   * (`cardFit` in the result), since each card job plans its point by the
   * very planning that check runs and stops with the same E-CARD-FIT.
   */
  layout?: boolean;
  /**
   * The cards known to fit (the build: those whose job's key is in the
   * previous manifest, so a build with this very card passed this check);
   * the card-fit check skips them.
   */
  knownToFit?: (model: DocumentModel) => Promise<KnownToFit>;
  /**
   * The build: proof in a thread of its own while the checks go on and the
   * outputs are laid out and drawn (src/proof/thread.ts); the proofing
   * warnings then join `warnings` when the thread is done. Not with --strict
   * (proofing warnings stop the build before anything renders) or a proof
   * report (written here). 'kept': in the thread this process keeps for its
   * next builds (a watch session: `keepLater`).
   */
  proofAside?: boolean | 'kept';
  /** The source's bytes as the build read them for its no-change check (`readSources`): not read again. */
  sourceBytes?: Promise<Uint8Array>;
  /** Its metadata files, likewise. */
  sidecarBytes?: Promise<SidecarBytes>;
};

/**
 * Validation: model, metadata (language, slugs, URLs, card sizes), proofing
 * (corrections applied), fonts, glyph coverage, card fit, then the layout of
 * every output with the live-area check (E-OVERFLOW). Writes nothing (but the
 * proofing table, when asked). Each stage runs when the ones before it passed,
 * as in the build, so the errors are those the build would stop on. Its
 * `warnings`, all of them in order, settle once proofing is done (at once,
 * unless it was set aside: `proofAside`).
 */
export async function check(opts: CheckOptions) {
  // Loaded here, not at the top: a build whose inputs did not change never needs them.
  // Card fit only where cards are made (a build with --only booklet makes none).
  const only = widenOnly(opts.only);
  const cards = !only || only.includes('cards');
  const [{ loadDocument }, { loadFontSet }, { checkCoverage }, { startProofing, writeProofReport }] = await Promise.all([
    import('./model/buildModel.js'),
    import('./fonts/loadFontSet.js'),
    import('./check/coverage.js'),
    import('./proof/index.js'),
  ]);
  const loaded = await loadDocument(opts.source, { ...opts, bytes: opts.sourceBytes, sidecar: opts.sidecarBytes, options: { justify: opts.justify, leafletSheet: opts.leafletSheet, pages: opts.pages } });
  const aside = Boolean(opts.proofAside) && !opts.strict && !opts.proofReport;
  const proofing = startProofing(loaded.model, { ...opts, thread: aside && opts.proofAside });
  // Settled later (the build awaits it before its commit); a failure elsewhere must not leave it unhandled.
  proofing.result.catch(() => {});
  const proof = aside ? undefined : await proofing.result;
  if (aside) await proofing.started;
  if (proof && opts.proofReport) await writeProofReport(path.resolve(opts.projectRoot, opts.proofReport), opts.source, proof.findings);
  const model = proofing.model;
  const diagnostics = sortDiagnostics([...loaded.diagnostics, ...(proof?.warnings ?? [])]);
  const warnings = aside ? proofing.result.then((p) => sortDiagnostics([...diagnostics, ...p.warnings])) : Promise.resolve(diagnostics);
  warnings.catch(() => {});
  const fonts = await loadFontSet(model.theme, opts.projectRoot);
  const missing = checkCoverage(model, fonts);
  // --strict: proofing warnings stop the build too (reported with any coverage or card-fit errors).
  const strictStop = Boolean(opts.strict && proof?.warnings.length);
  // Loaded when asked: the card layout loads satori, which a build whose card jobs fit the cards (`fitLater`) never needs in this thread.
  const cardFit = async () => (cards ? (await import('./check/cards.js')).checkCardFit(model, fonts, await opts.knownToFit?.(model)) : []);
  // Without the layout pass (the build), the cards are fitted as they are rendered: `cardFit` below.
  const fitLater = opts.layout === false && !strictStop;
  // Reported with the proofing warnings, as when proofing comes first.
  const failure = async (problems: Diagnostic[]) => new WarraqError([...(await warnings.catch(() => diagnostics)), ...problems]);
  const problems = missing.length ? missing : fitLater ? [] : await cardFit();
  if (problems.length || strictStop) throw await failure(problems);
  const laidOut = opts.layout !== false ? await layOutEvery(model, fonts, { only, projectRoot: opts.projectRoot }, diagnostics) : { jobs: 0, notes: [] as string[] };
  return {
    model,
    fonts,
    warnings,
    proof: proofing.result,
    laidOut,
    /**
     * When the card-fit check was left to the build (`layout: false`): the
     * error check() would have stopped on (E-CARD-FIT for every point that
     * cannot be set, with the warnings), or undefined when every card fits.
     * The build asks after a failed render, so that it reports what check()
     * reports; a passing build never runs it (its card jobs fitted the cards).
     */
    cardFit: fitLater && cards ? async () => {
      const problems = await cardFit();
      return problems.length ? failure(problems) : undefined;
    } : undefined,
  };
}

/**
 * check()'s last stage: every output that `only` plans, laid out, with the
 * checks its render makes (src/jobs/verifyJobs.ts). Its errors stop the
 * check, after the warnings found so far (`diagnostics`).
 */
async function layOutEvery(model: DocumentModel, fonts: TemplateFonts, opts: { only: OutputGroup[] | undefined; projectRoot: string }, diagnostics: Diagnostic[]): Promise<{ jobs: number; notes: string[] }> {
  const { verifyJobs } = await import('./jobs/verifyJobs.js');
  const v = await verifyJobs(model, fonts, opts).catch((e: unknown) => {
    throw asDiagnosticError(e, model);
  });
  if (v.errors.length) throw new WarraqError([...diagnostics, ...v.errors]);
  return { jobs: v.jobs, notes: v.notes };
}

/** A build's jobs, their inputs and keys. */
interface Planned {
  jobs: RenderJob[];
  inputs: Map<string, string[]>;
  keys: Map<string, string>;
  /** The digest of the code, fonts and packages that every key contains (RenderTask `env`). */
  env: string;
}

async function planAndKey(model: DocumentModel, opts: BuildOptions, code: Promise<CodeInputs>, fonts: FontHasher): Promise<Planned> {
  const jobs = planJobs(model, { only: opts.only });
  const inputs = planInputs(jobs, model);
  const env = envDigest(await readKeyInputs(model.theme, code, fonts));
  return { jobs, inputs, keys: jobKeys(jobs, model, env, inputs), env };
}

/** What the last build with `keepLater` still writes for the next one (settled: never rejects). */
let keeping: Promise<void> = Promise.resolve();

/** Settles when what this process's builds keep for the next one is written (`keepLater`). */
export const keptForNext = (): Promise<void> => keeping;

/**
 * The cards whose job's key the previous manifest lists: a build made that
 * very card (same point text, format, fonts and code), so it passed the
 * card-fit check, which reads no more than the card's slice.
 */
function cardsMadeBefore({ jobs, keys }: Planned, previous: Manifest | undefined): KnownToFit {
  const made = new Set(previous?.outputs.map((e) => e.key));
  // A job with a format and a point is one point's card in that format: the unit the card-fit check knows.
  const fit = new Set(jobs.filter((j) => j.format !== undefined && j.point !== undefined && made.has(keys.get(j.path))).map((j) => `${j.format}/${j.point}`));
  return (point, format) => fit.has(`${format}/${point}`);
}

export async function build(opts: BuildOptions): Promise<BuildReport> {
  // --only gallery publishes what the page links to as well (src/jobs/planJobs.ts widenOnly).
  opts = { ...opts, only: widenOnly(opts.only) };
  const t0 = performance.now();
  mark('build');
  // The record and memos the last build of this process keeps for this one.
  await keeping;
  const startedAt = Date.now();
  const outDir = await resolveOutDir(path.resolve(opts.projectRoot, opts.out));
  const cacheDir = auxCacheDir(opts.projectRoot, outDir);
  // Each read once: the code that runs, for the no-change check, the memos, the job keys and the build's record;
  // the source (for the parser) and its metadata as they are before the checks parse them, for the check and the
  // record; the fonts' hashes; the previous build's record, for the no-change check and the reuse of its outputs.
  const code = readCodeInputs();
  // Awaited later (after the record is read); a failure meanwhile must not go unhandled.
  code.catch(() => {});
  const source = readSources(opts);
  const sources = source.digests;
  const fonts = fontHasher(opts.projectRoot);
  const record = await readRecord<Omit<BuildReport, 'ms'>>(cacheDir);
  const quick = opts.force || opts.clean || !record ? undefined : await unchangedReport(opts, outDir, record, { code, sources, fonts });
  if (quick) return { ...quick, ms: performance.now() - t0 };
  const early = earlyPool(opts, record);
  try {
    return await fullBuild(opts, { t0, startedAt, outDir, cacheDir, code, source, sources, fonts, record, early });
  } finally {
    // Not taken (nothing to render, no image to make, or a failure before the renders): its threads end here.
    await early?.dispose();
  }
}

/** What `build` has read and started before the full path. */
interface Started {
  t0: number;
  startedAt: number;
  outDir: string;
  cacheDir: string;
  code: Promise<CodeInputs>;
  source: ReturnType<typeof readSources>;
  sources: KnownInputs['sources'];
  fonts: FontHasher;
  record: BuildRecord<Omit<BuildReport, 'ms'>> | undefined;
  early: EarlyPool | undefined;
}

async function fullBuild(opts: BuildOptions, { t0, startedAt, outDir, cacheDir, code, source, sources, fonts, record, early }: Started): Promise<BuildReport> {
  // The proofing thread that check() sets aside (not with --strict or a proof report) starts loading now, beside the
  // memos, the checks' modules and the model, when it will be needed (src/proof/index.ts proofThreadAhead).
  if (!opts.strict && !opts.proofReport) void import('./proof/index.js').then((p) => p.proofThreadAhead(opts.projectRoot)).catch(() => {});
  // What the last build composed is taken as it was, from the checks on (src/jobs/memoStore.ts).
  const memoSalt = await openMemos(opts.projectRoot, await code).catch(() => undefined);
  // Planned and keyed as soon as the model is known: after a failed render, the card-fit check skips the cards an earlier build made.
  let planned: Planned | undefined;
  const plan = async (m: DocumentModel) => (planned ??= await planAndKey(m, opts, code, fonts));
  // Asked after a failed render, under the lock: the manifest the lock found. (Before the lock, --strict with
  // proofing warnings checks every card.)
  let locked: { previous: Manifest | undefined } | undefined;
  const knownToFit = async (m: DocumentModel) => cardsMadeBefore(await plan(m), locked?.previous);
  mark('memos open');
  const checked = await check({ ...opts, layout: false, knownToFit, proofAside: opts.keepLater ? 'kept' : true, sourceBytes: source.bytes, sidecarBytes: source.sidecar });
  const { model } = checked;
  mark('checked');
  early?.loadFonts(model);
  const keyed = await plan(model);
  const { jobs, keys } = keyed;
  // Rasters (cards, thumbnails) are freed back to the system, not kept by malloc's arenas (src/jobs/allocator.ts);
  // a build without them (PDF files only) does not load the FFI to say so.
  const images = hasImageJobs(jobs);
  if (images) tuneAllocator();
  // The lock is taken before anything is read from or rendered for the output
  // folder: a second build fails at once instead of after rendering, and the
  // previous outputs are never read while another build writes them.
  const lock = await lockOutput(outDir);
  locked = lock;
  mark('locked');
  const { made, proof, warnings, committed, stamps, cache } = await renderAndCommit(lock, { model, planned: keyed, checked, opts, outDir, record, images, early });
  const report = buildReport(model, { made, warnings, committed, cache }, t0);
  const again = reportIfUnchanged(report, made, jobs, keys);
  const keep = async () => {
    // The entries of outputs carried over (--only: kinds this build did not plan) stay with them.
    const kept = new Set([...keys.values(), ...committed.manifest.outputs.flatMap((o) => (o.key ? [o.key] : []))]);
    await Promise.all([cache.prune(kept, startedAt).catch(() => {}), memoSalt && saveMemos(opts.projectRoot, memoSalt).catch(() => {})]);
    if (stamps) await recordBuild(opts, cacheDir, fontFilesOf(model.theme), stamps, again, { sources, code, fonts }).catch(() => {});
    // The text's proofing findings, for the next build of the same text (src/proof/cache.ts).
    await proof.save();
    mark('kept for the next build');
    flushTimeline();
  };
  // Failing to keep any of it only costs the next build work it could have skipped.
  mark('committed');
  if (opts.keepLater) keeping = keep().catch(() => {});
  else await keep();
  flushTimeline();
  return report;
}

/** The report of a full build that began at `t0`, from what its locked part left. */
function buildReport(model: DocumentModel, { made, warnings, committed, cache }: Pick<Committed, 'made' | 'warnings' | 'committed' | 'cache'>, t0: number): BuildReport {
  return {
    model,
    files: made.files.map((f) => ({ path: f.path, kind: made.kinds.get(f.path)!, bytes: f.size, ms: made.ms.get(f.path) ?? 0, reused: made.reused.has(f.path) })),
    manifest: committed.manifest,
    kept: committed.kept,
    carried: committed.carried,
    warnings,
    notes: [...made.notes, ...cache.notes],
    stats: made.stats,
    jobs: made.jobs,
    threads: made.threads,
    where: made.where,
    ...(made.pagesDrawn !== undefined && { pagesDrawn: made.pagesDrawn }),
    ms: performance.now() - t0,
  };
}

/** What a build's locked part leaves: the outputs made and committed, and what the build keeps for the next one. */
interface Committed {
  made: Made;
  proof: ProofResult;
  warnings: Diagnostic[];
  committed: Awaited<ReturnType<Staging['commit']>>;
  /** The record's stamps (undefined when they could not be taken: the next build then takes the full path). */
  stamps: FileStamp[] | undefined;
  cache: AuxCache;
}

/**
 * The part of a build that holds the output folder's `lock`: each job
 * rendered into the staging folder (reusing the outputs the lock found
 * unchanged), the proofing awaited, the staging committed and the outputs
 * stamped for the record. On any failure the staging is discarded and the
 * lock released as failed: the previous output stays as it was.
 */
async function renderAndCommit(
  lock: Awaited<ReturnType<typeof lockOutput>>,
  { model, planned, checked, opts, outDir, record, images, early }: {
    model: DocumentModel;
    planned: Planned;
    checked: Awaited<ReturnType<typeof check>>;
    opts: BuildOptions;
    outDir: string;
    record: BuildRecord | undefined;
    images: boolean;
    early: EarlyPool | undefined;
  },
): Promise<Committed> {
  let stage: Staging | undefined;
  let ok = false;
  try {
    const cache = openAuxCache(opts.projectRoot, outDir);
    // The manifest as the lock found it: which outputs can be reused, and what warraq owns in the folder at the commit.
    const { previous } = lock;
    // Each job's files go to the staging folder as the job finishes; the commit puts them in place.
    stage = await Staging.open(outDir, lock);
    const stopTrimming = trimWhileRendering(images);
    const made = await runJobs(jobRun(model, planned, cache, opts, stage), outDir, previous, recordedOutputs(record), early)
      .catch(async (e: unknown) => {
        // The card-fit check comes before the renders in check(): a point that cannot be set is what it reports, with every other such point.
        throw (await checked.cardFit?.()) ?? asDiagnosticError(e, model);
      })
      .finally(stopTrimming);
    mark('rendered');
    // Proofed meanwhile (in a thread of its own when the text was not proofed before).
    const proof = await checked.proof;
    const warnings = await checked.warnings;
    const rebuilt = (e: ManifestEntry) => !opts.only || opts.only.includes(groupOfFile(e.kind));
    const committed = await stage.commit(model.source, model.date, { previous, carry: carriedOver(previous, rebuilt), clean: opts.clean, keys: made.keys });
    // The record's stamps, taken under the lock: no other build can have replaced a file yet (src/jobs/upToDate.ts).
    const stamps = await stampOutputs(outDir, committed.manifest.outputs.map((e) => e.path)).catch(() => undefined);
    ok = true;
    return { made, proof, warnings, committed, stamps, cache };
  } catch (e) {
    await stage?.discard();
    throw e;
  } finally {
    await lock.release({ failed: !ok });
  }
}

/**
 * The no-change build: under the output folder's lock, the previous build's
 * report when nothing it depends on changed and its outputs are as it left
 * them (src/jobs/upToDate.ts), each output said to be unchanged; else
 * undefined, and the full path runs.
 */
async function unchangedReport(
  opts: BuildOptions,
  outDir: string,
  record: BuildRecord<Omit<BuildReport, 'ms'>>,
  known: KnownInputs,
): Promise<Omit<BuildReport, 'ms'> | undefined> {
  const lock = await lockOutput(outDir);
  try {
    const quick = await upToDate(opts, record, known);
    if (quick) for (const [i, f] of quick.files.entries()) opts.onOutput?.(i + 1, quick.files.length, f.path, 'unchanged');
    return quick;
  } finally {
    await lock.release();
  }
}

/** What the next build returns if nothing changes (the build's record): every output unchanged, nothing rendered. */
function reportIfUnchanged(report: BuildReport, made: Made, jobs: readonly RenderJob[], keys: ReadonlyMap<string, string>): Omit<BuildReport, 'ms'> {
  const withFiles = new Set(made.files.map((f) => made.keys.get(f.path)));
  const unchanged = jobs.filter((j) => withFiles.has(keys.get(j.path))).map((j) => j.path);
  const { ms: _ms, ...rest } = report;
  return {
    ...rest,
    files: report.files.map((f) => ({ ...f, ms: 0, reused: true })),
    notes: made.notes,
    jobs: { rendered: [], unchanged, skipped: jobs.map((j) => j.path).filter((p) => !unchanged.includes(p)) },
    threads: 0,
    where: 'nothing to do: no input changed',
  };
}

/**
 * A character that no font draws is caught by check() with its place; should
 * a template set text the check did not see, the renderer's MissingGlyphError
 * still ends as a diagnostic rather than a stack trace.
 */
function asDiagnosticError(e: unknown, model: DocumentModel): unknown {
  if (!(e instanceof Error) || e.name !== 'MissingGlyphError') return e;
  const cp = (e as Error & { codePoint?: number }).codePoint;
  return new WarraqError([
    makeDiagnostic('E-GLYPH-MISSING', 'error', { file: model.source.file, line: 1, col: 1 }, `while rendering: ${e.message}`, {
      expected: 'every character that a template sets to be covered by its font chain',
      found: cp === undefined ? e.message : `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`,
      hint: 'a template sets text in a font chain that check() does not cover; add a font that covers it to theme.fonts',
    }),
  ]);
}

interface Made {
  files: StagedFile[];
  /** Key of each output file's job, by file path. */
  keys: Map<string, string>;
  /** Kind of each output file's job, by file path. */
  kinds: Map<string, string>;
  ms: Map<string, number>;
  reused: Set<string>;
  notes: string[];
  stats: SetStats;
  jobs: BuildReport['jobs'];
  threads: number;
  where: string;
  pagesDrawn?: number;
}

/** What a finished (or reused) job hands on. */
interface Done {
  /** In the staging folder (published files) or its scratch area (a job made only as another's input). */
  files: StagedFile[];
  aux: JobAux;
  state: JobState;
  ms: number;
}

type Mode = 'render' | 'reuse' | 'skip';

/**
 * Up to this much work to render (the kinds' estimated `cost`, in ms), a build
 * without `jobs` renders in the main thread (no workers to start): a
 * one-point edit of the seed (the point's leaflet, its four cards and their
 * thumbnails, the booklet and what is made of both: ≈ 1,400) does, an edit of
 * two points (≈ 1,800) does not (test/build/parallel.test.ts). Work, not
 * jobs: a thumbnail is a small job. The costs' scale matters here, not only
 * their ratios (src/jobs/kind.ts `cost`).
 */
const SMALL_REBUILD = 1600;

/**
 * Render threads for a build without `jobs`: one per core, except in the main
 * thread alone for a small rebuild (starting a worker costs more than it
 * gains) and for a build with no image job to render (PDF files only, e.g.
 * `--only booklet,leaflets,print`). The workers' lane takes the images first
 * (src/jobs/pool.ts); with none, a worker would only take PDF jobs, loading a
 * second react-pdf, pdf-lib, HarfBuzz and fonts and composing into a
 * second paragraph memory: at 50× the seed that cost ≈ 170–200 MiB of peak
 * memory and ≈ 5 s of CPU for no gain on two cores (docs/performance.md,
 * "Threads").
 */
export function defaultThreads(fresh: readonly RenderJob[]): number {
  return hasImageJobs(fresh) ? threadsFor(fresh.reduce((ms, j) => ms + estimatedCost(j), 0), SMALL_REBUILD) : 1;
}

/** Whether any of these jobs makes images (cards, thumbnails): what the allocator's tuning and the workers' lane are for. */
const hasImageJobs = (jobs: readonly RenderJob[]) => jobs.some((j) => kindOf(j).family === 'image');

/** What every step of `runJobs` reads: the build's jobs, their keys and inputs, and where their files go. */
interface JobRun {
  model: DocumentModel;
  jobs: RenderJob[];
  inputs: ReadonlyMap<string, string[]>;
  /** RenderTask `env`. */
  env: string;
  cache: AuxCache;
  opts: BuildOptions;
  stage: Staging;
  /** Whether the job's files go into the output (else it is made only as another's input). */
  published(job: RenderJob): boolean;
  /** The paths of the jobs whose results it takes as input. */
  inputsOf(job: RenderJob): string[];
  /** RenderTask `keptFor`: what the jobs that take its result as input read of what it may keep. */
  keptFor(job: RenderJob): Kept[];
  keyOf(job: RenderJob): string;
  /** Each job's result, by path, as it is done. */
  results: Map<string, Promise<Done>>;
  /** Says the job is done (progress: `onOutput`) and returns its result. */
  finish(job: RenderJob, done: Done): Done;
  /** The first failure: no job starts after it, and the run throws it once every started job has settled. */
  failure?: { error: unknown };
}

/**
 * Runs the jobs. Each job's outputs are reused when the previous build made
 * them from the same key; the others render in the pool's lanes. A job that
 * takes another's result as input (`inputs`, from its kind: the press PDF
 * and print files need the booklet, the 2-up sheet leaflets-press.pdf,
 * all-leaflets and leaflets-press every leaflet's pages) waits for it; among the jobs that are ready, the one with
 * the longest chain of jobs behind it starts first (src/jobs/schedule.ts).
 * `unchanged`: which of the previous outputs are as the last build left them.
 */
async function runJobs(run: JobRun, outDir: string, previousManifest: Manifest | undefined, unchanged: StillAsLeft, early: EarlyPool | undefined): Promise<Made> {
  const { jobs, opts } = run;
  // What the previous build left that is still right.
  const previous = opts.force ? new Map<string, KeyedEntry[]>() : previousByKey(previousManifest);
  const freshJobs = jobs.filter((j) => run.published(j) && !previous.has(run.keyOf(j)));
  const threads = opts.serial ? 1 : opts.jobs ?? defaultThreads(freshJobs);
  let pool = poolOf(opts, threads);
  // A rebuild's early worker renders when there are images to make and the build would take no more threads than
  // it has; else it ends now, not with the build.
  if (early && takesEarlyPool(freshJobs, threads, early.threads)) pool = early.take();
  else void early?.dispose();
  let mode = new Map<string, Mode>();
  let lanes: RenderPool | undefined;
  try {
    // A job with a new key will render: start the workers now, so that they
    // load while the previous outputs are read back and checked.
    if (freshJobs.length > 0) pool.start().catch(() => {});
    const reused = await readBackReusable(run, outDir, previous, unchanged);
    const decided = await decideModes(run, reused);
    mode = decided.mode;
    const toRender = new Set(jobs.filter((j) => mode.get(j.path) === 'render').map((j) => j.path));
    lanes = toRender.size ? await pool.start() : undefined;
    await finishUnrendered(run, decided, reused);
    mark(`jobs begin: ${toRender.size} to render, ${lanes ? describeLanes(lanes) : 'no lanes'}`);
    await renderInOrder(run, toRender, lanes);
  } catch (error) {
    run.failure ??= { error };
  } finally {
    await Promise.allSettled([...run.results.values()]);
    await pool.close();
  }
  if (run.failure) throw run.failure.error;
  return collectMade(run, mode, lanes);
}

/** The run for `runJobs`, before any job is done: what every step reads, and the count of jobs done (for `onOutput`). */
function jobRun(model: DocumentModel, { jobs, inputs, keys, env }: Planned, cache: AuxCache, opts: BuildOptions, stage: Staging): JobRun {
  let done = 0;
  const readers = keptReads(jobs, inputs);
  return {
    model,
    jobs,
    inputs,
    env,
    cache,
    opts,
    stage,
    published: (job) => publishes(kindOf(job), opts.only),
    inputsOf: (job) => inputs.get(job.path) ?? [],
    keptFor: (job) => [...(readers.get(job.path) ?? [])],
    keyOf: (job) => keys.get(job.path)!,
    results: new Map(),
    finish: (job, d) => {
      opts.onOutput?.(++done, jobs.length, d.files[0]?.path ?? `${job.path} (skipped)`, d.state);
      return d;
    },
  };
}

/** What the jobs that take each job's result as input read of what it may keep (their kinds' `reads`), by the job's path. */
function keptReads(jobs: readonly RenderJob[], inputs: ReadonlyMap<string, string[]>): Map<string, Set<Kept>> {
  const out = new Map<string, Set<Kept>>();
  for (const j of jobs) {
    const reads = kindOf(j).reads ?? [];
    if (reads.length) for (const p of inputs.get(j.path) ?? []) out.set(p, new Set([...(out.get(p) ?? []), ...reads]));
  }
  return out;
}

/**
 * The render pool, started when first asked for: the caller's (`opts.pool`:
 * a pool, or a function that makes one for `threads`), else one of its own,
 * which `close` destroys.
 */
function poolOf(opts: BuildOptions, threads: number): { start(): Promise<RenderPool>; close(): Promise<void> } {
  const given = opts.pool;
  let started: Promise<RenderPool> | undefined;
  return {
    start: () => (started ??= typeof given === 'function' ? given(threads) : given ? Promise.resolve(given) : createPool(threads, { serial: opts.serial })),
    async close() {
      if (started && !given) await (await started.catch(() => undefined))?.destroy();
    },
  };
}

/**
 * A rebuild's image worker, started with the build instead of when its jobs
 * are known: a rebuild in a fresh process (a record of an earlier build, no
 * `jobs`, no caller's pool, images among what it may publish) on a machine
 * with a core to spare starts a render pool of one worker beside the main
 * thread (earlyThreads) before the checks, and its worker loads the image renderers (satori, libvips), then the theme's
 * fonts, while the main thread checks the text and reads the previous
 * outputs back. So even a small rebuild (SMALL_REBUILD) renders its cards
 * and thumbnails beside the PDF jobs, the worker's loading already done;
 * the build takes the pool when it has an image job to render, else ends it.
 * On a busy machine (`coresFree`) the worker's start and its second copy of
 * the fonts and text code cost more than the overlap wins, and the build
 * starts its threads as before (docs/performance.md,
 * "Threads").
 */
interface EarlyPool {
  /** Its threads, the main one included (earlyThreads). */
  threads: number;
  /** Its workers load the theme's fonts too, once the model is known. */
  loadFonts(model: DocumentModel): void;
  /** The pool for runJobs, as `poolOf` gives one: its `close` destroys it. */
  take(): { start(): Promise<RenderPool>; close(): Promise<void> };
  /** Ends it unless taken; never rejects (a worker that fails to end is no failure of the build, which may be done). */
  dispose(): Promise<void>;
}

/** Whether a build starts its image worker before its checks (EarlyPool). */
export const startsEarly = (opts: Pick<BuildOptions, 'force' | 'clean' | 'jobs' | 'pool' | 'serial' | 'only'>, rebuild: boolean): boolean =>
  rebuild &&
  !opts.force &&
  !opts.clean &&
  opts.jobs === undefined &&
  opts.pool === undefined &&
  !opts.serial &&
  KINDS.some((k) => k.family === 'image' && publishes(k, opts.only)) &&
  defaultJobs() > 1 &&
  coresFree();

/**
 * The early pool's threads: the main thread and one image worker, whatever
 * the cores. A small edit renders there (before, in the main thread alone);
 * a pool of every core would start a worker per core, each loading satori,
 * libvips and the fonts, for one point's cards. A rebuild that would take
 * more threads (`defaultThreads`) ends it and starts its own.
 */
export const earlyThreads = (): number => Math.min(2, defaultJobs());

/** Whether runJobs renders in the early pool: an image job to render, and no more threads wanted (`threads`) than the pool has (`early`). */
export const takesEarlyPool = (fresh: readonly RenderJob[], threads: number, early: number): boolean => hasImageJobs(fresh) && threads <= early;

function earlyPool(opts: BuildOptions, record: BuildRecord | undefined): EarlyPool | undefined {
  if (!startsEarly(opts, record !== undefined)) return undefined;
  const threads = earlyThreads();
  const started = createPool(threads);
  const prepare = (what: Preparation) => void started.then((p) => Promise.all(p.lanes.filter((l) => l.family === what.family).map((l) => l.prepare(what)))).catch(() => {});
  prepare({ family: 'image' });
  let taken = false;
  const destroy = async () => (await started.catch(() => undefined))?.destroy();
  return {
    threads,
    loadFonts: (model) => prepare({ family: 'image', fonts: { theme: model.theme, projectRoot: opts.projectRoot } }),
    take: () => ((taken = true), { start: () => started, close: destroy }),
    dispose: async () => {
      if (!taken) await destroy().catch(() => {});
    },
  };
}

/** The previous outputs of each job whose key the previous build made, read back and checked (`reuseOutputs`), by job path. */
async function readBackReusable(run: JobRun, outDir: string, previous: Map<string, KeyedEntry[]>, unchanged: StillAsLeft): Promise<Map<string, ReusedFile[]>> {
  const reused = new Map<string, ReusedFile[]>();
  await Promise.all(
    run.jobs.map(async (job) => {
      // Files the last build left as they are (`unchanged`) need not be read again to be reused.
      const files = await reuseOutputs(outDir, previous.get(run.keyOf(job)), job.path, unchanged);
      if (files) reused.set(job.path, files);
    }),
  );
  return reused;
}

/**
 * Which jobs render: the published ones that changed, and those whose
 * results a rendering job needs but that cannot be had from the cache.
 * Backwards, so that every job's dependents are decided before it. With
 * each reused job, what it kept as 'aux'.
 */
async function decideModes(run: JobRun, reused: ReadonlyMap<string, ReusedFile[]>): Promise<{ mode: Map<string, Mode>; auxOf: Map<string, JobAux> }> {
  const { cache } = run;
  const mode = new Map<string, Mode>();
  const auxOf = new Map<string, JobAux>();
  const needed = new Set<string>();
  const keepsAux = (job: RenderJob) => reused.has(job.path) && (kindOf(job).keeps ?? []).includes('aux');
  // What the published reused jobs kept, read all at once (one by one, ≈ 150 reads of the seed's edit in turn);
  // an unpublished job's only if it turns out to be needed.
  const early = new Map(await Promise.all(run.jobs.filter((j) => run.published(j) && keepsAux(j)).map(async (j) => [j.path, await cache.get(run.keyOf(j))] as const)));
  for (const job of [...run.jobs].reverse()) {
    let m: Mode = run.published(job) || needed.has(job.path) ? 'render' : 'skip';
    if (m === 'render' && reused.has(job.path)) {
      const keeps = kindOf(job).keeps ?? [];
      const aux = !keeps.includes('aux') ? {} : early.has(job.path) ? early.get(job.path) : await cache.get(run.keyOf(job));
      // A job whose result is an input here needs what its kind keeps too: the booklet's drawing, a leaflet's pages.
      const kept = keeps.filter((k) => k !== 'aux');
      const complete = !needed.has(job.path) || (aux !== undefined && (await Promise.all(kept.map((k) => cache.hasKept(run.keyOf(job), k)))).every(Boolean));
      if (complete) {
        m = 'reuse';
        auxOf.set(job.path, aux ?? {});
      }
    }
    if (m === 'render') for (const p of run.inputsOf(job)) needed.add(p);
    mode.set(job.path, m);
  }
  return { mode, auxOf };
}

/** Reused and skipped jobs are done at once, in plan order: a reused job's files go into the staging folder. */
async function finishUnrendered(run: JobRun, { mode, auxOf }: { mode: Map<string, Mode>; auxOf: Map<string, JobAux> }, reused: ReadonlyMap<string, ReusedFile[]>): Promise<void> {
  const unrendered = run.jobs.filter((job) => mode.get(job.path) !== 'render');
  for (const job of unrendered) await run.opts.beforeJob?.(job);
  // Linked all at once: one by one, a one-point edit of the seed waited ≈ 50 ms for ≈ 290 links in turn (docs/performance.md, "Keys, reuse and the output stage").
  const staged = await Promise.all(unrendered.map((job) => (mode.get(job.path) === 'reuse' ? run.stage.add(reused.get(job.path)!, run.published(job)) : [])));
  // Said done in plan order.
  unrendered.forEach((job, i) => {
    const d: Done = mode.get(job.path) === 'reuse' ? { files: staged[i], aux: auxOf.get(job.path) ?? {}, state: 'unchanged', ms: 0 } : { files: [], aux: {}, state: 'skipped', ms: 0 };
    run.results.set(job.path, Promise.resolve(run.finish(job, d)));
  });
}

/**
 * The jobs to render, as their inputs are done, in the order and on the
 * lanes the scheduler picks (src/jobs/schedule.ts). A failure stops further
 * jobs (those already running finish first); it is `run.failure`.
 */
async function renderInOrder(run: JobRun, toRender: ReadonlySet<string>, pool: RenderPool | undefined): Promise<void> {
  const scheduler = new Scheduler(run.jobs, toRender, pool?.lanes ?? [], run.inputs);
  const byPath = new Map(run.jobs.map((j) => [j.path, j]));
  const inFlight = new Set<Promise<void>>();
  while (!run.failure && (scheduler.pending || inFlight.size)) {
    for (let next = scheduler.next(); next && !run.failure; next = scheduler.next()) {
      const { job, lane } = next;
      await run.opts.beforeJob?.(job);
      const from = run.inputsOf(job).map((p) => byPath.get(p)!);
      const done = await Promise.all(from.map((j) => run.results.get(j.path)!));
      // A failure stops further jobs, even one met during the awaits above.
      if (run.failure) break;
      const ended = span(job.path, lane.where === 'main thread' ? 'main' : lane.family);
      const p = renderJob(run, job, lane, from, done);
      p.finally(ended).catch(() => {});
      p.catch((error) => (run.failure ??= { error }));
      const settle = (): void => {
        inFlight.delete(tracked);
        scheduler.finished(job, lane);
      };
      const tracked: Promise<void> = p.then(settle, settle);
      inFlight.add(tracked);
      run.results.set(job.path, p);
    }
    if (!inFlight.size) {
      if (!run.failure && scheduler.pending) throw new Error(`${scheduler.pending} jobs can never start: they wait for inputs that never come`);
      break;
    }
    await Promise.race(inFlight);
  }
}

/** Renders one job on `lane`, given the jobs it takes as input (`from`) and their results (`done`); its files go into the staging folder. */
async function renderJob(run: JobRun, job: RenderJob, lane: Lane, from: RenderJob[], done: Done[]): Promise<Done> {
  const kind = kindOf(job);
  const task: RenderTask = {
    job,
    model: kind.slice(run.model, job),
    projectRoot: run.opts.projectRoot,
    key: run.keyOf(job),
    cacheDir: run.cache.dir,
    env: run.env,
    inputs: await taskInputs(from, done, run.keyOf),
    keptFor: run.keptFor(job),
  };
  const r = await lane.run(task);
  if (r.diagnostics) throw new WarraqError(r.diagnostics);
  const odd = r.files.find((f) => !kind.writes.includes(f.kind));
  if (odd) throw new Error(`${job.path}: a ${job.kind} job wrote a file of kind "${odd.kind}", which its record does not list in \`writes\``);
  if (kind.keeps?.includes('aux')) await run.cache.put(run.keyOf(job), r.aux);
  // Written out now: a job's bytes are not kept once it is done.
  const files = await run.stage.add(r.files, run.published(job));
  return run.finish(job, { files, aux: r.aux, state: r.skipped ? 'skipped' : 'rendered', ms: r.ms });
}

/** What the jobs made, in plan order: the published files with their keys, kinds and times, the jobs by what happened to them, notes and statistics. */
async function collectMade(run: JobRun, mode: ReadonlyMap<string, Mode>, pool: RenderPool | undefined): Promise<Made> {
  const made: Made = {
    files: [],
    keys: new Map(),
    kinds: new Map(),
    ms: new Map(),
    reused: new Set(),
    notes: [],
    stats: emptyStats(),
    jobs: { rendered: [], unchanged: [], skipped: [] },
    threads: pool?.size ?? 0,
    where: pool ? describeLanes(pool) : 'nothing to render',
  };
  for (const job of run.jobs) {
    const d = await run.results.get(job.path)!;
    // A job that rendered and found nothing to write (r.skipped) still rendered.
    const state = d.state === 'skipped' && mode.get(job.path) === 'render' ? 'rendered' : d.state;
    made.jobs[state].push(job.path);
    if (d.aux.stats) addStats(made.stats, d.aux.stats);
    made.notes.push(...(d.aux.notes ?? []));
    if (d.state === 'rendered' && d.aux.pagesDrawn !== undefined) made.pagesDrawn = (made.pagesDrawn ?? 0) + d.aux.pagesDrawn;
    if (!run.published(job)) continue;
    d.files.forEach((f, i) => {
      made.files.push(f);
      made.keys.set(f.path, run.keyOf(job));
      made.kinds.set(f.path, job.kind);
      made.ms.set(f.path, i === 0 ? d.ms : 0);
      if (d.state === 'unchanged') made.reused.add(f.path);
    });
  }
  return made;
}

/** Where rendering ran, for the summary: "in the main thread", "on 2 threads (main + 1 worker)". */
function describeLanes(pool: RenderPool): string {
  const workers = pool.lanes.filter((l) => l.where === 'worker threads').reduce((n, l) => n + l.threads, 0);
  if (!workers) return 'in the main thread';
  const main = pool.lanes.some((l) => l.where === 'main thread');
  return main ? `on ${pool.size} threads (main + ${workers} worker${workers === 1 ? '' : 's'})` : `on ${workers} worker thread${workers === 1 ? '' : 's'}`;
}

/** What a job takes from the jobs it depends on (`from`, whose results are `done`): what each one's kind hands on; files are read back from the staging folder. */
function taskInputs(from: RenderJob[], done: Done[], keyOf: (job: RenderJob) => string): Promise<TaskInput[]> {
  return Promise.all(
    from.map(async (j, i) => ({
      kind: j.kind,
      path: j.path,
      data: await kindOf(j).handOn?.({ files: done[i].files, aux: done[i].aux, bytes: (n) => Staging.read(done[i].files[n]) }),
      key: keyOf(j),
      files: done[i].files.map((f) => ({ kind: f.kind, path: f.path, size: f.size, staged: f.staged, ...outputMeta(f) })),
    })),
  );
}
export interface BuildManyOptions extends Omit<BuildOptions, 'source' | 'out' | 'pool' | 'onOutput'> {
  /** Source texts (relative to projectRoot), each with its sidecar metadata; a folder stands for every .txt in it. */
  sources: string[];
  /** The sources are files already, each once (the command line's, expanded as it was checked: src/cli/many.ts): none is looked at again. */
  expanded?: boolean;
  /** Output folder: each document goes into `<out>/<source name without .txt>/`. */
  out: string;
  /** Called when a document is done (or failed), in order. */
  onDocument?: (done: number, total: number, source: string, result: BuildReport | Error) => void;
}

export interface BuildManyReport {
  /** Per document, in order: its output folder and report, or the error that stopped it (the others still build). */
  documents: Array<{ source: string; out: string; report?: BuildReport; error?: unknown }>;
  ms: number;
}

/** What source `s` names: a folder and its .txt files, sorted, or a file (itself); undefined when there is nothing there. */
export async function sourceFiles(projectRoot: string, s: string): Promise<{ folder: boolean; files: string[] } | undefined> {
  const { readdir, stat } = await import('node:fs/promises');
  const abs = path.resolve(projectRoot, s);
  const st = await stat(abs).catch(() => undefined);
  if (!st) return undefined;
  if (!st.isDirectory()) return { folder: false, files: [s] };
  const names = (await readdir(abs)).filter((n) => /\.txt$/i.test(n)).sort();
  return { folder: true, files: names.map((n) => path.join(s, n)) };
}

/** The .txt files a list of sources names (a folder: its .txt files, sorted), each once. */
async function expandSources(projectRoot: string, sources: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const s of sources) out.push(...((await sourceFiles(projectRoot, s))?.files ?? [s]));
  return [...new Set(out)];
}

/** The folder under `out` a source of several is built into: its name without .txt or .md. */
export function documentFolder(out: string, source: string): string {
  return path.join(out, path.basename(source).replace(/\.(txt|md)$/i, ''));
}

/**
 * Many documents in one run: each source into its own folder under `out`,
 * one after another, on one pool of render threads kept warm between them
 * (fonts, WASM and renderers load once). A document that fails does not stop
 * the others; its output folder is left as it was.
 */
export async function buildMany(opts: BuildManyOptions): Promise<BuildManyReport> {
  const t0 = performance.now();
  const sources = opts.expanded ? opts.sources : await expandSources(opts.projectRoot, opts.sources);
  const folders = sources.map((s) => documentFolder(opts.out, s));
  const dup = folders.find((n, i) => folders.indexOf(n) !== i);
  if (dup !== undefined) throw new Error(`two sources would share the output folder ${dup}`);
  const { sources: _s, expanded: _e, onDocument, ...common } = opts;
  // Each document renders on the threads it would take alone (`jobs`, else `defaultThreads`): the
  // main thread alone for a small rebuild or PDF files only; else on one pool shared by every
  // document, started by the first that wants it.
  let pool: Promise<RenderPool> | undefined;
  const sharedPool = (threads: number) => (threads <= 1 ? createPool(1, { serial: opts.serial }) : (pool ??= createPool(threads)));
  const documents: BuildManyReport['documents'] = [];
  try {
    for (const [i, source] of sources.entries()) {
      const out = folders[i];
      // The report is told outside the try: a throw while telling it must not count the document twice.
      let result: BuildReport | Error;
      try {
        result = await build({ ...common, source, out, pool: sharedPool });
        documents.push({ source, out, report: result });
      } catch (error) {
        documents.push({ source, out, error });
        result = error instanceof Error ? error : new Error(String(error));
      }
      onDocument?.(i + 1, sources.length, source, result);
    }
  } finally {
    await (await pool?.catch(() => undefined))?.destroy();
  }
  return { documents, ms: performance.now() - t0 };
}
