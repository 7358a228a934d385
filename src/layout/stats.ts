/** What justification did in a set of paragraphs (lines, kashidas, the widest space): for the build summary and docs/typography.md. */

export interface SetStats {
  paragraphs: number;
  lines: number;
  justifiedLines: number;
  kashidas: number;
  /** Largest inter-word space as a multiple of the natural space. */
  worstSpaceRatio: number;
}

export const emptyStats = (): SetStats => ({ paragraphs: 0, lines: 0, justifiedLines: 0, kashidas: 0, worstSpaceRatio: 1 });

export function addStats(into: SetStats, from: SetStats): SetStats {
  into.paragraphs += from.paragraphs;
  into.lines += from.lines;
  into.justifiedLines += from.justifiedLines;
  into.kashidas += from.kashidas;
  into.worstSpaceRatio = Math.max(into.worstSpaceRatio, from.worstSpaceRatio);
  return into;
}
