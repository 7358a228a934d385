/**
 * Dot leaders, as a book's contents sets them: round dots the size of a
 * full stop, evenly spaced from the page numbers' column towards the title,
 * so that on one page the dots of every row stand in the same columns (they
 * start from the same edge, whatever the title's length); a clear gap after
 * the title and before the column. A picture (DotsBlock), not characters:
 * the row's text stays its title and page number for every reader (issue 17).
 * docs/typography.md, "Contents".
 */
import type { DotsBlock } from './types.js';

/**
 * The leaders' measures, × the body size: the distance between dot centres,
 * a dot's radius, and the clear space at each end. That space is at least
 * twice the dots' own (pitch − 2 × radius = 0.37), so that the leader reads
 * as starting apart from the title, not as one more step of its rhythm: at
 * 0.5 (one pitch; the dots' columns swing it up to 1.0) the seed's rows ٢,
 * ٦, ٨ and ١٣ looked to a page reviewer as if the dots ran into the title
 * (5.8–8.2 pt clear, 4.3 between dots). The same at the numbers' column.
 *
 * The clear space after a title is at least `gap` and less than `gap` +
 * `pitch` (0.75–1.25, 8.3–13.8 pt at 11 pt): the dots stand in columns down
 * the page, as a book's leaders do, so each row's first dot is the first
 * column at `gap` or more from its title's ink. Chosen over a gap the same
 * in every row (page review: it varies by up to a pitch): a leader started
 * `gap` after each title puts every row's dots out of step with the rows
 * above and below, a jitter across the whole column of 14 to 40 rows, where
 * the varying gap is one space at each title's end and never under `gap`.
 * A finer pitch would narrow it but make the leader a dotted rule.
 */
export const LEADER = { pitch: 0.5, radius: 0.065, gap: 0.75 } as const;

/** Fewer dots than this read as a stray mark, not a leader: the row has none. */
const MIN_DOTS = 3;

/** The least free space, pt, that takes a leader at body size `size`: its clear space at both ends and MIN_DOTS dots (leaderDots). */
export function leaderRoom(size: number): number {
  return (2 * LEADER.gap + 2 * LEADER.radius + (MIN_DOTS - 1) * LEADER.pitch) * size + 1e-6;
}

/**
 * The leader between a title's ink and the numbers' column on one line:
 * `from` and `to` bound the free space (page x, from < to), `column` says on
 * which side the numbers' column lies (where the dots start from), `baseline`
 * the line's, `size` the body size. None when too few dots fit.
 */
export function leaderDots(from: number, to: number, column: 'left' | 'right', baseline: number, size: number, color: string): DotsBlock | undefined {
  const pitch = LEADER.pitch * size;
  const radius = LEADER.radius * size;
  const first = from + LEADER.gap * size + radius;
  const last = to - LEADER.gap * size - radius;
  if (last < first) return undefined;
  const count = Math.floor((last - first) / pitch + 1e-9) + 1;
  if (count < MIN_DOTS) return undefined;
  // The dots sit on the baseline, as full stops do.
  return { kind: 'dots', x: column === 'right' ? last - (count - 1) * pitch : first, y: baseline - radius, count, pitch, radius, color };
}
