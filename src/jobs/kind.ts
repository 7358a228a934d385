/**
 * What an output kind is (booklet, leaflet, card, press PDF, …): one record
 * per kind, in src/jobs/kinds/, listed in src/jobs/kinds.ts. The planner,
 * the keys, the scheduler, the render threads and the build read these
 * records; none of them knows a kind by its name.
 *
 * A record says
 *   - how its jobs are planned (`plan`), and which outputs they take as
 *     input (`uses`, `inputs`) and hand on to others (`handOn`);
 *   - which slice of the model a job reads (`slice`): the job's key and all
 *     its renderer sees, so a change re-renders exactly the outputs that show it;
 *   - its family (the renderers it loads) and estimated cost (scheduling);
 *   - how it renders (`render`, which loads its renderer modules on first
 *     use: a kind file itself stays light, the build imports every one);
 *   - what it keeps between builds besides its files (`keeps`).
 */
import type { DocumentModel } from '../model/types.js';
import type { OutputFile, OutputMeta } from '../output/writeOutputs.js';
import type { SetStats } from '../layout/stats.js';
import type { TemplateFonts } from '../layout/typeset.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Kept } from './kept.js';

/** The `--only` groups: which outputs a build publishes. */
export type OutputGroup = 'booklet' | 'leaflets' | 'cards' | 'print' | 'gallery';
export const OUTPUT_GROUPS: readonly OutputGroup[] = ['booklet', 'leaflets', 'cards', 'print', 'gallery'];

/** The renderers a job needs: 'pdf' (react-pdf, pdf-lib) or 'image' (satori, librsvg, image encoders). */
export type JobFamily = 'pdf' | 'image';

/** One output to make, as plain data. `path` is unique in a plan; it names the job. */
export interface RenderJob {
  /** The name of its kind (src/jobs/kinds.ts). */
  kind: string;
  /** The primary output path (for a card: without extension). */
  path: string;
  /** The point it shows, if one. */
  point?: number;
  /** The card format, for kinds that have formats. */
  format?: string;
}

/** What a job leaves for the jobs after it (and later builds), beyond its output files. */
export interface JobAux {
  stats?: SetStats;
  notes?: string[];
  /** The booklet's thumbnails job: how many of its pages it drew, not finding their thumbnails from an earlier build (src/jobs/pageThumbs.ts). */
  pagesDrawn?: number;
}

/** A finished job, as its kind's `handOn` sees it. */
export interface HandOn {
  files: ReadonlyArray<{ path: string; pages?: number }>;
  aux: JobAux;
  bytes(file: number): Promise<Uint8Array>;
}

/** A file an input job made, as this build staged it: its manifest fields, and where to read it until the commit. */
export interface InputFile extends OutputMeta {
  kind: OutputFile['kind'];
  path: string;
  size: number;
  staged: string;
}

/** A job's input: what its kind hands on (`handOn`), its key and the files it made. */
export interface TaskInput {
  kind: string;
  path: string;
  data: unknown;
  key: string;
  files: InputFile[];
}

/** One job for a render thread: plain data only (it crosses to worker threads). */
export interface RenderTask {
  job: RenderJob;
  /** The job's slice of the model (its kind's `slice`). */
  model: DocumentModel;
  projectRoot: string;
  /** The job's key and the cache folder (.warraq-cache/…) where a job keeps what it hands on between builds. */
  key: string;
  cacheDir: string;
  /**
   * The digest of the code, fonts and packages that every job's key contains
   * (src/jobs/cache.ts `envDigest`): what a job keeps in the cache folder by
   * its content rather than under its key (a booklet page's thumbnail) is
   * named with it. Absent (a test's task): nothing is kept that way.
   */
  env?: string;
  /** Results of the jobs this one takes as input, in plan order. */
  inputs: TaskInput[];
  /**
   * What this build's jobs that take this job's result as input read of what
   * it may keep for them (their kinds' `reads`). What no such job reads (the
   * booklet's page digests, when no thumbnails are made) may be left out: a
   * later build that reuses the file without it does that work itself (the
   * thumbnails drawn afresh). Absent (a test's task): all of it is kept.
   */
  keptFor?: readonly Kept[];
  /** Only lay the job out and check it (its kind's `verify`): no files. */
  verify?: boolean;
}

export interface JobResult {
  files: OutputFile[];
  aux: JobAux;
  /** Set when the job made nothing. */
  skipped?: boolean;
}

export interface TaskResult extends JobResult {
  ms: number;
  /** A WarraqError thrown by the job (errors lose their class between threads). */
  diagnostics?: Diagnostic[];
}

