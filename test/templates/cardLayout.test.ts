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
import { layoutCard, pieceStart, widestSpace, type CardSlide } from '../../templates/cardLayout.js';
import { projectRoot } from '../support/fonts.js';
import { leans } from '../../src/layout/balance.js';

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
      // A paragraph after the first starts 1.5 em in (English: at the left).
      const indent = pl.line.start > 0 && b.text[pl.line.start - 1] === '\n' ? 1.5 * card.bodySize : 0;
      out.push({ text: b.text.slice(pl.line.start, pl.line.end), left: ink.left - card.textBox.left - indent, right: card.textBox.right - ink.right });
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
          // A statement's lines are display lines, balanced and ragged (cardLayout.ts, statementCard).
          if (card.statement) continue;
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
    // Article 29 at the regular size alone (45 px) needs three slides with spaces 2.96× the natural one, past 1.25 × the
    // theme's maximum: the series takes the compact size (40 px), where they stay near the theme's.
    const square = en.theme.cards.find((c) => c.name === 'square')!;
    const point = en.points.find((p) => p.number === 29)!;
    const widest = (card: CardSlide) => {
      const body = card.page.blocks[[...card.roles].find(([, r]) => r === 'body')![0]] as TextBlock;
      return widestSpace({ text: body.text, dir: en.dir, measure: 0, lines: body.lines.map((l) => l.line) });
    };
    const limit = (en.theme.space.max ?? 2) * 1.25;
    // The regular size alone (a series of one step: 45 px).
    const only45 = { ...en, theme: { ...en.theme, cardMinBodyPx: 45, cardScale: 1.01 } };
    const regular = await layoutCard({ model: only45, point, format: square, fonts: enFonts });
    expect(regular[0].bodySize).toBe(45);
    expect(widest(regular[0])).toBeGreaterThan(limit);
    const [card] = await layoutCard({ model: en, point, format: square, fonts: enFonts });
    expect(card.bodySize).toBe(40);
    expect(widest(card)).toBeLessThanOrEqual(limit);
  });
});

describe('one heading size per format', () => {
  const sizeOf = (card: CardSlide, role: 'title' | 'number') => {
    const b = card.page.blocks[[...card.roles].find(([, r]) => r === role)![0]] as TextBlock;
    return { size: b.lines[0].line.glyphs[0].size, lines: b.lines.length };
  };

  it('sets every point card of a document in one format (slides too) with the same title and number size, whatever its body size, unless its title stepped down', async () => {
    const docs = [
      (await loadDocument('source/izmir-2023.txt', { projectRoot, sourceDateEpoch: '1698000000' })).model,
      en,
      (await loadDocument('test/fixtures/docs/mixed-7/mixed-7.txt', { projectRoot, sourceDateEpoch: '1698000000' })).model,
    ];
    for (const doc of docs) {
      const fonts = doc === en ? enFonts : await loadFontSet(doc.theme, projectRoot);
      for (const format of doc.theme.cards) {
        const cards = (await Promise.all(doc.points.map((point) => layoutCard({ model: doc, point, format, fonts })))).flat();
        const where = `${doc.lang} ${format.name}`;
        const series = Math.max(...cards.map((c) => sizeOf(c, 'title').size));
        const numbers = new Set(cards.map((c) => sizeOf(c, 'number').size));
        // At most two body sizes in a series (regular and compact, one step of the scale apart), and one statement size,
        // the largest the format's title is scaled for (its title 1.3× above it); the heading follows none.
        const bodies = [...new Set(cards.filter((c) => !c.statement).map((c) => c.bodySize))].sort((a, b) => a - b);
        expect(bodies.length, where).toBeLessThanOrEqual(2);
        if (bodies.length === 2) expect(bodies[1] / bodies[0], where).toBeLessThanOrEqual(doc.theme.cardScale * 1.02);
        const statements = new Set(cards.filter((c) => c.statement).map((c) => c.bodySize));
        expect(statements.size, where).toBeLessThanOrEqual(1);
        for (const size of statements) {
          expect(size, where).toBe(cards[0].maxBodySize);
          expect(size, where).toBeGreaterThan(Math.max(...bodies));
        }
        expect([...numbers], where).toHaveLength(1);
        for (const c of cards) {
          const title = sizeOf(c, 'title');
          // Above every body size the format can take, by a clear margin.
          expect(title.size, where).toBeGreaterThan(c.maxBodySize * 1.2);
          // A smaller title only where the series size would take more than two lines: it stepped down and wraps.
          if (title.size !== series) expect(title.lines, `${where}: «${c.alt.split('\n')[0]}» at ${title.size}`).toBeGreaterThanOrEqual(2);
        }
      }
    }
  });
});

