/**
 * Makes docs/img/justify-compare.png: one paragraph set ragged, justified with
 * spaces only, and justified with kashida, side by side. Needs pdftoppm
 * (poppler-utils) to turn the PDF into PNG; run with `npx tsx scripts/typography-sample.ts`.
 */
import { $ } from 'zx';
import { writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadDocument } from '../src/model/buildModel.js';
import { loadFontSet } from '../src/fonts/loadFontSet.js';
import { typesetter } from '../src/layout/typeset.js';
import { placeAt } from '../src/layout/flow.js';
import { renderPages } from '../src/render/pdf/renderPages.js';
import type { Block } from '../src/layout/types.js';
import { styles } from '../templates/booklet.js';

const root = process.cwd();
const { model } = await loadDocument('source/izmir-2023.txt', { projectRoot: root });
const fonts = await loadFontSet(model.theme, root);
const point = model.points.find((p) => p.number === 8)!;
const st = styles(model, fonts);
const column = 230;
const gap = 28;
const blocks: Block[] = [];
const modes = [
  ['off', 'start', 'ragged (aligned right)'],
  ['spaces', 'justify', 'justified: spaces only'],
  ['kashida', 'justify', 'justified: spaces + kashida'],
] as const;
modes.forEach(([mode, align, label], i) => {
  // Right-to-left reading: the first column is on the right.
  const x = 30 + (modes.length - 1 - i) * (column + gap);
  const ts = typesetter(model, mode);
  blocks.push(placeAt(ts.set(label, { ...st.small, fonts: fonts.heading }, column, 'center'), x, 24, 16, model.theme.palette.accent));
  blocks.push(placeAt(ts.set(point.text, st.body, column, align), x, 50, st.bodyLeading, model.theme.palette.ink));
});
const pdf = await renderPages([{ width: 30 * 2 + 3 * column + 2 * gap, height: 430, background: model.theme.palette.paper, blocks, role: 'body' }], {
  title: 'justification', lang: model.lang, rtl: true, date: new Date(`${model.date}T00:00:00Z`),
});
const dir = await mkdtemp(path.join(os.tmpdir(), 'warraq-typo-'));
await writeFile(path.join(dir, 'j.pdf'), pdf);
await $`pdftoppm -png -r 150 -singlefile ${path.join(dir, 'j.pdf')} ${path.join(root, 'docs/img/justify-compare')}`;
console.log('wrote docs/img/justify-compare.png');
