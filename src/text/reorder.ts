/** Bidi reordering of a line's pieces (runs and word gaps) by their levels. */

/** UAX #9 rule L2: from the highest level down to the lowest odd level, reverse runs at or above it. */
export function reorderPieces<T extends { level: number }>(pieces: T[], paragraphLevel: number): T[] {
  const out = [...pieces];
  const max = Math.max(paragraphLevel, ...out.map((p) => p.level));
  let minOdd = Math.min(paragraphLevel, ...out.map((p) => p.level));
  if (minOdd % 2 === 0) minOdd++;
  for (let level = max; level >= minOdd; level--) {
    for (let i = 0; i < out.length; ) {
      if (out[i].level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < out.length && out[j].level >= level) j++;
      const seg = out.slice(i, j).reverse();
      out.splice(i, j - i, ...seg);
      i = j;
    }
  }
  return out;
}