describe('carousel size', () => {
  it('sets a carousel above the minimum body size when its slide count allows it (the seed\'s point 8 on the square card)', async () => {
    // At the minimum size (40 px) point 8 takes 2 slides of 6 and 5 lines, each about half empty; at the regular size (45 px) it still takes 2.
    const seed = (await loadDocument('source/izmir-2023.txt', { projectRoot, sourceDateEpoch: '1698000000' })).model;
    const fonts = await loadFontSet(seed.theme, projectRoot);
    const square = seed.theme.cards.find((c) => c.name === 'square')!;
    const point = seed.points.find((p) => p.number === 8)!;
    const slides = await layoutCard({ model: seed, point, format: square, fonts });
    expect(slides.map((s) => s.slide?.count)).toEqual([2, 2]);
    // One size for every slide, above the minimum.
    expect(new Set(slides.map((s) => s.bodySize)).size).toBe(1);
    expect(slides[0].bodySize).toBeGreaterThan(slides[0].minBodySize);
    // Nothing lost, divided after a sentence, every body line within the measure and above the text box's bottom.
    expect(slides.map((s) => s.bodyText).join(' ').replace(/\s+/gu, ' ')).toBe(point.text.trim().replace(/\s+/gu, ' '));
    expect(slides[0].bodyText.trimEnd()).toMatch(/[.؟!]$/u);
    for (const s of slides) {
      const body = s.page.blocks[[...s.roles].find(([, r]) => r === 'body')![0]] as TextBlock;
      for (const pl of body.lines) {
        expect(pl.line.width).toBeLessThanOrEqual(s.textBox.right - s.textBox.left + 1e-6);
        expect(lineInk(pl.line, pl)!.bottom).toBeLessThanOrEqual(s.textBox.bottom);
      }
    }
  });
});

/** A test document (test/fixtures/docs) with its fonts. */
async function load(name: string): Promise<{ model: DocumentModel; fonts: TemplateFonts }> {
  const model = (await loadDocument(`test/fixtures/docs/${name}/${name}.txt`, { projectRoot, sourceDateEpoch: '1698000000' })).model;
  return { model, fonts: await loadFontSet(model.theme, projectRoot) };
}

describe('another break at the same size before a smaller size', () => {
  it('udhr-ar 12 on the square, portrait and story cards: at the regular size, every «أو» and «هذا» kept with the next word at once (each alone moved the break to the next «أو»), not 40 px with three lines in a card half empty', async () => {
    const { model: doc, fonts } = await load('udhr-ar');
    const point = doc.points.find((p) => p.number === 12)!;
    for (const name of ['square', 'portrait', 'story']) {
      const [card] = await layoutCard({ model: doc, point, format: doc.theme.cards.find((c) => c.name === name)!, fonts });
      expect(card.bodySize, name).toBeGreaterThan(card.minBodySize);
      const block = card.page.blocks[[...card.roles].find(([, r]) => r === 'body')![0]] as TextBlock;
      const lines = block.lines.map((l) => block.text.slice(l.line.start, l.line.end).trim());
      lines.slice(0, -1).forEach((l, i) => expect(leans(l.split(/\s+/u).pop()!, 'ar', lines[i + 1].split(/\s+/u)[0]), `${name}: «${l}»`).toBe(false));
    }
  });
});

