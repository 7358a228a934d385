import { readFileSync } from 'node:fs';
import * as mupdf from 'mupdf';
import { readPdfx4 } from '../src/print/pdfx.js';
import { pageContents, colorOperators, textPaints } from '../test/support/pdfContent.js';
for (const f of ['booklet-press', 'booklet-a4-saddle', 'leaflets-press', 'leaflets-a4-2up']) {
  const pdf = readFileSync(`dist/print/${f}.pdf`);
  const contents = pageContents(pdf);
  const rgb = contents.flatMap((c) => colorOperators(c).filter((op) => /(?:^| )(?:rg|RG|g|G)$|RGB/.test(op)));
  const raw = pdf.toString('latin1');
  const paints = textPaints(pdf).flat();
  const colours = new Map<string, number>();
  for (const t of paints) if (t.paint !== 'invisible') colours.set(`${t.paint} ${t.space} ${t.color.join('/')}`, (colours.get(`${t.paint} ${t.space} ${t.color.join('/')}`) ?? 0) + 1);
  const x = await readPdfx4(pdf);
  console.log(f, { pages: contents.length, rgbOps: rgb.length, deviceRGBanywhere: raw.includes('DeviceRGB'), text: Object.fromEntries(colours), pdfx: x.version, xmp: x.xmpVersion, oi: x.outputIntent, noBoxes: x.pagesWithoutBoxes, pdfxid: /pdfxid:GTS_PDFXVersion/.test(raw) || /GTS_PDFXVersion/.test(raw) });
}
