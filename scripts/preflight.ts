#!/usr/bin/env -S npx tsx
/**
 * Preflight a PDF as a print shop would (src/print/preflight.ts). Thin:
 *
 *   npm run preflight -- FILE.pdf … [--binding saddle|loose|imposed|imposed-one-sided] [--max-ink 300]
 *
 * --binding: how the pages are finished; by default what the file declares
 * (warraq's print files do), else a saddle-stitched booklet.
 *
 * Prints the report per page; exits 1 when something would be rejected
 * (each with its page and reason), 2 on a usage error or unreadable file.
 */
import { readFile } from 'node:fs/promises';
import { argv } from 'zx';
import { formatPreflight, preflight } from '../src/print/preflight.js';
import { BINDINGS, type Binding } from '../src/print/pdfx.js';

const files = argv._.map(String);
const binding = argv.binding === undefined ? undefined : (String(argv.binding) as Binding);
if (files.length === 0 || (binding !== undefined && !BINDINGS.includes(binding))) {
  console.error(`usage: npm run preflight -- FILE.pdf … [--binding ${BINDINGS.join('|')}] [--max-ink 300]`);
  process.exit(2);
}
let rejected = false;
for (const file of files) {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    console.error(`preflight: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    process.exit(2);
  }
  const report = await preflight(bytes, { binding, maxInkPercent: argv['max-ink'] === undefined ? undefined : Number(argv['max-ink']) });
  console.log(formatPreflight(file, report).join('\n'));
  rejected ||= report.problems.length > 0;
}
process.exit(rejected ? 1 : 0);
