/**
 * Output kinds as data (src/jobs/kinds.ts): the registry's invariants, and
 * each kind's slice of the model: an option or a field re-renders exactly the
 * outputs that show it (keys), and a job renders the same from its slice as
 * from the whole model (the slice holds everything its renderer reads).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { envDigest, jobKeys, type KeyInputs } from '../../src/jobs/cache.js';
import type { RenderJob, RenderTask } from '../../src/jobs/kind.js';
import { KINDS, kindNamed, kindOf } from '../../src/jobs/kinds.js';
import { planJobs } from '../../src/jobs/planJobs.js';
import { thumbsJobOf } from '../../src/jobs/kinds/thumbnails.js';
import { modelFromText } from '../../src/model/buildModel.js';
import type { ModelOptions } from '../../src/model/theme.js';
import type { DocumentModel } from '../../src/model/types.js';
import { projectRoot, templateFonts } from '../support/fonts.js';
import { tempDir } from '../support/tmp.js';

const text =
  '## عنوان الوثيقة\n\nتمهيد قصير.\n\n1. النقطة الأولى نص طويل بما يكفي ليمتد على عدة أسطر في البطاقة والمنشور، ويبرر الضبط بين الكلمات.\n\n' +
  '2. النقطة الثانية، وفيها نص آخر طويل بما يكفي ليمتد على عدة أسطر في البطاقة والمنشور.\n\n3. ثالثة.\n';
const baseMeta = 'points:\n  2:\n    title: الثانية\n    event:\n      name: لقاء\n      date: 2024-05-04\n      place: إزمير\n';
const modelOf = (meta = baseMeta, options?: ModelOptions): DocumentModel =>
  modelFromText(text, 'x.txt', { projectRoot, sourceDateEpoch: '1700000000', sidecar: { text: meta, file: 'x.meta.yaml' }, options }).model;

const env = envDigest({ code: [['src/build.ts', 'a']], fonts: [['fonts/Amiri-Regular.ttf', 'f']], packages: 'p' } satisfies KeyInputs);
const base = modelOf();
const jobs = planJobs(base);
const keys = jobKeys(jobs, base, env);

/** Paths of the jobs whose key differs from the base model's. */
function rerendered(model: DocumentModel): string[] {
  const after = jobKeys(planJobs(model), model, env);
  return jobs.map((j) => j.path).filter((p) => after.get(p) !== keys.get(p));
}
const paths = (pred: (j: RenderJob) => boolean) => jobs.filter(pred).map((j) => j.path);
const point2 = (kind: string) => paths((j) => j.kind === kind && j.point === 2);
const ofKind = (...kinds: string[]) => paths((j) => kinds.includes(j.kind));
const sorted = (xs: string[]) => [...xs].sort();
/** Jobs and their gallery thumbnails (src/jobs/kinds/thumbnails.ts), which change with them. */
const shown = (xs: string[]) => [...xs, ...xs.map(thumbsJobOf).filter((p) => jobs.some((j) => j.path === p))];

describe('the registry', () => {
  it('has one record per name, each after the kinds it takes as input', () => {
    const names = KINDS.map((k) => k.name);
    expect(new Set(names).size).toBe(names.length);
    KINDS.forEach((k, i) => {
      for (const u of k.uses ?? []) expect(names.indexOf(u), `${k.name} uses ${u}`).toBeGreaterThanOrEqual(0);
      for (const u of k.uses ?? []) expect(names.indexOf(u), `${k.name} comes after ${u}`).toBeLessThan(i);
    });
  });
  it('plans each output once', () => {
    expect(new Set(jobs.map((j) => j.path)).size).toBe(jobs.length);
    expect(new Set(jobs.map((j) => j.kind))).toEqual(new Set(KINDS.map((k) => k.name)));
  });
});

