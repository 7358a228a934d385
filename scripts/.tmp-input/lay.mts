import { loadDocument } from '../../src/model/buildModel.ts';
import { loadFontSet } from '../../src/fonts/loadFontSet.ts';
import { layoutCard } from '../../templates/card.tsx';
const projectRoot = process.cwd();
const src = process.argv[2] ?? 'source/izmir-2023.txt';
const { model } = await loadDocument(src, { projectRoot, sourceDateEpoch: '1698000000' });
const fonts = await loadFontSet(model.theme, projectRoot);
for (let k = 0; k < 2; k++) {
  const t0 = performance.now();
  for (const format of model.theme.cards) for (const point of [undefined, ...model.points]) layoutCard({ model, point, format, fonts });
  console.log('layouts', model.theme.cards.length * (model.points.length + 1), (performance.now() - t0).toFixed(0), 'ms');
}
