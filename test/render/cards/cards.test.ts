/**
 * Cards: sizes and encodings, fitting (padding box, safe zones, body size
 * bounds, cutting at clause boundaries), alt text, and reproducible bytes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { loadDocument } from '../../../src/model/buildModel.js';
import type { CardFormat, DocumentModel, Point } from '../../../src/model/types.js';
import { JPEG_MAX_BYTES, renderCard } from '../../../src/render/cards/renderCard.js';
import { lineInk } from '../../../src/layout/ink.js';
import { cutCandidates, layoutCard, type CardLayout } from '../../../templates/card.js';
import { projectRoot, templateFonts } from '../../support/fonts.js';

let model: DocumentModel;
let other: DocumentModel;

beforeAll(async () => {
  model = (await loadDocument('source/izmir-2023.txt', { projectRoot, sourceDateEpoch: '1698000000' })).model;
  other = (await loadDocument('test/fixtures/other.txt', { projectRoot, sourceDateEpoch: '1698000000' })).model;
});

const fmt = (name: string): CardFormat => model.theme.cards.find((c) => c.name === name)!;
const longest = () => [...model.points].sort((a, b) => b.text.length - a.text.length)[0];

/** Every drawn line of a layout with its ink box. */
function inkLines(l: CardLayout) {
  return l.page.blocks.flatMap((b, bi) =>
    b.kind === 'text' ? b.lines.map((pl) => ({ role: l.roles.get(bi), pl, ink: lineInk(pl.line, pl) })) : [],
  );
}

describe('card formats', () => {
  it('has the four default formats with their sizes', () => {
    expect(model.theme.cards.map((c) => [c.name, c.width, c.height])).toEqual([
      ['square', 1080, 1080],
      ['portrait', 1080, 1350],
      ['story', 1080, 1920],
      ['link', 1200, 630],
    ]);
  });

  it('renders every format at its exact size, in every encoding it asks for', async () => {
    for (const format of model.theme.cards) {
      const card = await renderCard({ model, point: model.points[1], format, fonts: templateFonts() });
      expect([card.width, card.height]).toEqual([format.width, format.height]);
      const png = await sharp(card.png).metadata();
      expect([png.format, png.width, png.height]).toEqual(['png', format.width, format.height]);
      expect(card.webp !== undefined).toBe(format.extra.includes('webp'));
      expect(card.jpeg !== undefined).toBe(format.extra.includes('jpeg'));
      if (card.webp) {
        const webp = await sharp(card.webp).metadata();
        expect([webp.format, webp.width, webp.height]).toEqual(['webp', format.width, format.height]);
      }
      if (card.jpeg) {
        const jpeg = await sharp(card.jpeg).metadata();
        expect([jpeg.format, jpeg.width, jpeg.height]).toEqual(['jpeg', format.width, format.height]);
      }
      // No metadata chunks beyond what the format needs.
      expect(png.exif).toBeUndefined();
      expect(png.icc).toBeUndefined();
    }
  });

  it('keeps the link JPEG under 300 KB, also for the longest point and the document card', async () => {
    for (const point of [longest(), undefined]) {
      const card = await renderCard({ model, point, format: fmt('link'), fonts: templateFonts() });
      expect(card.jpeg!.length).toBeLessThan(JPEG_MAX_BYTES);
      expect(card.jpeg!.length).toBeLessThan(300 * 1024);
    }
  });

  it('gives the same bytes on every run', async () => {
    for (const [point, format] of [[longest(), fmt('link')], [model.points[0], fmt('square')]] as const) {
      const a = await renderCard({ model, point, format, fonts: templateFonts() });
      const b = await renderCard({ model, point, format, fonts: templateFonts() });
      expect(Buffer.compare(a.png, b.png)).toBe(0);
      expect(Buffer.compare(a.webp!, b.webp!)).toBe(0);
      if (a.jpeg) expect(Buffer.compare(a.jpeg, b.jpeg!)).toBe(0);
    }
  });
});

