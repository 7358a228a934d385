/**
 * The card-fit check (src/check/cards.ts) skips the cards known to fit (the
 * build: those whose job's key the previous manifest lists) and checks
 * every other.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/build.js';
import { checkCardFit } from '../../src/check/cards.js';
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
