/**
 * Reading a source or metadata file: only a regular file, and only up to
 * LIMITS.fileBytes. A FIFO, a device (`/dev/zero`), a socket or a folder is
 * refused before a byte is read, so nothing waits on a writer that never
 * comes or reads without end. The file is opened non-blocking (opening a FIFO
 * would otherwise wait for a writer) and checked with fstat on the same
 * handle it is read from.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { WarraqError } from '../diagnostics.js';
import { LIMITS } from './limits.js';
import { makeDiagnostic } from './report.js';

interface ReadOptions {
  /** The path as the user gave it, for the diagnostic's place. */
  shown: string;
  /** Diagnostic code for an unreadable file (E-READ for the source, E-META-READ for metadata). */
  code: string;
  /** What the file should be, for `expected:`. */
  what: string;
}

/** The file's bytes; throws WarraqError when it is not a regular file, is too large, or cannot be read. ENOENT is rethrown as is when `missingOk`. */
export async function readRegularFile(abs: string, o: ReadOptions & { missingOk?: boolean }): Promise<Uint8Array> {
  const fail = (message: string, found: string, hint: string): never => {
    throw new WarraqError([makeDiagnostic(o.code, 'error', { file: o.shown, line: 1, col: 1 }, message, { expected: o.what, found, hint })]);
  };
  let handle;
  try {
    handle = await open(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && o.missingOk) throw e;
    return fail(`cannot read ${o.shown}: ${code ?? (e as Error).message}`, abs, hintFor(code));
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) {
      const kind = st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a FIFO (named pipe)' : st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device' : st.isSocket() ? 'a socket' : 'not a regular file';
      return fail(`${o.shown} is ${kind}, not a file`, `${abs}: ${kind}`, 'give the path of a text file saved on disk; warraq does not read from pipes or devices');
    }
    if (st.size > LIMITS.fileBytes) {
      return fail(`${o.shown} is larger than ${LIMITS.fileBytes / 1024 / 1024} MB`, `${st.size.toLocaleString('en-US')} bytes`, 'check that this is the right file; a document this long should be split into several');
    }
    const bytes = await handle.readFile();
    // The file may have grown between fstat and the read.
    if (bytes.length > LIMITS.fileBytes) return fail(`${o.shown} is larger than ${LIMITS.fileBytes / 1024 / 1024} MB`, `${bytes.length.toLocaleString('en-US')} bytes`, 'the file grew while it was read; try again');
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  } catch (e) {
    if (e instanceof WarraqError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    return fail(`cannot read ${o.shown}: ${code ?? (e as Error).message}`, abs, hintFor(code));
  } finally {
    await handle.close().catch(() => {});
  }
}

/** How a metadata file is read: E-META-READ when it is not a regular file, is too large, or cannot be read. */
export const META_READ = { code: 'E-META-READ', what: 'a readable YAML file, or none' } as const;

/** The source text's bytes: E-READ when it is not a regular file, is too large, or cannot be read. `shown`: its path as the user gave it. */
export const readSourceBytes = (abs: string, shown: string) => readRegularFile(abs, { shown, code: 'E-READ', what: 'a readable UTF-8 text file' });

function hintFor(code: string | undefined): string {
  if (code === 'ENOENT') return 'check the path (it is relative to the project folder)';
  if (code === 'EACCES' || code === 'EPERM') return 'the file is not readable by you: check its permissions';
  if (code === 'EISDIR') return 'this is a folder; give the path of the text file inside it';
  if (code === 'ENOTDIR') return 'a part of the path is a file, not a folder: check the path';
  if (code === 'ELOOP') return 'the path is a loop of symbolic links';
  return 'check the path and that the file is readable';
}
