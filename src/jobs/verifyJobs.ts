/**
 * `npm run check`'s layout pass: every job the build would plan is laid out
 * from its slice by its kind's `verify` (src/jobs/kind.ts), with every check
 * its render makes on the layout (E-OVERFLOW: a glyph outside the live area
 * or its frame; E-CARD-FIT), and nothing is drawn, encoded or written. So a
 * source that passes check builds, and one that fails it stops the build
 * with the same codes. Unlike the build, which stops at the first job that
 * fails, every job's errors are collected.
 *
 * A small plan is laid out in this thread, one job after another (layout
 * is pure and synchronous, and check has loaded the fonts already). A large
 * one goes to the render lanes (src/jobs/pool.ts) when a core is free: the
 * main thread takes the PDF kinds' jobs, a worker thread per further core
 * the cards', each lane the other's when its own are done.
 */
import { WarraqError, type Diagnostic } from '../diagnostics.js';
import type { DocumentModel } from '../model/types.js';
import type { TemplateFonts } from '../layout/typeset.js';
import type { RenderJob } from './kind.js';
import { kindOf } from './kinds.js';
import { planJobs, type PlanOptions } from './planJobs.js';
import { coresFree, createPool, threadsFor, type Lane } from './pool.js';

export interface Verified {
  /** Errors of every job that would fail (E-OVERFLOW, E-CARD-FIT), in plan order. */
  errors: Diagnostic[];
  /** What the build would note beside its files (lines justified past the widest space or set short, W-LINE-LOOSE). */
  notes: string[];
  /** Jobs laid out. */
  jobs: number;
}

/** Up to this many jobs, check lays them out in its own thread: starting a worker costs more than it saves. */
const SMALL_PLAN = 200;

/** Lays out every job of the plan (`only`: as `--only` plans it) and collects what its render would stop on. */
export async function verifyJobs(model: DocumentModel, fonts: TemplateFonts, opts: PlanOptions & { projectRoot: string; threads?: number }): Promise<Verified> {
  const jobs = planJobs(model, opts).filter((j) => kindOf(j).verify);
  const threads = opts.threads ?? (coresFree() ? threadsFor(jobs.length, SMALL_PLAN) : 1);
  const results = threads > 1 ? await onLanes(jobs, model, opts.projectRoot, threads) : await inThisThread(jobs, model, fonts);
  const out: Verified = { errors: [], notes: [], jobs: jobs.length };
  // In plan order, whichever lane laid a job out.
  for (const r of results) {
    out.errors.push(...(r.errors ?? []));
    out.notes.push(...(r.notes ?? []));
  }
  return out;
}

interface JobVerdict {
  errors?: Diagnostic[];
  notes?: string[];
}

async function inThisThread(jobs: RenderJob[], model: DocumentModel, fonts: TemplateFonts): Promise<JobVerdict[]> {
  const out: JobVerdict[] = [];
  for (const job of jobs) {
    const kind = kindOf(job);
    try {
      out.push({ notes: (await kind.verify!({ job, model: kind.slice(model, job) }, fonts)).notes });
    } catch (e) {
      if (!(e instanceof WarraqError)) throw e;
      out.push({ errors: e.diagnostics });
    }
  }
  return out;
}

/** The jobs on the render lanes: each lane takes its own family's jobs first, then the others'. */
async function onLanes(jobs: RenderJob[], model: DocumentModel, projectRoot: string, threads: number): Promise<JobVerdict[]> {
  const pool = await createPool(threads);
  try {
    const out: JobVerdict[] = new Array(jobs.length);
    const waiting = new Set(jobs.keys());
    const next = (lane: Lane) => {
      const mine = [...waiting].find((i) => lane.family === 'any' || kindOf(jobs[i]).family === lane.family);
      const i = mine ?? waiting.values().next().value;
      if (i !== undefined) waiting.delete(i);
      return i;
    };
    const work = async (lane: Lane) => {
      for (let i = next(lane); i !== undefined; i = next(lane)) {
        const job = jobs[i];
        const r = await lane.run({ job, model: kindOf(job).slice(model, job), projectRoot, key: '', cacheDir: '', inputs: [], verify: true });
        out[i] = r.diagnostics ? { errors: r.diagnostics } : { notes: r.aux.notes };
      }
    };
    // As many jobs in flight on a lane as it has threads.
    await Promise.all(pool.lanes.flatMap((lane) => Array.from({ length: lane.threads }, () => work(lane))));
    return out;
  } finally {
    await pool.destroy();
  }
}
