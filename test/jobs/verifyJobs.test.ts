/**
 * check's layout pass (src/jobs/verifyJobs.ts): every job with a `verify`
 * is laid out, its errors collected; in this thread or on the render lanes,
 * the verdict is the same.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/build.js';
import { verifyJobs } from '../../src/jobs/verifyJobs.js';
import { planJobs } from '../../src/jobs/planJobs.js';
import { kindOf } from '../../src/jobs/kinds.js';
import { project, SMALL } from '../input/project.js';

describe('verifyJobs', () => {
  it('lays out the jobs of the kinds that lay out (not imposition, all-leaflets, thumbnails or the gallery), and --only narrows them', async () => {
    const root = await project({ 'doc.txt': SMALL });
    const { model, fonts } = await check({ projectRoot: root, source: 'doc.txt', layout: false });
    const all = await verifyJobs(model, fonts, { projectRoot: root, threads: 1 });
    expect(all.errors).toEqual([]);
    expect(all.jobs).toBe(planJobs(model).filter((j) => kindOf(j).verify).length);
    expect([...new Set(planJobs(model).filter((j) => !kindOf(j).verify).map((j) => j.kind))].sort()).toEqual(['gallery', 'leaflets-2up', 'leaflets-all', 'leaflets-press', 'press', 'saddle', 'thumbnails']);
    const cards = await verifyJobs(model, fonts, { projectRoot: root, threads: 1, only: ['cards'] });
    expect(cards.jobs).toBe(model.theme.cards.length * (1 + model.points.length));
  });

  it('gives the same errors and notes in this thread as on the render lanes (main thread and a worker)', async () => {
    const text = SMALL.replace('## خطة قصيرة', `## خطة ${'ب'.repeat(150)}`).replace('حماية التراث', `حماية ${'ت'.repeat(120)} التراث`);
    const root = await project({ 'doc.txt': text });
    // (Without cards: the card-fit check would stop at the long word already, E-CARD-FIT.)
    const { model, fonts } = await check({ projectRoot: root, source: 'doc.txt', layout: false, only: ['booklet', 'leaflets'] });
    const here = await verifyJobs(model, fonts, { projectRoot: root, threads: 1 });
    const lanes = await verifyJobs(model, fonts, { projectRoot: root, threads: 2 });
    expect(here.errors.length).toBeGreaterThan(0);
    // The pages overflow; the cards, laid out by the planning the card-fit check runs, cannot be set.
    expect(new Set(here.errors.map((d) => d.code))).toEqual(new Set(['E-OVERFLOW', 'E-CARD-FIT']));
    expect(lanes).toEqual(here);
  });
});
