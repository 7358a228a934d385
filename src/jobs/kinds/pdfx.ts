/**
 * print/booklet-press-pdfx.pdf: the press PDF in CMYK as PDF/X, made and
 * verified by Ghostscript in its own process (the longest job of a build);
 * skipped with a note when gs is absent.
 */
import type { OutputKind } from '../kind.js';
import { pick } from '../slice.js';
import { findGhostscript } from '../../print/ghostscript.js';
import { dateOf, inputOf, type PdfBytes } from './pdf.js';

export const pdfx: OutputKind = {
  name: 'pdfx',
  group: 'print',
  family: 'pdf',
  cost: 450,
  uses: ['press'],
  plan: () => [{ path: 'print/booklet-press-pdfx.pdf' }],
  slice: (model) => pick(model, ['date']),
  environment: () => findGhostscript() ?? 'no Ghostscript',
  tools: ['gs'],
  async render(task) {
    const press = inputOf<PdfBytes>(task, 'press');
    const { pdfxFromBytes } = await import('../../print/pdfx.js');
    const r = await pdfxFromBytes(press, dateOf(task.model));
    if ('skipped' in r) return { files: [], aux: { notes: [`PDF/X variant skipped: ${r.skipped}`] }, skipped: true };
    return { files: [{ kind: 'print', path: task.job.path, bytes: r.bytes, pages: press.pageCount }], aux: { notes: [] } };
  },
};
