/**
 * Long fuzz runs.
 *
 *   npx tsx scripts/fuzz.ts [runs=20000] [seed]          parse → model (test/model/pipeline.property.ts),
 *                                                         stops at the first failure and shrinks it
 *   npx tsx scripts/fuzz.ts --meta [runs] [seed]          hostile metadata beside a good source, likewise
 *   npx tsx scripts/fuzz.ts --mix [runs=10000] [seed]     source text, metadata, file-system cases (FIFO,
 *                                                         /dev/zero, folders, links, 17 MB, UTF-16) and
 *                                                         check → build of small documents
 *                                                         (test/input/fuzz.property.ts), counting crashes
 *
 * Exits non-zero on a crash: anything but a model or a WarraqError with
 * diagnostics, a build that fails after check() passed, or one that does not
 * fail with check()'s error codes.
 */
import fc from 'fast-check';
import { pipelineProperty, type Outcome } from '../test/model/pipeline.property.js';
import { metaProperty, runMix } from '../test/input/fuzz.property.js';

const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const [runsArg, seedArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const seed = seedArg !== undefined ? Number(seedArg) : undefined;

if (flags.includes('--mix')) {
  const runs = Number(runsArg ?? 10_000);
  const r = await runMix(runs, { seed });
  const kinds = Object.entries(r.cases).map(([k, n]) => `${n} ${k}`).join(', ');
  console.log(`fuzz --mix: ${runs} cases (${kinds}) in ${(r.ms / 1000).toFixed(1)}s: ${r.outcomes.model} built/modelled, ${r.outcomes.diagnostics} diagnostics, ${r.crashes} crashes`);
  for (const x of r.examples) console.error(`crash (${x.kind}): ${JSON.stringify(x.input).slice(0, 400)}\n${x.error}\n`);
  process.exit(r.crashes ? 1 : 0);
}

const runs = Number(runsArg ?? 20_000);
const seen: Record<Outcome, number> = { model: 0, diagnostics: 0 };
const params = { numRuns: runs, ...(seed !== undefined ? { seed } : {}) };
const t0 = performance.now();
/** Runs a property; on failure prints the shrunk counterexample and exits 1. Returns the seed used. */
function checked<T>(property: fc.IProperty<T>): number {
  const result = fc.check(property, params);
  if (result.failed) {
    console.error(fc.defaultReportMessage(result));
    process.exit(1);
  }
  return result.seed;
}
const usedSeed = flags.includes('--meta') ? checked(metaProperty((o) => seen[o]++)) : checked(pipelineProperty((o) => seen[o]++));
const secs = ((performance.now() - t0) / 1000).toFixed(1);
console.log(`fuzz${flags.includes('--meta') ? ' --meta' : ''}: ${runs} runs in ${secs}s (seed ${usedSeed}): ${seen.model} models, ${seen.diagnostics} diagnostics, 0 crashes`);
