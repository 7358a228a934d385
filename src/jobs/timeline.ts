/**
 * A build's timeline, for measuring which chain of jobs decides an edit's
 * wall time: with WARRAQ_TIMELINE set, each job's start and end on its lane
 * and a few steps of the build are printed to stderr, in ms since the
 * process started (`performance.now()`), once the build is done. Off, it
 * costs one check per mark.
 */
const on = Boolean(process.env.WARRAQ_TIMELINE);
const lines: string[] = [];

/** A step of the build (`what`), now. */
export function mark(what: string): void {
  if (on) lines.push(`${performance.now().toFixed(0).padStart(6)}  ${what}`);
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
