/**
 * Twin drawings (src/render/pdf/twin.ts): the pages drawn once in RGB with a
 * record of their colours, and the CMYK twin written from it. The RGB file is
 * byte for byte renderPages' drawing. Written again with each colour use
 * (mark, line, area, background) in a colour of its own, in the CMYK that
 * mupdf itself makes of it (colour management off), the twin rasterises,
 * plate by plate, as the laid-out pages drawn in RGB in those colours: every
 * colour the drawing chose is at a place the record names, under its use,
 * and nothing else changed. In the theme's press mode, black text overprints
 * (on the pages whose text blocks are in a colour that overprints) and no
 * RGB operator is left.
 */
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import * as mupdf from 'mupdf';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { loadDocument } from '../../../src/model/buildModel.js';
import { loadFontSet } from '../../../src/fonts/loadFontSet.js';
import type { DocumentModel } from '../../../src/model/types.js';
import type { LaidOutPage } from '../../../src/layout/types.js';
import { layoutBooklet } from '../../../templates/booklet.js';
import { layoutLeaflet } from '../../../templates/leaflet.js';
import { renderPages, renderTwin, type PdfMeta } from '../../../src/render/pdf/renderPages.js';
import { pressColorMode } from '../../../src/print/color.js';
import { recolorPages } from '../../../src/print/pressFiles.js';
import { projectRoot } from '../../support/fonts.js';
import { recolor, SlotRecorder, type ContentDoc, type Slot, type TwinPage } from '../../../src/render/pdf/twin.js';
import { rgbOperator } from '../../../src/render/pdf/glyphPainter.js';
import type { ColorMode } from '../../../src/render/pdf/colorMode.js';
import type { Cmyk } from '../../../src/model/types.js';

let model: DocumentModel;
let booklet: LaidOutPage[];
let leaflets: LaidOutPage[];
let meta: PdfMeta;

beforeAll(async () => {
  model = (await loadDocument('source/izmir-2023.txt', { projectRoot, sourceDateEpoch: '1698000000' })).model;
  const fonts = await loadFontSet(model.theme, projectRoot);
  booklet = layoutBooklet(model, fonts).pages;
  // Leaflets with events (a tint under overprinting text) and QR codes.
  leaflets = model.points.slice(0, 4).flatMap((p) => layoutLeaflet(model, p, fonts).pages);
  meta = { title: model.title, lang: model.lang, rtl: true, date: new Date(`${model.date}T00:00:00Z`) };
}, 60_000);

/** Each page's pixels in CMYK (colour management off, as preflight measures ink). */
function plates(pdf: Uint8Array, scale = 1.5): Buffer[] {
  mupdf.disableICC();
  try {
    const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
    const out: Buffer[] = [];
    for (let i = 0; i < doc.countPages(); i++) out.push(Buffer.from(doc.loadPage(i).toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceCMYK, false).getPixels()));
    return out;
  } finally {
    mupdf.enableICC();
  }
}

/** The largest difference between two pixmaps' bytes. */
function largestDifference(a: Buffer, b: Buffer): number {
  if (a.length !== b.length) return Infinity;
  let most = 0;
  for (let i = 0; i < a.length; i++) most = Math.max(most, Math.abs(a[i] - b[i]));
  return most;
}

/** The pages that name the overprint state among their resources. */
async function overprinting(pdf: Uint8Array): Promise<number[]> {
  const doc = await PDFDocument.load(pdf);
  return doc
    .getPages()
    .map((p, i) => (p.node.Resources()?.lookupMaybe(PDFName.of('ExtGState'), PDFDict)?.has(PDFName.of('GSOverprint')) ? i : -1))
    .filter((i) => i >= 0);
}

/** The CMYK mupdf makes of an RGB colour with colour management off (1 − r, 1 − g, 1 − b, their common part as K), in percent. */
function mupdfCmyk(hex: string): Cmyk {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [c, m, y] = [1, 3, 5].map((i) => 1 - parseInt(hex.slice(i, i + 2), 16) / 255);
  const k = Math.min(c, m, y);
  return [c - k, m - k, y - k, k].map((v) => v * 100) as Cmyk;
}

/**
 * Each colour use its own colour, far from the others' (a channel flipped by
 * 128, so a grey changes too): marks (text, QR codes) keep theirs, lines
 * (rules), areas (rects) and backgrounds each flip another channel.
 */
const flip = (channel: number) => (hex: string) => `#${[1, 3, 5].map((i, c) => (parseInt(hex.slice(i, i + 2), 16) ^ (c === channel ? 0x80 : 0)).toString(16).padStart(2, '0')).join('')}`;
const byUse = { mark: (hex: string) => hex, line: flip(0), area: flip(1), background: flip(2) };

/** The laid-out pages with each colour as its use (from the block's kind) makes it: what the twin in `asMupdfSeesByUse` must draw. */
const recoloredByUse = (pages: LaidOutPage[]): LaidOutPage[] =>
  pages.map((p) => ({
    ...p,
    background: byUse.background(p.background),
    blocks: p.blocks.map((b) => (b.kind === 'rule' ? { ...b, color: byUse.line(b.color) } : b.kind === 'rect' ? { ...b, color: byUse.area(b.color) } : b)),
  }));

/** A CMYK mode that draws what `recoloredByUse` draws in RGB: each use's colour as mupdf converts it, every background printed, no overprint. */
const asMupdfSeesByUse: ColorMode = {
  mark: (hex) => mupdfCmyk(byUse.mark(hex)),
  line: (hex) => mupdfCmyk(byUse.line(hex)),
  area: (hex) => mupdfCmyk(byUse.area(hex)),
  background: (hex) => mupdfCmyk(byUse.background(hex)),
  overprint: () => false,
};

