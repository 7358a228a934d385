import { describe, expect, it } from 'vitest';
import { pressColorMode, pressPalette, rgbToCmyk } from '../../src/print/color.js';
import { defaultTheme, mergeTheme } from '../../src/model/theme.js';
import { MM } from '../../src/print/pdfPages.js';
import { colorOperator } from '../../src/render/pdf/colorMode.js';

describe('rgbToCmyk (the documented formula)', () => {
  it('turns black and greys into K only, white into nothing, primaries into two inks', () => {
    expect(rgbToCmyk('#000000')).toEqual([0, 0, 0, 100]);
    expect(rgbToCmyk('#808080')).toEqual([0, 0, 0, 50]);
    expect(rgbToCmyk('#ffffff')).toEqual([0, 0, 0, 0]);
    expect(rgbToCmyk('#ff0000')).toEqual([0, 100, 100, 0]);
    expect(rgbToCmyk('#9e1b1b')).toEqual([0, 83, 83, 38]);
  });
  it('never exceeds 300 % total ink', () => {
    for (let r = 0; r < 256; r += 51) for (let g = 0; g < 256; g += 51) for (let b = 0; b < 256; b += 51) {
      const hex = `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
      expect(rgbToCmyk(hex).reduce((a, v) => a + v, 0)).toBeLessThanOrEqual(300);
    }
  });
  it('rejects what is not #rrggbb', () => {
    expect(() => rgbToCmyk('red')).toThrow(/#rrggbb/);
    expect(rgbToCmyk('#fff')).toEqual([0, 0, 0, 0]);
  });
});

describe('pressColorMode', () => {
  const theme = defaultTheme('rtl');
  const mode = pressColorMode(theme);
  it('all text is 0/0/0/100, whatever its screen colour; light text on a dark ground knocks out', () => {
    for (const name of ['ink', 'accent', 'muted', 'cover'] as const) expect(mode.mark(theme.palette[name]), name).toEqual([0, 0, 0, 100]);
    expect(mode.mark('#123456')).toEqual([0, 0, 0, 100]);
    expect(mode.mark(theme.palette.coverInk)).toEqual([0, 0, 0, 0]);
    expect(mode.mark('#ffffff')).toEqual([0, 0, 0, 0]);
    expect(mode.mark('#f0ebe0')).toEqual([0, 0, 0, 0]); // near paper: still a knockout
    expect(mode.mark('#c8c8c8')).toEqual([0, 0, 0, 100]); // a 22 % grey: ink
  });
  it('black text overprints; a knockout never does (it would vanish)', () => {
    expect(mode.overprint(theme.palette.ink)).toBe(true);
    expect(mode.overprint(theme.palette.accent)).toBe(true);
    expect(mode.overprint(theme.palette.coverInk)).toBe(false);
  });
  it('ink black is 0/0/0/100 for small boxes, rich black only for areas from richBlack.minMm', () => {
    expect(mode.area(theme.palette.ink, 10, 300)).toEqual([0, 0, 0, 100]);
    const big = theme.richBlack.minMm * MM;
    expect(mode.area(theme.palette.ink, big, big)).toEqual(theme.richBlack.cmyk);
    expect(mode.area(theme.palette.accent, big, big)).toEqual(theme.cmyk.accent);
  });
  it('thin grey or black rules print solid 0/0/0/100; coloured and knocked-out rules keep their colour', () => {
    expect(mode.line(theme.palette.muted, 0.3)).toEqual([0, 0, 0, 100]);
    expect(mode.line(theme.palette.muted, 2)).toEqual(theme.cmyk.muted);
    expect(mode.line(theme.palette.accent, 0.3)).toEqual(theme.cmyk.accent);
    expect(mode.line(theme.palette.coverInk, 1)).toEqual([0, 0, 0, 0]);
  });
  it('paper is paper: a paper background prints nothing, paper-coloured text knocks out', () => {
    expect(mode.background(theme.palette.paper)).toBeNull();
    expect(mode.mark(theme.palette.coverInk)).toEqual([0, 0, 0, 0]);
    expect(mode.background(theme.palette.cover)).toEqual(theme.cmyk.cover);
  });
  it('a palette colour overridden without CMYK is converted from its new RGB value; one given CMYK keeps it', () => {
    const t = mergeTheme(theme, { palette: { accent: '#ff0000', muted: '#00ff00' }, cmyk: { muted: [100, 0, 100, 0] } });
    expect(pressPalette(t).get('#ff0000')).toEqual([0, 100, 100, 0]);
    expect(pressPalette(t).get('#00ff00')).toEqual([100, 0, 100, 0]);
    expect(pressColorMode(t).area('#123456', 1, 1)).toEqual(rgbToCmyk('#123456'));
  });
  it('writes DeviceCMYK operators; RGB colours stay rg/RG', () => {
    expect(colorOperator([0, 0, 0, 100])).toBe('0 0 0 1 k');
    expect(colorOperator([0, 90, 85, 35], true)).toBe('0 0.9 0.85 0.35 K');
    expect(colorOperator('#ff0000')).toBe('1 0 0 rg');
    expect(colorOperator('#ff0000', true)).toBe('1 0 0 RG');
  });
});
