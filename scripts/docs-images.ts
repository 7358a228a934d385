/**
 * Regenerates the pictures in docs/img from the real pipeline: a booklet
 * page, the first imposed sheet, and card samples (points 1, 2 and 8 — the
 * longest — in every format, the document card, and a fixture card with
 * Latin in brackets). Needs pdftoppm (poppler-utils) for the PDF pages.
 *
 *   npx tsx scripts/docs-images.ts      (after `npm run build`)
 */
import { $ } from 'zx';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { loadDocument } from '../src/model/buildModel.js';
import { loadFontSet } from '../src/fonts/loadFontSet.js';
import { renderCard } from '../src/render/cards/renderCard.js';

const root = process.cwd();
const img = path.join(root, 'docs/img');
await $`pdftoppm -png -r 110 -f 3 -l 3 -singlefile dist/booklet.pdf ${path.join(img, 'booklet-page-3')}`;
await $`pdftoppm -png -r 50 -f 1 -l 1 -singlefile dist/print/booklet-a4-saddle.pdf ${path.join(img, 'saddle-sheet-1')}`;

const cards = path.join(img, 'cards');
await mkdir(cards, { recursive: true });
const jobs: Array<[string, string, number, string[]]> = [
  ['source/izmir-2023.txt', 'izmir', 1, ['square', 'portrait', 'story', 'link']],
  ['source/izmir-2023.txt', 'izmir', 2, ['square', 'portrait', 'story', 'link']],
  ['source/izmir-2023.txt', 'izmir', 8, ['square', 'portrait', 'story', 'link']],
  ['source/izmir-2023.txt', 'izmir', 0, ['square', 'link']],
  ['test/fixtures/other.txt', 'other', 3, ['square']],
];
for (const [src, tag, n, formats] of jobs) {
  const { model } = await loadDocument(src, { projectRoot: root, sourceDateEpoch: '1698000000' });
  const fonts = await loadFontSet(model.theme, root);
  for (const name of formats) {
    const format = model.theme.cards.find((c) => c.name === name)!;
    const point = n ? model.points.find((p) => p.number === n) : undefined;
    const card = await renderCard({ model, point, format, fonts });
    // Small copies keep the repository light; the real cards are in dist/cards.
    const small = await sharp(card.png).resize({ width: 540, kernel: 'lanczos3' }).png({ compressionLevel: 9, palette: true, colours: 64, effort: 10, dither: 0.6 }).toBuffer();
    await writeFile(path.join(cards, `${tag}-${n ? String(n).padStart(2, '0') : 'document'}-${name}.png`), small);
  }
}
console.log('docs/img updated');