describe('fitting', () => {
  it('keeps every line inside the padding box and the safe zones, for every point, format and the document card', () => {
    for (const doc of [model, other]) {
      for (const format of doc.theme.cards) {
        for (const point of [undefined, ...doc.points]) {
          const l = layoutCard({ model: doc, point, format, fonts: templateFonts() });
          const box = l.textBox;
          expect(box.top).toBeGreaterThanOrEqual(format.safeY);
          expect(box.bottom).toBeLessThanOrEqual(format.height - format.safeY);
          const where = `${format.name} ${point?.number ?? 'document'}`;
          for (const { pl, ink } of inkLines(l)) {
            // The line's measure lies in the padding box…
            expect(pl.x, where).toBeGreaterThanOrEqual(box.left - 1e-6);
            expect(pl.x + pl.line.width, where).toBeLessThanOrEqual(box.right + 1e-6);
            // …and so do the glyphs' advances (no overfull line; HarfBuzz's
            // cursive offsets may move a glyph's origin, its advance still counts once).
            const advances = pl.line.glyphs.reduce((w, g) => w + g.advance, 0);
            expect(advances, where).toBeLessThanOrEqual(pl.line.width + 1e-6);
            if (!ink) continue;
            // …its ink too (glyphs may overhang their advance by a few px, as in print)…
            expect(ink.left, where).toBeGreaterThan(box.left - 8);
            expect(ink.right, where).toBeLessThan(box.right + 8);
            // …and vertically nothing leaves the text box, so nothing enters a safe zone.
            expect(ink.top, where).toBeGreaterThanOrEqual(box.top - 1e-6);
            expect(ink.bottom, where).toBeLessThanOrEqual(box.bottom + 1e-6);
          }
          if (point) {
            expect(l.bodySize).toBeGreaterThanOrEqual(l.minBodySize - 1e-9);
            expect(l.bodySize).toBeLessThanOrEqual(l.maxBodySize + 1e-9);
            expect(l.minBodySize).toBeCloseTo((doc.theme.cardMinBodyPx * format.width) / 1080, 9);
          }
        }
      }
    }
  });

  it('keeps text out of the story safe zones (top and bottom 250 px): geometry and pixels', async () => {
    const story = fmt('story');
    expect(story.safeY).toBe(250);
    const l = layoutCard({ model, point: longest(), format: story, fonts: templateFonts() });
    const inks = inkLines(l).map((x) => x.ink!).filter(Boolean);
    expect(Math.min(...inks.map((i) => i.top))).toBeGreaterThan(250);
    expect(Math.max(...inks.map((i) => i.bottom))).toBeLessThan(1920 - 250);
    // The picture agrees: below the accent bar, the safe zones are plain paper.
    const card = await renderCard({ model, point: longest(), format: story, fonts: templateFonts() });
    const { data, info } = await sharp(card.png).raw().toBuffer({ resolveWithObject: true });
    const paper = [0xfb, 0xf8, 0xf1];
    const rowPlain = (y: number) => {
      for (let x = 0; x < info.width; x++) {
        const o = (y * info.width + x) * info.channels;
        if (Math.abs(data[o] - paper[0]) > 2 || Math.abs(data[o + 1] - paper[1]) > 2 || Math.abs(data[o + 2] - paper[2]) > 2) return false;
      }
      return true;
    };
    for (let y = 40; y < 250; y += 3) expect(rowPlain(y), `row ${y}`).toBe(true);
    for (let y = 1920 - 250; y < 1920; y += 3) expect(rowPlain(y), `row ${y}`).toBe(true);
  });

  it('uses the largest body size that fits: a short point is set larger than a long one', () => {
    const square = fmt('square');
    const short = [...model.points].sort((a, b) => a.text.length - b.text.length)[0];
    const ls = layoutCard({ model, point: short, format: square, fonts: templateFonts() });
    const ll = layoutCard({ model, point: longest(), format: square, fonts: templateFonts() });
    expect(ls.cut).toBe(false);
    expect(ll.cut).toBe(false);
    expect(ls.bodySize).toBeGreaterThan(ll.bodySize);
    // One px more would not fit: either it is the maximum, or the next size up overflows (checked via the text staying whole).
    expect(ls.bodyText).toBe(short.text);
  });

  it('cuts a text too long for the card at a clause boundary with «…», never mid-word', () => {
    const base = model.points[0];
    const text = Array.from({ length: 6 }, () => base.text).join(' ');
    const point: Point = { ...base, text };
    for (const format of model.theme.cards) {
      const l = layoutCard({ model, point, format, fonts: templateFonts() });
      expect(l.cut, format.name).toBe(true);
      expect(l.bodySize).toBeCloseTo(l.minBodySize, 9);
      expect(l.bodyText.endsWith('…')).toBe(true);
      const kept = l.bodyText.slice(0, -1);
      expect(text.startsWith(kept)).toBe(true);
      // What follows the kept words is a clause mark and a space: ، ؛ . (dropped for «…»).
      const rest = text.slice(kept.length);
      expect(rest).toMatch(/^[،؛.,;]+\s/u);
      // The alt text still has everything.
      expect(l.alt).toBe(`${point.title}\n${text}`);
      // The body that was set is exactly the cut text.
      const body = l.page.blocks[[...l.roles].find(([, r]) => r === 'body')![0]];
      expect(body.kind === 'text' && body.text).toBe(l.bodyText);
    }
    // The link card is small: the real point 1 is cut there too, after «الفلسطيني؛».
    const link = layoutCard({ model, point: base, format: fmt('link'), fonts: templateFonts() });
    expect(link.cut).toBe(true);
    expect(base.text.slice(link.bodyText.length - 1)).toMatch(/^[،؛.]\s/u);
  });

  it('lists cut candidates at clause and sentence ends, not inside numbers, quotes or words', () => {
    const c = cutCandidates('أولًا، نحو 3.5 مليون؛ ثم "قال، نعم" ثم هل؟ نعم! آخر.');
    expect(c).toEqual(['أولًا، نحو 3.5 مليون؛ ثم "قال، نعم" ثم هل؟ نعم!…', 'أولًا، نحو 3.5 مليون؛ ثم "قال، نعم" ثم هل؟…', 'أولًا، نحو 3.5 مليون…', 'أولًا…']);
    // No punctuation at all: whole words only.
    expect(cutCandidates('كلمة أخرى ثالثة')).toEqual(['كلمة أخرى…', 'كلمة…']);
  });

  it('never clips: a card with room for very little still ends on a whole word', () => {
    const tiny: CardFormat = { name: 'tiny', width: 1080, height: 700, extra: [], safeY: 0 };
    const l = layoutCard({ model, point: longest(), format: tiny, fonts: templateFonts() });
    expect(l.cut).toBe(true);
    const kept = l.bodyText.slice(0, -1);
    expect(longest().text.startsWith(kept)).toBe(true);
    expect(longest().text.slice(kept.length)).toMatch(/^[\s،؛.,;؟!?]/u);
    for (const { ink } of inkLines(l)) if (ink) expect(ink.bottom).toBeLessThanOrEqual(l.textBox.bottom + 1e-6);
  });
});

