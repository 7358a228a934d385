/**
 * Where render jobs run: a pool of worker threads (piscina), each of which
 * loads the renderers, fonts and WASM once and then takes job after job; or,
 * with one job at a time, the main thread itself.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { RenderTask, TaskResult } from '../render/worker.js';

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
