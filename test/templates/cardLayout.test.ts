/**
 * Card layout: justified body lines reach both edges of the text box, in
 * Latin too (no kashida), measured on the laid-out card by the ink of each
 * line (HarfBuzz glyph extents), not by pixels.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/model/buildModel.js';
import { loadFontSet } from '../../src/fonts/loadFontSet.js';
import type { DocumentModel } from '../../src/model/types.js';
import type { TemplateFonts } from '../../src/layout/typeset.js';
import type { TextBlock } from '../../src/layout/types.js';
import { lineInk } from '../../src/layout/ink.js';
import { layoutCard, widestSpace, type CardSlide } from '../../templates/cardLayout.js';
import { projectRoot } from '../support/fonts.js';

let en: DocumentModel;
let enFonts: TemplateFonts;

beforeAll(async () => {
  // Justified (English is ragged by default): these tests are about justified card lines.
  en = (await loadDocument('test/fixtures/docs/udhr-en/udhr-en.txt', { projectRoot, sourceDateEpoch: '1698000000', options: { justify: 'spaces' } })).model;
  enFonts = await loadFontSet(en.theme, projectRoot);
});

/** How far the ink of each non-last body line stops short of the text box's left and right edges (px). */
function shortfalls(card: CardSlide): Array<{ text: string; left: number; right: number }> {
  const out: Array<{ text: string; left: number; right: number }> = [];
  for (const [i, role] of card.roles) {
    if (role !== 'body') continue;
    const b = card.page.blocks[i] as TextBlock;
    for (const pl of b.lines) {
      if (pl.line.last) continue;
      const ink = lineInk(pl.line, pl)!;
      out.push({ text: b.text.slice(pl.line.start, pl.line.end), left: ink.left - card.textBox.left, right: card.textBox.right - ink.right });
    }
  }
  return out;
}

describe('justified card lines', () => {
  // Articles whose cards had lines ending up to 200 px short of the right edge (spaces at the theme's maximum, the line left ragged).
  const articles = [4, 7, 8, 10, 12, 14, 17, 23, 28];

  it('reach both edges of the text box in English (a side bearing at most)', async () => {
    let lines = 0;
    for (const format of en.theme.cards) {
      for (const n of articles) {
        for (const card of await layoutCard({ model: en, point: en.points.find((p) => p.number === n)!, format, fonts: enFonts })) {
          for (const s of shortfalls(card)) {
            lines++;
            expect(Math.max(s.left, s.right), `${format.name} ${n}: «${s.text}» stops short`).toBeLessThan(4);
          }
        }
      }
    }
    expect(lines).toBeGreaterThan(100);
  });

  it('steps the size down rather than stretch spaces far past the theme\'s maximum', async () => {
    // Article 8 at 57 px needs spaces 4.4× the natural one («Everyone has the right to an»); at 51 px, 1.5×.
    const square = en.theme.cards.find((c) => c.name === 'square')!;
    const [card] = await layoutCard({ model: en, point: en.points.find((p) => p.number === 8)!, format: square, fonts: enFonts });
    const body = card.page.blocks[[...card.roles].find(([, r]) => r === 'body')![0]] as TextBlock;
    const para = { text: body.text, dir: en.dir, measure: 0, lines: body.lines.map((l) => l.line) };
    expect(widestSpace(para)).toBeLessThanOrEqual((en.theme.space.max ?? 2) * 1.25);
    expect(card.bodySize).toBe(51);
  });
});