describe('one card before a carousel', () => {
  it('sets a point on one card at the compact size, with narrower gaps, when it is a line too tall for the usual ones (udhr-en 2 and 11 on the square card)', async () => {
    // Before: 684 px of body for 679 px of room, so two slides of 5 and 6 lines at the regular size, each half empty.
    const { model: doc, fonts } = await load('udhr-en');
    const square = doc.theme.cards.find((c) => c.name === 'square')!;
    for (const n of [2, 11]) {
      const point = doc.points.find((p) => p.number === n)!;
      const cards = await layoutCard({ model: doc, point, format: square, fonts });
      expect(cards, `${n}`).toHaveLength(1);
      const [card] = cards;
      expect(card.bodySize).toBe(card.minBodySize);
      expect(card.bodyText).toBe(point.text.trim());
      const block = (role: string) => card.page.blocks[[...card.roles].find(([, r]) => r === role)![0]] as TextBlock;
      const bodyBottom = Math.max(...block('body').lines.map((pl) => lineInk(pl.line, pl)!.bottom));
      const footerTop = Math.min(...block('footer').lines.map((pl) => lineInk(pl.line, pl)!.top));
      const titleBottom = Math.max(...block('title').lines.map((pl) => lineInk(pl.line, pl)!.bottom));
      const bodyTop = Math.min(...block('body').lines.map((pl) => lineInk(pl.line, pl)!.top));
      // The body still clear of the footer (by more than its size) and of the title (by more than half of it).
      expect(footerTop - bodyBottom, `${n}`).toBeGreaterThan(card.bodySize * 1.2);
      expect(bodyTop - titleBottom, `${n}`).toBeGreaterThan(card.bodySize * 0.6);
    }
  });
});

describe('paragraphs on cards', () => {
  const bodyBlock = (card: CardSlide) => card.page.blocks[[...card.roles].find(([, r]) => r === 'body')![0]] as TextBlock;

  it('indents each paragraph after the first by 1.5 em, as leaflets do (udhr-en 14 and 17 on the square card)', async () => {
    const { model, fonts } = await load('udhr-en');
    const square = model.theme.cards.find((f) => f.name === 'square')!;
    for (const n of [14, 17]) {
      const point = model.points.find((p) => p.number === n)!;
      const [card] = await layoutCard({ model, point, format: square, fonts });
      const b = bodyBlock(card);
      expect(card.bodyText).toBe(point.text.trim());
      const starts = b.lines.filter((pl) => pl.line.start > 0 && b.text[pl.line.start - 1] === '\n');
      expect(starts.length, `${n}`).toBe(1);
      const left = (pl: (typeof b.lines)[number]) => pl.x + Math.min(...pl.line.glyphs.filter((g) => !g.space).map((g) => g.x));
      expect(left(starts[0]) - left(b.lines[0]), `${n}`).toBeCloseTo(1.5 * card.bodySize, 0);
    }
  });

  it('sets Persian sub-item labels in the heading face and the accent, not indented (udhr-fa 16 and 23 on the square card)', async () => {
    const { model, fonts } = await load('udhr-fa');
    const square = model.theme.cards.find((f) => f.name === 'square')!;
    for (const n of [16, 23]) {
      const point = model.points.find((p) => p.number === n)!;
      const cards = await layoutCard({ model, point, format: square, fonts });
      expect(cards.map((c) => c.bodyText).join(' ')).toBe(point.text.trim());
      const labels = point.paragraphs.map((q) => q.item!);
      expect(labels.length).toBeGreaterThan(1);
      for (const card of cards) {
        const b = bodyBlock(card);
        const glyphs = b.lines.flatMap((pl) => pl.line.glyphs);
        for (const label of labels) {
          const at = b.text.indexOf(label);
          if (at < 0) continue;
          const inLabel = glyphs.filter((g) => g.offset >= at && g.offset < at + label.length && !g.space);
          expect(inLabel.length).toBeGreaterThan(0);
          for (const g of inLabel) {
            expect(g.font).toBe(fonts.heading[0]);
            expect(g.color).toBe(model.theme.palette.accent);
          }
        }
        // No indent: every line's ink ends at the right edge of the measure, give or take a side bearing (an indent would be 1.5 em).
        for (const pl of b.lines.filter((q) => q.line.start > 0 && b.text[q.line.start - 1] === '\n')) {
          expect(card.textBox.right - lineInk(pl.line, pl)!.right).toBeLessThan(card.bodySize * 0.5);
        }
      }
    }
  });
});

