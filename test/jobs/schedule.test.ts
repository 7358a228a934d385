import { describe, expect, it } from 'vitest';
import { planInputs, planJobs, type RenderJob } from '../../src/jobs/planJobs.js';
import { familyOf, priorities, Scheduler, type LaneShape } from '../../src/jobs/schedule.js';
import { modelFromText } from '../../src/model/buildModel.js';
import { projectRoot } from '../support/fonts.js';

const model = modelFromText('## عنوان\n\nتمهيد.\n\n1. أول.\n\n2. ثان.\n\n3. ثالث.\n', 'x.txt', { projectRoot, sourceDateEpoch: '1700000000' }).model;
const jobs = planJobs(model);
const inputs = planInputs(jobs, model);
const inputsOf = (job: RenderJob) => inputs.get(job.path)!;
const prio = priorities(jobs, inputs);
const all = new Set(jobs.map((j) => j.path));

type TestLane = LaneShape & { name: string };
const main = (capacity = 3, family: TestLane['family'] = 'pdf'): TestLane => ({ name: 'main', family, capacity, threads: 1 });
const workers = (threads: number): TestLane => ({ name: 'workers', family: 'image', capacity: 2 * threads, threads });

/**
 * Runs a scheduler to the end: starts whatever it offers, then finishes the
 * job that has run longest (`finishOrder` may pick another). Returns each
 * start with its lane and the jobs in flight with it on that lane.
 */
function simulate(render: Set<string>, lanes: TestLane[], finishOrder: (inFlight: RenderJob[]) => number = () => 0) {
  const s = new Scheduler(jobs, render, lanes, inputs);
  const starts: Array<{ job: RenderJob; lane: string; beside: string[] }> = [];
  const running: Array<{ job: RenderJob; lane: TestLane }> = [];
  const done = new Set([...all].filter((p) => !render.has(p)));
  for (let guard = 0; guard < 10_000; guard++) {
    for (let n = s.next(); n; n = s.next()) {
      for (const p of inputsOf(n.job)) expect(done.has(p), `${n.job.path} started before its input ${p}`).toBe(true);
      starts.push({ job: n.job, lane: n.lane.name, beside: running.filter((r) => r.lane === n.lane).map((r) => r.job.path) });
      running.push(n);
    }
    if (!running.length) break;
    const [r] = running.splice(finishOrder(running.map((x) => x.job)), 1);
    done.add(r.job.path);
    s.finished(r.job, r.lane);
  }
  expect(s.pending).toBe(0);
  expect(starts.map((x) => x.job.path).sort()).toEqual([...render].sort());
  return starts;
}

describe('priorities', () => {
  it('puts the booklet first (its press PDF and then the saddle sheets wait for it), the press PDF next', () => {
    const ranked = [...prio].sort((a, b) => b[1] - a[1]).map(([p]) => p);
    expect(ranked.slice(0, 2)).toEqual(['booklet.pdf', 'print/booklet-press.pdf']);
    expect(prio.get('print/booklet-press.pdf')).toBeGreaterThan(prio.get('print/booklet-a4-saddle.pdf')!);
  });
  it('gives every job more than the tail of any job that takes its result', () => {
    for (const job of jobs) for (const p of inputsOf(job)) expect(prio.get(p)!).toBeGreaterThan(prio.get(job.path)!);
  });
  it('ranks the saddle sheets above any card, so they start as soon as they can', () => {
    for (const c of jobs.filter((j) => j.kind === 'card')) expect(prio.get('print/booklet-a4-saddle.pdf')!).toBeGreaterThan(prio.get(c.path)!);
  });
});

describe('Scheduler', () => {
  it('starts every job once, never before its inputs, whatever order jobs finish in', () => {
    for (const lanes of [[main(1, 'any')], [main(3, 'any')], [main(), workers(1)], [main(), workers(7)], [{ ...main(), name: 'pdf worker' }, workers(3)]]) {
      simulate(all, lanes);
      simulate(all, lanes, (f) => f.length - 1);
      simulate(all, lanes, (f) => Math.floor(f.length / 2));
    }
  });

  it('each lane takes its own family: PDF jobs on the main thread, cards on the workers', () => {
    const starts = simulate(all, [main(), workers(1)]);
    expect(starts[0].job.path).toBe('booklet.pdf');
    expect(starts.filter((s) => s.lane === 'workers').every((s) => familyOf(s.job) === 'image')).toBe(true);
    // The saddle sheets start as soon as the press PDF is done, before all-leaflets.pdf.
    const at = (p: string) => starts.findIndex((s) => s.job.path === p);
    expect(at('print/booklet-a4-saddle.pdf')).toBeLessThan(at('leaflets/all-leaflets.pdf'));
  });

  it('a lane takes the other family only when many of its jobs wait', () => {
    // Cards only: the main thread leaves a few to the worker, and helps with many.
    const cards = new Set(jobs.filter((j) => j.kind === 'card').map((j) => j.path));
    expect(cards.size).toBeGreaterThan(4);
    const manyCards = simulate(cards, [main(), workers(1)]);
    expect(manyCards.some((s) => s.lane === 'main')).toBe(true);
    const fewCards = simulate(new Set([...cards].slice(0, 4)), [main(), workers(1)]);
    expect(fewCards.every((s) => s.lane === 'workers')).toBe(true);
  });

  it('an edit on one thread gives the longest chain (the booklet, its press PDF, the saddle sheets) the thread to itself; a full build on two does not', () => {
    // A preamble edit: the booklet, its press PDF and the saddle sheets.
    const edit = new Set(['booklet.pdf', 'print/booklet-press.pdf', 'print/booklet-a4-saddle.pdf']);
    const one = simulate(edit, [main(3, 'any')]);
    expect(one.map((x) => x.job.path)).toEqual(['booklet.pdf', 'print/booklet-press.pdf', 'print/booklet-a4-saddle.pdf']);
    expect(one.every((x) => x.beside.length === 0)).toBe(true); // one after the other: each waits for the one before
    // A document the seed's size: the rest of the work outweighs the booklet's chain.
    const text = '## عنوان\n\nتمهيد.\n\n' + Array.from({ length: 15 }, (_, i) => `${i + 1}. نقطة.\n\n`).join('');
    const bigModel = modelFromText(text, 'x.txt', { projectRoot, sourceDateEpoch: '1700000000' }).model;
    const big = planJobs(bigModel);
    const s = new Scheduler(big, new Set(big.map((j) => j.path)), [main(), workers(1)], planInputs(big, bigModel));
    const first = [s.next(), s.next(), s.next()].filter((n) => n?.lane.name === 'main').map((n) => n!.job.path);
    expect(first[0]).toBe('booklet.pdf');
    expect(first.length).toBeGreaterThan(1); // the main thread runs other jobs beside it
  });

  it('the last jobs, which the gallery page waits for, share the thread', () => {
    // An edit's tail: a point's thumbnails (its leaflet's page, its cards) and the gallery page, which takes every thumbnail.
    const tail = new Set(jobs.filter((j) => /^gallery\/(booklet|.*\/01)$/.test(j.path)).map((j) => j.path).concat('index.html'));
    expect(tail.size).toBeGreaterThan(3);
    const starts = simulate(tail, [main(3, 'any')]);
    const thumbs = starts.filter((x) => x.job.path !== 'index.html');
    // Started three at a time: each waits on libvips off the JavaScript thread, so they overlap.
    expect(thumbs.filter((x) => x.beside.length > 0).length).toBeGreaterThan(0);
    expect(starts.at(-1)!.job.path).toBe('index.html');
  });
});
