/** What justification did in a set of paragraphs (lines, kashidas, the widest space, the lines set loose): for the build summary and docs/typography.md. */

export interface SetStats {
  paragraphs: number;
  lines: number;
  justifiedLines: number;
  kashidas: number;
  /** Largest inter-word space as a multiple of the natural space. */
  worstSpaceRatio: number;
  /**
   * Lines that could not be justified within the theme's widest space
   * (W-LINE-LOOSE): where they start, their space ratio, and `short` when
   * they would need spaces past JUSTIFY_ANYWAY_MAX and so are set short at
   * their start edge instead of justified with wider spaces.
   */
  loose: Array<{ text: string; offset: number; spaceRatio: number; short?: boolean }>;
}

export const emptyStats = (): SetStats => ({ paragraphs: 0, lines: 0, justifiedLines: 0, kashidas: 0, worstSpaceRatio: 1, loose: [] });

export function addStats(into: SetStats, from: SetStats): SetStats {
  into.paragraphs += from.paragraphs;
  into.lines += from.lines;
  into.justifiedLines += from.justifiedLines;
  into.kashidas += from.kashidas;
  into.worstSpaceRatio = Math.max(into.worstSpaceRatio, from.worstSpaceRatio);
  into.loose.push(...(from.loose ?? []));
  return into;
}
