/**
 * Regenerates the pictures in docs/img from the real pipeline: a booklet
 * page, the leaflet of point 8 and all 15 leaflets side by side, the first
 * imposed sheet, and card samples (points 1, 2 and 8 — the
 * longest — in every format, the document card, a fixture card with
 * Latin in brackets, and an English card justified to both edges); for docs/print.md every side of the saddle file, the
 * press cover and contents beside a 2-up leaflet sheet, and the separations
 * of a press page. Needs pdftoppm (poppler-utils) for the PDF pages.
 *
 *   npx tsx scripts/docs-images.ts        (after `npm run build`)
 *   npx tsx scripts/docs-images.ts print  (docs/print.md's pictures only)
 */
import { $ } from 'zx';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as mupdf from 'mupdf';
import sharp from 'sharp';
import { loadDocument } from '../src/model/buildModel.js';
import { proofDocument } from '../src/proof/index.js';
import { loadFontSet } from '../src/fonts/loadFontSet.js';
import { renderCards } from '../src/render/cards/renderCard.js';

const root = process.cwd();
const img = path.join(root, 'docs/img');
const printOnly = process.argv[2] === 'print';
if (!printOnly) await $`pdftoppm -png -r 110 -f 3 -l 3 -singlefile dist/booklet.pdf ${path.join(img, 'booklet-page-3')}`;
if (!printOnly) await $`pdftoppm -png -r 50 -f 1 -l 1 -singlefile dist/print/booklet-a4-saddle.pdf ${path.join(img, 'saddle-sheet-1')}`;
if (!printOnly) await $`pdftoppm -png -r 110 -f 1 -l 1 -singlefile dist/leaflets/08-cuba.pdf ${path.join(img, 'leaflet-08')}`;

const cards = path.join(img, 'cards');
await mkdir(cards, { recursive: true });
const jobs: Array<[string, string, number, string[]]> = [
  ['source/izmir-2023.txt', 'izmir', 1, ['square', 'portrait', 'story', 'link']],
  ['source/izmir-2023.txt', 'izmir', 2, ['square', 'portrait', 'story', 'link']],
  ['source/izmir-2023.txt', 'izmir', 8, ['square', 'portrait', 'story', 'link']],
  ['source/izmir-2023.txt', 'izmir', 0, ['square', 'link']],
  ['test/fixtures/other.txt', 'other', 3, ['square']],
  ['test/fixtures/docs/udhr-en/udhr-en.txt', 'udhr-en', 8, ['square']],
];
for (const [src, tag, n, formats] of printOnly ? [] : jobs) {
  // The model as the build prints it: the metadata's editorial corrections applied (proofDocument), not the source's converter errors.
  const { model } = await proofDocument((await loadDocument(src, { projectRoot: root, sourceDateEpoch: '1698000000' })).model, { projectRoot: root });
  const fonts = await loadFontSet(model.theme, root);
  for (const name of formats) {
    const format = model.theme.cards.find((c) => c.name === name)!;
    const point = n ? model.points.find((p) => p.number === n) : undefined;
    const slides = await renderCards({ model, point, format, fonts });
    for (const card of slides) {
      // Small copies keep the repository light; the real cards are in dist/cards.
      const small = await sharp(card.png).resize({ width: 540, kernel: 'lanczos3' }).png({ compressionLevel: 9, palette: true, colours: 64, effort: 10, dither: 0.6 }).toBuffer();
      const slide = card.slide ? `-${card.slide.index}` : '';
      await writeFile(path.join(cards, `${tag}-${n ? String(n).padStart(2, '0') : 'document'}-${name}${slide}.png`), small);
    }
  }
}
// Print files (docs/print.md).
/** PNGs side by side, `cols` to a row, on grey. */
async function montage(out: string, cols: number, files: string[]) {
  const metas = await Promise.all(files.map((f) => sharp(f).metadata()));
  const w = Math.max(...metas.map((m) => m.width!));
  const h = Math.max(...metas.map((m) => m.height!));
  const gap = 6;
  const rows = Math.ceil(files.length / cols);
  await sharp({ create: { width: cols * (w + gap) - gap, height: rows * (h + gap) - gap, channels: 3, background: '#888888' } })
    .composite(files.map((f, i) => ({ input: f, left: (i % cols) * (w + gap), top: Math.floor(i / cols) * (h + gap) })))
    .png({ compressionLevel: 9, palette: true, colours: 64 })
    .toFile(out);
}
/** The four plates of one page (C, M, Y, K; darker = more ink), from the file's own CMYK values. */
async function separations(pdf: string, index: number, dpi: number, out: string) {
  mupdf.disableICC();
  const page = mupdf.Document.openDocument(await readFile(pdf), 'application/pdf').loadPage(index);
  const pix = page.toPixmap(mupdf.Matrix.scale(dpi / 72, dpi / 72), mupdf.ColorSpace.DeviceCMYK, false);
  mupdf.enableICC();
  const [w, h, n, stride, px] = [pix.getWidth(), pix.getHeight(), pix.getNumberOfComponents(), pix.getStride(), pix.getPixels()];
  const plates = [0, 1, 2, 3].map((c) => {
    const g = Buffer.alloc(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) g[y * w + x] = 255 - px[y * stride + x * n + c];
    return sharp(g, { raw: { width: w, height: h, channels: 1 } }).png().toBuffer();
  });
  const gap = 8;
  await sharp({ create: { width: 4 * (w + gap) - gap, height: h, channels: 3, background: '#888888' } })
    .composite(await Promise.all(plates.map(async (p, i) => ({ input: await p, left: i * (w + gap), top: 0 }))))
    .png({ compressionLevel: 9, palette: true, colours: 32 })
    .toFile(out);
}
const tmp = await mkdtemp(path.join(os.tmpdir(), 'warraq-docs-'));
try {
  await $`pdftoppm -png -r 28 dist/print/booklet-a4-saddle.pdf ${path.join(tmp, 's')}`;
  await $`pdftoppm -png -r 28 -f 1 -l 2 dist/print/booklet-press.pdf ${path.join(tmp, 'p')}`;
  await $`pdftoppm -png -r 28 -f 1 -l 1 dist/print/leaflets-a4-2up.pdf ${path.join(tmp, 'u')}`;
  if (!printOnly) await $`pdftoppm -png -r 36 dist/leaflets/all-leaflets.pdf ${path.join(tmp, 'l')}`;
  const pngs = (prefix: string) => readdir(tmp).then((fs) => fs.filter((f) => f.startsWith(prefix)).sort().map((f) => path.join(tmp, f)));
  await montage(path.join(img, 'print-saddle-sheets.png'), 2, await pngs('s-'));
  await montage(path.join(img, 'print-press-and-2up.png'), 3, [...(await pngs('p-')), ...(await pngs('u-'))]);
  // docs/typography.md: the leaflets of one document in their two body sizes.
  if (!printOnly) await montage(path.join(img, 'leaflets-seed.png'), 5, await pngs('l-'));
  await separations('dist/print/booklet-press.pdf', 2, 36, path.join(img, 'print-separations.png'));
  await separations('dist/print/leaflets-press.pdf', 0, 36, path.join(img, 'print-separations-leaflet.png'));
} finally {
  await rm(tmp, { recursive: true, force: true });
}
console.log('docs/img updated');
