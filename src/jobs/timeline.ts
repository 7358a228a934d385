/**
 * A build's timeline, for measuring which chain of jobs decides an edit's
 * wall time: with WARRAQ_TIMELINE set, each job's start and end on its lane
 * and a few steps of the build are printed to stderr, in ms since the
 * process started (`performance.now()`), once the build is done. Off, it
 * costs one check per mark.
 *
 * Each step also carries the CPU its thread had used by then (`cpu`, from
 * Linux's /proc/thread-self/schedstat; absent elsewhere): on a shared
 * machine the wall time between two steps measures the load as much as the
 * work, and the CPU between them does not (docs/performance.md, "How to run
 * the bench"). The proofing thread prints its own CPU the same way
 * (src/proof/worker.ts).
 */
import { readFileSync } from 'node:fs';

const on = Boolean(process.env.WARRAQ_TIMELINE);
const lines: string[] = [];

/** The CPU time this thread has used, in ms (user and system), or undefined where /proc/thread-self/schedstat is not. */
export function threadCpuMs(): number | undefined {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/** Whether the timeline is on (WARRAQ_TIMELINE). */
export const timelineOn = on;

/** A step of the build (`what`), now. */
export function mark(what: string): void {
  if (!on) return;
  const cpu = threadCpuMs();
  lines.push(`${performance.now().toFixed(0).padStart(6)}  ${cpu === undefined ? '' : `cpu ${cpu.toFixed(0).padStart(5)}  `}${what}`);
}

/** A job on `lane`: marks its start, and returns what marks its end. */
export function span(what: string, lane: string): () => void {
  if (!on) return () => {};
  const t = performance.now();
  mark(`start ${what} [${lane}]`);
  return () => mark(`end   ${what} [${lane}] ${(performance.now() - t).toFixed(0)} ms`);
}

/** Prints what was marked since the last flush. */
export function flushTimeline(): void {
  if (!on || !lines.length) return;
  process.stderr.write(`timeline:\n${lines.join('\n')}\n`);
  lines.length = 0;
}
