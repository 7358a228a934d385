/**
 * PDF/UA-1 (ISO 14289-1): the machine-checkable failure conditions of the
 * Matterhorn Protocol 1.1 that apply to our files (test/support/matterhorn.ts),
 * on every PDF a build writes — booklet.pdf, each leaflet, all-leaflets.pdf,
 * and the press files booklet-press.pdf and leaflets-press.pdf (PDF/X-4 +
 * PDF/UA-1) — of the seed, mixed-7, udhr-en and udhr-fa, built as
 * `warraq --only booklet,leaflets,print` builds them. The imposed sheets
 * (booklet-a4-saddle.pdf, leaflets-a4-2up.pdf) are not tagged
 * (docs/accessibility.md) and must then not claim PDF/UA.
 *
 * No PDF/UA validator (veraPDF, PAC) runs on this machine; what the checks
 * cover and what they cannot is in docs/accessibility.md, "PDF/UA-1: what
 * is checked". The checker itself is tested on files broken on purpose.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFName, PDFDocument, PDFNumber, PDFRef, PDFString, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { build } from '../../../src/build.js';
import { makeProject, repoRoot } from '../../fixtures/reliability/project.js';
import { matterhornFindings, type Finding } from '../../support/matterhorn.js';

const DOCS = [
  { name: 'izmir-2023', dir: 'source' },
  { name: 'mixed-7', dir: 'test/fixtures/docs/mixed-7' },
  { name: 'udhr-en', dir: 'test/fixtures/docs/udhr-en' },
  { name: 'udhr-fa', dir: 'test/fixtures/docs/udhr-fa' },
] as const;

let out: string;
beforeAll(async () => {
  const files: Record<string, { copy: string }> = {};
  for (const d of DOCS) for (const ext of ['txt', 'meta.yaml']) files[`source/${d.name}.${ext}`] = { copy: path.join(repoRoot, d.dir, `${d.name}.${ext}`) };
  const root = await makeProject(files);
  for (const d of DOCS) await build({ projectRoot: root, source: `source/${d.name}.txt`, out: `dist/${d.name}`, sourceDateEpoch: '1698000000', only: ['booklet', 'leaflets', 'print'] });
  out = path.join(root, 'dist');
});

const pdfsOf = (doc: string) => {
  const dir = path.join(out, doc);
  return [
    'booklet.pdf',
    ...readdirSync(path.join(dir, 'leaflets')).filter((f) => f.endsWith('.pdf')).map((f) => `leaflets/${f}`),
    ...readdirSync(path.join(dir, 'print')).map((f) => `print/${f}`),
  ].sort();
};
const read = (doc: string, file: string) => new Uint8Array(readFileSync(path.join(out, doc, file)));
const imposed = (file: string) => /-(saddle|2up)\.pdf$/.test(file);

describe.each(DOCS)('$name: PDF/UA-1 (Matterhorn 1.1, machine-checkable conditions)', ({ name }) => {
  it('writes every kind: booklet, leaflets, all-leaflets, press files, imposed sheets', () => {
    const files = pdfsOf(name);
    for (const f of ['booklet.pdf', 'leaflets/all-leaflets.pdf', 'print/booklet-press.pdf', 'print/leaflets-press.pdf', 'print/booklet-a4-saddle.pdf']) expect(files).toContain(f);
    expect(files.filter((f) => /^leaflets\/\d/.test(f)).length).toBeGreaterThan(0);
  });

  // ISO 14289-1 7.21.5 (a painted glyph's /W is its program's advance) included: every inked code's hmtx is its /W
  // (programAdvances.ts), and an inkless mark drawn with the space glyph has the space's advance as its /W (glyphPainter.ts
  // `spaceAdvance1000`); until marks20, 0–3 inkless marks a file drawn in render mode 0 kept a /W of 0.
  it('every tagged PDF passes every check', async () => {
    for (const file of pdfsOf(name).filter((f) => !imposed(f))) {
      const found = await matterhornFindings(read(name, file));
      expect(found.map((f) => `${f.check} (${f.clause}) ${f.where}: ${f.detail}`), file).toEqual([]);
    }
  });

  it('the imposed sheets are not tagged and claim neither PDF/UA nor tagging', async () => {
    for (const file of pdfsOf(name).filter(imposed)) {
      const doc = await PDFDocument.load(read(name, file), { updateMetadata: false });
      expect(doc.catalog.has(PDFName.of('StructTreeRoot')), file).toBe(false);
      // /MarkInfo /Marked is how a file claims to be tagged.
      expect(doc.catalog.has(PDFName.of('MarkInfo')), file).toBe(false);
      const meta = doc.catalog.lookup(PDFName.of('Metadata'));
      const xmp = meta instanceof PDFRawStream ? new TextDecoder().decode(decodePDFRawStream(meta).decode()) : '';
      expect(xmp, file).not.toContain('pdfuaid');
    }
  });
});

/** The checker finds what it is meant to find: a leaflet (with a QR code's Figure) and the booklet (with links) of mixed-7, broken one way at a time. */
describe('the Matterhorn checker on files broken on purpose', () => {
  const LEAFLET = 'leaflets/01-knowledge-for-all.pdf';
  async function broken(file: string, breakIt: (doc: PDFDocument) => void): Promise<Finding[]> {
    const doc = await PDFDocument.load(read('mixed-7', file), { updateMetadata: false });
    breakIt(doc);
    return matterhornFindings(await doc.save({ useObjectStreams: false }));
  }
  const checks = (found: Finding[]) => [...new Set(found.map((f) => `${f.check} ${f.clause}`))].sort();
  const root = (doc: PDFDocument) => doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  /** Every structure element, depth first. */
  const elements = (doc: PDFDocument): PDFDict[] => {
    const outEls: PDFDict[] = [];
    const walk = (o: unknown) => {
      const d = o instanceof PDFRef ? doc.context.lookup(o) : o;
      if (d instanceof PDFArray) return d.asArray().forEach(walk);
      if (!(d instanceof PDFDict) || !d.has(PDFName.of('S'))) return;
      outEls.push(d);
      walk(d.get(PDFName.of('K')));
    };
    walk(root(doc).get(PDFName.of('K')));
    return outEls;
  };
  const byType = (doc: PDFDocument, s: string) => elements(doc).filter((e) => e.get(PDFName.of('S')) === PDFName.of(s));

  it('passes the unbroken files', async () => {
    expect(checks(await broken(LEAFLET, () => {}))).toEqual([]);
    expect(checks(await broken('booklet.pdf', () => {}))).toEqual([]);
  });

  it('finds catalog, metadata and language faults', async () => {
    const found = await broken(LEAFLET, (doc) => {
      doc.catalog.set(PDFName.of('Lang'), PDFString.of('ar_EG'));
      doc.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict).delete(PDFName.of('DisplayDocTitle'));
      doc.catalog.lookup(PDFName.of('MarkInfo'), PDFDict).set(PDFName.of('Suspects'), doc.context.obj(true));
      doc.catalog.delete(PDFName.of('Metadata'));
    });
    expect(checks(found)).toEqual(['01-007 7.1-4', '06-001 7.1-8', '07-001 7.1-10', 'ISO 7.2-29']);
  });

  it('finds a Figure without /Alt, a heading level skipped, an unmapped and a remapped structure type, and a list holding a paragraph', async () => {
    const found = await broken(LEAFLET, (doc) => {
      byType(doc, 'Figure')[0].delete(PDFName.of('Alt'));
      byType(doc, 'H1')[0].set(PDFName.of('S'), PDFName.of('H3'));
      byType(doc, 'Lbl')[0].set(PDFName.of('S'), PDFName.of('PdfiumText'));
      byType(doc, 'LBody')[0].set(PDFName.of('S'), PDFName.of('P'));
      root(doc).set(PDFName.of('RoleMap'), doc.context.obj({ P: 'Span' }));
    });
    expect(checks(found)).toEqual(['02-001 7.1-5', '02-004 7.1-7', '13-004 7.3-1', '14-002 7.4.2-1', 'ISO 7.2-20']);
  });

  it('accepts a private structure type role-mapped to a standard one', async () => {
    const found = await broken(LEAFLET, (doc) => {
      byType(doc, 'Lbl')[0].set(PDFName.of('S'), PDFName.of('PdfiumText'));
      root(doc).set(PDFName.of('RoleMap'), doc.context.obj({ PdfiumText: 'Lbl' }));
    });
    expect(checks(found)).toEqual([]);
  });

  it('finds content outside marked content, an MCID the tree does not hold, and a ParentTree entry that is wrong', async () => {
    const found = await broken(LEAFLET, (doc) => {
      const page = doc.getPages()[0];
      // A stroke after everything else on the page, in no marked content.
      page.node.addContentStream(doc.context.register(doc.context.flateStream('0 0 m 10 10 l S')));
      // The first P's first MCID taken out of the tree (its content stays marked with it).
      const p = byType(doc, 'P')[0];
      const k = p.lookup(PDFName.of('K'));
      if (k instanceof PDFArray) k.remove(0);
      else p.delete(PDFName.of('K'));
      // The H1's ParentTree entry pointed at another element.
      const h1 = byType(doc, 'H1')[0];
      const mcid = (h1.lookup(PDFName.of('K')) instanceof PDFArray ? h1.lookup(PDFName.of('K'), PDFArray).lookup(0) : h1.lookup(PDFName.of('K'))) as PDFNumber;
      const key = page.node.lookup(PDFName.of('StructParents'), PDFNumber).asNumber();
      const nums = root(doc).lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
      const at = nums.asArray().findIndex((o, i) => i % 2 === 0 && (o as PDFNumber).asNumber() === key);
      const arr = nums.lookup(at + 1, PDFArray);
      arr.set(mcid.asNumber(), arr.get((mcid.asNumber() + 1) % arr.size()) === arr.get(mcid.asNumber()) ? doc.context.obj(null) : arr.get((mcid.asNumber() + 1) % arr.size()));
    });
    const details = found.map((f) => f.detail).join('\n');
    expect(checks(found)).toEqual(['01-005 7.1-3']);
    expect(details).toMatch(/1 × stroke neither in tagged content nor in an Artifact/);
    expect(details).toMatch(/MCID \d+ \(P\) is held by no structure element/);
    expect(details).toMatch(/ParentTree\[\d+\]\[\d+\] is .*, not .*, the element holding it/);
  });

  it('finds a link without /Contents and a link outside a Link element', async () => {
    const found = await broken('booklet.pdf', (doc) => {
      const links = doc.getPages().flatMap((p) => p.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []);
      expect(links.length).toBeGreaterThan(1);
      doc.context.lookup(links[0], PDFDict).delete(PDFName.of('Contents'));
      const link = byType(doc, 'Link').find((l) => {
        const k = l.lookup(PDFName.of('K'));
        return (k instanceof PDFArray ? k.asArray() : [k]).some((x) => {
          const d = x instanceof PDFRef ? doc.context.lookup(x) : x;
          return d instanceof PDFDict && d.get(PDFName.of('Obj'))?.toString() === links[1].toString();
        });
      })!;
      link.set(PDFName.of('S'), PDFName.of('Span'));
    });
    expect(checks(found)).toEqual(['28-011 7.18.5-1', '28-012 7.18.5-2']);
  });
});