describe('content', () => {
  it('shows the number in the document digits, the title, the footer; alt has title and full text', () => {
    const p = model.points[11];
    const l = layoutCard({ model, point: p, format: fmt('portrait'), fonts: templateFonts() });
    const byRole = (r: string) => l.page.blocks[[...l.roles].find(([, role]) => role === r)![0]];
    const number = byRole('number');
    expect(number.kind === 'text' && number.text).toBe('١٢');
    expect(number.kind === 'text' && number.color).toBe(model.theme.palette.accent);
    const title = byRole('title');
    expect(title.kind === 'text' && title.text).toBe(p.title);
    const footer = byRole('footer');
    expect(footer.kind === 'text' && footer.text).toContain(model.title);
    expect(footer.kind === 'text' && footer.text).toContain('İzmir');
    expect(l.page.background).toBe(model.theme.palette.paper);
    expect(l.alt).toBe(`${p.title}\n${p.text}`);
  });

  it('justifies the body with kashida as the theme says, the last line at the start (right) edge', () => {
    const l = layoutCard({ model, point: model.points[0], format: fmt('square'), fonts: templateFonts() });
    const body = l.page.blocks[[...l.roles].find(([, r]) => r === 'body')![0]];
    if (body.kind !== 'text') throw new Error('no body');
    const lines = body.lines;
    expect(lines.slice(0, -1).every((pl) => pl.line.justified)).toBe(true);
    const last = lines[lines.length - 1];
    expect(last.line.justified).toBe(false);
    const glyphs = last.line.glyphs;
    const right = Math.max(...glyphs.map((g) => g.x + g.advance));
    expect(right).toBeCloseTo(last.line.width === 0 ? 0 : body.lines[0].line.width, 1);
    // Kashida is the theme's mode: the cards use it (sparingly: spaces stretch first).
    const kashidas = model.points.flatMap((p) => {
      const lp = layoutCard({ model, point: p, format: fmt('square'), fonts: templateFonts() });
      const b = lp.page.blocks[[...lp.roles].find(([, r]) => r === 'body')![0]];
      return b.kind === 'text' ? b.lines.map((pl) => pl.line.kashidas) : [];
    });
    expect(kashidas.some((k) => k > 0)).toBe(true);
    expect(Math.max(...kashidas)).toBeLessThanOrEqual(3);
  });

  it('makes a document card on the cover colour with the title and the imprint', () => {
    const l = layoutCard({ model, format: fmt('square'), fonts: templateFonts() });
    expect(l.page.background).toBe(model.theme.palette.cover);
    const texts = l.page.blocks.filter((b) => b.kind === 'text').map((b) => (b.kind === 'text' ? b.text : ''));
    expect(texts[0]).toBe(model.title);
    expect(texts.join('\n')).toContain("WORKERS' PARTIES");
    expect(l.alt.split('\n')[0]).toBe(model.title);
    expect(l.alt).toContain('İzmir, Turkey | October 20-21-22, 2023');
    for (const b of l.page.blocks) if (b.kind === 'text') expect(b.color).toBe(model.theme.palette.coverInk);
  });
});
