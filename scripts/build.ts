#!/usr/bin/env -S npx tsx
/**
 * warraq's command line: `npm run build -- [FILE] [options]`, `npm run check`
 * (= --check). Thin on purpose: the flags, the help and the summary are in
 * src/cli/ (`npm run build -- --help` lists every flag).
 */
import { runBuildCommand } from '../src/cli/run.js';

process.exit(await runBuildCommand(process.argv.slice(2)));
