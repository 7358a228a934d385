/**
 * Measuring rendered cards by their pixels, not their settings.
 *
 * `alefHeights`: the ink heights of the stand-alone alefs in a region. An
 * alef that does not join its neighbour (after ا د ذ ر ز و, at a word's start,
 * in «ال») is a connected component of its own, tall and narrow; its height
 * over the font's alef height (ink, in em) is the body size the picture
 * really shows.
 */
import sharp from 'sharp';
// @ts-expect-error fontkit ships no type declarations
import * as fontkit from 'fontkit';

export interface Gray {
  data: Buffer;
  width: number;
  height: number;
}

export async function gray(png: Uint8Array): Promise<Gray> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The alef's ink height in em: the tight box of its outline in the font file (Amiri: 0.696). */
export function alefEm(fontFile: string): number {
  const font = (fontkit as { openSync(f: string): { unitsPerEm: number; glyphForCodePoint(c: number): { bbox: { minY: number; maxY: number } } } }).openSync(fontFile);
  const { bbox } = font.glyphForCodePoint(0x627);
  return (bbox.maxY - bbox.minY) / font.unitsPerEm;
}

/**
 * Heights (px) of the connected components of ink pixels (8-connected,
 * darker than `threshold`: 200 counts a pixel a quarter covered on paper,
 * so a component's height is its outline's) in the region that are alef-like: at least four
 * times as tall as wide and at least `minHeight` px tall.
 */
export function alefHeights(img: Gray, region: { left: number; top: number; right: number; bottom: number }, minHeight = 12, threshold = 200): number[] {
  const { data, width } = img;
  const x0 = Math.max(0, Math.floor(region.left));
  const x1 = Math.min(img.width, Math.ceil(region.right));
  const y0 = Math.max(0, Math.floor(region.top));
  const y1 = Math.min(img.height, Math.ceil(region.bottom));
  const seen = new Uint8Array(img.width * img.height);
  const dark = (x: number, y: number) => x >= x0 && x < x1 && y >= y0 && y < y1 && data[y * width + x] < threshold;
  const out: number[] = [];
  const stack: number[] = [];
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = y * width + x;
      if (seen[i] || !dark(x, y)) continue;
      let minX = x, maxX = x, minY = y, maxY = y;
      seen[i] = 1;
      stack.push(i);
      while (stack.length) {
        const j = stack.pop()!;
        const cx = j % width;
        const cy = (j - cx) / width;
        minX = Math.min(minX, cx);
        maxX = Math.max(maxX, cx);
        minY = Math.min(minY, cy);
        maxY = Math.max(maxY, cy);
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const nx = cx + dx;
            const ny = cy + dy;
            const k = ny * width + nx;
            if ((dx || dy) && dark(nx, ny) && !seen[k]) {
              seen[k] = 1;
              stack.push(k);
            }
          }
      }
      const h = maxY - minY + 1;
      const w = maxX - minX + 1;
      if (h >= minHeight && h >= 4 * w) out.push(h);
    }
  }
  return out;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/** Rows [from, to) that differ from `colour` (RGB) by more than `tolerance` anywhere: the rows that are not plain background. */
export async function rowsNotPlain(png: Uint8Array, colour: [number, number, number], from: number, to: number, tolerance = 2): Promise<number[]> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const out: number[] = [];
  for (let y = from; y < to; y++) {
    for (let x = 0; x < info.width; x++) {
      const o = (y * info.width + x) * info.channels;
      if (Math.abs(data[o] - colour[0]) > tolerance || Math.abs(data[o + 1] - colour[1]) > tolerance || Math.abs(data[o + 2] - colour[2]) > tolerance) {
        out.push(y);
        break;
      }
    }
  }
  return out;
}