describe('balanced titles', () => {
  const lineTexts = (b: TextBlock) => b.lines.map((pl) => b.text.slice(pl.line.start, pl.line.end).trim());

  it('breaks a card title into even lines with no weak word at a line end, its text the title\'s (udhr-en on the square card)', async () => {
    const { model: doc, fonts } = await load('udhr-en');
    const square = doc.theme.cards.find((c) => c.name === 'square')!;
    const expected: Record<number, string[]> = {
      1: ['Equal in dignity', 'and rights'],
      9: ['No arbitrary', 'arrest or exile'],
      // One line since the number is set in proportional figures: «19» no longer takes two tabular widths.
      19: ['Opinion and expression'],
      29: ['Duties', 'to the community'],
    };
    for (const [n, lines] of Object.entries(expected)) {
      const point = doc.points.find((p) => p.number === Number(n))!;
      const [card] = await layoutCard({ model: doc, point, format: square, fonts });
      const title = card.page.blocks[[...card.roles].find(([, r]) => r === 'title')![0]] as TextBlock;
      expect(title.text).toBe(point.title);
      expect(lineTexts(title), n).toEqual(lines);
    }
  });

  it('keeps «في» off the end of the document card\'s first line (addresses-ar)', async () => {
    const { model: doc, fonts } = await load('addresses-ar');
    const [card] = await layoutCard({ model: doc, format: doc.theme.cards.find((c) => c.name === 'square')!, fonts });
    const title = card.page.blocks[[...card.roles].find(([, r]) => r === 'doc-title')![0]] as TextBlock;
    expect(title.text).toBe(doc.title);
    expect(lineTexts(title)).toEqual(['عناوين', 'في نص عربي']);
  });

  it('keeps «of» off a line\'s end on udhr-en\'s document cards: «Universal / Declaration / of Human Rights» a step of the scale smaller where at the largest size «of Human Rights» overruns the measure (it was «Universal / Declaration of / Human Rights»); the link card\'s «Universal Declaration / of Human Rights» as it was', async () => {
    const { model: doc, fonts } = await load('udhr-en');
    for (const format of doc.theme.cards) {
      const [card] = await layoutCard({ model: doc, format, fonts });
      const title = card.page.blocks[[...card.roles].find(([, r]) => r === 'doc-title')![0]] as TextBlock;
      expect(title.text).toBe(doc.title);
      expect(lineTexts(title), format.name).toEqual(format.name === 'link' ? ['Universal Declaration', 'of Human Rights'] : ['Universal', 'Declaration', 'of Human Rights']);
    }
  });
});

describe('short points on the story card', () => {
  it('stand with their title a little above the middle of the free height, not a title at the top and the body alone halfway down (the seed\'s point 13)', async () => {
    const seed = (await loadDocument('source/izmir-2023.txt', { projectRoot, sourceDateEpoch: '1698000000' })).model;
    const fonts = await loadFontSet(seed.theme, projectRoot);
    const point = seed.points.find((p) => p.number === 13)!;
    const [card] = await layoutCard({ model: seed, point, format: seed.theme.cards.find((c) => c.name === 'story')!, fonts });
    const ink = (role: string) => {
      const b = card.page.blocks[[...card.roles].find(([, r]) => r === role)![0]] as TextBlock;
      const boxes = b.lines.map((pl) => lineInk(pl.line, pl)!);
      return { top: Math.min(...boxes.map((x) => x.top)), bottom: Math.max(...boxes.map((x) => x.bottom)) };
    };
    const above = ink('title').top - card.textBox.top;
    const below = ink('footer').top - ink('body').bottom;
    // Before: the title at the top of the text box (above ≈ 0) and the body centred in the room under it.
    expect(above).toBeGreaterThan(200);
    expect(above / below).toBeGreaterThan(0.5);
    expect(above / below).toBeLessThan(0.8);
    expect(ink('body').top - ink('title').bottom).toBeLessThan(card.bodySize * 3);
  });
});

describe('link card footer', () => {
  it('starts the URL on a line of its own, as on every link card of the series (udhr-fa 9 had title and URL on one line)', async () => {
    const { model: doc, fonts } = await load('udhr-fa');
    const link = doc.theme.cards.find((c) => c.name === 'link')!;
    for (const n of [9, 23]) {
      const [card] = await layoutCard({ model: doc, point: doc.points.find((p) => p.number === n)!, format: link, fonts });
      const foot = card.page.blocks[[...card.roles].find(([, r]) => r === 'footer')![0]] as TextBlock;
      // The footer's lines come from separate paragraphs: read each line's glyphs.
      const lines = foot.lines.map((pl) => pl.line.glyphs.filter((g) => !g.space).map((g) => g.text).join('').trim());
      expect(lines, `${n}`).toHaveLength(2);
      expect(lines[1].replace(/\s/gu, '').startsWith(doc.url!), `${n}: ${lines.join(' | ')}`).toBe(true);
    }
  });
});

