import sharp from 'sharp';
const [a, b, out, crop] = process.argv.slice(2);
const load = async (f) => { let s = sharp(f); if (crop) { const [t, h] = crop.split(',').map(Number); const m = await sharp(f).metadata(); s = s.extract({ left: 0, top: t, width: m.width, height: Math.min(h, m.height - t) }); } return s.png().toBuffer(); };
const A = await load(a), B = await load(b);
const ma = await sharp(A).metadata(), mb = await sharp(B).metadata();
await sharp({ create: { width: ma.width + mb.width + 20, height: Math.max(ma.height, mb.height), channels: 3, background: '#888' } }).composite([{ input: A, left: 0, top: 0 }, { input: B, left: ma.width + 20, top: 0 }]).png().toFile(out);
