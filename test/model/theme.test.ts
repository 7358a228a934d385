import { describe, expect, it } from 'vitest';
import { defaultTheme, mergeTheme, PAGE_SIZES } from '../../src/model/theme.js';

describe('defaultTheme', () => {
  it('has the design tokens', () => {
    const t = defaultTheme('rtl');
    expect(t.fonts).toEqual({ body: ['fonts/Amiri-Regular.ttf'], heading: ['fonts/Amiri-Bold.ttf'] });
    expect(t.page.booklet).toEqual({ name: 'A5', width: 419.53, height: 595.28 });
    expect(t.page.leaflet).toEqual({ name: 'A5', width: 419.53, height: 595.28 });
    expect(t.page.margins).toEqual({ top: 48, bottom: 56, inner: 54, outer: 40 });
    expect(t.body).toEqual({ size: 11.5, leading: 1.9, minSize: 10 });
    expect(t.leafletBody).toEqual({ regular: 14, compact: 12 });
    expect(t.justify).toBe('kashida');
    // Left to right: ragged right by default, no hyphenation (docs/typography.md).
    expect(defaultTheme('ltr').justify).toBe('off');
    expect(defaultTheme('rtl', 'fa').justify).toBe('spaces');
    expect(t.hyphenate).toBe(false);
    expect(t.space).toEqual({ stretch: 0.3, shrink: 0.2, max: 2 });
    expect(t.palette).toEqual({ paper: '#fbf8f1', ink: '#1c1b1a', accent: '#9e1b1b', muted: '#6b6259', cover: '#7a1515', coverInk: '#fbf8f1' });
    expect(t.cards).toEqual([
      { name: 'square', width: 1080, height: 1080, extra: ['webp'], safeY: 0 },
      { name: 'portrait', width: 1080, height: 1350, extra: ['webp'], safeY: 0 },
      { name: 'story', width: 1080, height: 1920, extra: ['webp'], safeY: 250, safeBottom: 340 },
      { name: 'link', width: 1200, height: 630, extra: ['webp', 'jpeg'], safeY: 0, minBodyPx: 36 },
    ]);
    expect(t.cardMinBodyPx).toBe(40);
    expect(t.cardMargin).toBe(0.07);
    expect(PAGE_SIZES.A4).toEqual({ name: 'A4', width: 595.28, height: 841.89 });
    expect(PAGE_SIZES.A6).toEqual({ name: 'A6', width: 297.64, height: 419.53 });
  });

  it('returns fresh objects', () => {
    const a = defaultTheme('rtl');
    a.cards[0].extra.push('jpeg');
    a.fonts.body.push('x');
    expect(defaultTheme('rtl').cards[0].extra).toEqual(['webp']);
    expect(defaultTheme('rtl').fonts.body).toEqual(['fonts/Amiri-Regular.ttf']);
  });
});

describe('mergeTheme', () => {
  it('overrides deeply without touching the base', () => {
    const base = defaultTheme('rtl');
    const t = mergeTheme(base, {
      palette: { accent: '#123456' },
      body: { size: 12 },
      leafletBody: { regular: 15 },
      page: { booklet: 'A6', margins: { top: 30 } },
      justify: 'off',
      cards: { drop: ['story'], add: [{ name: 'banner', width: 1500, height: 500 }, { name: 'link', width: 1200, height: 627, extra: ['jpeg'] }] },
    });
    expect(t.palette.accent).toBe('#123456');
    expect(t.palette.ink).toBe('#1c1b1a');
    expect(t.body).toEqual({ size: 12, leading: 1.9, minSize: 10 });
    expect(t.leafletBody).toEqual({ regular: 15, compact: 12 });
    expect(t.page.booklet).toEqual(PAGE_SIZES.A6);
    expect(t.page.leaflet).toEqual(PAGE_SIZES.A5);
    expect(t.page.margins).toEqual({ top: 30, bottom: 56, inner: 54, outer: 40 });
    expect(t.justify).toBe('off');
    expect(t.cards.map((c) => c.name)).toEqual(['square', 'portrait', 'link', 'banner']);
    expect(t.cards[2]).toEqual({ name: 'link', width: 1200, height: 627, extra: ['jpeg'], safeY: 0 });
    expect(t.cards[3]).toEqual({ name: 'banner', width: 1500, height: 500, extra: [], safeY: 0 });
    expect(base).toEqual(defaultTheme('rtl'));
  });

  it('writes each colour one way (lower case): #FF0000 and #ff0000 are one colour, and the default colour in capitals keeps its CMYK', () => {
    const base = defaultTheme('rtl');
    expect(base.palette.accent).toMatch(/[a-f]/);
    const t = mergeTheme(base, { palette: { cover: '#FF0000', accent: base.palette.accent.toUpperCase() } });
    expect(t.palette.cover).toBe('#ff0000');
    expect(t.palette.accent).toBe(base.palette.accent);
    expect(t.cmyk.accent).toEqual(base.cmyk.accent);
  });

  it('copyfitting (theme.copyfit): on by default; off where the override sets the body size or leading, unless it says on', () => {
    const base = defaultTheme('rtl');
    expect(base.copyfit).toBe('on');
    expect(mergeTheme(base, { copyfit: 'off' }).copyfit).toBe('off');
    expect(mergeTheme(base, { body: { size: 12 } }).copyfit).toBe('off');
    expect(mergeTheme(base, { body: { leading: 1.8 } }).copyfit).toBe('off');
    expect(mergeTheme(base, { body: { size: 12 }, copyfit: 'on' }).copyfit).toBe('on');
    // The smallest size is a bound copyfitting keeps, not a size the user chose.
    expect(mergeTheme(base, { body: { minSize: 11 } }).copyfit).toBe('on');
    expect(mergeTheme(base, { spare: 'blank', page: { booklet: 'A6' } }).copyfit).toBe('on');
  });

  it('an empty override is the identity', () => {
    expect(mergeTheme(defaultTheme('ltr'), undefined)).toEqual(defaultTheme('ltr'));
    expect(mergeTheme(defaultTheme('ltr'), { palette: { accent: undefined } })).toEqual(defaultTheme('ltr'));
  });
});

describe('print settings in the theme', () => {
  it('default to a page plan in multiples of 4, 0.1 mm paper, K-only ink and paper, and take overrides', () => {
    const t = defaultTheme('rtl');
    expect(t.pages).toBe('multiple-of-4');
    expect(t.paper.thicknessMm).toBe(0.1);
    expect(t.cmyk.ink).toEqual([0, 0, 0, 100]);
    expect(t.cmyk.paper).toEqual([0, 0, 0, 0]);
    const m = mergeTheme(t, { pages: 'any', paper: { thicknessMm: 0 }, richBlack: { minMm: 50 } });
    expect(m).toMatchObject({ pages: 'any', paper: { thicknessMm: 0 }, richBlack: { cmyk: t.richBlack.cmyk, minMm: 50 } });
  });
});

describe('hyphenation in the theme', () => {
  it('is off by default and asked for in the metadata, with justification', () => {
    const t = mergeTheme(defaultTheme('ltr'), { justify: 'spaces', hyphenate: true });
    expect([t.justify, t.hyphenate]).toEqual(['spaces', true]);
    expect(mergeTheme(t, {}).hyphenate).toBe(true);
  });
});