/** The twin drawing written again in `mode`. */
async function recolored(twin: { bytes: Uint8Array; pages: TwinPage[] }, mode: ColorMode): Promise<Uint8Array> {
  const doc = await PDFDocument.load(twin.bytes);
  recolorPages(doc, twin.pages, mode);
  return doc.save();
}

describe('twin drawings', () => {
  it.each([
    ['booklet', () => booklet],
    ['leaflets', () => leaflets],
  ])('the %s: the RGB file is renderPages’ own; its twin in CMYK draws the same picture, and the press mode overprints black text', async (_, pagesOf) => {
    const pages = pagesOf();
    const twin = await renderTwin(pages, meta);
    expect(Buffer.from(twin.bytes).equals(Buffer.from(await renderPages(pages, meta)))).toBe(true);

    // Every colour written again, each use (mark, line, area, background) in a colour of its own as mupdf sees it:
    // every plate the pixels of the laid-out pages drawn in RGB in those colours (but for rounding: a pale
    // background's RGB, as pdfkit writes it, and its CMYK round to bytes one apart). A wrong, misplaced or
    // misclassified colour differs by far more; a colour left in RGB is what the press mode's check below finds.
    const byUsePages = recoloredByUse(pages);
    expect(byUsePages.some((p, i) => p.blocks.some((b, j) => b !== pages[i].blocks[j]))).toBe(true);
    const [a, b] = [plates(await renderPages(byUsePages, meta)), plates(await recolored(twin, asMupdfSeesByUse))];
    expect(b.length).toBe(a.length);
    a.forEach((px, i) => expect(largestDifference(px, b[i]), `page ${i + 1}`).toBeLessThanOrEqual(1));

    // The press mode: the overprint state on exactly the pages with text in a colour that overprints (from the layout).
    const mode = pressColorMode(model.theme);
    const press = await recolored(twin, mode);
    const overprints = pages.flatMap((p, i) => (p.blocks.some((b) => b.kind === 'text' && b.lines.length > 0 && mode.overprint(b.color)) ? [i] : []));
    expect(overprints.length).toBeGreaterThan(0);
    expect(await overprinting(press)).toEqual(overprints);
    // No RGB operator is left in the twin's content.
    for (const page of (await PDFDocument.load(press)).getPages()) {
      const s = page.node.Contents() ? inflateSync((page.node.context.lookup(page.node.get(PDFName.of('Contents'))) as PDFRawStream).contents).toString('latin1') : '';
      expect(s).not.toMatch(/ (rg|RG|scn|SCN)\n|DeviceRGB/);
    }
  }, 120_000);
});

describe('recolor', () => {
  const black: Cmyk = [0, 0, 0, 100];
  const mode: ColorMode = { mark: () => black, line: () => black, area: () => black, background: () => null, overprint: () => false };
  const pdfkitFill = '/DeviceRGB cs\n1 0 0 scn\n';
  const fillSlot = (at: number, stroke = false): Slot => ({ kind: 'color', use: 'mark', hex: '#ff0000', at, length: pdfkitFill.length, stroke, newline: true });

  it('writes the colour where the slot holds the operator recorded', () => {
    const content = `q\n${pdfkitFill}0 0 m\n`;
    expect(recolor(content, { background: '#ffffff', slots: [fillSlot(2)] }, mode).content).toBe('q\n0 0 0 1 k\n0 0 m\n');
    const painted = `BT\n${rgbOperator('#ff0000')} 0 0 Td`;
    expect(recolor(painted, { background: '#ffffff', slots: [{ kind: 'color', use: 'mark', hex: '#ff0000', at: 3, length: rgbOperator('#ff0000').length }] }, mode).content).toBe('BT\n0 0 0 1 k 0 0 Td');
  });

  it('throws where a slot does not hold what was recorded, rather than corrupt the page', () => {
    const content = `q\n${pdfkitFill}0 0 m\n`;
    expect(() => recolor(content, { background: '#ffffff', slots: [fillSlot(1)] }, mode)).toThrow(/color slot at 1 .*not what was recorded/);
    expect(() => recolor(content, { background: '#ffffff', slots: [fillSlot(2, true)] }, mode)).toThrow(/not what was recorded/);
    expect(() => recolor('BT\n1 0 0 RG', { background: '#ffffff', slots: [{ kind: 'color', use: 'mark', hex: '#ff0000', at: 3, length: 8 }] }, mode)).toThrow(/not what was recorded/);
  });

  it('leaves out a background only where the slot holds the artifact recorded', () => {
    const artifact = '/Artifact <</Type /Background>> BDC\nq\n0 0 10 10 re\nf\nQ\nEMC\n';
    const page = (at: number): TwinPage => ({ background: '#eeeeee', slots: [{ kind: 'background', hex: '#eeeeee', at, length: artifact.length }] });
    expect(recolor(`q\n${artifact}Q\n`, page(2), mode).content).toBe('q\nQ\n');
    expect(() => recolor(`q\n${artifact}Q\n`, page(1), mode)).toThrow(/background slot at 1 .*not what was recorded/);
  });

  it('the recorder stops when pdfkit does not count its content', () => {
    const slots = new SlotRecorder();
    slots.page(0, '#ffffff');
    const doc = { addContent: () => doc, page: { content: {} } } as unknown as ContentDoc;
    expect(() => slots.overprint(doc, '#000000', false)).toThrow(/uncompressedLength is undefined, not a number/);
  });
});
