/**
 * Long fuzz run of the parse → model property (test/model/pipeline.property.ts).
 *
 *   npx tsx scripts/fuzz.ts [runs=20000] [seed]
 *
 * Exits non-zero with the shrunk counterexample if any input ends in
 * something other than a model or a WarraqError with diagnostics.
 */
import fc from 'fast-check';
import { pipelineProperty, type Outcome } from '../test/model/pipeline.property.js';

const runs = Number(process.argv[2] ?? 20_000);
const seed = process.argv[3] !== undefined ? Number(process.argv[3]) : undefined;
const seen: Record<Outcome, number> = { model: 0, diagnostics: 0 };
const t0 = performance.now();
const result = fc.check(
  pipelineProperty((o) => seen[o]++),
  { numRuns: runs, ...(seed !== undefined ? { seed } : {}) },
);
const secs = ((performance.now() - t0) / 1000).toFixed(1);
if (result.failed) {
  console.error(fc.defaultReportMessage(result));
  process.exit(1);
}
console.log(`fuzz: ${runs} runs in ${secs}s (seed ${result.seed}): ${seen.model} models, ${seen.diagnostics} diagnostics, 0 crashes`);
