/**
 * Font subsets, remembered. fontkit encodes each font's subset when the PDF
 * is finished (decoding the font's tables and copying every glyph the file
 * uses, copies included): ≈ 50–100 ms of a booklet in a cold process. The
 * subset's bytes depend only on the font's bytes and the list of glyphs
 * (in code order), so they are kept under the SHA-256 of those two: in
 * memory per thread and, in the build's main thread, in
 * `.warraq-cache/memo/subsets-<code>.bin` (src/jobs/memoStore.ts; the salt
 * is the code's digest, package versions included, so another fontkit never
 * meets old bytes). A subset found again is the same bytes as encoding it.
 */
import { createHash } from 'node:crypto';
import type { LoadedFont } from '../../text/fonts.js';
import { fontDigest } from '../../text/fontDigest.js';
import { memoLevel, type StoredMemo } from '../../memoLevel.js';

const FORMAT = 'warraq-subsets 1';

const limits = {
  /** Most bytes of subsets held in memory, per thread. */
  memoryBytes: 8 * 1024 * 1024,
  /** Most bytes of subsets written to the disk level. */
  diskBytes: 8 * 1024 * 1024,
};

/** The part of fontkit's subset this module uses. */
interface Subset {
  glyphs: number[];
  encode(): Uint8Array;
}

const level = memoLevel<Uint8Array>(FORMAT, (b) => b.length, limits);

/** Makes `subset.encode()` (called once, when the PDF is finished) give the bytes remembered for the same font and glyphs. */
export function rememberSubset(subset: Subset, font: LoadedFont): void {
  const encode = subset.encode.bind(subset);
  subset.encode = () => {
    const key = createHash('sha256').update(fontDigest(font)).update(new Uint32Array(subset.glyphs)).digest('base64');
    const known = level.get(key);
    // Copies: pdfkit may keep or change what it is given.
    if (known instanceof Uint8Array) return new Uint8Array(known);
    const bytes = encode();
    level.set(key, new Uint8Array(bytes));
    return bytes;
  };
}

/** The disk level, for src/jobs/memoStore.ts: started from what the last build stored, its bytes for the next. */
export const startSubsetMemo = (codeSalt: string, bytes: StoredMemo) => level.start(codeSalt, bytes);
export const subsetMemoBytes = () => level.bytes();

/** Empties the in-memory level (tests: as a new process would start). */
export const forgetSubsetsInMemory = () => level.forget();
