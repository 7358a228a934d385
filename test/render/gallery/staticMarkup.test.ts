/**
 * staticMarkup (src/render/gallery/staticMarkup.ts) writes the gallery page
 * byte for byte as react-dom's renderToStaticMarkup does, for pages in each
 * direction with every section, and refuses what it does not write as
 * react-dom would.
 */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { galleryPage, type GalleryOutput, type GalleryThumb } from '../../../templates/gallery.js';
import { staticMarkup } from '../../../src/render/gallery/staticMarkup.js';
import { thumbPath } from '../../../src/render/gallery/thumbPath.js';
import { modelFromText } from '../../../src/model/buildModel.js';
import { projectRoot } from '../../support/fonts.js';

const card = (path: string, point: number | undefined, alt: string, slide?: { index: number; count: number }) => ({
  kind: 'card', path, size: 12_345, point, format: 'square', width: 1080, height: 1080, alt, ...(slide ? { slide } : {}),
});

const outputs: GalleryOutput[] = [
  { kind: 'booklet', files: [{ kind: 'booklet', path: 'booklet.pdf', size: 130_000, pages: 2 }] },
  { kind: 'leaflet', files: [{ kind: 'leaflet', path: 'leaflets/01-a&b.pdf', size: 30_000, point: 1, pages: 1 }] },
  { kind: 'leaflets-all', files: [{ kind: 'leaflet', path: 'leaflets/all-leaflets.pdf', size: 90_000, pages: 3 }] },
  {
    kind: 'card',
    files: [
      card('cards/square/02-c-2.png', 2, 'the "second" <slide> & \'more\'', { index: 2, count: 2 }),
      card('cards/square/02-c-1.png', 2, 'الأولى', { index: 1, count: 2 }),
      { kind: 'alt-text', path: 'cards/square/02-c-1.txt', size: 40, point: 2, format: 'square' },
      { kind: 'card', path: 'cards/square/02-c-1.webp', size: 9_000, point: 2, format: 'square' },
    ],
  },
  { kind: 'card', files: [card('cards/square/00-document.png', undefined, 'بطاقة الوثيقة')] },
  { kind: 'saddle', files: [{ kind: 'print', path: 'print/booklet-a4-saddle.pdf', size: 1_500_000, pages: 2 }] },
];
const thumbs: GalleryThumb[] = [
  ...[1, 2].map((page) => ({ of: 'booklet.pdf', page, path: thumbPath('booklet.pdf', page), width: 240, height: 340 })),
  { of: 'leaflets/01-a&b.pdf', page: 1, path: thumbPath('leaflets/01-a&b.pdf', 1), width: 240, height: 340 },
  { of: 'cards/square/02-c-1.png', page: 1, path: thumbPath('cards/square/02-c-1.png', 1), width: 240, height: 240 },
];
const fonts = [{ family: 'warraq 1', weight: 400 as const, path: 'gallery/fonts/Amiri-Regular.woff' }];

const texts = {
  ar: '## خطة <عمل> & "ما"\n\n١. الأولى نص.\n\n٢. الثانية نص.\n',
  en: '## A plan & its \'points\'\n\n1. First <point>.\n\n2. Second point.\n',
};

describe('staticMarkup', () => {
  for (const [lang, text] of Object.entries(texts)) {
    it(`writes the ${lang} gallery page as react-dom does`, () => {
      const model = modelFromText(text, 'x.txt', { projectRoot, sourceDateEpoch: '1700000000' }).model;
      for (const [o, t] of [[outputs, thumbs], [outputs.slice(4), []], [[], []]] as const) {
        const page = () => galleryPage(model, [...o], [...t], fonts);
        expect(staticMarkup(page())).toBe(renderToStaticMarkup(page()));
      }
    });
  }

  it('refuses a prop or an image it would not write as react-dom does', () => {
    expect(() => staticMarkup(createElement('input', { checked: true }))).toThrow(/checked/);
    expect(() => staticMarkup(createElement('label', { htmlFor: 'x' }))).toThrow(/htmlFor/);
    expect(() => staticMarkup(createElement('img', { src: 'a.webp', alt: '' }))).toThrow(/preload/);
  });
});
