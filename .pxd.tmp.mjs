import sharp from 'sharp';
import { readdirSync } from 'node:fs';
let tot = 0, maxd = 0, pages = 0;
for (const f of readdirSync('/tmp/text/px0').sort()) {
  const a = await sharp(`/tmp/text/px0/${f}`).greyscale().raw().toBuffer();
  const b = await sharp(`/tmp/text/px1/${f}`).greyscale().raw().toBuffer();
  let n = 0; for (let i = 0; i < a.length; i++) { const d = Math.abs(a[i] - b[i]); if (d) { n++; maxd = Math.max(maxd, d); } }
  if (n) pages++; tot += n;
}
console.log(process.argv[2], 'pages differing', pages, 'pixels', tot, 'max diff', maxd);
