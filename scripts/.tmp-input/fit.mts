import { loadDocument } from '../../src/model/buildModel.ts';
import { loadFontSet } from '../../src/fonts/loadFontSet.ts';
import { checkCardFit } from '../../src/check/cards.ts';
const projectRoot = process.cwd();
const { model } = await loadDocument(process.argv[2] ?? 'source/izmir-2023.txt', { projectRoot, sourceDateEpoch: '1698000000' });
const fonts = await loadFontSet(model.theme, projectRoot);
for (let k = 0; k < 2; k++) { const t0 = performance.now(); const d = checkCardFit(model, fonts); console.log(d.length, (performance.now() - t0).toFixed(0), 'ms'); }
