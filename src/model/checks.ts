/**
 * Checks of the model that a renderer would otherwise fail on, with the
 * place in the metadata: run by buildModel, so `npm run check` and the build
 * both stop here, before anything renders.
 *
 * - the language tag formats numbers and dates (Intl rejects some tags that
 *   look like BCP 47: `ar-XYZ`, `en-US-US`);
 * - slugs are unique (each names files);
 * - every URL fits in a QR code;
 * - a card with a JPEG is small enough for the JPEG budget.
 */
import type { SourcePlace } from '../diagnostics.js';
import type { DocumentModel } from './types.js';
import type { LoadedMeta } from './loadMeta.js';
import { localeProblem } from '../format/localize.js';
import { printedQr, qrModules, QR_MAX_MM, QR_MODULE_MIN_MM, QR_MODULE_MM } from '../format/qr.js';
import { excerpt, type Reporter } from '../parse/report.js';

/**
 * Largest card (width × height) that may ask for a JPEG. The renderer lowers
 * the JPEG quality down to 40 to stay under 300 KB; at quality 40 a text-heavy
 * card takes about 28 KB per megapixel (measured: 4096 × 2150, 245 KB), so
 * 6 megapixels leaves a wide margin.
 */
const JPEG_MAX_PIXELS = 6_000_000;

/** Where a metadata path was written, else the source's first line. */
type PlaceOf = (path: Array<string | number>) => SourcePlace;

export function checkModel(model: DocumentModel, meta: LoadedMeta, r: Reporter): void {
  const top: SourcePlace = { file: model.source.file, line: 1, col: 1 };
  const at: PlaceOf = (path) => meta.placeOf(path, { text: true }) ?? top;
  checkLanguage(model, at, r);
  checkSlugs(model, meta, at, r);
  checkUrls(model, at, r);
  checkCardJpegs(model, meta, top, at, r);
}

/** The language tag formats numbers and dates. */
function checkLanguage(model: DocumentModel, at: PlaceOf, r: Reporter): void {
  const problem = localeProblem(model.lang, model.digits);
  if (problem) {
    r.error('E-META-LANG', at(['lang']), `the language tag ${JSON.stringify(excerpt(model.lang))} cannot format numbers and dates: ${problem}`, {
      expected: 'a language tag that Intl (CLDR) accepts, such as ar, fa, en or ar-EG',
      found: excerpt(model.lang),
      hint: 'use a plain language code (ar, fa, ur, en); a region (ar-EG) is fine, extensions and repeated subtags are not',
    });
  }
}

/** The slug as written in the metadata, and the file name made from it (`NN-slug`): each must name one point. */
function checkSlugs(model: DocumentModel, meta: LoadedMeta, at: PlaceOf, r: Reporter): void {
  const slugs = new Map<string, number>();
  for (const p of model.points) {
    const written = meta.data.points?.[String(p.number)]?.slug;
    for (const name of written ? [`slug:${written}`, p.slug] : [p.slug]) {
      const first = slugs.get(name);
      if (first === undefined) {
        slugs.set(name, p.number);
        continue;
      }
      r.error('E-META-SLUG-DUPLICATE', at(['points', String(p.number), 'slug']), `point ${p.number} has the slug \`${written ?? p.slug}\`, like point ${first}`, {
        expected: 'a different slug for every point (each names a leaflet and cards)',
        found: written ?? p.slug,
        hint: 'give one of the two points another `slug:` in the metadata',
      });
      break;
    }
  }
}

/** Every URL (the document's, each point's) fits in a QR code whose modules can be scanned from print. */
function checkUrls(model: DocumentModel, at: PlaceOf, r: Reporter): void {
  const urls: Array<{ url: string; path: Array<string | number> }> = [];
  if (model.url) urls.push({ url: model.url, path: ['url'] });
  for (const p of model.points) if (p.url) urls.push({ url: p.url, path: ['points', String(p.number), 'url'] });
  for (const { url, path } of urls) {
    try {
      qrModules(url);
    } catch (e) {
      r.error('E-META-URL-LONG', at(path), `the URL is too long for a QR code (${new TextEncoder().encode(url).length} bytes): ${(e as Error).message}`, {
        expected: 'a URL of at most about 2,300 bytes (QR code, error correction M)',
        found: excerpt(url, 60),
        hint: 'use a shorter link (a short URL or the page address without tracking parameters)',
      });
      continue;
    }
    // Encodable, but only in modules too small to scan from print: a leaflet's code grows to QR_MAX_MM at most (qr.ts printedQr).
    if (printedQr(url, 0)) continue;
    const n = qrModules(url, 'L').length;
    r.error('E-META-URL-QR', at(path), `the URL (${new TextEncoder().encode(url).length} bytes) needs a QR code of ${n} modules: at most ${QR_MAX_MM} mm wide on a leaflet, each ${(QR_MAX_MM / n).toFixed(2)} mm`, {
      expected: `modules of at least ${QR_MODULE_MIN_MM} mm (${QR_MODULE_MM} mm advised) at error correction L: an address of at most about 420 bytes`,
      found: excerpt(url, 60),
      hint: 'use a shorter link (a short URL or the page address without tracking parameters)',
    });
  }
}

/** A card with a JPEG is small enough for the JPEG budget (JPEG_MAX_PIXELS). */
function checkCardJpegs(model: DocumentModel, meta: LoadedMeta, top: SourcePlace, at: PlaceOf, r: Reporter): void {
  model.theme.cards.forEach((card) => {
    if (!card.extra.includes('jpeg') || card.width * card.height <= JPEG_MAX_PIXELS) return;
    const i = meta.data.theme?.cards?.add?.findIndex((c) => c.name === card.name) ?? -1;
    r.error('E-CARD-JPEG', i < 0 ? top : at(['theme', 'cards', 'add', i]), `the ${card.name} card (${card.width}×${card.height} px) is too large for a JPEG under 300 KB`, {
      expected: `at most ${(JPEG_MAX_PIXELS / 1e6).toFixed(0)} megapixels for a card with a JPEG`,
      found: `${((card.width * card.height) / 1e6).toFixed(1)} megapixels`,
      hint: 'make the card smaller, or drop `jpeg` from its `extra:` (PNG and WebP have no size budget)',
    });
  });
}
