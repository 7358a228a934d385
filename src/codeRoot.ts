/**
 * The warraq installation whose code runs (not the project being built): the
 * folder with its package.json above this module, whether it runs as
 * TypeScript (src/) or bundled (lib/, scripts/compile.mjs). Its src/ holds the
 * TypeScript sources either way (bin/warraq.mjs runs the bundle only when it
 * was made from them as they are), so caches key on them.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) return path.resolve(dir, '..');
  }
}

export const warraqRoot = packageRoot(path.dirname(fileURLToPath(import.meta.url)));
