/**
 * The bench's input section (scripts/bench.ts): how composition grows with
 * the length of one point, and, with --fuzz [N], N fuzz cases
 * (test/input/fuzz.property.ts: source text, metadata, file-system cases and
 * check → build of small documents) with their crash count.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { composeParagraph } from '../src/text/compose.js';
import { loadFont } from '../src/text/fonts.js';

/** Arabic words of 2–8 random letters (seeded): no two runs alike, so the shaping cache does not flatter the figures. */
function randomArabic(chars: number, seed = 1): string {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const letters = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
  let s = '';
  while (s.length < chars) {
    const n = 2 + Math.floor(next() * 7);
    for (let i = 0; i < n; i++) s += letters[Math.floor(next() * letters.length)];
    s += ' ';
  }
  return s.slice(0, chars).trim();
}

/** Markdown lines: composition time per point length (justified with kashida, 300 pt measure), and the fuzz crash count when asked. */
export async function inputBench(repo: string, opts: { fuzz?: number; seed?: number } = {}): Promise<{ lines: string[]; results: Record<string, unknown> }> {
  const font = loadFont(new Uint8Array(await readFile(path.join(repo, 'fonts/Amiri-Regular.ttf'))), 'fonts/Amiri-Regular.ttf');
  const compose = (text: string) =>
    composeParagraph([{ text, style: { fonts: [font], size: 11 } }], { dir: 'rtl', lang: 'ar', measure: 300, align: 'justify', justify: 'kashida', space: { stretch: 0.5, shrink: 0.2 } });
  compose(randomArabic(2000, 99)); // warm-up: WASM and JIT
  const rows: string[] = [];
  const results: Record<string, unknown> = {};
  const cases: Array<[string, string]> = [
    ...[10_000, 25_000, 50_000].map((n): [string, string] => [`${n / 1000}k-character point`, randomArabic(n, n)]),
    ['100,000 Arabic commas', '،'.repeat(100_000)],
  ];
  for (const [label, text] of cases) {
    const t0 = performance.now();
    const para = compose(text);
    const ms = performance.now() - t0;
    results[label] = { ms: Math.round(ms), lines: para.lines.length };
    rows.push(`| ${label} | ${para.lines.length} | ${(ms / 1000).toFixed(2)} s | ${((ms / text.length) * 1000).toFixed(1)} µs |`);
  }
  const lines = ['', '| composition of one point (justified, kashida, 300 pt) | lines | time | per character |', '|---|---|---|---|', ...rows];
  if (opts.fuzz) {
    const { runMix } = await import('../test/input/fuzz.property.js');
    const r = await runMix(opts.fuzz, { seed: opts.seed });
    results.fuzz = { cases: r.cases, outcomes: r.outcomes, crashes: r.crashes, ms: Math.round(r.ms) };
    const kinds = Object.entries(r.cases).map(([k, n]) => `${n} ${k}`).join(', ');
    lines.push('', `Fuzz: ${opts.fuzz} cases (${kinds}) in ${(r.ms / 1000).toFixed(0)} s: ${r.crashes} crashes (${r.outcomes.model} built or modelled, ${r.outcomes.diagnostics} ended in diagnostics).`);
    for (const x of r.examples) console.error(`fuzz crash (${x.kind}): ${JSON.stringify(x.input).slice(0, 300)}\n${x.error}`);
  }
  return { lines, results };
}
