/**
 * Laid-out pages as plain data: every font object replaced by its key, so
 * that pages can be stored (a leaflet's, for all-leaflets.pdf in this build
 * or a later one) and unpacked with the fonts of the thread that reads them.
 */
import type { LoadedFont } from '../text/fonts.js';
import type { LaidOutPage } from './types.js';
import type { TemplateFonts } from './typeset.js';

/** Laid-out pages with every font object replaced by `{ $font: key }`. */
export type PackedPages = { packed: unknown };

const fontList = (fonts: TemplateFonts) => [...fonts.body, ...fonts.heading];

/** Replaces each font object (one of `fonts`) in the pages with its key; everything else is kept as is. */
export function packPages(pages: LaidOutPage[], fonts: TemplateFonts): PackedPages {
  const known = new Map<unknown, string>(fontList(fonts).map((f) => [f, f.key]));
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const key = known.get(v);
    if (key !== undefined) return { $font: key };
    if (Array.isArray(v)) return v.map(walk);
    // A font object that is not one of `fonts` (another load of the same file): never walked into (its bytes, its HarfBuzz handles).
    if ('hb' in v && 'bytes' in v) throw new Error(`laid-out pages hold a font object (${(v as LoadedFont).key}) that is not among this thread's fonts`);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x);
    return out;
  };
  return { packed: walk(pages) };
}

/** The inverse of packPages, with this thread's fonts. */
export function unpackPages(p: PackedPages, fonts: TemplateFonts): LaidOutPage[] {
  const byKey = new Map<string, LoadedFont>(fontList(fonts).map((f) => [f.key, f]));
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(walk);
    const o = v as Record<string, unknown>;
    if (typeof o.$font === 'string' && Object.keys(o).length === 1) {
      const f = byKey.get(o.$font);
      if (!f) throw new Error(`packed pages use font ${o.$font}, which the theme does not load`);
      return f;
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = walk(x);
    return out;
  };
  return walk(p.packed) as LaidOutPage[];
}
