/**
 * Where render jobs run: lanes of render threads. A lane is the main thread
 * or a pool of worker threads (piscina); each thread loads the renderers,
 * fonts and WASM it needs once and then takes job after job.
 *
 * With N render threads (default: one per core) there are two lanes: the
 * main thread, which renders the PDF jobs first, and a pool of N − 1 worker
 * threads, which render the cards first. A lane takes the other family's
 * jobs when its own has none ready and many of the other's wait
 * (src/jobs/schedule.ts). Why split by family: a thread that renders both
 * loads and warms up both react-pdf and satori/libvips, and on this
 * project's 2-core machine that start-up work cost more than the second
 * thread won (docs/performance.md). The main thread renders because it has
 * started anyway: the checks already loaded the fonts and HarfBuzz there.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { threadEntry } from '../compiled.js';
import type { DocumentModel } from '../model/types.js';
import type { RenderTask, TaskResult } from './kind.js';
import type { Preparation } from './worker.js';
import { kindOf } from './kinds.js';
import { planJobs } from './planJobs.js';
import type { LaneShape } from './schedule.js';
import { loadOnce } from '../loadOnce.js';

export interface Lane extends LaneShape {
  /** For the summary: 'main thread' or 'worker threads'. */
  where: 'main thread' | 'worker threads';
  run(task: RenderTask): Promise<TaskResult>;
  /** Loads, in each of the lane's threads, what its first job of a family would load (src/jobs/worker.ts `prepare`), before that job comes. */
  prepare(what: Preparation): Promise<void>;
}

export interface RenderPool {
  lanes: Lane[];
  /** Render threads in all lanes (the main thread counts when it renders). */
  readonly size: number;
  destroy(): Promise<void>;
}

const renderPool = (lanes: Lane[], destroy: () => Promise<void>): RenderPool => ({ lanes, size: lanes.reduce((n, l) => n + l.threads, 0), destroy });

/** One render thread per core. */
export const defaultJobs = (): number => Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);

/**
 * Whether the machine has a core to spare: on a busy one (load ≥ cores) a
 * worker's start-up and contention cost more than it wins (docs/performance.md).
 */
export const coresFree = (): boolean => os.loadavg()[0] < defaultJobs();

/**
 * Threads for `count` of work (jobs, or their estimated cost) when the caller
 * names none: the main thread alone for at most `small` of it (starting a
 * worker costs more than it saves), else one per core. The build (src/build.ts `defaultThreads`) and check's
 * layout pass (src/jobs/verifyJobs.ts) each say what is small for them, and
 * when a worker gains nothing at all.
 */
export const threadsFor = (count: number, small: number): number => (count <= small ? 1 : defaultJobs());

export interface PoolOptions {
  /**
   * Render in worker threads only, even with size 1. A long-lived caller
   * (watch mode) wants this: a new pool then loads changed templates, which
   * the main thread's module cache never would.
   */
  threads?: boolean;
  /**
   * One job at a time, in the main thread: the reference that every other
   * arrangement must equal byte for byte.
   */
  serial?: boolean;
}

/** A worker thread's entry: lib/worker.js compiled, else worker-entry.mjs (src/compiled.ts). */
const workerEntry = threadEntry('worker.js', import.meta.url);

/**
 * Jobs in flight per thread. In the main thread three: while one job's image
 * encoding (libvips threads) goes on off the JavaScript
 * thread, the next one's layout can run. In a worker two, for the same reason.
 */
const MAIN_SLOTS = 3;
const WORKER_SLOTS = 2;

export async function createPool(size: number = defaultJobs(), opts: PoolOptions = {}): Promise<RenderPool> {
  size = Math.max(1, Math.floor(size));
  if (opts.serial || (size === 1 && !opts.threads)) {
    return renderPool([mainLane(opts.serial ? 1 : MAIN_SLOTS, 'any')], async () => {});
  }
  // libvips (sharp) must stay loaded in the main thread while workers come
  // and go, or glibc unloads it under a live worker.
  await import('sharp');
  const pools: Array<{ destroy(): Promise<void> }> = [];
  const workers = async (threads: number, family: Lane['family']): Promise<Lane> => {
    const { lane, pool } = await workerLane(threads, family);
    pools.push(pool);
    return lane;
  };
  let lanes: Lane[];
  try {
    lanes = opts.threads
      ? size === 1
        ? [await workers(1, 'any')]
        : [await workers(1, 'pdf'), await workers(size - 1, 'image')]
      : [mainLane(MAIN_SLOTS, 'pdf'), await workers(size - 1, 'image')];
  } catch (e) {
    await Promise.all(pools.map((p) => p.destroy()));
    throw e;
  }
  let destroyed = false;
  return renderPool(lanes, async () => {
    if (destroyed) return;
    destroyed = true;
    await Promise.all(pools.map((p) => p.destroy()));
  });
}

/** The render code, for the main thread's lane: loaded on its first job (src/loadOnce.ts: not resolved again per job). */
const workerModule = loadOnce(() => import('./worker.js'));

function mainLane(capacity: number, family: Lane['family']): Lane {
  return {
    where: 'main thread',
    threads: 1,
    capacity,
    family,
    run: async (task) => (await workerModule()).runTask(task),
    prepare: async (what) => (await workerModule()).prepare(what),
  };
}

async function workerLane(threads: number, family: Lane['family']) {
  const { Piscina } = await import('piscina');
  const pool = new Piscina<RenderTask | Preparation, TaskResult>({
    filename: workerEntry,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Number.MAX_SAFE_INTEGER,
    // The TypeScript entry registers tsx itself; inherit no loader flags from
    // the parent (tsx's CLI or vitest), which would register a second one.
    execArgv: [],
    concurrentTasksPerWorker: WORKER_SLOTS,
  });
  // One more task per worker waits in piscina's queue, so that a worker that
  // finishes while the main thread is busy with a long stretch of layout
  // (it hands out the jobs) starts the next one at once.
  const lane: Lane = {
    where: 'worker threads',
    threads,
    capacity: threads * (WORKER_SLOTS + 1),
    family,
    run: (task) => pool.run(task),
    prepare: async (what) => void (await Promise.all(Array.from({ length: threads }, () => pool.run(what, { name: 'prepare' })))),
  };
  return { lane, pool };
}

/**
 * Gets every thread of a long-lived pool ready (watch mode): each lane
 * renders, for the first point, one job of each family it takes first that
 * needs no other output, and throws it away, so that fonts, WASM and the
 * renderers are initialised before the first real rebuild.
 */
export async function warmPool(pool: RenderPool, model: DocumentModel, projectRoot: string): Promise<void> {
  const n = model.points[0]?.number;
  const jobs = planJobs(model).filter((j) => j.point === n && !kindOf(j).uses?.length);
  const firstOf = (family: string) => jobs.find((j) => kindOf(j).family === family);
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'warraq-warm-'));
  try {
    await Promise.all(
      pool.lanes.flatMap((lane) => {
        const some = lane.family === 'any' ? [firstOf('pdf'), firstOf('image')] : [firstOf(lane.family)];
        return Array.from({ length: lane.threads }).flatMap(() =>
          some
            .filter((j) => j !== undefined)
            .map((job) => lane.run({ job, model: kindOf(job).slice(model, job), projectRoot, key: 'warm', cacheDir, inputs: [] })),
        );
      }),
    );
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}
