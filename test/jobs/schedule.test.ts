import { describe, expect, it } from 'vitest';
import { planJobs, type RenderJob } from '../../src/jobs/planJobs.js';
import { familyOf, pickNext, priorities, runsAlone } from '../../src/jobs/schedule.js';
import { inputsOf } from '../../src/jobs/cache.js';
import { modelFromText } from '../../src/model/buildModel.js';
import { projectRoot } from '../support/fonts.js';

const model = modelFromText('## عنوان\n\nتمهيد.\n\n1. أول.\n\n2. ثان.\n\n3. ثالث.\n', 'x.txt', { projectRoot, sourceDateEpoch: '1700000000' }).model;
const jobs = planJobs(model);
const prio = priorities(jobs);
const order = new Map(jobs.map((j, i) => [j.path, i]));
const byPath = (p: string) => jobs.find((j) => j.path === p)!;

describe('priorities', () => {
  it('puts the booklet first: the longest chain of jobs (press, then PDF/X) waits for it', () => {
    const best = [...prio].sort((a, b) => b[1] - a[1])[0][0];
    expect(best).toBe('booklet.pdf');
    expect(prio.get('booklet.pdf')).toBeGreaterThan(prio.get('print/booklet-press-pdfx.pdf')!);
  });
  it('gives every job at least the tail of any job that takes its result, plus its own cost', () => {
    for (const job of jobs) for (const p of inputsOf(job, jobs)) expect(prio.get(p)!).toBeGreaterThan(prio.get(job.path)!);
  });
  it('ranks the PDF/X file above any card, so it starts as soon as it can', () => {
    const cards = jobs.filter((j) => j.kind === 'card');
    for (const c of cards) expect(prio.get('print/booklet-press-pdfx.pdf')!).toBeGreaterThan(prio.get(c.path)!);
  });
});

describe('pickNext', () => {
  const ready: RenderJob[] = [byPath('cards/square/01'), byPath('leaflets/02.pdf'), byPath('cards/portrait/00-document'), byPath('leaflets/01.pdf')];
  it('takes the lane’s own family first, by priority, then plan order', () => {
    expect(ready[pickNext(ready, 'pdf', prio, order)].path).toBe('leaflets/01.pdf');
    expect(ready[pickNext(ready, 'image', prio, order)].path).toBe('cards/square/01');
  });
  it('takes the other family when its own has nothing ready', () => {
    const cardsOnly = ready.filter((j) => familyOf(j) === 'image');
    expect(familyOf(cardsOnly[pickNext(cardsOnly, 'pdf', prio, order)])).toBe('image');
  });
  it('returns -1 when nothing is ready', () => {
    expect(pickNext([], 'any', prio, order)).toBe(-1);
  });
});

describe('runsAlone', () => {
  const rest = (p: string) => jobs.filter((j) => j.path !== p);
  it('gives the booklet its thread to itself while the print files wait for it', () => {
    expect(runsAlone(byPath('booklet.pdf'), rest('booklet.pdf'), jobs, prio)).toBe(true);
  });
  it('shares the thread for jobs nobody waits for, or with a longer chain still to start', () => {
    expect(runsAlone(byPath('cards/square/01'), rest('cards/square/01'), jobs, prio)).toBe(false);
    expect(runsAlone(byPath('leaflets/01.pdf'), rest('leaflets/01.pdf'), jobs, prio)).toBe(false);
    // Once the booklet is done, the press PDF leads the longest chain (PDF/X waits for it).
    const left = jobs.filter((j) => j.kind !== 'booklet' && j.path !== 'print/booklet-press.pdf');
    expect(runsAlone(byPath('print/booklet-press.pdf'), left, jobs, prio)).toBe(true);
  });
});
