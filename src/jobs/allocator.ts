/**
 * The C allocator, tuned for rendering. The card and thumbnail encoders
 * (libvips through sharp) allocate and free rasters of several MB, from
 * many threads. glibc's malloc then raises its mmap threshold to the size of
 * the first raster freed, so the next ones come from its per-thread arenas,
 * which keep the freed pages: a cold build of the seed grew to ≈ 620–690 MiB,
 * ≈ 490 MiB with the settings below (docs/performance.md, memory).
 * glibc reads them from the environment only at start (MALLOC_MMAP_THRESHOLD_,
 * MALLOC_ARENA_MAX); `mallopt` sets them in a running process, reached here
 * through koffi's FFI. Elsewhere (musl, macOS, Windows) nothing is done.
 */
import { createRequire } from 'node:module';

/** mallopt's parameter numbers (glibc malloc.h). */
const M_MMAP_THRESHOLD = -3;
const M_ARENA_MAX = -8;
/** Blocks from this size on are mapped on their own and returned when freed (fixed: no dynamic threshold). */
export const MMAP_THRESHOLD = 1024 * 1024;
/** Arenas for all threads (glibc's default is 8 per core). */
export const ARENA_MAX = 2;

let tuned: boolean | undefined;

/** Tunes malloc once per process (every thread shares it); whether it was done. The environment's own settings win. */
export function tuneAllocator(): boolean {
  if (tuned !== undefined) return tuned;
  tuned = false;
  if (process.platform !== 'linux') return tuned;
  try {
    const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
    const mallopt = koffi.load('libc.so.6').func('int mallopt(int, int)') as (param: number, value: number) => number;
    const threshold = process.env.MALLOC_MMAP_THRESHOLD_ === undefined ? mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) === 1 : true;
    const arenas = process.env.MALLOC_ARENA_MAX === undefined ? mallopt(M_ARENA_MAX, ARENA_MAX) === 1 : true;
    tuned = threshold && arenas;
  } catch {
    // Not glibc, or koffi has no binary for this platform: malloc keeps its defaults.
  }
  return tuned;
}
