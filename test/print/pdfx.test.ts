import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { OUTPUT_PROFILE, markPdfx4, readPdfx4, withPdfxHeader } from '../../src/print/pdfx.js';
import { syntheticBooklet } from './fixtures.js';

const DATE = new Date(Date.UTC(2026, 0, 1));

async function marked(title: string) {
  const doc = await PDFDocument.load(await syntheticBooklet(2), { updateMetadata: false });
  markPdfx4(doc, { title, date: DATE, idSeed: 'seed', binding: 'saddle' });
  return withPdfxHeader(await doc.save());
}

describe('markPdfx4 / readPdfx4', () => {
  it('writes the OutputIntent with the 4-component profile, the PDF/X-4 version, Trapped, XMP title, ID and boxes', async () => {
    const r = await readPdfx4(await marked('خطة عمل & <co>'));
    expect(r).toEqual({
      version: 'PDF/X-4',
      trapped: 'False',
      outputIntent: { identifier: 'FOGRA39', components: 4 },
      xmpTitle: 'خطة عمل & <co>',
      xmpVersion: 'PDF/X-4',
      hasId: true,
      binding: 'saddle',
      pagesWithoutBoxes: [],
    });
  });
  it('reports a plain PDF as declaring nothing', async () => {
    const r = await readPdfx4(await syntheticBooklet(1));
    expect(r).toMatchObject({ version: null, outputIntent: null, xmpVersion: null, binding: null, pagesWithoutBoxes: [1] });
  });
  it('is reproducible and writes a PDF 1.6 header', async () => {
    const a = await marked('t');
    expect(Buffer.from(a).equals(Buffer.from(await marked('t')))).toBe(true);
    expect(Buffer.from(a.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.6');
  });
  it('embeds a CMYK output-class profile that is committed with its licence', () => {
    const icc = readFileSync(OUTPUT_PROFILE.file);
    expect(icc.subarray(12, 20).toString('latin1')).toBe('prtrCMYK');
    expect(readFileSync(OUTPUT_PROFILE.file.replace(/\.icc$/, '.LICENSE.txt'), 'utf8')).toMatch(/zlib\/libpng License[\s\S]*basICColor/);
  });
});
