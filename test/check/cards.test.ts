/**
 * The card-fit check (src/check/cards.ts) skips the cards known to fit (the
 * build: those whose job's key the previous manifest lists) and checks
 * every other; what it passes, the card layout sets inside the live area,
 * and what it refuses, the layout refuses with the same code.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/build.js';
import { checkCardFit } from '../../src/check/cards.js';
import { WarraqError } from '../../src/diagnostics.js';
import { assertInsideLiveArea } from '../../src/layout/liveArea.js';
import { layoutCard } from '../../templates/cardLayout.js';
import { project, SMALL } from '../input/project.js';

describe('checkCardFit', () => {
  it('checks every card but those known to fit', async () => {
    const root = await project({ 'doc.txt': SMALL, 'doc.meta.yaml': 'date: 2024-03-15\n' });
    const { model, fonts } = await check({ projectRoot: root, source: 'doc.txt' });
    const tiny = { name: 'tiny', width: 64, height: 64, extra: [], safeY: 0 };
    const m = { ...model, theme: { ...model.theme, cardMinBodyPx: 400, cards: [tiny] } };
    const all = await checkCardFit(m, fonts);
    expect(all.map((d) => d.code)).toEqual(m.points.map(() => 'E-CARD-FIT'));
    expect(await checkCardFit(m, fonts, () => true)).toEqual([]);
    const second = m.points[1].number;
    const one = await checkCardFit(m, fonts, (point, format) => point !== second && format === 'tiny');
    expect(one).toEqual([all[1]]);
  });
});

describe('card fit and the card layout agree', () => {
  // Each once passed the card-fit check (it tried only the point's first word) and then stopped the build at render:
  // an Arabic word is never broken, so its line ran 4,600 px past the card (E-OVERFLOW); a 600-letter Latin word
  // is broken into lines, but they are more than a square slide holds (E-CARD-FIT).
  const words = 'كلمات قبلها في النص';
  const cases = {
    'a 400-letter Arabic word after other words': `${words} ${'ب'.repeat(400)} وبعدها.`,
    'a 400-letter Arabic word after a sentence': `${words}. ${'ب'.repeat(400)}. وبعدها.`,
    'a 400-letter Latin word': `${'a'.repeat(400)}`,
    'a 600-letter Latin word after other words': `${words} ${'a'.repeat(600)} وبعدها.`,
    'a 200-letter Latin word after other words': `${words} ${'a'.repeat(200)} وبعدها.`,
  };

  it('the check passes a point on a format exactly when its cards lay out inside the live area', async () => {
    const root = await project({ 'doc.txt': SMALL, 'doc.meta.yaml': 'date: 2024-03-15\n' });
    const { model, fonts } = await check({ projectRoot: root, source: 'doc.txt' });
    const verdicts: string[] = [];
    for (const [name, text] of Object.entries(cases)) {
      const point = { ...model.points[1], text };
      const m = { ...model, points: [point] };
      for (const format of model.theme.cards) {
        const checked = await checkCardFit({ ...m, theme: { ...m.theme, cards: [format] } }, fonts);
        let laidOut = 'ok';
        try {
          for (const slide of await layoutCard({ model: m, point, format, fonts })) assertInsideLiveArea([slide.page], format.name, point.place);
        } catch (e) {
          if (!(e instanceof WarraqError)) throw e;
          laidOut = e.diagnostics[0].code;
        }
        expect(checked.map((d) => d.code)[0] ?? 'ok', `${name}, ${format.name} card`).toBe(laidOut);
        verdicts.push(laidOut);
      }
    }
    // Both outcomes are exercised: cards that fit (carousels, the link card's excerpt) and cards that cannot be set.
    expect(verdicts).toContain('ok');
    expect(verdicts).toContain('E-CARD-FIT');
    expect(verdicts).not.toContain('E-OVERFLOW');
  });

  it('names the point and the word that cannot be set', async () => {
    const root = await project({ 'doc.txt': SMALL, 'doc.meta.yaml': 'date: 2024-03-15\n' });
    const { model, fonts } = await check({ projectRoot: root, source: 'doc.txt' });
    const point = { ...model.points[1], text: cases['a 400-letter Arabic word after other words'] };
    const [d] = await checkCardFit({ ...model, points: [point], theme: { ...model.theme, cards: [model.theme.cards[0]] } }, fonts);
    expect(d.message).toContain(`point ${point.label}:`);
    expect(d.found).toMatch(/^ب{20}/u);
  });
});
