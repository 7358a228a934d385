/**
 * Waiting for something another process or a file watcher does: poll a
 * condition with a generous timeout. Nothing here measures a speed; the
 * timeout only turns a hang into a failure that says what never came.
 */

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Resolves once `ok()` holds, checking every 50 ms; throws after `ms` naming `what`, followed by `detail()` when given
 * (a process's output, say).
 */
export async function until(what: string, ok: () => boolean, ms: number, detail?: () => string): Promise<void> {
  for (const t0 = Date.now(); !ok(); await sleep(50)) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}${detail ? `:\n${detail()}` : ''}`);
  }
}
