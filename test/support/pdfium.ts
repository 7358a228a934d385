/**
 * PDFium (the engine of Chrome's and Edge's PDF viewers) for tests, through
 * the @hyzyla/pdfium WebAssembly build: the text a reader copies out of
 * Chrome, page by page, and the page's characters as PDFium orders them.
 */
import { PDFiumLibrary } from '@hyzyla/pdfium';

let library: Promise<PDFiumLibrary> | undefined;
const pdfium = () => (library ??= PDFiumLibrary.init());

/** Page texts joined by form feeds, as FPDFText_GetText returns them (Chrome's copy and find). */
export async function pdfiumText(pdf: Uint8Array): Promise<string> {
  const doc = await (await pdfium()).loadDocument(pdf);
  try {
    const pages: string[] = [];
    for (const page of doc.pages()) pages.push(page.getText());
    return pages.join('\f');
  } finally {
    doc.destroy();
  }
}
