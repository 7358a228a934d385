// scratch: builds the docs, writes PDFs, prints spaced misses per reader with a diff window
import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { loadDocument } from '/work/wt/text/src/model/buildModel.js';
import { layoutBooklet } from '/work/wt/text/templates/booklet.js';
import { layoutLeaflet } from '/work/wt/text/templates/leaflet.js';
import { renderPages } from '/work/wt/text/src/render/pdf/renderPages.js';
import { font, projectRoot } from '/work/wt/text/test/support/fonts.js';
import { extractText } from '/work/wt/text/test/support/pdfReadback.js';
import { pdfiumText } from '/work/wt/text/test/support/pdfium.js';

const spaced = (s: string) => s.normalize('NFC').replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '').replace(/([\u2010-])\s+/gu, '$1').replace(/\s+/gu, ' ').trim();
function asLaid(text: string, pages: any[]): string {
  let out = spaced(text);
  for (const b of pages.flatMap((p) => p.blocks)) {
    if (b.kind !== 'text' || !b.role) continue;
    for (const { line } of b.lines.slice(1)) {
      const s = line.start;
      if (s <= 0 || /[\s\u2010-]/u.test(b.text[s - 1]) || /\s/u.test(b.text[s] ?? ' ')) continue;
      const left = spaced(b.text.slice(Math.max(0, s - 16), s));
      const right = spaced(b.text.slice(s, s + 16));
      out = out.split(left + right).join(`${left} ${right}`);
    }
  }
  return out;
}
function noArt(text: string, pages: any[]): string {
  return text.split('\f').map((t, i) => {
    let s = spaced(t);
    for (const b of pages[i]?.blocks ?? []) {
      if (b.kind !== 'text' || b.role) continue;
      const a = spaced(b.text);
      const at = a ? s.indexOf(a) : -1;
      if (at < 0) continue;
      s = spaced(s.slice(0, at) + ' ' + s.slice(at + a.length));
    }
    return s;
  }).join(' ');
}
const docs = (process.env.DOCS ?? 'mixed-7').split(',');
const readers = (process.env.READERS ?? 'pdfium,mutool,mupdf,pdftotext,pdfjs').split(',');
const kinds = (process.env.KINDS ?? 'booklet,leaflets').split(',');
const file = (d: string) => (d === 'seed' ? 'source/izmir-2023.txt' : d.startsWith('/') ? d : `test/fixtures/docs/${d}/${d}.txt`);
it('probe', async () => {
  const out: string[] = [];
  for (const d of docs) for (const kind of kinds) {
    const { model } = await loadDocument(file(d), { projectRoot, sourceDateEpoch: '1698000000' });
    const fonts = { body: model.theme.fonts.body.map(font), heading: model.theme.fonts.heading.map(font) };
    const pages = kind === 'booklet' ? layoutBooklet(model, fonts).pages : model.points.flatMap((p) => layoutLeaflet(model, p, fonts).pages);
    const pdf = await renderPages(pages, { title: model.title, lang: model.lang, rtl: model.dir === 'rtl', date: new Date(`${model.date}T00:00:00Z`) });
    writeFileSync(`${process.env.OUTDIR ?? "/tmp/text"}/${d.split("/").pop()}-${kind}.pdf`, pdf);
    for (const r of readers) {
      const raw = r === 'pdfium' ? await pdfiumText(pdf) : await extractText(pdf, r as any);
      writeFileSync(`${process.env.OUTDIR ?? "/tmp/text"}/${d.split("/").pop()}-${kind}-${r}.txt`, raw);
      const got = noArt(raw, pages);
      const miss: string[] = [];
      for (const p of model.points) {
        const want = asLaid(p.text, pages);
        if (got.includes(want)) continue;
        // find first diverging word window
        const words = want.split(' ');
        let bad = '';
        for (let i = 0; i + 1 < words.length; i++) { const w = words.slice(i, i + 2).join(' '); if (!got.includes(w)) { bad = w; break; } }
        miss.push(`${p.number}:«${bad}»`);
      }
      const st = (x: string) => x.normalize('NFC').replace(/\s+/gu, '').replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '');
      const sr = st(raw);
      const strictOk = model.points.filter((p) => sr.includes(st(p.text))).length;
      out.push(`${d} ${kind} ${r} ${model.points.length - miss.length}/${model.points.length} strict~${strictOk} ${miss.join(' ')}`);
    }
  }
  console.log('\n' + out.join('\n'));
}, 600000);
