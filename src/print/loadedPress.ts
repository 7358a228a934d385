/**
 * Press files kept loaded for the imposition made from them. A press job
 * (booklet-press, leaflets-press) has its file as a pdf-lib document when it
 * saves it; the imposed sheet made from it next (saddle, 2-up) parsed the
 * saved bytes again (≈ 15 ms of CPU each for ≈ 0.9 MB, more cold in a
 * command's edit). The document is kept here, in this thread, under the
 * press job's key (what its bytes are), and the imposition takes it out when
 * it runs in the same thread with that key as its input; otherwise it parses
 * the bytes as before. Copying pages out of the document saved and out of
 * its bytes parsed gives the same sheet (test/print/pressFiles.test.ts).
 */
import type { PDFDocument } from 'pdf-lib';
import { handOver } from '../handOver.js';

/** A PDF as bytes, or as bytes and the same file already loaded. */
export type PdfSource = Uint8Array | { bytes: Uint8Array; doc: PDFDocument };

/** At most a few (the latest): the imposition may run in another thread, and a document holds its file's objects. */
const kept = handOver<PDFDocument>(2);

/** Keeps `doc`, saved as the output of the job with key `key`, for the job that imposes it. */
export const keepLoaded = (key: string, doc: PDFDocument): void => kept.keep(key, doc);

/** `bytes` (the output of the job with key `key`), with its document when this thread kept it; taken out. */
export function loadedOr(key: string, bytes: Uint8Array): PdfSource {
  const doc = kept.take(key);
  return doc ? { bytes, doc } : bytes;
}
