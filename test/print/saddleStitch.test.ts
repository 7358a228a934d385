import { describe, expect, it } from 'vitest';
import {
  creepOffsets,
  padPages,
  saddleStitchOrder,
  type BindingDirection,
  type Sheet,
  type Slot,
} from '../../src/print/saddleStitch.js';

const SIZES = [1, 2, 3, 4, 5, 8, 13, 16, 29];
const DIRS: BindingDirection[] = ['ltr', 'rtl'];

/**
 * Independent check: simulate reading the folded booklet. For a left-bound
 * booklet the cover is the right half of the outer sheet's front; turning a
 * leaf shows the back of that half, i.e. the opposite half of the back side.
 * Going in, we read front-outer then back-outer halves; after the centre
 * spread we come back out on the other halves. A right-bound booklet mirrors
 * left and right.
 */
function readFolded(sheets: Sheet[], dir: BindingDirection): Slot[] {
  const outer = dir === 'ltr' ? 1 : 0; // the half carrying the front cover
  const inner = 1 - outer;
  const out: Slot[] = [];
  for (const s of sheets) out.push(s.front[outer], s.back[inner]);
  for (const s of [...sheets].reverse()) out.push(s.back[outer], s.front[inner]);
  return out;
}

describe('padPages', () => {
  it('pads to a multiple of 4 with blanks right before the back cover', () => {
    expect(padPages(0)).toEqual([]);
    expect(padPages(1)).toEqual([0, null, null, null]);
    expect(padPages(2)).toEqual([0, null, null, 1]);
    expect(padPages(5)).toEqual([0, 1, 2, 3, null, null, null, 4]);
    expect(padPages(8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('rejects nonsense counts', () => {
    expect(() => padPages(-1)).toThrow(RangeError);
    expect(() => padPages(2.5)).toThrow(RangeError);
  });
});

describe('saddleStitchOrder', () => {
  for (const n of SIZES) {
    for (const dir of DIRS) {
      it(`n=${n} ${dir}: formula, every page once, blanks before the back cover`, () => {
        const sheets = saddleStitchOrder(n, dir);
        const p = padPages(n);
        const N = p.length;
        expect(N % 4).toBe(0);
        expect(sheets.length).toBe(N / 4);

        sheets.forEach((s, i) => {
          const hi = p[N - 1 - 2 * i];
          const lo = p[2 * i];
          const lo2 = p[2 * i + 1];
          const hi2 = p[N - 2 - 2 * i];
          if (dir === 'ltr') {
            expect(s.front).toEqual([hi, lo]);
            expect(s.back).toEqual([lo2, hi2]);
          } else {
            expect(s.front).toEqual([lo, hi]);
            expect(s.back).toEqual([hi2, lo2]);
          }
        });

        const all = sheets.flatMap((s) => [...s.front, ...s.back]);
        const real = all.filter((x): x is number => x !== null).sort((a, b) => a - b);
        expect(real).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(all.filter((x) => x === null).length).toBe(N - n);

        // Reading the folded booklet gives the padded sequence back.
        const read = readFolded(sheets, dir);
        expect(read).toEqual(p);
        // Blanks form one run ending right before the back cover.
        if (n > 1) {
          expect(read[N - 1]).toBe(n - 1);
          expect(read.slice(0, n - 1)).toEqual(Array.from({ length: n - 1 }, (_, i) => i));
          expect(read.slice(n - 1, N - 1).every((x) => x === null)).toBe(true);
        } else {
          expect(read).toEqual([0, null, null, null]);
        }
      });
    }
  }

  it('8 pages match the textbook layouts', () => {
    expect(saddleStitchOrder(8, 'ltr')).toEqual([
      { front: [7, 0], back: [1, 6] },
      { front: [5, 2], back: [3, 4] },
    ]);
    expect(saddleStitchOrder(8, 'rtl')).toEqual([
      { front: [0, 7], back: [6, 1] },
      { front: [2, 5], back: [4, 3] },
    ]);
  });

  it('0 pages → no sheets', () => {
    expect(saddleStitchOrder(0, 'rtl')).toEqual([]);
  });
});

describe('creepOffsets', () => {
  it('outer sheet 0, growing by one thickness per sheet inward', () => {
    expect(creepOffsets(4, 0.25)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(creepOffsets(0, 0.25)).toEqual([]);
    expect(() => creepOffsets(2, -1)).toThrow(RangeError);
  });
});
