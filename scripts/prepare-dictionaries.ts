#!/usr/bin/env -S npx tsx
/**
 * Run after `npm install` (postinstall): reads the spelling dictionaries once
 * and caches them in binary form in node_modules/.cache/warraq/, so that
 * even the first build proofreads at full speed (src/proof/dictionary.ts).
 * Never fails the install: without the cache, the first build makes it.
 */
import { DICTIONARIES, loadLexicon } from '../src/proof/dictionary.js';

try {
  const t0 = performance.now();
  await Promise.all(DICTIONARIES.map((d) => loadLexicon(d.lang, process.cwd())));
  console.log(`warraq: spelling dictionaries cached (${DICTIONARIES.map((d) => d.pkg).join(', ')}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
} catch (e) {
  console.log(`warraq: spelling dictionaries not cached now (${(e as Error).message}); the first build will cache them`);
}