describe('statements', () => {
  it('sets a short point at the statement size on every 1080 px format, its lines balanced at the start edge under the title (udhr-ar 9, one line of 45 px before)', async () => {
    const { model: doc, fonts } = await load('udhr-ar');
    const point = doc.points.find((p) => p.number === 9)!;
    for (const name of ['square', 'portrait', 'story']) {
      const [card, more] = await layoutCard({ model: doc, point, format: doc.theme.cards.find((c) => c.name === name)!, fonts });
      expect(more, name).toBeUndefined();
      expect(card.statement, name).toBe(true);
      expect(card.bodySize, name).toBe(card.maxBodySize);
      const ink = (role: string) => {
        const b = card.page.blocks[[...card.roles].find(([, r]) => r === role)![0]] as TextBlock;
        return b.lines.map((pl) => lineInk(pl.line, pl)!);
      };
      const body = ink('body');
      expect(body, name).toHaveLength(2);
      // Right to left: every line starts at the text box's right edge, as the number above does; the block narrower than the measure.
      for (const line of body) expect(card.textBox.right - line.right, name).toBeLessThan(4);
      expect(Math.min(...body.map((l) => l.left)) - card.textBox.left, name).toBeGreaterThan(100);
      expect(card.textBox.right - ink('number')[0].right, name).toBeLessThan(10);
    }
  });

  it('keeps a point that takes more than three lines at the statement size as body text', async () => {
    const { model: doc, fonts } = await load('udhr-ar');
    const [card] = await layoutCard({ model: doc, point: doc.points.find((p) => p.number === 7)!, format: doc.theme.cards.find((c) => c.name === 'square')!, fonts });
    expect(card.statement).toBeUndefined();
    expect(card.bodySize).toBeLessThan(card.maxBodySize);
  });
});

