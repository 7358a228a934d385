import { describe, expect, it } from 'vitest';
import { OUTPUT_GROUPS, planJobs, widenOnly } from '../../src/jobs/planJobs.js';
import { modelFromText } from '../../src/model/buildModel.js';
import { projectRoot } from '../support/fonts.js';

const model = modelFromText('## عنوان\n\nتمهيد.\n\n1. أول.\n\n2. ثان.\n\n3. ثالث.\n', 'x.txt', { projectRoot, sourceDateEpoch: '1700000000' }).model;

describe('planJobs', () => {
  it('plans a booklet, a leaflet per point, cards per format and print files', () => {
    const jobs = planJobs(model);
    expect(jobs.filter((j) => j.kind === 'booklet')).toHaveLength(1);
    expect(jobs.filter((j) => j.kind === 'leaflet')).toHaveLength(3);
    expect(jobs.filter((j) => j.kind === 'card')).toHaveLength(model.theme.cards.length * 4);
    expect(jobs.filter((j) => j.path.startsWith('print/')).map((j) => j.kind)).toEqual(['press', 'saddle', 'leaflets-press', 'leaflets-2up']);
  });
  it('names leaflets by number and slug', () => {
    expect(planJobs(model).filter((j) => j.kind === 'leaflet').map((j) => j.path)).toEqual(['leaflets/01.pdf', 'leaflets/02.pdf', 'leaflets/03.pdf']);
  });
  it('limits the plan with --only', () => {
    expect(planJobs(model, { only: ['cards'] }).every((j) => j.kind === 'card')).toBe(true);
    expect(planJobs(model, { only: ['booklet'] }).map((j) => j.kind)).toEqual(['booklet']);
  });
  it('puts the press files before the sheets imposed from them, and the booklet before its press PDF, the leaflets before leaflets-press', () => {
    const kinds = planJobs(model, { only: ['print'] }).map((j) => j.kind);
    expect(kinds.indexOf('booklet')).toBeLessThan(kinds.indexOf('press'));
    expect(kinds.indexOf('press')).toBeLessThan(kinds.indexOf('saddle'));
    expect(kinds.lastIndexOf('leaflet')).toBeLessThan(kinds.indexOf('leaflets-press'));
    expect(kinds.indexOf('leaflets-press')).toBeLessThan(kinds.indexOf('leaflets-2up'));
  });
  it('plans the gallery last, with every other job as its input; --only gallery publishes what it links to, --only cards leaves it out', () => {
    const jobs = planJobs(model);
    expect(jobs.at(-1)).toEqual({ kind: 'gallery', path: 'index.html' });
    expect(widenOnly(['gallery'])).toEqual([...OUTPUT_GROUPS]);
    expect(widenOnly(['cards'])).toEqual(['cards']);
    expect(widenOnly(['print', 'booklet'])).toEqual(['booklet', 'print']);
    expect(widenOnly(undefined)).toBeUndefined();
    expect(planJobs(model, { only: ['cards'] }).some((j) => j.kind === 'gallery')).toBe(false);
  });
});
