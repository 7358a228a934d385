import fc from 'fast-check';
import { renderDoc, runRenderCase, scratchDir } from '../../test/input/fuzz.property.ts';
import { WarraqError } from '../../src/diagnostics.ts';
const scratch = await scratchDir();
const seen: Record<string, number> = {};
for (const d of fc.sample(renderDoc, { numRuns: 12, seed: 42 })) {
  try { const o = await runRenderCase(scratch, d); seen[o] = (seen[o] ?? 0) + 1; } catch (e) { console.log('CRASH', e); }
}
console.log(seen);
