/**
 * Which job to start next, and on which lane. No I/O and no clock: the build
 * tells the scheduler what started and what finished, and asks what to start.
 *
 * Jobs that are ready (their inputs done) start by priority: the estimated
 * time from the job's start to the end of the longest chain of jobs that
 * wait for it (its "tail"). The booklet's press PDF (a layout and a CMYK
 * render, with the saddle sheets waiting for it) and the booklet come first;
 * started early, they run beside the cards instead of alone at the end. Ties
 * keep plan order.
 *
 * Jobs also have a family, by the renderer they need: 'pdf' (react-pdf,
 * pdf-lib) or 'image' (satori, librsvg, image encoders). A
 * thread that renders only one family never loads the other's libraries nor
 * warms up their code, which on few cores costs more than it saves; so each
 * lane takes its own family's jobs, and the other family's only when its own
 * has none ready and many of the other's wait.
 */
import type { JobFamily, RenderJob } from './kind.js';
import { kindOf } from './kinds.js';

export const familyOf = (job: RenderJob): JobFamily => kindOf(job).family;

/** Rough render time of one job, in ms (its kind's `cost`): the scheduler uses only their ratios, the build their sum (src/build.ts `defaultThreads`). */
export const estimatedCost = (job: RenderJob): number => kindOf(job).cost;

/** Who takes each job's result, by job path; `inputs`: each job's inputs (src/jobs/planJobs.ts `planInputs`). */
function dependentsOf(jobs: readonly RenderJob[], inputs: ReadonlyMap<string, string[]>): Map<string, RenderJob[]> {
  const dependents = new Map<string, RenderJob[]>(jobs.map((j) => [j.path, []]));
  for (const job of jobs) for (const p of inputs.get(job.path) ?? []) dependents.get(p)?.push(job);
  return dependents;
}

/** Each job's tail: its own cost plus the longest tail among the jobs that take its result. */
export function priorities(jobs: readonly RenderJob[], inputs: ReadonlyMap<string, string[]>, dependents: ReadonlyMap<string, RenderJob[]> = dependentsOf(jobs, inputs)): Map<string, number> {
  const tail = new Map<string, number>();
  // planJobs puts inputs before the jobs that take them, so backwards every dependent is known first.
  for (const job of [...jobs].reverse()) {
    const after = Math.max(0, ...dependents.get(job.path)!.map((d) => tail.get(d.path) ?? 0));
    tail.set(job.path, estimatedCost(job) + after);
  }
  return tail;
}

/** What the scheduler needs to know of a lane (src/jobs/pool.ts). */
export interface LaneShape {
  /** The family the lane takes first; 'any' takes the best job of either. */
  family: JobFamily | 'any';
  /** Jobs the lane runs at once. */
  capacity: number;
  /** Render threads in the lane. */
  threads: number;
}

export class Scheduler<L extends LaneShape> {
  private readonly dependents: Map<string, RenderJob[]>;
  private readonly priority: Map<string, number>;
  /** Position by priority, then plan order: ready lists are kept sorted by it. */
  private readonly rank = new Map<string, number>();
  /** Unfinished inputs of each job that waits to render. */
  private readonly missing = new Map<string, number>();
  private readonly ready: Record<JobFamily, RenderJob[]> = { pdf: [], image: [] };
  private readonly busy = new Map<L, number>();
  /** Lanes lent to one job (see `runsAlone`), and the job. */
  private readonly alone = new Map<L, string>();
  private readonly threads: number;
  /** Jobs that the lanes taking a family first run at once. */
  private readonly capacity: Record<JobFamily, number>;
  /** Estimated cost of the jobs not started yet. */
  private unstarted = 0;
  /** Jobs to render that have not finished (waiting, ready or running). */
  private readonly unfinished = new Set<string>();

  /**
   * `render`: paths of the jobs to run; every other job of the plan counts as
   * finished already (reused or skipped). `inputs`: each job's inputs.
   */
  constructor(
    jobs: readonly RenderJob[],
    render: ReadonlySet<string>,
    private readonly lanes: readonly L[],
    private readonly inputs: ReadonlyMap<string, string[]>,
  ) {
    this.dependents = dependentsOf(jobs, inputs);
    this.priority = priorities(jobs, inputs, this.dependents);
    const order = new Map(jobs.map((j, i) => [j.path, i]));
    [...jobs]
      .sort((a, b) => this.priority.get(b.path)! - this.priority.get(a.path)! || order.get(a.path)! - order.get(b.path)!)
      .forEach((j, i) => this.rank.set(j.path, i));
    this.threads = lanes.reduce((n, l) => n + l.threads, 0);
    const capacityOf = (f: JobFamily) => lanes.filter((l) => l.family === f || l.family === 'any').reduce((n, l) => n + l.capacity, 0);
    this.capacity = { pdf: capacityOf('pdf'), image: capacityOf('image') };
    for (const l of lanes) this.busy.set(l, 0);
    const toRender = jobs.filter((j) => render.has(j.path));
    for (const job of toRender) {
      this.unstarted += estimatedCost(job);
      this.unfinished.add(job.path);
      for (const d of this.dependents.get(job.path)!) if (render.has(d.path)) this.missing.set(d.path, (this.missing.get(d.path) ?? 0) + 1);
    }
    for (const job of toRender) if (!this.missing.has(job.path)) this.makeReady(job);
  }

