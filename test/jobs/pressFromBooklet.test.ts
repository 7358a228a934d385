/**
 * The press PDF is the booklet's drawing written again in CMYK, from
 * booklet.pdf and the record of its colours the booklet job kept (in the
 * cache folder, src/jobs/kinds/booklet.ts): nothing laid out or drawn a
 * second time. Its bytes equal a press PDF drawn from the booklet laid out
 * afresh, with no composition remembered.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderTask, TaskInput } from '../../src/jobs/kind.js';
import { kindOf } from '../../src/jobs/kinds.js';
import { planJobs } from '../../src/jobs/planJobs.js';
import { loadDocument } from '../../src/model/buildModel.js';
import type { DocumentModel } from '../../src/model/types.js';
import { forgetComposedInMemory } from '../../src/text/composeCache.js';
import { pdfMetaOf } from '../../src/jobs/kinds/pdf.js';
import { layoutBooklet } from '../../templates/booklet.js';
import { projectRoot, templateFonts } from '../support/fonts.js';
import { pressOfPages } from '../support/press.js';

let cacheDir: string;
let model: DocumentModel;
beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'warraq-press-'));
  model = (await loadDocument('source/izmir-2023.txt', { projectRoot, sourceDateEpoch: '1698000000' })).model;
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

describe('press PDF from the booklet', () => {
  it('equals the press PDF of the booklet laid out again (no composition remembered)', async () => {
    const jobs = planJobs(model);
    const bookletJob = jobs.find((j) => j.kind === 'booklet')!;
    const pressJob = jobs.find((j) => j.kind === 'press')!;
    const fonts = async () => templateFonts();
    const task = (job: typeof bookletJob, key: string, inputs: TaskInput[] = []): RenderTask => ({ job, model: kindOf(job).slice(model, job), projectRoot, key, cacheDir, inputs });

    const booklet = await kindOf(bookletJob).render(task(bookletJob, 'booklet-key'), fonts);
    const staged = path.join(cacheDir, 'booklet.pdf');
    await writeFile(staged, booklet.files[0].bytes);
    const input: TaskInput = { kind: 'booklet', path: bookletJob.path, key: 'booklet-key', data: 'booklet-key', files: [{ kind: 'booklet', path: 'booklet.pdf', size: booklet.files[0].bytes.length, staged }] };
    const fromKept = await kindOf(pressJob).render(task(pressJob, 'press-key', [input]), fonts);
    expect(fromKept.files[0].pages).toBe(booklet.files[0].pages);

    forgetComposedInMemory();
    const pages = layoutBooklet(model, templateFonts()).pages;
    const afresh = await pressOfPages(pages, model.theme, pdfMetaOf(model), 'saddle');
    expect(Buffer.from(fromKept.files[0].bytes).equals(Buffer.from(afresh))).toBe(true);
  }, 120_000);
});
