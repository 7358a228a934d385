/**
 * Streams deflated before in this thread, by their bytes: after an edit most
 * of a file's streams are the ones the last drawing wrote (a page the edit
 * did not reach, a font subset that gained no glyph, its ToUnicode map), and
 * they are taken as deflated then instead of deflated again. The same input
 * gives zlib's same output, so the file's bytes do not depend on it.
 * pdfkit asks the document for its deflate (`deflateStream`, a line of
 * patches/pdfkit+*.patch); renderPages.tsx gives it this one. In memory only
 * (src/memoLevel.ts, never started on disk), least recently used out beyond 16 MB.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { memoLevel } from '../../memoLevel.js';

const deflated = memoLevel<Uint8Array>('deflated', (out) => out.length + 64, { memoryBytes: 16 * 1024 * 1024, diskBytes: 0 });
/** Smaller streams deflate faster than they hash and look up. */
const SMALLEST = 256;

/** `data` deflated at zlib's default level, as pdfkit deflates its streams. */
export function rememberedDeflate(data: Uint8Array): Uint8Array {
  if (data.length < SMALLEST) return deflateSync(data);
  const key = createHash('sha256').update(data).digest('base64');
  const known = deflated.get(key);
  if (known) return known;
  const out = deflateSync(data);
  deflated.set(key, out);
  return out;
}
