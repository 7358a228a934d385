/**
 * The print files as `npm run build` makes them (no Ghostscript needed):
 * CMYK only, PDF/X-4, the booklet's page plan, and preflight passes on each.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildReport } from '../../src/build.js';
import { readPdfx4 } from '../../src/print/pdfx.js';
import { preflight } from '../../src/print/preflight.js';
import { projectRoot } from '../support/fonts.js';
import { tempDir } from '../support/tmp.js';
import { colorOperators, pageContents } from '../support/pdfContent.js';

let dir: string;
let report: BuildReport;
const files = ['print/booklet-press.pdf', 'print/booklet-a4-saddle.pdf', 'print/leaflets-press.pdf', 'print/leaflets-a4-2up.pdf'];
const read = async (p: string) => new Uint8Array(await readFile(path.join(dir, 'dist', p)));

beforeAll(async () => {
  dir = await tempDir('warraq-print-build-');
  report = await build({ projectRoot, source: 'source/izmir-2023.txt', out: path.join(dir, 'dist'), only: ['print'], sourceDateEpoch: '1698000000' });
}, 120_000);

describe('npm run build: print files', () => {
  it('writes the four print files, and no PDF/X variant that needs Ghostscript', () => {
    expect(report.files.map((f) => f.path).sort()).toEqual([...files].sort());
    // The one note: the booklet is copyfitted (theme.copyfit), a sheet fewer than with notes pages.
    expect(report.notes).toEqual(['booklet.pdf: copyfitted: set at 11 pt, not 11.5 pt, in 8 pages, not 12 with spare pages (theme.copyfit: off keeps 11.5 pt)']);
  });
  it('draws them in CMYK only, declares PDF/X-4 with a 4-component profile, and preflight passes', async () => {
    for (const f of files) {
      const pdf = await read(f);
      for (const content of pageContents(pdf)) expect(colorOperators(content).filter((op) => /(?:^| )(?:rg|RG|g|G)$/.test(op)), f).toEqual([]);
      expect(await readPdfx4(pdf)).toMatchObject({ version: 'PDF/X-4', xmpVersion: 'PDF/X-4', outputIntent: { components: 4 }, pagesWithoutBoxes: [] });
      expect((await preflight(pdf)).problems, f).toEqual([]);
    }
  });
  it('gives the press PDF a multiple of 4 pages, and the saddle file the same pages two per side', () => {
    const pages = (p: string) => report.manifest.outputs.find((o) => o.path === p)!.pages!;
    expect(pages('print/booklet-press.pdf') % 4).toBe(0);
    expect(pages('print/booklet-a4-saddle.pdf') * 2).toBe(pages('print/booklet-press.pdf'));
    expect(pages('print/leaflets-press.pdf')).toBe(report.model.points.length);
  });
});
