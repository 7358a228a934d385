#!/usr/bin/env node
// warraq's command: runs the compiled command line (lib/, made by
// `npm run compile`, which `npm install` runs through `prepare`) when it is
// newer than every source file, so that it starts without a TypeScript
// loader; otherwise (sources edited since) the TypeScript itself through tsx.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = 'scripts/build';

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function compiledIsFresh() {
  try {
    const stamp = statSync(path.join(root, 'lib/.compiled')).mtimeMs;
    return ['src', 'templates', 'scripts'].every((d) => newest(path.join(root, d)) <= stamp);
  } catch {
    return false;
  }
}

if (compiledIsFresh()) {
  // The entry runs its main() when it is the script started (process.argv[1]).
  const entry = path.join(root, 'lib', `${ENTRY}.js`);
  process.argv[1] = entry;
  await import(pathToFileURL(entry).href);
} else {
  const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
  const r = spawnSync(process.execPath, [tsx, path.join(root, `${ENTRY}.ts`), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
