import { beforeAll, describe, expect, it } from 'vitest';
import { FIT_STEP, fitBodySize, largestFitting, linesIn } from '../../src/layout/fit.js';
import { typesetter } from '../../src/layout/typeset.js';
import { loadDocument } from '../../src/model/buildModel.js';
import type { DocumentModel } from '../../src/model/types.js';
import type { TextStyle } from '../../src/text/itemize.js';
import { font, projectRoot } from '../support/fonts.js';

describe('largestFitting', () => {
  it('finds the last grid value that fits', () => {
    const calls: number[] = [];
    const v = largestFitting(10, 20, 0.25, (x) => (calls.push(x), x <= 13.6));
    expect(v).toBe(13.5);
    expect(calls.length).toBeLessThanOrEqual(8); // binary search, not a scan of 41 sizes
  });

  it('returns the maximum when everything fits and undefined when nothing does', () => {
    expect(largestFitting(10, 20, 0.25, () => true)).toBe(20);
    expect(largestFitting(10, 20, 0.25, () => false)).toBeUndefined();
    expect(largestFitting(12, 12, 0.25, () => true)).toBe(12);
  });

  it('stays on the grid when the range is not a multiple of the step', () => {
    expect(largestFitting(10, 10.6, 0.25, () => true)).toBe(10.5);
  });
});

describe('fitBodySize', () => {
  let model: DocumentModel;
  let style: TextStyle;
  const measure = 325;
  const grid = { maxSize: 20 };

  beforeAll(async () => {
    ({ model } = await loadDocument('source/izmir-2023.txt', { projectRoot, sourceDateEpoch: '1698000000' }));
    style = { fonts: model.theme.fonts.body.map(font), size: model.theme.body.size };
  });

  const linesAt = (text: string, size: number) => typesetter(model).set(text, { ...style, size }, measure, 'justify').lines.length;

  it('picks the largest 0.25 pt size at which the text fits the height', () => {
    const text = model.points[7].text; // point 8, the longest
    const height = 330;
    const r = fitBodySize(model, text, style, measure, height, grid);
    const { minSize, leading } = model.theme.body;
    const { maxSize } = grid;
    expect(r.overflow).toBe(false);
    expect(r.size).toBeGreaterThanOrEqual(minSize);
    expect(r.size).toBeLessThanOrEqual(maxSize);
    expect(((r.size - minSize) / FIT_STEP) % 1).toBe(0);
    expect(r.leading).toBeCloseTo(r.size * leading, 9);
    expect(r.para.lines.length).toBe(linesAt(text, r.size));
    expect(linesAt(text, r.size)).toBeLessThanOrEqual(linesIn(height, r.size * leading));
    const next = r.size + FIT_STEP;
    if (next <= maxSize) expect(linesAt(text, next)).toBeGreaterThan(linesIn(height, next * leading));
  });

  it('uses the maximum for a short text in a tall space', () => {
    const r = fitBodySize(model, model.points[12].text, style, measure, 1000, grid);
    expect(r).toMatchObject({ size: grid.maxSize, overflow: false });
  });

  it('returns the minimum with overflow when even the minimum does not fit', () => {
    const r = fitBodySize(model, model.points[0].text, style, measure, 60, grid);
    expect(r.size).toBe(model.theme.body.minSize);
    expect(r.overflow).toBe(true);
    expect(r.para.lines.length).toBeGreaterThan(linesIn(60, r.leading));
  });

  it('honours explicit bounds and leaves no trace in other typesetters', () => {
    const ts = typesetter(model);
    const r = fitBodySize(model, model.points[12].text, style, measure, 1000, { minSize: 9, maxSize: 14.1 });
    expect(r.size).toBe(14);
    expect(ts.stats.paragraphs).toBe(0);
  });

  it('chooses among given sizes only: the largest that fits, else the smallest with overflow', () => {
    const text = model.points[7].text; // point 8, the longest
    const sizes = [14, 12];
    const roomy = fitBodySize(model, text, style, measure, 1000, { sizes });
    expect(roomy).toMatchObject({ size: 14, overflow: false });
    const height = linesAt(text, 12) * 12 * model.theme.body.leading + 1; // holds it at 12 pt, not at 14
    expect(linesAt(text, 14) * 14 * model.theme.body.leading).toBeGreaterThan(height);
    expect(fitBodySize(model, text, style, measure, height, { sizes })).toMatchObject({ size: 12, overflow: false });
    const tight = fitBodySize(model, text, style, measure, 100, { sizes });
    expect(tight).toMatchObject({ size: 12, overflow: true });
    expect(tight.para.lines.length).toBe(linesAt(text, 12));
  });
});
