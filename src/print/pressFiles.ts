/**
 * The press files of drawn pages, in the theme's CMYK colour mode
 * (src/print/color.ts; no page tint, ink black in K only), then given bleed,
 * crop marks and the PDF/X-4 declarations (src/print/press.ts,
 * src/print/pdfx.ts). The booklet's press PDF and leaflets-press.pdf are both
 * made here; the imposed sheets are made from their bytes (src/print/impose.ts).
 *
 * A press file is its RGB drawing's twin (src/render/pdf/twin.ts): the
 * screen file's drawing of the same pages (booklet.pdf, all-leaflets.pdf),
 * its content streams written again with the CMYK colours at the places the
 * drawing recorded, and the overprint state where black text overprints.
 * Fonts, structure tree and every glyph are the drawing's: the pages are
 * drawn once for both files.
 */
import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { PDFDict, PDFName, PDFRawStream, type PDFDocument, type PDFRef } from 'pdf-lib';
import type { Theme } from '../model/types.js';
import type { PdfMeta, TwinDrawing } from '../render/pdf/renderPages.js';
import { OVERPRINT, OVERPRINT_STATE, type ColorMode } from '../render/pdf/colorMode.js';
import { recolor, type TwinPage } from '../render/pdf/twin.js';
import { recolored, type Recolored } from './recoloredMemo.js';
import { pressColorMode } from './color.js';
import { pressPdf } from './press.js';
import { contentRefs, loadSource } from './pdfPages.js';
import type { Binding } from './pdfx.js';

/**
 * The press file of pages drawn in RGB (`renderTwin`): the drawing recoloured
 * in the theme's CMYK mode, with its document as saved (kept for its
 * imposition: src/print/loadedPress.ts). `binding`: 'saddle' for the booklet,
 * 'loose' for leaflets (declared for preflight).
 */
export async function pressDocFromDrawing(drawing: TwinDrawing, theme: Theme, meta: PdfMeta, binding: Binding): Promise<{ bytes: Uint8Array; doc: PDFDocument }> {
  const mode = pressColorMode(theme);
  const doc = await loadSource(drawing.bytes);
  // The mode is the theme's (its press colours): the same theme recolours the same content the same way.
  const contents = recolorPages(doc, drawing.pages, mode, JSON.stringify(theme));
  // The ID covers the drawing too: its fonts, ToUnicode maps and structure are the press file's.
  const idSeed = createHash('sha256').update(drawing.bytes).update(contents).digest();
  const bytes = await pressPdf({ doc, idSeed }, { pageBackgrounds: drawing.pages.map((p) => mode.background(p.background)), date: meta.date, title: meta.title, pdfx: binding });
  return { bytes, doc };
}

/**
 * One page's content stream (deflated, as drawn) in `mode`, deflated; `modeKey` names the mode. Pages recoloured
 * before are taken as they were (src/print/recoloredMemo.ts).
 */
function recolorContent(drawnDeflated: Uint8Array, page: TwinPage, mode: ColorMode, modeKey: string | undefined): Recolored {
  const key =
    modeKey === undefined
      ? undefined
      : createHash('sha256').update(drawnDeflated).update(JSON.stringify(page)).update(modeKey).update(`zlib ${process.versions.zlib}`).digest('hex');
  const known = key === undefined ? undefined : recolored.get(key);
  if (known) return known;
  const { content, overprints } = recolor(inflateSync(drawnDeflated).toString('latin1'), page, mode);
  const value = { bytes: deflateSync(Buffer.from(content, 'latin1')), overprints };
  if (key !== undefined) recolored.set(key, value);
  return value;
}

/**
 * Writes every page's content stream of `doc` (a `renderTwin` drawing) again
 * in `mode`; returns a digest of the new contents (the file's ID derives from
 * it and the drawing's bytes). `modeKey`, when given, names the mode (the
 * same key, the same colours): pages recoloured before are taken as they were.
 */
export function recolorPages(doc: PDFDocument, twin: readonly TwinPage[], mode: ColorMode, modeKey?: string): Uint8Array {
  const ctx = doc.context;
  const pages = doc.getPages();
  if (pages.length !== twin.length) throw new Error(`recolor: the drawing has ${pages.length} pages, its record ${twin.length}`);
  const digest = createHash('sha256');
  let overprint: PDFRef | undefined;
  pages.forEach((page, i) => {
    const [ref, ...more] = contentRefs(page);
    const stream = ref && ctx.lookup(ref);
    if (more.length || !(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of('Filter')) !== PDFName.of('FlateDecode')) {
      throw new Error(`recolor: page ${i + 1} is not one deflated content stream as renderPages writes it`);
    }
    let written: ReturnType<typeof recolorContent>;
    try {
      written = recolorContent(stream.contents, twin[i], mode, modeKey);
    } catch (e) {
      throw new Error(`page ${i + 1}: ${(e as Error).message}`, { cause: e });
    }
    const { bytes, overprints } = written;
    digest.update(bytes);
    ctx.assign(ref as PDFRef, PDFRawStream.of(ctx.obj({ Length: bytes.length, Filter: 'FlateDecode' }), bytes));
    if (!overprints) return;
    overprint ??= ctx.register(ctx.obj({ ...OVERPRINT }));
    const resources = page.node.Resources();
    if (!resources) throw new Error(`recolor: page ${i + 1} has no resources`);
    let states = resources.lookupMaybe(PDFName.of('ExtGState'), PDFDict);
    if (!states) resources.set(PDFName.of('ExtGState'), (states = ctx.obj({})));
    states.set(PDFName.of(OVERPRINT_STATE), overprint);
  });
  return digest.digest();
}
