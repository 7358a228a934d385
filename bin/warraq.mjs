#!/usr/bin/env node
// warraq's command: runs the bundled command line (lib/warraq.js, made by
// `npm run compile`, which `npm install` runs through `prepare`) when it was
// bundled from the sources as they are (one stat per source file and folder
// against lib/inputs.json, scripts/fresh.mjs), so that it starts without a
// TypeScript loader; otherwise (sources edited since) the TypeScript itself
// through tsx.
import { setFlagsFromString } from 'node:v8';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledIsFresh } from '../scripts/fresh.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (compiledIsFresh(root)) {
  // V8 optimises a function (TurboFan, on its helper threads) once it has
  // run a while: the "interrupt budget", 132 KB of bytecode by default. A
  // command lasts a second or two, and most of what V8 optimised by default
  // was never run long enough to repay it: ≈ 0.4 s of helper-thread CPU in a
  // cold booklet of ≈ 1.8 s. Three times the budget keeps it for what runs
  // long (docs/performance.md, "The booklet alone, round 4"). V8 hashes its
  // flags, this one among them, into a code cache's check (Node 20.20: a
  // vendor file's cache made under the budget is refused without it, and one
  // made without it is refused under it), so it is set before any vendor
  // file's cache (scripts/vendor.mjs) is made or read.
  setFlagsFromString('--interrupt-budget=400000');
  // HarfBuzz and yoga are WebAssembly, which V8 compiles first with its
  // baseline compiler (Liftoff) and then, function by function, again with
  // TurboFan as they run: in a cold booklet that second compilation cost more
  // CPU than it saved (docs/performance.md, "The booklet alone, round 5").
  // Tiering up is turned off, Liftoff kept: a function Liftoff cannot compile
  // (a CPU feature it lacks, a platform without it, SIMD) is still compiled
  // by TurboFan. (`--liftoff-only`, V8's testing flag, aborts the process
  // there instead.) Set with the budget above, before any code cache is made
  // or read.
  setFlagsFromString('--no-wasm-dynamic-tiering');
  setFlagsFromString('--no-wasm-tier-up');
  // The entry runs its main() when it is the script started (process.argv[1]).
  const entry = path.join(root, 'lib', 'warraq.js');
  process.argv[1] = entry;
  await import(pathToFileURL(entry).href);
} else {
  // Imported here: loading child_process (with net, dgram…) costs the bundled run ≈ 3 ms of CPU.
  const { spawnSync } = await import('node:child_process');
  const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
  const r = spawnSync(process.execPath, [tsx, path.join(root, 'scripts/build.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