  /** Jobs that have not started yet. */
  get pending(): number {
    return this.missing.size + this.ready.pdf.length + this.ready.image.length;
  }

  /**
   * The next job to start and its lane, or undefined when no lane has a free
   * slot for a ready job. The job counts as started.
   *
   * First every lane takes its own family's best job; then a lane with a free
   * slot takes the other family's best job, but only when more than twice as
   * many of those wait as their own lanes run at once: a main thread that
   * took one of a few cards would first have to load and warm up satori and
   * libvips for it.
   */
  next(): { job: RenderJob; lane: L } | undefined {
    for (const steal of [false, true]) {
      for (const lane of this.lanes) {
        if (this.busy.get(lane)! >= lane.capacity || this.alone.has(lane)) continue;
        const job = steal ? this.stealFor(lane) : this.bestOf(lane.family);
        if (!job) continue;
        this.take(job, lane);
        return { job, lane };
      }
    }
    return undefined;
  }

  /** `job`, started on `lane`, has finished: its dependents may become ready. */
  finished(job: RenderJob, lane: L): void {
    this.busy.set(lane, this.busy.get(lane)! - 1);
    this.unfinished.delete(job.path);
    if (this.alone.get(lane) === job.path) this.alone.delete(lane);
    for (const d of this.dependents.get(job.path) ?? []) {
      const left = this.missing.get(d.path);
      if (left === undefined) continue;
      if (left > 1) this.missing.set(d.path, left - 1);
      else {
        this.missing.delete(d.path);
        this.makeReady(d);
      }
    }
  }

  private bestOf(family: JobFamily | 'any'): RenderJob | undefined {
    if (family !== 'any') return this.ready[family][0];
    const [a, b] = [this.ready.pdf[0], this.ready.image[0]];
    if (!a || !b) return a ?? b;
    return this.rank.get(a.path)! < this.rank.get(b.path)! ? a : b;
  }

  private stealFor(lane: L): RenderJob | undefined {
    if (lane.family === 'any') return undefined;
    const other: JobFamily = lane.family === 'pdf' ? 'image' : 'pdf';
    return this.ready[other].length > 2 * this.capacity[other] ? this.ready[other][0] : undefined;
  }

  private take(job: RenderJob, lane: L): void {
    const list = this.ready[familyOf(job)];
    list.splice(list.indexOf(job), 1);
    this.unstarted -= estimatedCost(job);
    this.busy.set(lane, this.busy.get(lane)! + 1);
    if (lane.threads === 1 && this.runsAlone(job)) this.alone.set(lane, job.path);
  }

  /**
   * Whether `job` gets its thread to itself: its chain (it and the jobs that
   * wait for it alone, see below) is longer than the rest of the work shared
   * out over the threads, so the build ends when the chain does. Jobs that
   * share a thread take turns on its one JavaScript thread, and anything
   * started beside it would only delay the chain. In an edit (one thread)
   * that is the booklet, whose press and PDF/X files follow it; in a full
   * build, nothing.
   *
   * A job of the chain that also waits for an unfinished job outside it (the
   * gallery page, which takes every thumbnail) cannot end before that job
   * does, so it is not part of the chain, nor is what waits for it: with it,
   * the last jobs of a build (the thumbnails, each in the gallery page's
   * chain) each had the thread alone, and the main thread sat idle while
   * libvips encoded one card's thumbnail after another (≈ 0.1 s of an edit's
   * wall).
   */
  private runsAlone(job: RenderJob): boolean {
    const chain = new Set<RenderJob>();
    const walk = (j: RenderJob) => {
      if (chain.has(j)) return;
      chain.add(j);
      for (const d of this.dependents.get(j.path) ?? []) walk(d);
    };
    walk(job);
    const paths = new Set([...chain].map((j) => j.path));
    for (let changed = true; changed; ) {
      changed = false;
      for (const j of chain) {
        if (j === job || !(this.inputs.get(j.path) ?? []).some((p) => this.unfinished.has(p) && !paths.has(p))) continue;
        chain.delete(j);
        paths.delete(j.path);
        changed = true;
      }
    }
    if (chain.size === 1) return false;
    let chainCost = 0;
    for (const j of chain) if (j !== job && this.missing.has(j.path)) chainCost += estimatedCost(j);
    const rest = this.unstarted - chainCost;
    return this.priority.get(job.path)! >= rest / Math.max(1, this.threads);
  }

  private makeReady(job: RenderJob): void {
    const list = this.ready[familyOf(job)];
    const r = this.rank.get(job.path)!;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rank.get(list[mid].path)! < r) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, job);
  }
}
