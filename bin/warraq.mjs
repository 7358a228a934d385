#!/usr/bin/env node
// warraq's command: runs the bundled command line (lib/warraq.js, made by
// `npm run compile`, which `npm install` runs through `prepare`: a stub that
// runs lib/warraq.cjs with its V8 code cache, scripts/vendor.mjs) when it was
// bundled from the sources as they are (one stat per source file and folder
// against lib/inputs.json, scripts/fresh.mjs), so that it starts without a
// TypeScript loader; otherwise (sources edited since) the TypeScript itself
// through tsx. `warraq --watch` (`npm run watch`) starts the watch mode the
// same way (lib/watch.js or scripts/watch.ts).
import { setFlagsFromString } from 'node:v8';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { COMPILED_V8_FLAGS, PRELOADED_BUILTINS, compiledIsFresh } from '../scripts/fresh.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// `--watch` (among the options, before any `--`; `npm run watch` passes it
// first): the watch mode (scripts/watch.ts), compiled or through tsx as the command is.
const args = process.argv.slice(2);
const at = args.indexOf('--watch');
const watch = at >= 0 && !args.slice(0, at).includes('--');
const rest = watch ? args.filter((_, i) => i !== at) : args;

if (compiledIsFresh(root)) {
  // Node's built-in modules come with compiled code made under V8's default
  // flags, which V8 refuses once the flags below are set (it hashes the flags
  // into every code cache's check) and then compiles those modules from
  // source: ≈ 2.5× the CPU. So the ones the compiled command loads on its
  // paths are loaded first, from that code (PRELOADED_BUILTINS).
  await Promise.all(PRELOADED_BUILTINS.map((m) => import(m)));
  // The V8 flags the compiled code runs with (scripts/fresh.mjs
  // COMPILED_V8_FLAGS: why each), set before any vendor file's code cache is
  // made or read (V8 checks a cache against the flags).
  for (const flag of COMPILED_V8_FLAGS) setFlagsFromString(flag);
  // Flags set so are not in process.execArgv: say them to scripts/vendor.mjs, which names each code cache by the flags it was made under (its threads read the same variable).
  process.env.WARRAQ_V8_FLAGS = COMPILED_V8_FLAGS.join(' ');
  // The entry reads its arguments from process.argv, as if it were the script started.
  const entry = path.join(root, 'lib', watch ? 'watch.js' : 'warraq.js');
  process.argv = [process.argv[0], entry, ...rest];
  await import(pathToFileURL(entry).href);
} else {
  // Imported here: loading child_process (with net, dgram…) costs the bundled run ≈ 3 ms of CPU.
  const { spawnSync } = await import('node:child_process');
  const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
  const script = path.join(root, 'scripts', watch ? 'watch.ts' : 'build.ts');
  // Ctrl-C reaches the child too (the terminal's process group): this process waits for it to stop and exits with its status.
  process.on('SIGINT', () => {});
  const r = spawnSync(process.execPath, [tsx, script, ...rest], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
