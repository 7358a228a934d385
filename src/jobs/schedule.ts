/**
 * Which job to start next. Pure: the build asks, the renderers never see it.
 *
 * Jobs that are ready (their inputs done) start by priority: the estimated
 * time from the job's start to the end of the longest chain of jobs that
 * wait for it (its "tail"). The booklet comes first because three print files
 * wait for it and one of them, the PDF/X file, is a Ghostscript run that
 * takes longer than any other job; started early, it runs in its own process
 * beside the cards instead of alone at the end. Ties keep plan order.
 *
 * Jobs also have a family, by the renderer they need: 'pdf' (react-pdf,
 * pdf-lib, Ghostscript) or 'image' (satori, librsvg, image encoders). A
 * thread that renders only one family never loads the other's libraries nor
 * warms up their code, which on few cores costs more than it saves.
 */
import type { RenderJob } from './planJobs.js';
import { inputsOf } from './cache.js';

export type JobFamily = 'pdf' | 'image';

export const familyOf = (job: RenderJob): JobFamily => (job.kind === 'card' ? 'image' : 'pdf');

/**
 * Rough render time of one job, in milliseconds on the project's 2-core
 * machine (docs/performance.md). Only their ratios matter: they order the
 * jobs, they never limit or time anything.
 */
export function estimatedCost(job: RenderJob): number {
  switch (job.kind) {
    case 'booklet':
      return 300;
    case 'leaflet':
      return 35;
    case 'leaflets-all':
      return 110;
    case 'card':
      return 80;
    case 'print':
      return { saddle: 85, press: 40, pdfx: 450, 'leaflets-2up': 45 }[job.variant];
  }
}

/** Each job's tail: its own cost plus the longest tail among the jobs that take its result. */
export function priorities(jobs: readonly RenderJob[]): Map<string, number> {
  const dependents = new Map<string, RenderJob[]>();
  for (const job of jobs) for (const p of inputsOf(job, jobs)) dependents.set(p, [...(dependents.get(p) ?? []), job]);
  const tail = new Map<string, number>();
  // planJobs puts inputs before the jobs that take them, so backwards every dependent is known first.
  for (const job of [...jobs].reverse()) {
    const after = Math.max(0, ...(dependents.get(job.path) ?? []).map((d) => tail.get(d.path) ?? 0));
    tail.set(job.path, estimatedCost(job) + after);
  }
  return tail;
}

/**
 * Whether `job` should have its thread to itself: other jobs wait for its
 * result and no job still to start has a longer chain behind it. Jobs that
 * share a thread take turns on its one JavaScript thread, so a job started
 * beside the booklet only delays the booklet, and with it the print files.
 */
export function runsAlone(job: RenderJob, remaining: readonly RenderJob[], jobs: readonly RenderJob[], priority: ReadonlyMap<string, number>): boolean {
  const mine = priority.get(job.path) ?? 0;
  const waitedFor = remaining.some((j) => inputsOf(j, jobs).includes(job.path));
  return waitedFor && remaining.every((j) => (priority.get(j.path) ?? 0) <= mine);
}

/**
 * The next job for a thread whose own family is `family`: the ready job of
 * that family with the highest priority, else (work stealing, so that no
 * thread idles while jobs wait) the best ready job of the other family.
 * Returns its index in `ready`, or -1 when nothing is ready.
 */
export function pickNext(ready: readonly RenderJob[], family: JobFamily | 'any', priority: ReadonlyMap<string, number>, order: ReadonlyMap<string, number>): number {
  let best = -1;
  let bestScore: [number, number, number] | undefined;
  ready.forEach((job, i) => {
    const score: [number, number, number] = [family === 'any' || familyOf(job) === family ? 1 : 0, priority.get(job.path) ?? 0, -(order.get(job.path) ?? 0)];
    if (!bestScore || compare(score, bestScore) > 0) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
