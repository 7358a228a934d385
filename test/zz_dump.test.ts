// scratch: PDFium's chars of a page with origins and generated flags
import { it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { PDFiumLibrary } from '@hyzyla/pdfium';
it('dump', async () => {
  const lib: any = await PDFiumLibrary.init();
  const m = lib.module;
  const pdf = readFileSync(process.env.PDF!);
  const doc: any = await lib.loadDocument(pdf);
  const pageNo = Number(process.env.PAGE ?? 0);
  const page = m._FPDF_LoadPage(doc.documentIdx ?? doc.document ?? doc.docIdx, pageNo);
  const tp = m._FPDFText_LoadPage(page);
  const n = m._FPDFText_CountChars(tp);
  const buf = m._malloc(16);
  const out: string[] = [];
  const filt = process.env.GREP;
  let line = '';
  for (let i = 0; i < n; i++) {
    const u = m._FPDFText_GetUnicode(tp, i);
    m._FPDFText_GetCharOrigin(tp, i, buf, buf + 8);
    const f = new Float64Array(m.HEAPU8.buffer, buf, 2);
    const g = m._FPDFText_IsGenerated(tp, i);
    const ch = String.fromCodePoint(u);
    out.push(`${i}\t${u.toString(16)}\t${JSON.stringify(ch)}\t${f[0].toFixed(2)}\t${f[1].toFixed(2)}${g ? '\tGEN' : ''}`);
  }
  writeFileSync(process.env.OUT!, out.join('\n'));
});
