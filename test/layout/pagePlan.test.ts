import { describe, expect, it } from 'vitest';
import { blanksToFill, evenSides } from '../../src/layout/pagePlan.js';
import type { LaidOutPage } from '../../src/layout/types.js';

const page = (n: number): LaidOutPage => ({ width: 420, height: 595, background: '#fff', role: 'leaflet', blocks: [{ kind: 'rule', x1: n, y1: 0, x2: n, y2: 1, width: 1, color: '#000' }] });

describe('the page plan', () => {
  it('blanksToFill: blanks to the next multiple of 4', () => {
    expect([1, 2, 3, 4, 5, 9, 12].map(blanksToFill)).toEqual([3, 2, 1, 0, 3, 3, 0]);
  });
  it('evenSides: one side each when every leaflet has one page; nothing added', () => {
    const { pages, sides } = evenSides([[page(1)], [page(2)], [page(3)]], '#fbf7ef');
    expect(sides).toBe(1);
    expect(pages.map((p) => p.role)).toEqual(['leaflet', 'leaflet', 'leaflet']);
  });
  it('evenSides: as soon as one leaflet has a second page, every leaflet has a back (blank, paper only, where it has none)', () => {
    const { pages, sides } = evenSides([[page(1)], [page(2), page(3)], [page(4)]], '#fbf7ef');
    expect(sides).toBe(2);
    expect(pages.map((p) => p.role)).toEqual(['leaflet', 'blank', 'leaflet', 'leaflet', 'leaflet', 'blank']);
    expect(pages[1]).toEqual({ width: 420, height: 595, background: '#fbf7ef', role: 'blank', blocks: [] });
  });
  it('evenSides: a leaflet of three pages takes two sheets: four sides each', () => {
    const { pages, sides } = evenSides([[page(1), page(2), page(3)], [page(4)]], '#fff');
    expect(sides).toBe(4);
    expect(pages.map((p) => p.role)).toEqual(['leaflet', 'leaflet', 'leaflet', 'blank', 'leaflet', 'blank', 'blank', 'blank']);
  });
});
