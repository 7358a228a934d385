import { loadDocument } from '../src/model/buildModel.js';
import { layoutLeaflet } from '../templates/leaflet.js';
import { font, projectRoot } from '../test/support/fonts.js';
const [file, num] = process.argv.slice(2);
const { model } = await loadDocument(file, { projectRoot, sourceDateEpoch: '1698000000' });
const fonts = { body: model.theme.fonts.body.map(font), heading: model.theme.fonts.heading.map(font) };
const p = model.points.find((q) => String(q.number) === num)!;
const l = layoutLeaflet(model, p, fonts);
console.log('size', l.bodySize, 'pages', l.pages.length);
for (const page of l.pages) for (const b of page.blocks) if (b.kind === 'text' && b.text === p.text) {
  const m = Math.max(...b.lines.map((x) => x.line.width));
  for (const { line } of b.lines) console.log((line.naturalWidth / m).toFixed(2), line.spaceRatio.toFixed(2), line.kashidas, line.justified ? 'J' : '-', b.text.slice(line.start, line.end));
}