describe('a change re-renders exactly the outputs that show it', () => {
  // The booklet, its press files and its page thumbnails (for the gallery).
  const bookletChain = ['booklet.pdf', ...ofKind('press', 'saddle'), 'gallery/booklet'];
  const leafletChain = (...leaflets: string[]) => [...shown(leaflets), ...ofKind('leaflets-all', 'leaflets-press', 'leaflets-2up')];
  // The gallery (index.html) shows every output: it changes with any of them.
  const gallery = ofKind('gallery');

  it("a point's title: its leaflet and cards, and the booklet (contents), with what is made from them", () => {
    expect(sorted(rerendered(modelOf(baseMeta.replace('title: الثانية', 'title: عنوان آخر'))))).toEqual(
      sorted([...leafletChain(...point2('leaflet')), ...shown(point2('card')), ...bookletChain, ...gallery]),
    );
  });
  it("an event's date or place: its leaflet only (and the leaflet files made from it)", () => {
    expect(sorted(rerendered(modelOf(baseMeta.replace('2024-05-04', '2024-06-01'))))).toEqual(sorted([...leafletChain(...point2('leaflet')), ...gallery]));
    expect(sorted(rerendered(modelOf(baseMeta.replace('إزمير', 'أنقرة'))))).toEqual(sorted([...leafletChain(...point2('leaflet')), ...gallery]));
  });
  it("a point's or the document's URL: the leaflets that draw it as a QR code, the link cards that print it", () => {
    const linkCards = (point?: number) => paths((j) => j.kind === 'card' && j.format === 'link' && j.point !== undefined && (point === undefined || j.point === point));
    expect(sorted(rerendered(modelOf(baseMeta + '    url: https://example.org/2\n')))).toEqual(sorted([...leafletChain(...point2('leaflet')), ...shown(linkCards(2)), ...gallery]));
    expect(sorted(rerendered(modelOf(baseMeta + 'url: https://example.org/\n')))).toEqual(sorted([...leafletChain(...ofKind('leaflet')), ...shown(linkCards()), ...gallery]));
  });
  it('--justify off: every output with justified text (booklet, leaflets, point cards), not the document cards', () => {
    const pointCards = paths((j) => j.kind === 'card' && j.point !== undefined);
    expect(sorted(rerendered(modelOf(baseMeta, { justify: 'off' })))).toEqual(sorted([...bookletChain, ...leafletChain(...ofKind('leaflet')), ...shown(pointCards), ...gallery]));
  });
  it('--leaflet-sheet a4-2up: all-leaflets.pdf only (the 2-up print sheet is imposed from leaflets-press.pdf)', () => {
    expect(sorted(rerendered(modelOf(baseMeta, { leafletSheet: 'a4-2up' })))).toEqual(sorted([...ofKind('leaflets-all'), ...gallery]));
  });
  it('--pages any: the booklet and its press files only', () => {
    expect(sorted(rerendered(modelOf(baseMeta, { pages: 'any' })))).toEqual(sorted([...bookletChain, ...gallery]));
  });
  it('theme.spare (notes pages or blank): the booklet and its press files only', () => {
    expect(sorted(rerendered(modelOf(baseMeta + 'theme:\n  spare: blank\n')))).toEqual(sorted([...bookletChain, ...gallery]));
  });
  it('theme.copyfit (the booklet set smaller to save a sheet, or padded): the booklet and its press files only', () => {
    expect(sorted(rerendered(modelOf(baseMeta + 'theme:\n  copyfit: off\n')))).toEqual(sorted([...bookletChain, ...gallery]));
  });
  it("the leaflets' body sizes: every leaflet (and the leaflet files made from them, and the gallery), nothing else", () => {
    expect(sorted(rerendered(modelOf(baseMeta + 'theme:\n  leafletBody:\n    regular: 15\n')))).toEqual(sorted([...leafletChain(...ofKind('leaflet')), ...gallery]));
  });
  it("the paper's thickness: the saddle sheets only (their creep)", () => {
    expect(rerendered(modelOf(baseMeta + 'theme:\n  paper:\n    thicknessMm: 0.2\n'))).toEqual([...ofKind('saddle'), ...gallery]);
  });
  it('the same option given again, or the default spelled out, re-renders nothing', () => {
    expect(rerendered(modelOf(baseMeta, { justify: base.theme.justify, leafletSheet: 'pages' }))).toEqual([]);
  });
  it('a card format added in the theme: only its cards are new, no other output changes (but the gallery, which shows them)', () => {
    const m = modelOf(baseMeta + 'theme:\n  cards:\n    add:\n      - { name: wide, width: 1600, height: 900 }\n');
    expect(rerendered(m)).toEqual(gallery);
    expect(planJobs(m).length).toBe(jobs.length + 8); // its 4 cards and their thumbnails
  });
});

describe('a job renders the same from its slice as from the whole model', () => {
  let cacheDir: string;
  beforeAll(async () => {
    cacheDir = await tempDir('warraq-kinds-');
  });
  const fonts = async () => templateFonts();
  const render = async (job: RenderJob, model: DocumentModel) => {
    const task: RenderTask = { job, model, projectRoot, key: `k-${Math.random().toString(36).slice(2)}`, cacheDir, inputs: [] };
    return (await kindOf(job).render(task, fonts)).files.map((f) => [f.path, Buffer.from(f.bytes).toString('base64')]);
  };
  // The kinds that take no other output; the others read only the PDF metadata and their inputs.
  const sample = [
    jobs.find((j) => j.kind === 'booklet')!,
    jobs.find((j) => j.kind === 'leaflet' && j.point === 2)!,
    jobs.find((j) => j.kind === 'card' && j.point === 1 && j.format === 'square')!,
    jobs.find((j) => j.kind === 'card' && j.point === undefined && j.format === 'link')!,
  ];
  it.each(sample.map((j) => [j.path, j] as const))('%s', async (_p, job) => {
    expect(kindNamed(job.kind).uses ?? []).toEqual([]);
    expect(await render(job, kindOf(job).slice(base, job))).toEqual(await render(job, base));
  }, 60_000);

  it('--justify off changes the point cards it re-renders', async () => {
    // Point 1's link card: the link card has no statement size, and its body is justified over two lines. (Point 2's
    // body is one line at the compact size now that a card's size avoids a runt, `oneCard` in templates/cardLayout.ts.)
    const job = jobs.find((j) => j.kind === 'card' && j.point === 1 && j.format === 'link')!;
    const off = modelOf(baseMeta, { justify: 'off' });
    expect(await render(job, kindOf(job).slice(off, job))).not.toEqual(await render(job, kindOf(job).slice(base, job)));
  }, 60_000);
});
