/** Fonts for tests, loaded once per worker from the project's fonts/ folder. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadFont, type LoadedFont } from '../../src/text/fonts.js';
import type { TemplateFonts } from '../../src/layout/typeset.js';

export const projectRoot = path.resolve(import.meta.dirname, '../..');
const cache = new Map<string, LoadedFont>();

export function font(rel: string): LoadedFont {
  let f = cache.get(rel);
  if (!f) cache.set(rel, (f = loadFont(new Uint8Array(readFileSync(path.join(projectRoot, rel))), rel)));
  return f;
}

export const amiri = () => font('fonts/Amiri-Regular.ttf');
export const templateFonts = (): TemplateFonts => ({ body: [amiri()], heading: [font('fonts/Amiri-Bold.ttf')] });
