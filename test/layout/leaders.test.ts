/** Contents leaders (src/layout/leaders.ts): dots on a grid from the numbers' column, clear of the title and the column. */
import { describe, expect, it } from 'vitest';
import { LEADER, leaderDots } from '../../src/layout/leaders.js';
import type { DotsBlock } from '../../src/layout/types.js';

const SIZE = 11.5;
/** The clear space at each end of a leader: from `from` to the first dot's edge, from the last dot's edge to `to`. */
const ends = (d: DotsBlock, from: number, to: number) => ({ start: d.x - d.radius - from, end: to - (d.x + (d.count - 1) * d.pitch + d.radius) });

describe('leaderDots', () => {
  it('keeps at each end at least twice the clear space between two dots, so the leader never reads as running into the title (the seed\'s contents rows ٢, ٦, ٨, ١٣ were 0.5 em clear, 0.37 between dots)', () => {
    const between = (LEADER.pitch - 2 * LEADER.radius) * SIZE;
    // Every title end across one pitch: the first dot goes where the grid allows, never nearer.
    for (let k = 0; k <= 20; k++) {
      const from = 100 + (k / 20) * LEADER.pitch * SIZE;
      for (const column of ['left', 'right'] as const) {
        const d = column === 'right' ? leaderDots(from, 300, 'right', 50, SIZE, '#000')! : leaderDots(20, 300 - (from - 100), 'left', 50, SIZE, '#000')!;
        const gap = column === 'right' ? ends(d, from, 300) : ends(d, 20, 300 - (from - 100));
        // The title's side: at least twice the dots' own space, less than that plus one pitch (the grid's swing).
        const title = column === 'right' ? gap.start : gap.end;
        const numbers = column === 'right' ? gap.end : gap.start;
        expect(title, `${column}, title end ${k}/20 of a pitch`).toBeGreaterThanOrEqual(2 * between - 1e-9);
        expect(title).toBeLessThan(2 * between + LEADER.pitch * SIZE + LEADER.gap * SIZE);
        expect(numbers, `${column}: the numbers' column`).toBeCloseTo(LEADER.gap * SIZE, 9);
        expect(numbers).toBeGreaterThanOrEqual(2 * between - 1e-9);
      }
    }
  });

  it('stands every dot on the grid counted from the numbers\' column, whatever the title\'s length', () => {
    const xs = [120, 133.3, 171.9].map((from) => leaderDots(from, 300, 'right', 50, SIZE, '#000')!).map((d) => d.x + (d.count - 1) * d.pitch);
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(1e-9);
    const left = [120, 133.3, 171.9].map((to) => leaderDots(20, to, 'left', 50, SIZE, '#000')!.x);
    expect(Math.max(...left) - Math.min(...left)).toBeLessThan(1e-9);
  });

  it('draws none where fewer than three dots fit between the clear spaces', () => {
    const room = 2 * LEADER.gap * SIZE + 2 * LEADER.radius * SIZE;
    expect(leaderDots(0, room + 2 * LEADER.pitch * SIZE, 'right', 0, SIZE, '#000')?.count).toBe(3);
    expect(leaderDots(0, room + 1.9 * LEADER.pitch * SIZE, 'right', 0, SIZE, '#000')).toBeUndefined();
  });
});
