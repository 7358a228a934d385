/**
 * The gallery page's web fonts: the theme's font chains (body at weight 400,
 * heading at 700; the n-th font of each chain is the family "warraq n"),
 * each file copied once into gallery/fonts/ as a WOFF subset to the
 * characters of the page (src/fonts/webFont.ts), so the page is set in the
 * publications' type and still opens offline from file://.
 */
import type { TemplateFonts } from '../../layout/typeset.js';
import type { LoadedFont } from '../../text/fonts.js';
import { subsetFont, toWoff } from '../../fonts/webFont.js';
import type { GalleryFont } from '../../../templates/gallery.js';
import { THUMB_DIR } from './thumbPath.js';

export interface PageFonts {
  faces: GalleryFont[];
  /** The files the faces name: each project font once, by its path. */
  fonts: Array<{ path: string; font: LoadedFont }>;
}

/** Where each font goes and the faces that use it (no bytes yet: the page's characters decide them). */
export function pageFonts(tf: TemplateFonts): PageFonts {
  const fonts = new Map<string, { path: string; font: LoadedFont }>();
  const taken = new Set<string>();
  const fileOf = (font: LoadedFont) => {
    const known = fonts.get(font.key);
    if (known) return known.path;
    const name = (font.key.split('/').pop() ?? 'font').replace(/\.[^.]*$/u, '');
    let p = `${THUMB_DIR}/fonts/${name}.woff`;
    for (let n = 2; taken.has(p); n++) p = `${THUMB_DIR}/fonts/${name}-${n}.woff`;
    taken.add(p);
    fonts.set(font.key, { path: p, font });
    return p;
  };
  const faces: GalleryFont[] = [];
  for (let i = 0; i < Math.max(tf.body.length, tf.heading.length); i++) {
    const family = `warraq ${i + 1}`;
    if (tf.body[i]) faces.push({ family, weight: 400, path: fileOf(tf.body[i]) });
    if (tf.heading[i]) faces.push({ family, weight: 700, path: fileOf(tf.heading[i]) });
  }
  return { faces, fonts: [...fonts.values()] };
}

/** Character references as the page's markup writes them (React escapes «&<>"'»; a numeric one may stand for any character). */
const REFERENCE = /&(?:#x([0-9a-f]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/giu;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The characters of `page` (its whole text, markup included: a few ASCII
 * letters more), character references read as the characters they show:
 * «'» is kept because the text shows it, not because the page's script
 * happens to write one. Sorted, each once.
 */
export function pageChars(page: string): number[] {
  const shown = page.replace(REFERENCE, (_, hex?: string, dec?: string, name?: string) =>
    name ? NAMED[name.toLowerCase()] : String.fromCodePoint(hex ? parseInt(hex, 16) : Number(dec)),
  );
  const chars = new Set<number>();
  for (const ch of page + shown) chars.add(ch.codePointAt(0)!);
  return [...chars].sort((a, b) => a - b);
}

/** One font file as the page gets it: a WOFF subset to `chars`. */
export const webFont = (font: LoadedFont, chars: number[]): Uint8Array => toWoff(subsetFont(font.bytes, chars));
