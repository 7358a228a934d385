/**
 * The same pipeline on another document in the same conventions: harakat,
 * Latin acronyms in brackets, percentages, both digit families, Extended
 * Arabic-Indic point numbers, seven points, an A6 booklet from the metadata.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { tempDir } from '../support/tmp.js';
import path from 'node:path';
import { build, type BuildReport } from '../../src/build.js';
import { extractText, normalizeForCompare, readDrawnGlyphs } from '../support/pdfReadback.js';
import { shapingConformance } from '../support/conformance.js';
import { fontsByPostscriptName } from '../support/textFixtures.js';
import { projectRoot } from '../support/fonts.js';

let out: string;
let report: BuildReport;
let booklet: Uint8Array;

beforeAll(async () => {
  out = path.join(await tempDir('warraq-other-'), 'out');
  report = await build({ projectRoot, source: 'test/fixtures/other.txt', out, only: ['booklet', 'leaflets'], sourceDateEpoch: '1710460800' });
  booklet = new Uint8Array(await readFile(path.join(out, 'booklet.pdf')));
});

describe('another document (test/fixtures/other.txt)', () => {
  it('builds a booklet and one leaflet per point (7)', () => {
    expect(report.model.points).toHaveLength(7);
    const leaflets = report.manifest.outputs.filter((o) => o.kind === 'leaflet' && o.point !== undefined);
    expect(leaflets.map((l) => l.point)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(report.manifest.outputs.find((o) => o.path === 'booklet.pdf')).toBeDefined();
  });

  it('uses the page size and digits of the document', async () => {
    expect(report.model.digits).toBe('arabext');
    expect(report.model.theme.page.booklet.name).toBe('A6');
    const pages = (await extractText(booklet, 'pdfjs')).split('\f');
    expect(normalizeForCompare(pages[2])).toContain('۳'); // page 3's number, Extended Arabic-Indic
  });

  it('draws every word as HarfBuzz shapes it, harakat included', async () => {
    const r = shapingConformance(await readDrawnGlyphs(booklet), { fonts: fontsByPostscriptName(), lang: 'ar', dir: 'rtl' });
    expect(r.words).toBeGreaterThan(100);
    expect(r.glyphsEqual / r.words).toBeGreaterThanOrEqual(0.995);
    expect(r.positionsEqual / r.words).toBeGreaterThanOrEqual(0.99);
  });

  it('returns each point whole from pdf.js (brackets, acronyms, percentages, both digit families)', async () => {
    const text = normalizeForCompare(await extractText(booklet, 'pdfjs'));
    for (const p of report.model.points) {
      // A point may straddle an A6 page; then its halves are found in order around the page furniture.
      const t = normalizeForCompare(p.text);
      if (text.includes(t)) continue;
      const half = Math.floor(t.length / 2);
      expect(text, `point ${p.number}`).toContain(t.slice(0, half - 20));
      expect(text, `point ${p.number}`).toContain(t.slice(half + 20));
    }
  });
});
