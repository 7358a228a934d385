/**
 * Counts the body paragraphs whose last line is a runt (test/support/lastLines.ts:
 * one word, in ragged text one under a quarter of the measure, or any line
 * under 1/6 of it) and the one-word last lines ragged text keeps (long) in the booklet and the leaflets of
 * the seed and the test documents, from the layout model, with what
 * justification did there (pages, lines, kashidas, widest space, loose lines):
 * `npx tsx scripts/last-lines.ts [-v]` (-v lists the runts).
 */
import { addStats, emptyStats, type SetStats } from '../src/layout/stats.js';
import { layoutBooklet } from '../templates/booklet.js';
import { layoutLeaflet } from '../templates/leaflet.js';
import { font } from '../test/support/fonts.js';
import { RUNT_FILL, isLoneWord, lastLines, type LastLine } from '../test/support/lastLines.js';
import { printedModel, READER_DOC_FILES } from '../test/support/readerDocs.js';

const DOCS = Object.values(READER_DOC_FILES);
const verbose = process.argv.includes('-v');

const row = (name: string, lines: Array<LastLine & { where: string }>, pages: number, s: SetStats) => {
  const one = lines.filter(isLoneWord);
  const long = lines.filter((l) => l.words === 1 && !isLoneWord(l));
  const short = lines.filter((l) => l.words > 1 && l.fill < RUNT_FILL);
  console.log(`${name}\tone word ${one.length}\tlong word ${long.length}\tshort ${short.length}\tpages ${pages}\tlines ${s.lines}\tkashidas ${s.kashidas}\twidest ×${s.worstSpaceRatio.toFixed(2)}\tloose ${s.loose.length}`);
  if (verbose) for (const l of [...one, ...long, ...short]) console.log(`    ${l.where}: «${l.text}» ${l.words} word(s), ${(l.fill * 100).toFixed(0)} % of the measure`);
};

for (const file of DOCS) {
  const model = await printedModel(file);
  const fonts = { body: model.theme.fonts.body.map(font), heading: model.theme.fonts.heading.map(font) };
  const name = file.split('/').at(-1)!.replace('.txt', '');
  const b = layoutBooklet(model, fonts);
  row(`${name} booklet`, lastLines(b.pages).map((l) => ({ ...l, where: `p${l.page}` })), b.pages.length, b.stats);
  const stats = emptyStats();
  let pages = 0;
  const leaflets = model.points.flatMap((p) => {
    const l = layoutLeaflet(model, p, fonts);
    addStats(stats, l.stats);
    pages += l.pages.length;
    return lastLines(l.pages, (blk) => blk.text === p.text).map((x) => ({ ...x, where: `leaflet ${p.number} (${l.bodySize} pt)` }));
  });
  row(`${name} leaflets`, leaflets, pages, stats);
}
