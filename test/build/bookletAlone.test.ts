/**
 * The booklet alone (`--only booklet`) keeps for later builds only what they
 * cannot do without: its drawing (the press PDF's input, needed for the
 * booklet to be reused), not its pages' digests, which only its thumbnails
 * read (src/jobs/kinds/booklet.ts). A later build that makes the thumbnails
 * draws every page and equals a build from scratch.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/build.js';
import { fingerprint, smallProject } from '../fixtures/reliability/project.js';

/** What the output folder's cache folder holds, by kind of entry (the part after the key). */
async function keptKinds(root: string): Promise<string[]> {
  const cache = path.join(root, '.warraq-cache');
  const dir = (await readdir(cache)).find((n) => /^[0-9a-f]{16}$/.test(n))!;
  return [...new Set((await readdir(path.join(cache, dir))).map((n) => n.split('.').slice(1).join('.')))].sort();
}

describe('the booklet alone', () => {
  it('keeps its drawing but not its page digests; a full build after it reuses the booklet, draws its thumbnails and equals a build from scratch', async () => {
    const root = await smallProject();
    const opts: BuildOptions = { projectRoot: root, source: 'source/doc.txt', out: 'dist', jobs: 1 };
    const alone = await build({ ...opts, only: ['booklet'] });
    expect(alone.jobs.rendered).toEqual(['booklet.pdf']);
    expect(await keptKinds(root)).toEqual(['drawing', 'json']);

    const full = await build(opts);
    expect(full.jobs.unchanged).toContain('booklet.pdf');
    // Its thumbnails drawn, every page (none found by its digest: `pagesDrawn` counts only pages looked up that way).
    expect(full.jobs.rendered).toContain('gallery/booklet');
    expect(full.pagesDrawn).toBeUndefined();

    await build({ ...opts, out: 'fresh', force: true });
    expect(await fingerprint(path.join(root, 'dist'))).toEqual(await fingerprint(path.join(root, 'fresh')));
    // The full build made the thumbnails from the booklet it reused, without rendering the booklet again.
    expect(full.jobs.rendered).not.toContain('booklet.pdf');
  });

  it('a build that makes the thumbnails keeps the page digests with the drawing', async () => {
    const root = await smallProject();
    await build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', jobs: 1, only: ['booklet', 'gallery'] });
    expect(await keptKinds(root)).toEqual(expect.arrayContaining(['drawing', 'pageKeys']));
  });
});
