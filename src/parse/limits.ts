/**
 * The largest input warraq takes, and the checks that say so. Set
 * generously: far beyond any real document (the seed is 8 KB, 15 points of
 * under 1,000 characters), yet small enough that every stage answers in
 * seconds. docs/errors.md lists them (E-LIMIT-*).
 */

export const LIMITS = {
  /** Bytes of a source or metadata file. */
  fileBytes: 16 * 1024 * 1024,
  /** Characters (code points) of one paragraph: the preamble's, a point's, an imprint line's. */
  paragraphChars: 100_000,
  /** Characters of the document title and of a point title. */
  titleChars: 1_000,
  /** Characters of the whole imprint. */
  imprintChars: 100_000,
  /** Numbered points. */
  points: 5_000,
} as const;

/** Code points in `s`, counted no further than `stop` (a 5 MB string is not walked to the end). */
export function codePointsUpTo(s: string, stop: number): number {
  let n = 0;
  for (let i = 0; i < s.length && n <= stop; i++, n++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}
