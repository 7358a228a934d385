/**
 * A font's identity for cache keys: the SHA-256 of its bytes. A module of its own, without
 * HarfBuzz, because the no-change check loads the composition cache's keys and must load no
 * shaper (test/cli/startup.test.ts).
 */
import { createHash } from 'node:crypto';
import type { LoadedFont } from './fonts.js';

const fontDigests = new WeakMap<LoadedFont, string>();
/** The SHA-256 of a font's bytes (hex), once per font object: what keys name a font by (a path may hold other bytes in another project). */
export function fontDigest(font: LoadedFont): string {
  let d = fontDigests.get(font);
  if (d === undefined) fontDigests.set(font, (d = createHash('sha256').update(font.bytes).digest('hex')));
  return d;
}
