/**
 * The gallery template (templates/gallery.tsx) on output records alone: cards
 * grouped by point and format, a carousel's slides in order (manifest
 * `point`, `slide`), each file linked with its size, print files with their
 * use, in the document's language and direction.
 */
import { describe, expect, it } from 'vitest';
import type { GalleryOutput, GalleryThumb } from '../../templates/gallery.js';
import { galleryHtml, thumbPath } from '../../src/render/gallery/renderGallery.js';
import { modelFromText } from '../../src/model/buildModel.js';
import { projectRoot } from '../support/fonts.js';

const model = modelFromText('## خطة\n\n١. الأولى نص.\n\n٢. الثانية نص.\n\n٣. الثالثة نص.\n', 'x.txt', { projectRoot, sourceDateEpoch: '1700000000' }).model;

const card = (path: string, point: number | undefined, format: string, alt: string, slide?: { index: number; count: number }) => ({
  kind: 'card',
  path,
  size: 12_345,
  point,
  format,
  width: 1080,
  height: 1080,
  alt,
  ...(slide ? { slide } : {}),
});

const outputs: GalleryOutput[] = [
  { kind: 'booklet', files: [{ kind: 'booklet', path: 'booklet.pdf', size: 130_000, pages: 2 }] },
  { kind: 'leaflet', files: [{ kind: 'leaflet', path: 'leaflets/01-a.pdf', size: 30_000, point: 1, pages: 1 }] },
  // A carousel whose slides come out of order, and a single card of another point.
  {
    kind: 'card',
    files: [
      card('cards/square/03-c-2.png', 3, 'square', 'الثانية من ثلاث', { index: 2, count: 3 }),
      card('cards/square/03-c-3.png', 3, 'square', 'الثالثة من ثلاث', { index: 3, count: 3 }),
      card('cards/square/03-c-1.png', 3, 'square', 'الأولى من ثلاث', { index: 1, count: 3 }),
      { kind: 'alt-text', path: 'cards/square/03-c-1.txt', size: 40, point: 3, format: 'square' },
    ],
  },
  { kind: 'card', files: [card('cards/square/00-document.png', undefined, 'square', 'بطاقة الوثيقة')] },
  { kind: 'card', files: [card('cards/square/01-a.png', 1, 'square', 'النقطة الأولى')] },
  { kind: 'saddle', files: [{ kind: 'print', path: 'print/booklet-a4-saddle.pdf', size: 150_000, pages: 2 }] },
];
const thumbs: GalleryThumb[] = [1, 2].map((page) => ({ of: 'booklet.pdf', page, path: thumbPath('booklet.pdf', page), width: 240, height: 340 }));
const html = galleryHtml(model, outputs, thumbs);

describe('the gallery template', () => {
  it('names the source by its file name alone, however the command line gave it (no builder\'s folder is published)', () => {
    const abs = modelFromText('## خطة\n\n١. الأولى نص.\n', '/home/someone/drafts/plan.txt', { projectRoot, sourceDateEpoch: '1700000000' }).model;
    const page = galleryHtml(abs, outputs, []);
    expect(page).toContain('>plan.txt</code>');
    expect(page).not.toContain('/home/someone');
  });

  it('is a page in the document’s language and direction', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">')).toBe(true);
    expect(html).toContain('<main id="main"');
  });

  it('groups cards by point, the document card first, and puts a carousel’s slides in order', () => {
    const at = (s: string) => html.indexOf(s);
    expect(at('بطاقة الوثيقة')).toBeLessThan(at('النقطة الأولى'));
    expect(at('النقطة الأولى')).toBeLessThan(at('الأولى من ثلاث'));
    expect(at('الأولى من ثلاث')).toBeLessThan(at('الثانية من ثلاث'));
    expect(at('الثانية من ثلاث')).toBeLessThan(at('الثالثة من ثلاث'));
    expect(html).toContain('الشريحة ١ من ٣');
    // The alt-text file sits with its slide.
    expect(html.indexOf('cards/square/03-c-1.txt')).toBeLessThan(at('الثانية من ثلاث'));
  });

  it('links every file with its size in the document’s digits, and says what each print file is for', () => {
    for (const o of outputs) for (const f of o.files) expect(html).toContain(`href="${f.path}"`);
    expect(html).toContain('١٣٠ كيلوبايت');
    expect(html).toContain('أو طابعة المكتب');
    expect(html).toContain('src="gallery/booklet-2.webp"');
  });

  it('writes sizes as readers of each language expect: the unit spelt out in Arabic and Persian, «MB» in English', () => {
    const big: GalleryOutput[] = [{ kind: 'booklet', files: [{ kind: 'booklet', path: 'booklet.pdf', size: 17_900_000, pages: 2 }] }];
    const page = (text: string) => galleryHtml(modelFromText(text, 'x.txt', { projectRoot, sourceDateEpoch: '1700000000' }).model, big, []);
    // ICU's short forms were «١٧٫٩ م.ب» (Arabic) and «۱۷٫۹ MB» (Persian).
    expect(page('## خطة\n\n١. الأولى نص.\n')).toContain('١٧٫٩ ميغابايت');
    expect(page('## برنامه\n\n۱. نخستین متن ژاله گچ.\n')).toContain('۱۷٫۹ مگابایت');
    expect(page('## Plan\n\n1. First text here.\n')).toContain('17.9 MB');
  });

  it('sets the page in the project’s fonts it is given, then the system’s', () => {
    const fonts = [
      { family: 'warraq 1', weight: 400 as const, path: 'gallery/fonts/Amiri-Regular.woff' },
      { family: 'warraq 1', weight: 700 as const, path: 'gallery/fonts/Amiri-Bold.woff' },
    ];
    const page = galleryHtml(model, outputs, thumbs, fonts);
    expect(page).toContain('@font-face { font-family: "warraq 1"; src: url("gallery/fonts/Amiri-Bold.woff") format("woff"); font-weight: 700;');
    expect(page).toMatch(/:root \{ font-family: "warraq 1", "Noto Naskh Arabic", [^}]*sans-serif; \}/u);
    // Without fonts, the system's alone.
    expect(html).toMatch(/:root \{ font-family: "Noto Naskh Arabic", /u);
  });

  it('one copy button per card, each pointing at its own alt text', () => {
    const ids = [...html.matchAll(/data-copy="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(5);
    for (const id of ids) expect(html).toContain(`id="${id}"`);
  });
});