/** A job to lay out without drawing anything (a kind's `verify`): the job and its slice of the model. */
export type VerifyTask = Pick<RenderTask, 'job' | 'model'>;

/** The plan as a kind sees it when it picks its inputs. */
export interface PlanView {
  ofKind(kind: string): readonly RenderJob[];
}

export interface OutputKind {
  name: string;
  /** The `--only` group that publishes it; it is also made, unpublished, when a published job takes it as input. */
  group: OutputGroup;
  /** The kinds of file it writes (manifest.json's `kind`): an entry of the previous manifest belongs to the group of the kind that writes it. */
  writes: ReadonlyArray<OutputFile['kind']>;
  family: JobFamily;
  /**
   * Rough render time of one job, in milliseconds on the project's 2-core
   * machine (docs/performance.md). The scheduler uses only their ratios (to
   * order the jobs: src/jobs/schedule.ts); the build compares their sum with
   * an absolute threshold (src/build.ts `SMALL_REBUILD`: whether a rebuild is
   * small enough for the main thread alone), so their scale matters too.
   * They never limit or time anything.
   */
  cost: number;
  /** Kinds whose outputs this kind may take as input: planned whenever this one is. Listed earlier in the registry. */
  uses?: readonly string[];
  /**
   * Its output links to the files of the kinds it uses (the gallery page):
   * publishing it publishes them too, so no link points at a file the
   * build did not publish (`--only` is widened to their groups).
   */
  linksInputs?: boolean;
  /** This kind's jobs for a model, in order (without `kind`). */
  plan(model: DocumentModel): Array<Omit<RenderJob, 'kind'>>;
  /** Paths of the planned jobs whose results `job` takes; by default every job of the kinds it `uses`. */
  inputs?(job: RenderJob, plan: PlanView, model: DocumentModel): string[];
  /**
   * The part of the model the job reads, and nothing else: the job's key is
   * made of it, and its renderer gets only this. Shaped like the model, with
   * the fields it does not read left out (src/jobs/slice.ts).
   */
  slice(model: DocumentModel, job: RenderJob): DocumentModel;
  /**
   * What the job keeps in the cache folder between builds, for the jobs that
   * take it as input: 'aux' (its JobAux, stored by the build), 'pages'
   * (laid-out pages) and 'drawing' (where its drawing's colours went,
   * src/render/pdf/twin.ts), stored by its renderer (src/jobs/kept.ts). A
   * reused job whose result is needed as an input renders again when these
   * are missing.
   */
  keeps?: ReadonlyArray<'aux' | Kept>;
  /**
   * What it reads, of what its inputs keep, that they keep only when a job
   * reads it (RenderTask `keptFor`; not their `keeps`, which a reused input
   * must have): the booklet's 'pageKeys' for its thumbnails.
   */
  reads?: readonly Kept[];
  /**
   * What outside the model and the code decides this kind's output, if
   * anything: a build whose inputs
   * are all unchanged is redone when this changes.
   */
  environment?(): string;
  /**
   * What a finished (or reused) job hands to the jobs that take it as input:
   * from its files (`bytes(i)` reads the i-th back from the staging folder)
   * and what it keeps. (Its key is on the input already: `TaskInput.key`.)
   */
  handOn?(done: HandOn): unknown;
  /**
   * Renders one job, in a render thread. Loads its renderer modules on first
   * call; `fonts` loads the theme's fonts (once per thread), for kinds that set text.
   */
  render(task: RenderTask, fonts: () => Promise<TemplateFonts>): Promise<JobResult>;
  /**
   * Loads the modules `render` loads on its first call, without a job: a
   * worker started before the build knows its jobs (src/build.ts, a
   * rebuild's image worker) loads them while the main thread checks the text.
   */
  prepare?(): Promise<unknown>;
  /**
   * Lays the job out from its slice and runs every check its `render` makes
   * on the layout (nothing outside the live area, card fit), throwing the
   * same WarraqError, without drawing, encoding or writing anything: what
   * `npm run check` runs for every job (src/jobs/verifyJobs.ts). Returns
   * what the render would report beside its files (loose lines). Kinds that
   * lay nothing out of their own have none: imposition, all-leaflets and the
   * gallery use other jobs' pages or files, and the press PDF is the booklet's layout
   * (BOOKLET_LAYOUT), which the booklet verifies.
   */
  verify?(task: VerifyTask, fonts: TemplateFonts): Promise<JobAux>;
}
