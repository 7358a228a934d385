/**
 * The one bidi-js instance (UAX #9) of a thread. Each `bidiFactory()` call
 * builds the package afresh and decodes its Unicode tables again on first
 * use (≈ 10 ms), so the text layer and the PDF renderer share this one
 * (its functions keep no state between calls).
 */
import bidiFactory from 'bidi-js';

export const bidi = bidiFactory();

const LRI = '\u2066';
const PDI = '\u2069';

/**
 * The embedding levels of `text` (UAX #9) as if each of `isolated` (sorted,
 * disjoint [start, end) ranges) stood between LRI and PDI, without adding a
 * character: the levels are those of the text with the isolates inserted,
 * the isolates' own left out. A left-to-right run so isolated (an address)
 * keeps its neutral ends («https://example.org/path/») at its own level, and
 * nothing around it («،», a bracket) is drawn into it.
 */
export function isolatedLevels(text: string, dir: 'rtl' | 'ltr', isolated: Array<[number, number]>): Uint8Array {
  if (!isolated.length) return bidi.getEmbeddingLevels(text, dir).levels;
  let withIsolates = '';
  let at = 0;
  for (const [a, b] of isolated) {
    withIsolates += `${text.slice(at, a)}${LRI}${text.slice(a, b)}${PDI}`;
    at = b;
  }
  withIsolates += text.slice(at);
  const levels = bidi.getEmbeddingLevels(withIsolates, dir).levels;
  const out = new Uint8Array(text.length);
  // An index of `text` lies one further in `withIsolates` for each LRI and each PDI inserted before it.
  let shift = 0;
  at = 0;
  const copy = (from: number, to: number) => {
    for (let i = from; i < to; i++) out[i] = levels[i + shift];
  };
  for (const [a, b] of isolated) {
    copy(at, a);
    shift++;
    copy(a, b);
    shift++;
    at = b;
  }
  copy(at, text.length);
  return out;
}
