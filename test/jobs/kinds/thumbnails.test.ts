/**
 * The thumbnails kind (src/jobs/kinds/thumbnails.ts). Which kinds' jobs get
 * a thumbnails job (`SHOWN` there) and which files the gallery page shows
 * as thumbnails (templates/gallery.tsx `thumbPages`) are written in two
 * places: the template cannot be imported by the kinds' registry (its JSX
 * loads React in a build with nothing to do), so a build checks that they
 * agree.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { thumbPages } from '../../../templates/gallery.js';
import { build } from '../../../src/build.js';
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