describe('loose lines and addresses', () => {
  const bodyOf = (card: CardSlide) => card.page.blocks[[...card.roles].find(([, r]) => r === 'body')![0]] as TextBlock;

  it('justifies no line past ×3 and reports each line past the theme\'s maximum (stress-fa link 6: one space of ×8.1 beside its URL before)', async () => {
    const { model: doc, fonts } = await load('stress-fa');
    const [card] = await layoutCard({ model: doc, point: doc.points.find((p) => p.number === 6)!, format: doc.theme.cards.find((c) => c.name === 'link')!, fonts });
    const lines = bodyOf(card).lines.map((pl) => pl.line);
    for (const l of lines) if (l.justified && !l.short) expect(l.spaceRatio).toBeLessThanOrEqual(3 + 1e-9);
    const past = lines.filter((l) => l.justified && l.spaceRatio > (doc.theme.space.max ?? 2) + 1e-9);
    expect(past.length).toBeGreaterThan(0);
    expect(card.loose.length).toBeGreaterThanOrEqual(past.length);
    // Each report at its line's place in the point's text (review16: the count alone was compared with itself).
    const b = bodyOf(card);
    const text = doc.points.find((p) => p.number === 6)!.text;
    const looseLines = b.lines.map((pl) => pl.line).filter((l) => l.loose);
    expect(card.loose).toHaveLength(looseLines.length);
    looseLines.forEach((l, i) => expect(text.slice(card.loose[i].offset)).toMatch(new RegExp(`^${b.text.slice(l.start, l.end).trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u')));
  });

  it('divides no address that fits a line where whole it leaves no line short (stress-fa square 16: «https://example.org/fa/» / «minutes» before)', async () => {
    const { model: doc, fonts } = await load('stress-fa');
    const [card] = await layoutCard({ model: doc, point: doc.points.find((p) => p.number === 16)!, format: doc.theme.cards.find((c) => c.name === 'square')!, fonts });
    const b = bodyOf(card);
    expect(b.lines.some((pl) => b.text.slice(pl.line.start, pl.line.end).includes('https://example.org/fa/minutes'))).toBe(true);
  });

  it('prefers the statement size with an address split at a slash to a whole address that costs a loose line (addresses-ar 2: 40 px, a line set short, before)', async () => {
    const { model: doc, fonts } = await load('addresses-ar');
    const point = doc.points.find((p) => p.number === 2)!;
    for (const name of ['square', 'portrait', 'story']) {
      const [card] = await layoutCard({ model: doc, point, format: doc.theme.cards.find((c) => c.name === name)!, fonts });
      expect(card.statement, name).toBe(true);
      expect(card.bodySize, name).toBe(card.maxBodySize);
      expect(card.loose, name).toHaveLength(0);
      const b = bodyOf(card);
      expect(b.lines.map((pl) => b.text.slice(pl.line.start, pl.line.end).trim())[1], name).toBe('https://en.wikipedia.org/wiki/');
    }
  });

  it('pulls a runt up by re-breaking rather than stepping down a size (udhr-en 17 at 45 px beside 15, «…deprived of» / «his property.»)', async () => {
    const { model: doc, fonts } = await load('udhr-en');
    const format = doc.theme.cards.find((c) => c.name === 'square')!;
    const [c15] = await layoutCard({ model: doc, point: doc.points.find((p) => p.number === 15)!, format, fonts });
    const [c17] = await layoutCard({ model: doc, point: doc.points.find((p) => p.number === 17)!, format, fonts });
    expect(c17.bodySize).toBe(c15.bodySize);
    const b = bodyOf(c17);
    expect(b.text.slice(b.lines[b.lines.length - 1].line.start).trim()).toBe('his property.');
  });
});

describe('leaning words at line ends', () => {
  const lineTexts = (card: CardSlide) => {
    const b = card.page.blocks[[...card.roles].find(([, r]) => r === 'body')![0]] as TextBlock;
    return b.lines.map((pl) => b.text.slice(pl.line.start, pl.line.end).trim());
  };
  const pairs = (lines: string[]) => lines.slice(0, -1).map((l, i) => `${l.split(/\s+/u).pop()} ${lines[i + 1].split(/\s+/u)[0]}`);

  it('takes the compact size where it keeps a leaning word with its complement and the regular size cannot (stress-fa 17: «برنامه‌های» / «قصه‌گویی» and «پس» / «از» at 45 px, a line at ×2.16)', async () => {
    const { model: doc, fonts } = await load('stress-fa');
    for (const name of ['square', 'portrait', 'story']) {
      const [card] = await layoutCard({ model: doc, point: doc.points.find((p) => p.number === 17)!, format: doc.theme.cards.find((c) => c.name === name)!, fonts });
      expect(card.bodySize, name).toBe(card.minBodySize);
      const split = pairs(lineTexts(card));
      for (const pair of ['برنامه‌های قصه‌گویی', 'پس از']) expect(split, name).not.toContain(pair);
      // Not traded for a wide space: no line past the theme's widest.
      expect(card.loose, name).toHaveLength(0);
    }
  });

  // What it proves is the outcome only: that the compact size would trade this card's weak line end for a loose line
  // (×2.36 at 40 px, session 17's measure) is not shown here, as the card's body is set only through layoutCard.
  it('keeps stress-fa 15 on the portrait card above the compact size, with no loose line', async () => {
    const { model: doc, fonts } = await load('stress-fa');
    const [card] = await layoutCard({ model: doc, point: doc.points.find((p) => p.number === 15)!, format: doc.theme.cards.find((c) => c.name === 'portrait')!, fonts });
    expect(card.bodySize).toBeGreaterThan(card.minBodySize);
    expect(card.loose).toHaveLength(0);
  });
});

describe('pieceStart', () => {
  it('finds a piece at its own place, after the pieces before it, and a link card\'s excerpt without its added ellipsis', () => {
    const text = 'Yes. We agree. Yes. We agree.';
    expect(pieceStart(text, 'Yes. We agree.')).toBe(0);
    expect(pieceStart(text, 'Yes. We agree.', 14)).toBe(15);
    expect(pieceStart(text, 'We agree…', 16)).toBe(20);
    expect(pieceStart(text, 'No.')).toBe(-1);
  });
});
