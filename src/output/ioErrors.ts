/**
 * File-system failures of the output stage as diagnostics. A full disk, a
 * read-only or forbidden folder, or a file where a folder must be (and the
 * reverse) end as `E-OUT-IO` (writing outputs) or `E-LOCK-IO` (taking the
 * lock) with the path, the system's words and a hint, never as a raw stack.
 */
import { WarraqError } from '../diagnostics.js';
import { makeDiagnostic } from '../parse/report.js';

const HINTS: Record<string, string> = {
  ENOSPC: 'the disk is full: free some space, or build onto another disk with --out',
  EDQUOT: 'your disk quota is used up: free some space, or build onto another disk with --out',
  EACCES: 'you may not write there: check the folder’s permissions, or build elsewhere with --out',
  EPERM: 'the system does not allow this change: check the folder’s permissions and attributes, or build elsewhere with --out',
  EROFS: 'that file system is read-only: build into a writable folder with --out',
  EISDIR: 'a folder stands where warraq writes a file: move that folder away, or build elsewhere with --out',
  ENOTDIR: 'a file stands where warraq needs a folder: move that file away, or build elsewhere with --out',
  EMFILE: 'too many files are open: close other programs or raise the limit (ulimit -n), then build again',
  EIO: 'the disk reported an error: check it, or build onto another disk with --out',
};

/** The error's system code (ENOSPC, …), if it has one. */
export const errnoOf = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

/** Whether `e` is a file-system error that we turn into a diagnostic. */
const isIoError = (e: unknown): boolean => !(e instanceof WarraqError) && typeof errnoOf(e) === 'string' && errnoOf(e)!.startsWith('E');

/**
 * `e` as a WarraqError when it is a file-system error; anything else is
 * returned unchanged. `what` says what was being done ("writing the
 * outputs of /p/dist").
 */
export function ioDiagnostic(e: unknown, stage: 'output' | 'lock', file: string, what: string): unknown {
  if (!isIoError(e)) return e;
  const code = errnoOf(e)!;
  const err = e as NodeJS.ErrnoException;
  const where = err.path ?? file;
  const message = `${what}: ${code === 'ENOSPC' ? 'no space left on the device' : err.message.replace(/^\w+: /, '')}`;
  const details = {
    expected: stage === 'lock' ? 'a lock file that can be created beside the output folder' : 'the output files written in full',
    found: `${code} at ${where}`,
    hint: HINTS[code] ?? 'check the folder and the disk, then build again; the previous output was left as it was',
  };
  return new WarraqError([
    stage === 'lock' ? makeDiagnostic('E-LOCK-IO', 'error', { file, line: 1, col: 1 }, message, details) : makeDiagnostic('E-OUT-IO', 'error', { file, line: 1, col: 1 }, message, details),
  ]);
}
