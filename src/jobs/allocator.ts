/**
 * The C allocator, tuned for rendering. The card and thumbnail encoders
 * (libvips through sharp) allocate and free rasters of several MB, from
 * many threads. glibc's malloc then raises its mmap threshold to the size of
 * the first raster freed, so the next ones come from its per-thread arenas,
 * which keep the freed pages: a cold build of the seed grew to ≈ 620–690 MiB,
 * ≈ 490 MiB with the settings below (docs/performance.md, "Memory").
 * glibc reads them from the environment only at start (MALLOC_MMAP_THRESHOLD_,
 * MALLOC_ARENA_MAX); `mallopt` sets them in a running process, reached here
 * through koffi's FFI. Elsewhere (musl, macOS, Windows) nothing is done.
 */
import { createRequire } from 'node:module';

/** mallopt's parameter numbers (glibc malloc.h). */
const M_MMAP_THRESHOLD = -3;
const M_ARENA_MAX = -8;
/** Blocks from this size on are mapped on their own and returned when freed (fixed: no dynamic threshold). */
const MMAP_THRESHOLD = 1024 * 1024;
/** Arenas for all threads (glibc's default is 8 per core). */
const ARENA_MAX = 2;

let tuned: boolean | undefined;
let mallocTrim: ((pad: number) => number) | undefined;

/** Tunes malloc once per process (every thread shares it); whether it was done. The environment's own settings win. */
export function tuneAllocator(): boolean {
  if (tuned !== undefined) return tuned;
  tuned = false;
  if (process.platform !== 'linux') return tuned;
  try {
    const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
    const libc = koffi.load('libc.so.6');
    const mallopt = libc.func('int mallopt(int, int)') as (param: number, value: number) => number;
    const threshold = process.env.MALLOC_MMAP_THRESHOLD_ === undefined ? mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) === 1 : true;
    const arenas = process.env.MALLOC_ARENA_MAX === undefined ? mallopt(M_ARENA_MAX, ARENA_MAX) === 1 : true;
    tuned = threshold && arenas;
    mallocTrim = libc.func('int malloc_trim(size_t)') as (pad: number) => number;
  } catch {
    // Not glibc, or koffi has no binary for this platform: malloc keeps its defaults.
  }
  return tuned;
}

/** How often `trimWhileRendering` gives freed memory back. */
const TRIM_EVERY_MS = 1000;

/**
 * While a build with image jobs (`images`) renders, gives the free pages
 * inside malloc's arenas back to the system (`malloc_trim(0)`) every
 * TRIM_EVERY_MS. Blocks under the mmap threshold (zlib's state, pdfkit's and
 * fontkit's buffers, libvips' smaller allocations) are freed into the
 * arenas, which glibc returns only from their top; between the blocks still
 * in use their pages stay resident. A warm watch session peaked ≈ 30–60 MiB
 * lower with it (docs/performance.md); a trim takes a few ms of the main
 * thread. Only where `tuneAllocator` did its work (glibc); a build without
 * image jobs (PDF files only) does not trim, even after one with them in the
 * same process. Returns the function that stops it.
 */
export function trimWhileRendering(images: boolean): () => void {
  const trim = images && tuned ? mallocTrim : undefined;
  if (!trim) return () => {};
  const timer = setInterval(() => trim(0), TRIM_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Node flags for a long-lived build process (the watch session), every
 * thread of it: a young generation of 2 × 4 MiB per thread instead of
 * V8's 2 × 16 MiB, which each thread filled between scavenges (32 MiB of
 * new space per thread, most of it garbage: a job's layout, a drawing's
 * buffers). Smaller, more frequent scavenges also free the dead buffers'
 * native memory sooner. The warm session's peak fell by ≈ 20–40 MiB for
 * the same CPU within the noise (docs/performance.md,
 * "Memory"). A command's build keeps V8's defaults: it ends anyway.
 */
export const SESSION_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];
