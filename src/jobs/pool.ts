/**
 * Where render jobs run: a pool of worker threads (piscina), each of which
 * loads the renderers, fonts and WASM once and then takes job after job; or,
 * with one job at a time, the main thread itself.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentModel } from '../model/types.js';
import type { JustifyMode } from '../text/compose.js';
import type { RenderTask, TaskResult } from '../render/worker.js';
import { jobModel } from './cache.js';
import { planJobs } from './planJobs.js';

export interface RenderPool {
  /** How many jobs run at once. */
  readonly size: number;
  /** True when jobs run in worker threads. */
  readonly threaded: boolean;
  run(task: RenderTask): Promise<TaskResult>;
  destroy(): Promise<void>;
}

/** One job per core. */
export const defaultJobs = (): number => Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);

export interface PoolOptions {
  /**
   * Run in worker threads even with size 1. A long-lived caller (watch mode)
   * wants this: a new pool then loads changed templates, which the main
   * thread's module cache never would.
   */
  threads?: boolean;
}

const workerEntry = fileURLToPath(new URL('../render/worker-entry.mjs', import.meta.url));

export async function createPool(size: number = defaultJobs(), opts: PoolOptions = {}): Promise<RenderPool> {
  size = Math.max(1, Math.floor(size));
  if (size === 1 && !opts.threads) {
    const { runTask } = await import('../render/worker.js');
    return { size, threaded: false, run: runTask, destroy: async () => {} };
  }
  // libvips (sharp) must stay loaded in the main thread while workers come
  // and go, or glibc unloads it under a live worker.
  await import('sharp');
  const { Piscina } = await import('piscina');
  const pool = new Piscina<RenderTask, TaskResult>({
    filename: workerEntry,
    minThreads: size,
    maxThreads: size,
    idleTimeout: Number.MAX_SAFE_INTEGER,
    // The entry registers tsx itself; inherit no loader flags from the parent
    // (tsx's CLI or vitest), which would register a second one.
    execArgv: [],
    // Two jobs per worker: one's image encoding (libvips, off the JS thread)
    // or Ghostscript run overlaps the other's layout.
    concurrentTasksPerWorker: 2,
  });
  let destroyed = false;
  return {
    size,
    threaded: true,
    run: (task) => pool.run(task),
    destroy: async () => {
      if (destroyed) return;
      destroyed = true;
      await pool.destroy();
    },
  };
}

/**
 * Gets every worker of a long-lived pool ready (watch mode): each renders a
 * leaflet and a card of the first point and throws them away, so that fonts,
 * WASM and the renderers are initialised before the first real rebuild.
 */
export async function warmPool(pool: RenderPool, model: DocumentModel, projectRoot: string, justify?: JustifyMode): Promise<void> {
  const n = model.points[0]?.number;
  const jobs = planJobs(model).filter((j) => (j.kind === 'leaflet' || j.kind === 'card') && j.point === n);
  const some = [jobs.find((j) => j.kind === 'leaflet'), jobs.find((j) => j.kind === 'card')].filter((j) => j !== undefined);
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'warraq-warm-'));
  try {
    await Promise.all(
      Array.from({ length: pool.size }).flatMap(() => some.map((job) => pool.run({ job, model: jobModel(model, job), projectRoot, justify, key: 'warm', cacheDir }))),
    );
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}
