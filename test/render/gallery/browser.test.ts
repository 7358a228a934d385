/**
 * The gallery page (dist/index.html) of the seed, opened in a real Chromium
 * from file:// (playwright-core with the system's Chromium: WARRAQ_CHROMIUM,
 * else chromium / chromium-browser / google-chrome on the PATH; .ci/run
 * installs Debian's `chromium`). Every image and link resolves, nothing
 * goes to the network, the copy buttons copy the alt text, axe-core finds no
 * violation, and rebuilding the page gives the same bytes.
 *
 * With WARRAQ_UPDATE_SCREENSHOTS=1 it also writes the README's screenshots
 * (docs/img/gallery.png, gallery-phone.png, gallery-cards.png); otherwise the
 * screenshots go to the temporary folder, so a test run leaves the
 * repository as it was.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { build } from '../../../src/build.js';
import { thumbsJobOf } from '../../../src/jobs/kinds/thumbnails.js';
import { THUMB_DIR } from '../../../src/render/gallery/thumbPath.js';
import { readManifest, type Manifest } from '../../../src/output/writeOutputs.js';
import { makeProject, repoRoot } from '../../fixtures/reliability/project.js';

/** The Chromium to drive: $WARRAQ_CHROMIUM, else the first on the PATH. */
function findChromium(): string | undefined {
  const given = process.env.WARRAQ_CHROMIUM;
  if (given) return existsSync(given) ? given : undefined;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not this one
    }
  }
  return undefined;
}

const chromium = findChromium();
if (!chromium) console.warn('test/render/gallery/browser.test.ts: skipped: no Chromium found (set WARRAQ_CHROMIUM, or `apt-get install chromium`)');

const update = process.env.WARRAQ_UPDATE_SCREENSHOTS === '1';

