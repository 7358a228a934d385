import sharp from 'sharp';
import { readdirSync } from 'node:fs';
const [dir, out, cols = '6', w = '300'] = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
const W = +w; const meta = await sharp(`${dir}/${files[0]}`).metadata(); const H = Math.round(W * meta.height / meta.width);
const C = +cols; const R = Math.ceil(files.length / C);
const comps = await Promise.all(files.map(async (f, i) => ({ input: await sharp(`${dir}/${f}`).resize(W, H).toBuffer(), left: (i % C) * (W + 6), top: Math.floor(i / C) * (H + 6) })));
await sharp({ create: { width: C * (W + 6), height: R * (H + 6), channels: 3, background: '#888' } }).composite(comps).png().toFile(out);
console.log(files.length, out);
