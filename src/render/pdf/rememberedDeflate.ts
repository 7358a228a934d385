/**
 * Streams deflated before in this thread, by their bytes: after an edit most
 * of a file's streams are the ones the last drawing wrote (a page the edit
 * did not reach, a font subset that gained no glyph, its ToUnicode map), and
 * they are taken as deflated then instead of deflated again. The same input
 * gives zlib's same output, so the file's bytes do not depend on it.
 * pdfkit asks the document for its deflate (`deflateStream`, a line of
 * patches/pdfkit+*.patch); renderPages.tsx gives it this one. Least recently
 * used out beyond KEPT_BYTES.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

const kept = new Map<string, { out: Uint8Array; size: number }>();
let keptBytes = 0;
const KEPT_BYTES = 16 * 1024 * 1024;
/** Smaller streams deflate faster than they hash and look up. */
const SMALLEST = 256;

/** `data` deflated at zlib's default level, as pdfkit deflates its streams. */
export function rememberedDeflate(data: Uint8Array): Uint8Array {
  if (data.length < SMALLEST) return deflateSync(data);
  const key = createHash('sha256').update(data).digest('base64');
  const known = kept.get(key);
  if (known) {
    // Most recently used last.
    kept.delete(key);
    kept.set(key, known);
    return known.out;
  }
  const out = deflateSync(data);
  const size = key.length + out.length;
  kept.set(key, { out, size });
  keptBytes += size;
  for (const [k, v] of kept) {
    if (keptBytes <= KEPT_BYTES) break;
    kept.delete(k);
    keptBytes -= v.size;
  }
  return out;
}