describe.skipIf(!chromium)('the gallery page in Chromium', () => {
  let out: string;
  let manifest: Manifest;
  /** The jobs the first build rendered (all of them). */
  let firstRendered: string[];
  let browser: Browser;
  let url: string;
  /** Requests the page made that were not for a file:// URL, and requests that failed. */
  const offline: string[] = [];
  const failed: string[] = [];

  beforeAll(async () => {
    const root = await makeProject({
      'source/izmir-2023.txt': { copy: path.join(repoRoot, 'source/izmir-2023.txt') },
      'source/izmir-2023.meta.yaml': { copy: path.join(repoRoot, 'source/izmir-2023.meta.yaml') },
    });
    firstRendered = (await build({ projectRoot: root, source: 'source/izmir-2023.txt', out: 'dist', sourceDateEpoch: '1698000000' })).jobs.rendered;
    out = path.join(root, 'dist');
    manifest = (await readManifest(out))!;
    url = pathToFileURL(path.join(out, 'index.html')).href;
    const { chromium: pw } = await import('playwright-core');
    browser = await pw.launch({ executablePath: chromium });
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** A page of the gallery at this viewport, with the network watched and the clipboard recorded. */
  async function open(width: number, height: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height } });
    page.on('request', (r) => {
      if (!r.url().startsWith('file://')) offline.push(r.url());
    });
    page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
    await page.route((u) => u.protocol !== 'file:', (route) => route.abort());
    // What the copy buttons write, recorded (a headless browser's clipboard is not the test's to read).
    await page.addInitScript(() => {
      const w = window as unknown as { copied: string[] };
      w.copied = [];
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void w.copied.push(t) }, configurable: true });
    });
    await page.goto(url, { waitUntil: 'load' });
    return page;
  }

  /** Loads every image (they load lazily) and waits until each is decoded. */
  const loadAllImages = (page: Page) =>
    page.evaluate(async () => {
      const imgs = [...document.images];
      for (const i of imgs) i.loading = 'eager';
      await Promise.all(imgs.map((i) => i.decode().catch(() => undefined)));
      return imgs.map((i) => ({ src: i.getAttribute('src')!, ok: i.complete && i.naturalWidth > 0, alt: i.getAttribute('alt') }));
    });

  it('is in the document’s language and direction, and shows every output', async () => {
    const page = await open(1280, 900);
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    const timing = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
    const html = await stat(path.join(out, 'index.html'));
    const thumbs = manifest.outputs.filter((e) => e.path.startsWith('gallery/') && !e.path.startsWith('gallery/fonts/'));
    console.info(
      `gallery: index.html ${(html.size / 1000).toFixed(0)} KB, ${thumbs.length} thumbnails ${(thumbs.reduce((n, e) => n + e.bytes, 0) / 1000).toFixed(0)} KB; loaded in ${timing.toFixed(0)} ms`,
    );
    const hrefs = new Set(await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')!.split('#')[0])));
    // Every published file is linked (the gallery's own files excepted), and every card has its alt text and a copy button.
    for (const e of manifest.outputs) if (e.kind !== 'gallery') expect(hrefs.has(e.path), e.path).toBe(true);
    const cards = manifest.outputs.filter((e) => e.kind === 'card' && e.alt !== undefined);
    expect(await page.locator('button.copy').count()).toBe(cards.length);
    // Booklet pages: one thumbnail per page.
    const booklet = manifest.outputs.find((e) => e.kind === 'booklet')!;
    expect(await page.locator('#booklet img').count()).toBe(booklet.pages);
    // The print files, each with a line on what it is for.
    const print = manifest.outputs.filter((e) => e.kind === 'print');
    expect(await page.locator('#print li .use').count()).toBe(print.length);
    await page.close();
  });

  it('every image and link resolves from file://, and nothing goes to the network', async () => {
    const page = await open(1280, 900);
    const imgs = await loadAllImages(page);
    expect(imgs.length).toBeGreaterThan(80);
    expect(imgs.filter((i) => !i.ok)).toEqual([]);
    expect(imgs.filter((i) => !i.alt)).toEqual([]);
    const links = await page.$$eval('a[href]', (as) => as.map((a) => ({ href: a.getAttribute('href')!, abs: (a as HTMLAnchorElement).href })));
    const missing: string[] = [];
    for (const l of links) {
      if (l.href.startsWith('#')) {
        if (!(await page.locator(`[id="${l.href.slice(1)}"]`).count())) missing.push(l.href);
        continue;
      }
      expect(l.abs.startsWith('file://'), l.href).toBe(true);
      if (!existsSync(fileURLToPath(l.abs.split('#')[0]))) missing.push(l.href);
    }
    expect(missing).toEqual([]);
    expect(offline).toEqual([]);
    expect(failed).toEqual([]);
    await page.close();
  });

  it('is set in the publications’ fonts, written beside it and listed in the manifest', async () => {
    const page = await open(1280, 900);
    const faces = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].map((f) => ({ family: f.family, weight: f.weight, status: f.status }));
    });
    // Amiri: the seed's body (400) and heading (700) fonts, each loaded from gallery/fonts/.
    expect(faces).toEqual([
      { family: 'warraq 1', weight: '400', status: 'loaded' },
      { family: 'warraq 1', weight: '700', status: 'loaded' },
    ]);
    const used = await page.evaluate(() => [getComputedStyle(document.body).fontFamily, getComputedStyle(document.querySelector('h1')!).fontWeight]);
    expect(used[0].startsWith('"warraq 1"')).toBe(true);
    expect(used[1]).toBe('700');
    const fonts = manifest.outputs.filter((e) => e.path.startsWith('gallery/fonts/'));
    expect(fonts.map((e) => [e.kind, e.path])).toEqual([
      ['gallery', 'gallery/fonts/Amiri-Bold.woff'],
      ['gallery', 'gallery/fonts/Amiri-Regular.woff'],
    ]);
    // Subsets: each well under the whole font (≈ 410 KB).
    for (const e of fonts) expect(e.bytes, e.path).toBeLessThan(120_000);
    await page.close();
  });

  it('a copy button copies its card’s alt text, by mouse and by keyboard', async () => {
    const page = await open(1280, 900);
    const cards = manifest.outputs.filter((e) => e.kind === 'card' && e.alt !== undefined);
    const button = page.locator('button.copy').first();
    await button.click();
    const pointCard = page.locator('#cards section section button.copy').nth(5);
    await pointCard.focus();
    await page.keyboard.press('Enter');
    const copied = await page.evaluate(() => (window as unknown as { copied: string[] }).copied);
    expect(copied).toHaveLength(2);
    const alts = new Set(cards.map((c) => c.alt));
    for (const text of copied) expect(alts.has(text), text).toBe(true);
    // Each button copies the alt text shown beside its own card.
    const shown = await pointCard.evaluate((b) => document.getElementById((b as HTMLElement).dataset.copy!)!.textContent);
    expect(copied[1]).toBe(shown);
    expect(await page.locator('#status').textContent()).toBe('نُسخ النص البديل.');
    // The focused button shows a focus ring.
    expect(await pointCard.evaluate((b) => getComputedStyle(b).outlineStyle)).not.toBe('none');
    await page.close();
  });

  it('axe-core finds no accessibility violation, on a desktop and on a phone', async () => {
    const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const [w, h] of [
      [1280, 900],
      [390, 844],
    ]) {
      const page = await open(w, h);
      await loadAllImages(page);
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate(async () => {
        const r = await (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe.run(document, {
          resultTypes: ['violations'],
        });
        return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
      });
      expect(violations, `${w}×${h}`).toEqual([]);
      await page.close();
    }
  });

  it('takes the screenshots (the README shows them: WARRAQ_UPDATE_SCREENSHOTS=1 writes them to docs/img/)', async () => {
    // The top of the page on a desktop and on a phone, and one point's cards (every format, alt text open) on a
    // desktop: the first point with a carousel, else point 1.
    const carousel = manifest.outputs.find((e) => e.kind === 'card' && e.slide)?.point ?? 1;
    for (const [name, w, h, part] of [
      ['gallery', 1280, 1000, undefined],
      ['gallery-phone', 390, 844, undefined],
      ['gallery-cards', 1280, 1000, `#cards > section:has(> #cards-${carousel})`],
    ] as const) {
      const page = await open(w, h);
      await loadAllImages(page);
      if (part) await page.$$eval(`${part} details`, (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
      const png = part ? await page.locator(part).screenshot({ type: 'png' }) : await page.screenshot({ type: 'png' });
      expect(png.length).toBeGreaterThan(10_000);
      // For the repository, in 128 colours (a third of the bytes, the same picture to the eye).
      if (update) await sharp(png).png({ palette: true, colours: 128, compressionLevel: 9 }).toFile(path.join(repoRoot, 'docs/img', `${name}.png`));
      else await writeFile(path.join(out, '..', `${name}.png`), png);
      await page.close();
    }
  });

  it('a rebuilt page and its thumbnails are byte for byte the same', async () => {
    const root = path.dirname(out);
    const ours = manifest.outputs.filter((e) => e.kind === 'gallery');
    // The page and its thumbnails drawn again: the thumbnails are jobs of their own (src/jobs/kinds/thumbnails.ts),
    // reused by hard link from the cache or the output folder, so index.html, the thumbnails (dist/gallery/) and
    // the cache all go.
    await rm(path.join(out, 'index.html'));
    await rm(path.join(out, THUMB_DIR), { recursive: true, force: true });
    await rm(path.join(root, '.warraq-cache'), { recursive: true, force: true });
    const report = await build({ projectRoot: root, source: 'source/izmir-2023.txt', out: 'dist', sourceDateEpoch: '1698000000', only: ['gallery'] });
    // The thumbnails jobs: those of the first build named after another of its jobs (src/jobs/kinds/thumbnails.ts).
    const thumbJobs = firstRendered.filter((p) => firstRendered.some((q) => q !== p && thumbsJobOf(q) === p));
    expect(thumbJobs).toContain(thumbsJobOf('booklet.pdf'));
    expect(report.jobs.rendered).toEqual(expect.arrayContaining(['index.html', ...thumbJobs]));
    const again = (await readManifest(out))!.outputs.filter((e) => e.kind === 'gallery');
    expect(again.map((e) => [e.path, e.sha256])).toEqual(ours.map((e) => [e.path, e.sha256]));
  });
});
