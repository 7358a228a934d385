/**
 * A press file of laid-out pages as the build makes one: the pages drawn once
 * in RGB with the record of their colours (`renderTwin`, as the booklet and
 * leaflet jobs draw them), then that drawing recoloured in the theme's CMYK
 * mode (`pressDocFromDrawing`, as the press jobs write it).
 */
import type { LaidOutPage } from '../../src/layout/types.js';
import type { Theme } from '../../src/model/types.js';
import type { Binding } from '../../src/print/pdfx.js';
import { pressDocFromDrawing } from '../../src/print/pressFiles.js';
import { renderTwin, type PdfMeta } from '../../src/render/pdf/renderPages.js';

export async function pressOfPages(pages: LaidOutPage[], theme: Theme, meta: PdfMeta, binding: Binding): Promise<Uint8Array> {
  return (await pressDocFromDrawing(await renderTwin(pages, meta), theme, meta, binding)).bytes;
}
