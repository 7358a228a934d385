#!/usr/bin/env node
// warraq's command: runs the bundled command line (lib/warraq.js, made by
// `npm run compile`, which `npm install` runs through `prepare`) when it was
// bundled from the sources as they are (one stat per source file and folder
// against lib/inputs.json, scripts/fresh.mjs), so that it starts without a
// TypeScript loader; otherwise (sources edited since) the TypeScript itself
// through tsx.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledIsFresh } from '../scripts/fresh.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (compiledIsFresh(root)) {
  // The entry runs its main() when it is the script started (process.argv[1]).
  const entry = path.join(root, 'lib', 'warraq.js');
  process.argv[1] = entry;
  await import(pathToFileURL(entry).href);
} else {
  const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
  const r = spawnSync(process.execPath, [tsx, path.join(root, 'scripts/build.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
