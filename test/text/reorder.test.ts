import { describe, expect, it } from 'vitest';
import { reorderPieces } from '../../src/text/reorder.js';

const order = (levels: number[], para: number) => reorderPieces(levels.map((level, i) => ({ level, i })), para).map((p) => p.i);

describe('reorderPieces (UAX #9 L2)', () => {
  it('reverses a right-to-left line', () => expect(order([1, 1, 1], 1)).toEqual([2, 1, 0]));
  it('keeps a left-to-right run in its order inside a right-to-left line', () => expect(order([1, 2, 2, 1], 1)).toEqual([3, 1, 2, 0]));
  it('handles nested levels (numbers inside Latin inside Arabic)', () => expect(order([1, 2, 4, 2, 1], 1)).toEqual([4, 1, 2, 3, 0]));
  it('leaves a left-to-right line alone', () => expect(order([0, 0, 0], 0)).toEqual([0, 1, 2]));
  it('reverses a right-to-left run inside a left-to-right line', () => expect(order([0, 1, 1, 0], 0)).toEqual([0, 2, 1, 3]));
});
