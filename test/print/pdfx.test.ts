import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as mupdf from 'mupdf';
import { GS_MISSING_REASON, findGhostscript, makePdfx, verifyPdfx } from '../../src/print/pdfx.js';
import { pressPdf } from '../../src/print/press.js';
import { pageText, syntheticBooklet } from './fixtures.js';

const work = mkdtempSync(join(tmpdir(), 'warraq-pdfx-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('findGhostscript', () => {
  it('finds nothing on an empty PATH', () => {
    expect(findGhostscript('')).toBeNull();
  });
});

describe('verifyPdfx', () => {
  it('rejects a PDF without a GTS_PDFX output intent', async () => {
    const plain = await syntheticBooklet(1);
    await expect(verifyPdfx(plain, plain)).rejects.toThrow(/GTS_PDFX/);
  });
  it('checks the page count against the input, or against a count the caller knows', async () => {
    const plain = await syntheticBooklet(1);
    await expect(verifyPdfx(await syntheticBooklet(2), plain)).rejects.toThrow(/page count 1 ≠ input's 2/);
    await expect(verifyPdfx(3, plain)).rejects.toThrow(/page count 1 ≠ input's 3/);
  });
});

describe('makePdfx', () => {
  it('skips with a clear reason when gs is not on PATH', async () => {
    const saved = process.env.PATH;
    process.env.PATH = '';
    try {
      const r = await makePdfx(join(work, 'none.pdf'), join(work, 'none-x.pdf'));
      expect(r).toEqual({ skipped: true, reason: GS_MISSING_REASON });
      expect(GS_MISSING_REASON).toMatch(/apt-get install ghostscript/);
    } finally {
      process.env.PATH = saved;
    }
  });

  it.skipIf(findGhostscript() === null)('converts a press PDF to PDF/X-3 CMYK and verifies it', async () => {
    const press = await pressPdf(await syntheticBooklet(3, { frame: true }), {
      pageBackgrounds: ['#2a6f97', null, null],
      date: new Date(Date.UTC(2026, 0, 1)),
    });
    const input = join(work, 'press.pdf');
    const output = join(work, 'press-x.pdf');
    writeFileSync(input, press);
    const r = await makePdfx(input, output);
    expect(r.skipped).toBe(false);
    if (r.skipped) return;
    expect(r.pageCount).toBe(3);
    expect(r.pdfxVersion).toBe('PDF/X-3:2002');

    const doc = new mupdf.PDFDocument(output);
    const intent = doc.getTrailer().get('Root', 'OutputIntents').get(0).resolve();
    expect(intent.get('S').asName()).toBe('GTS_PDFX');
    if (r.iccProfilePath !== null) expect(intent.get('DestOutputProfile').isStream()).toBe(true);
    // Colour converted: no page uses DeviceRGB any more.
    const raw = Buffer.from(doc.saveToBuffer('decompress').asUint8Array()).toString('latin1');
    expect(raw).not.toMatch(/DeviceRGB/);
    expect(raw).toMatch(/DeviceCMYK| k\b| K\b/);
    // Boxes and text survive.
    const page = doc.loadPage(0).getObject();
    expect(page.get('TrimBox').isArray()).toBe(true);
    expect(page.get('BleedBox').isArray()).toBe(true);
    expect(pageText(readFileSync(output)).join(' ')).toMatch(/P0[\s\S]*P1[\s\S]*P2/);
  });
});
