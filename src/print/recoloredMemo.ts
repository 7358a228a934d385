/**
 * Press pages recoloured before (src/print/pressFiles.ts `recolorContent`),
 * by what decides the result: the drawn content stream, its record of
 * colours, the colour mode, and zlib's version (the result is deflated: one
 * zlib gives the same bytes for the same input, another makes entries of its
 * own). After an edit most pages of a drawing are the same operators as
 * before (the painter gives a glyph the code it had), and their press
 * content is taken as it was instead of inflated, recoloured and deflated
 * again. In memory per thread (≤ 8 MB, least recently used out) and, between
 * builds, in the main thread (`.warraq-cache/memo/`, src/jobs/memoStore.ts),
 * so a command's edit recolours only the pages it changed. Apart from
 * pressFiles.ts so that opening the memos does not load pdf-lib.
 */
import { memoLevel, type StoredMemo } from '../memoLevel.js';

/** A page's press content stream, deflated, and whether it sets black text to overprint. */
export interface Recolored {
  bytes: Uint8Array;
  overprints: boolean;
}

const isRecolored = (v: unknown): v is Recolored =>
  typeof v === 'object' && v !== null && (v as Recolored).bytes instanceof Uint8Array && typeof (v as Recolored).overprints === 'boolean';

const sizeOf = (v: Recolored) => v.bytes.length + 64;

export const recolored = memoLevel<Recolored>('recolored', sizeOf, { memoryBytes: 8 * 1024 * 1024, diskBytes: 8 * 1024 * 1024 }, {
  pack: (v) => v,
  sizeOf,
  valid: isRecolored,
});

/** The memo's disk level (src/jobs/memoStore.ts). */
export const startRecoloredMemo = (codeSalt: string, bytes: StoredMemo) => recolored.start(codeSalt, bytes);
export const recoloredMemoBytes = () => recolored.bytes();
