import sharp from 'sharp';
import { readdirSync } from 'node:fs';
let best = null;
for (const f of readdirSync('/tmp/text/px0').sort()) {
  const A = await sharp(`/tmp/text/px0/${f}`).greyscale().raw().toBuffer({ resolveWithObject: true });
  const b = await sharp(`/tmp/text/px1/${f}`).greyscale().raw().toBuffer();
  const a = A.data, w = A.info.width; let n = 0, x0 = 1e9, y0 = 1e9, x1 = 0, y1 = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > 60) { n++; const x = i % w, y = (i / w) | 0; x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
  console.log(f, 'strong-diff pixels', n, n ? [x0, y0, x1, y1] : '');
  if (n && (!best || n > best.n)) best = { f, n, x0, y0 };
}
const { f, x0, y0 } = best;
const ext = { left: Math.max(0, x0 - 20), top: Math.max(0, y0 - 10), width: 300, height: 60 };
const a = await sharp(`/tmp/text/px0/${f}`).extract(ext).resize({ width: 900, kernel: 'nearest' }).toBuffer();
const b = await sharp(`/tmp/text/px1/${f}`).extract(ext).resize({ width: 900, kernel: 'nearest' }).toBuffer();
await sharp({ create: { width: 900, height: 370, channels: 3, background: '#ff0000' } }).composite([{ input: a, top: 0, left: 0 }, { input: b, top: 190, left: 0 }]).png().toFile('/tmp/text/crop2.png');
