/**
 * The press files drawn from laid-out pages: the pages are rendered again in
 * the theme's CMYK colour mode (src/print/color.ts; no page tint, ink black
 * in K only), then given bleed, crop marks and the PDF/X-4 declarations
 * (src/print/press.ts, src/print/pdfx.ts). The booklet's press PDF and
 * leaflets-press.pdf are both made here; the imposed sheets are made from
 * their bytes (src/print/impose.ts).
 */
import type { LaidOutPage } from '../layout/types.js';
import type { Theme } from '../model/types.js';
import { renderPages, type PdfMeta } from '../render/pdf/renderPages.js';
import { pressColorMode } from './color.js';
import { pressPdf } from './press.js';
import type { Binding } from './pdfx.js';

/** `binding`: 'saddle' for the booklet, 'loose' for leaflets (declared for preflight). */
export async function pressFromPages(pages: LaidOutPage[], theme: Theme, meta: PdfMeta, binding: Binding): Promise<Uint8Array> {
  const mode = pressColorMode(theme);
  const cmykPdf = await renderPages(pages, meta, mode);
  return pressPdf(cmykPdf, {
    pageBackgrounds: pages.map((p) => mode.background(p.background)),
    date: meta.date,
    title: meta.title,
    pdfx: binding,
  });
}
