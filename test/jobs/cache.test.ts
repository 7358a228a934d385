import { describe, expect, it } from 'vitest';
import { thumbsJobOf } from '../../src/jobs/kinds/thumbnails.js';
import { envDigest, jobKeys, stableJson, type KeyInputs } from '../../src/jobs/cache.js';
import { kindOf } from '../../src/jobs/kinds.js';
import { inputsOf, planJobs } from '../../src/jobs/planJobs.js';
import { modelFromText } from '../../src/model/buildModel.js';
import type { DocumentModel } from '../../src/model/types.js';
import { projectRoot } from '../support/fonts.js';

const text = '## عنوان\n\nتمهيد.\n\n1. أول.\n\n2. ثان.\n\n3. ثالث.\n';
const modelOf = (t: string, meta?: string): DocumentModel =>
  modelFromText(t, 'x.txt', { projectRoot, sourceDateEpoch: '1700000000', sidecar: meta ? { text: meta, file: 'x.meta.yaml' } : undefined }).model;

const inputs: KeyInputs = {
  code: [
    ['src/build.ts', 'a1'],
    ['templates/leaflet.ts', 'b2'],
    ['templates/card.tsx', 'c3'],
  ],
  fonts: [['fonts/Amiri-Regular.ttf', 'f1']],
  packages: 'p1',
};

/** Paths whose key differs between two key maps. */
const changed = (a: Map<string, string>, b: Map<string, string>) => [...a.keys()].filter((k) => a.get(k) !== b.get(k)).sort();

describe('job keys', () => {
  const model = modelOf(text);
  const jobs = planJobs(model);
  const keys = jobKeys(jobs, model, envDigest(inputs));

  it('are stable: same inputs, same keys, whatever the order the files were listed in', () => {
    const shuffled: KeyInputs = { ...inputs, code: [...inputs.code].reverse() };
    expect(jobKeys(jobs, model, envDigest(shuffled))).toEqual(keys);
    expect(jobKeys(jobs, modelOf(text), envDigest(inputs))).toEqual(keys);
    expect(new Set(keys.values()).size).toBe(jobs.length); // one key per job
  });

  it('change when the content of a template file changes (every job: the code is shared)', () => {
    const edited: KeyInputs = { ...inputs, code: inputs.code.map(([f, h]): [string, string] => [f, f === 'templates/card.tsx' ? 'c4' : h]) };
    const after = jobKeys(jobs, model, envDigest(edited));
    expect(changed(keys, after)).toEqual([...keys.keys()].sort());
  });

  it('change with the fonts and the package versions', () => {
    const digests = [
      envDigest(inputs),
      envDigest({ ...inputs, fonts: [['fonts/Amiri-Regular.ttf', 'f2']] }),
      envDigest({ ...inputs, packages: 'p2' }),
      envDigest({ ...inputs, code: [...inputs.code, ['src/new.ts', 'd4']] }),
    ];
    expect(new Set(digests).size).toBe(digests.length);
  });

  it("editing one point changes that point's leaflet and cards, the booklet, what is made from them, and the gallery", () => {
    const after = jobKeys(jobs, modelOf(text.replace('ثان.', 'ثان معدل.')), envDigest(inputs));
    const point2 = jobs.filter((j) => (j.kind === 'leaflet' || j.kind === 'card') && j.point === 2).map((j) => j.path);
    expect(point2.length).toBe(1 + model.theme.cards.length);
    expect(changed(keys, after)).toEqual(
      ['booklet.pdf', 'gallery/booklet', 'index.html', 'leaflets/all-leaflets.pdf', ...point2, ...point2.map(thumbsJobOf), 'print/booklet-a4-saddle.pdf', 'print/booklet-press.pdf', 'print/leaflets-a4-2up.pdf', 'print/leaflets-press.pdf'].sort(),
    );
  });

  it('moving text to other lines (source places only) changes no leaflet or card', () => {
    const after = jobKeys(jobs, modelOf(text.replace('\n\n1. ', '\n\n\n\n1. ')), envDigest(inputs));
    expect(changed(keys, after).filter((p) => p.startsWith('leaflets/') || p.startsWith('cards/'))).toEqual([]);
  });

  it("a leaflet's or card's model holds its own point only", () => {
    const card = jobs.find((j) => j.kind === 'card' && j.point === 2)!;
    expect(kindOf(card).slice(model, card).points.map((p) => p.number)).toEqual([2]);
    expect(kindOf(card).slice(model, card).preamble).toBeUndefined();
    const booklet = jobs.find((j) => j.kind === 'booklet')!;
    expect(kindOf(booklet).slice(model, booklet).points.map((p) => p.number)).toEqual([1, 2, 3]);
  });

  it('the press PDF takes the booklet (its laid-out pages); the saddle sheets take the press PDF; leaflets-press and all-leaflets take every leaflet; the 2-up sheet takes leaflets-press', () => {
    const byPath = (p: string) => jobs.find((j) => j.path === p)!;
    expect(inputsOf(byPath('print/booklet-press.pdf'), jobs, model)).toEqual(['booklet.pdf']);
    expect(inputsOf(byPath('print/booklet-a4-saddle.pdf'), jobs, model)).toEqual(['print/booklet-press.pdf']);
    expect(inputsOf(byPath('print/leaflets-press.pdf'), jobs, model)).toEqual(jobs.filter((j) => j.kind === 'leaflet').map((j) => j.path));
    expect(inputsOf(byPath('print/leaflets-a4-2up.pdf'), jobs, model)).toEqual(['print/leaflets-press.pdf']);
    expect(inputsOf(byPath('leaflets/all-leaflets.pdf'), jobs, model)).toEqual(jobs.filter((j) => j.kind === 'leaflet').map((j) => j.path));
    // The gallery shows every other output: its key is its slice and all their keys.
    expect(inputsOf(byPath('index.html'), jobs, model)).toEqual(jobs.filter((j) => j.kind !== 'gallery').map((j) => j.path));
  });
});

describe('stableJson', () => {
  it('sorts keys and drops source places, but keeps an event place (drawn text)', () => {
    expect(stableJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(stableJson({ text: 'x', place: { file: 'x.txt', line: 3, col: 1 } })).toBe('{"text":"x"}');
    expect(stableJson({ event: { name: 'n', place: 'إزمير' } })).toBe('{"event":{"name":"n","place":"إزمير"}}');
  });
});
