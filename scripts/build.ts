#!/usr/bin/env -S npx tsx
/**
 * warraq's command line: `npm run build -- [FILE] [options]`, `npm run check`
 * (= --check). Thin on purpose: the flags, the help and the summary are in
 * src/cli/ (`npm run build -- --help` lists every flag).
 */
import { runBuildCommand } from '../src/cli/run.js';

// No top-level await: scripts/compile.mjs bundles this entry as CommonJS (run with a V8 code cache); a rejection still ends the process with its error.
// A build that never settles (a lost worker reply) would then drain and exit 0, as if it had succeeded: 13 is what Node gives an unsettled top-level await, and the build's own code replaces it.
process.exitCode = 13;
void runBuildCommand(process.argv.slice(2)).then((code) => process.exit(code));
