/**
 * The thumbnails kind (src/jobs/kinds/thumbnails.ts). Which kinds' jobs get
 * a thumbnails job (`SHOWN` there) and which files the gallery page shows
 * as thumbnails (templates/galleryFiles.ts `thumbPages`) are written in two
 * places (a kind's record does not know its files' manifest fields), so a
 * build checks that they agree. And `thumbsMadeBy`: how the gallery finds a thumbnails job's files.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { thumbPages } from '../../../templates/galleryFiles.js';
import { build } from '../../../src/build.js';
import type { InputFile, TaskInput } from '../../../src/jobs/kind.js';
import { thumbsMadeBy } from '../../../src/jobs/kinds/thumbnails.js';
import { readManifest } from '../../../src/output/writeOutputs.js';
import { thumbPath } from '../../../src/render/gallery/thumbPath.js';
import { smallProject } from '../../fixtures/reliability/project.js';

describe('thumbnails', () => {
  it("every file the gallery shows as thumbnails (thumbPages > 0) has them, made by a thumbnails job, in the gallery's index.html", async () => {
    const root = await smallProject();
    await build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', sourceDateEpoch: '1698000000' });
    const out = path.join(root, 'dist');
    const manifest = (await readManifest(out))!;
    const html = await readFile(path.join(out, 'index.html'), 'utf8');
    const made = new Set(manifest.outputs.filter((e) => e.kind === 'gallery').map((e) => e.path));
    const shown = manifest.outputs.filter((e) => thumbPages({ ...e, size: e.bytes }) > 0);
    expect(new Set(shown.map((e) => e.kind))).toEqual(new Set(['booklet', 'leaflet', 'card']));
    for (const e of shown) {
      const pages = Math.min(thumbPages({ ...e, size: e.bytes }), e.pages ?? 1);
      for (let page = 1; page <= pages; page++) {
        const thumb = thumbPath(e.path, page);
        expect(made.has(thumb), `${e.path} page ${page}: ${thumb}`).toBe(true);
        expect(html, `${e.path} page ${page}`).toContain(`src="${thumb}"`);
      }
    }
  }, 120_000);
});

describe('thumbsMadeBy', () => {
  /** A file as a job's input: its path, kind and size (and, for a thumbnail, its pixels' size). */
  const file = (kind: InputFile['kind'], p: string, extra: Partial<InputFile> = {}): InputFile => ({ kind, path: p, size: 1, staged: `/staged/${p}`, ...extra });
  const made = (p: string, files: InputFile[]): TaskInput => ({ kind: 'thumbnails', path: p, data: undefined, key: 'k', files });
  const thumb = (p: string) => file('gallery', p, { width: 240, height: 340 });

  it("lists a PDF's pages in order, -1, -2, …, as far as the thumbnails go", () => {
    const pages = [1, 2, 3].map((n) => thumb(thumbPath('booklet.pdf', n)));
    expect(thumbsMadeBy(made('gallery/booklet', [pages[2], pages[0], pages[1]]), [file('booklet', 'booklet.pdf', { pages: 12 })], thumbPath)).toEqual(
      [1, 2, 3].map((page) => ({ of: 'booklet.pdf', page, path: `gallery/booklet-${page}.webp`, width: 240, height: 340 })),
    );
  });

  it("gives a card's image exactly one thumbnail, though every page asks for the same name", () => {
    const thumbs = thumbsMadeBy(made('gallery/cards/square/01-x', [thumb('gallery/cards/square/01-x.webp')]), [file('card', 'cards/square/01-x.png', { alt: 'a' })], thumbPath);
    expect(thumbs).toEqual([{ of: 'cards/square/01-x.png', page: 1, path: 'gallery/cards/square/01-x.webp', width: 240, height: 340 }]);
  });

  it("gives a card's thumbnail to its PNG alone, not to its WebP, JPEG or alt text, whose names map to the same thumbnail", () => {
    const shown = [
      file('card', 'cards/square/01-x.png', { alt: 'a', width: 1080, height: 1080 }),
      file('card', 'cards/square/01-x.webp', { width: 1080, height: 1080 }),
      file('card', 'cards/square/01-x.jpg', { width: 1080, height: 1080 }),
      file('alt-text', 'cards/square/01-x.txt'),
    ];
    const thumbs = thumbsMadeBy(made('gallery/cards/square/01-x', [thumb('gallery/cards/square/01-x.webp')]), shown, thumbPath);
    expect(thumbs.map((t) => t.of)).toEqual(['cards/square/01-x.png']);
  });

  it("gives a leaflet its first page's thumbnail only", () => {
    const thumbs = thumbsMadeBy(made('gallery/leaflets/01-x', [thumb(thumbPath('leaflets/01-x.pdf', 1))]), [file('leaflet', 'leaflets/01-x.pdf', { point: 1, pages: 2 })], thumbPath);
    expect(thumbs.map((t) => [t.of, t.page])).toEqual([['leaflets/01-x.pdf', 1]]);
  });

  it("gives a carousel card's slides (-1, -2) one thumbnail each", () => {
    const shown = [file('card', 'cards/square/08-x-1.png', { alt: 'a' }), file('card', 'cards/square/08-x-2.png', { alt: 'b' })];
    const thumbs = thumbsMadeBy(made('gallery/cards/square/08-x', [thumb('gallery/cards/square/08-x-1.webp'), thumb('gallery/cards/square/08-x-2.webp')]), shown, thumbPath);
    expect(thumbs.map((t) => [t.of, t.page, t.path])).toEqual([
      ['cards/square/08-x-1.png', 1, 'gallery/cards/square/08-x-1.webp'],
      ['cards/square/08-x-2.png', 1, 'gallery/cards/square/08-x-2.webp'],
    ]);
  });
});
