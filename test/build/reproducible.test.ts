/**
 * Reproducible builds: the same input gives the same bytes, wherever the
 * project sits on disk, and every date written into a PDF comes from
 * SOURCE_DATE_EPOCH or the metadata, never from the clock.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { fingerprint, smallProject } from '../fixtures/reliability/project.js';

/**
 * The PDF's dates: CreationDate and ModDate as mupdf reads them, and any
 * other `D:` date in the uncompressed part of the file (pdf-lib compresses
 * its Info dictionary, so there may be none).
 */
async function pdfDates(file: string): Promise<{ creation: string; all: string[] }> {
  const bytes = await readFile(file);
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  const creation = doc.getMetaData('info:CreationDate') ?? '';
  const mod = doc.getMetaData('info:ModDate');
  const raw = bytes.toString('latin1');
  const all = [creation, ...(mod ? [mod] : []), ...[...raw.matchAll(/D:\d{4,14}/g)].map((m) => m[0])].map((d) => d.slice(2, 16));
  return { creation, all };
}

describe('reproducible output', () => {
  it('two builds of the same input, from two project folders into two output folders, in two time zones, are byte-identical', async () => {
    const a = await smallProject();
    const b = await smallProject();
    expect(a).not.toBe(b);
    const only = ['booklet', 'leaflets', 'cards', 'print'] as const;
    const tz = process.env.TZ;
    try {
      // UTC-10 and UTC+14: local dates differ from UTC ones for most of the day.
      process.env.TZ = 'America/Adak';
      await build({ projectRoot: a, source: 'source/doc.txt', out: 'dist', only: [...only] });
      process.env.TZ = 'Pacific/Kiritimati';
      await build({ projectRoot: b, source: 'source/doc.txt', out: 'out/second', only: [...only] });
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    const fa = await fingerprint(path.join(a, 'dist'));
    const fb = await fingerprint(path.join(b, 'out/second'));
    // What the comparison covers.
    expect(Object.keys(fa)).toEqual(expect.arrayContaining(['booklet.pdf', 'leaflets/02-literacy.pdf', 'cards/portrait/02-literacy.png', 'print/booklet-a4-saddle.pdf', 'manifest.json']));
    expect(fb).toEqual(fa);
    // No absolute path of either project leaks into any file.
    for (const rel of Object.keys(fa)) {
      const text = (await readFile(path.join(a, 'dist', rel))).toString('latin1');
      expect(text.includes(a), rel).toBe(false);
    }
  });

  it('PDF dates come from SOURCE_DATE_EPOCH when it is set (the day, at 00:00 UTC), over the metadata date', async () => {
    const root = await smallProject();
    // 1700000000 is 2023-11-14T22:13:20Z; the metadata says 2024-03-15.
    await build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet', 'leaflets', 'print'], sourceDateEpoch: '1700000000' });
    for (const f of ['booklet.pdf', 'leaflets/01.pdf', 'leaflets/all-leaflets.pdf', 'print/booklet-a4-saddle.pdf', 'print/booklet-press.pdf', 'print/leaflets-a4-2up.pdf']) {
      const { creation, all } = await pdfDates(path.join(root, 'dist', f));
      expect(creation, f).toMatch(/^D:20231114000000/);
      for (const d of all) expect(d, f).toBe('20231114000000');
    }
  });

  it('without SOURCE_DATE_EPOCH, PDF dates come from the metadata `date:`', async () => {
    const root = await smallProject();
    await build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet', 'leaflets'] });
    for (const f of ['booklet.pdf', 'leaflets/02-literacy.pdf']) {
      const { creation, all } = await pdfDates(path.join(root, 'dist', f));
      expect(creation, f).toMatch(/^D:20240315000000/);
      for (const d of all) expect(d, f).toBe('20240315000000');
    }
    const manifest = JSON.parse(await readFile(path.join(root, 'dist/manifest.json'), 'utf8'));
    expect(manifest.date).toBe('2024-03-15');
  });
});
