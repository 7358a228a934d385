/**
 * The robustness property of parse → model: any input, however damaged,
 * ends in a DocumentModel or in a WarraqError carrying well-formed
 * diagnostics — never in any other exception.
 *
 * Shared by test/model/pipeline.test.ts (a few hundred runs) and
 * scripts/fuzz.ts (tens of thousands).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { WarraqError, type Diagnostic } from '../../src/diagnostics.js';
import { modelFromText } from '../../src/model/buildModel.js';
import { decodeSource } from '../../src/parse/decode.js';

const root = new URL('../../', import.meta.url);
export const SEED = readFileSync(new URL('source/izmir-2023.txt', root), 'utf8');
export const SEED_META = readFileSync(new URL('source/izmir-2023.meta.yaml', root), 'utf8');
export const OTHER = readFileSync(new URL('test/fixtures/other.txt', root), 'utf8');

export interface PipelineInput {
  /** Source text, or raw bytes to decode first. */
  source: string | Uint8Array;
  sidecar?: string;
  sourceDateEpoch?: string;
  strict: boolean;
}

export type Outcome = 'model' | 'diagnostics';

const DIGITS = ['0123456789', '٠١٢٣٤٥٦٧٨٩', '۰۱۲۳۴۵۶۷۸۹'];
const TOKENS = [
  '\n', '\n\n', '\r\n', '\r', '  \n', '\t', ' ', '\uFEFF', '\u202E', '\u0000', '\uFFFD', '\uD800', '😀',
  '## ', '# ', '### ', '---\n', '---', '...', '**', '*', '__', '\\', '<sup>', '</sup>', '<b>', '<script>', '<!-- x -->',
  '(', ')', '[', ']', '«', '»', '"', ',', ';', '?', '،', '؛', '؟', '.', ')', '-', ':', '%', '٪',
  '١.', '٨ .', '12)', '۱۲.', '3-', '999.', '0.', 'ً', 'َ', 'ّ', 'ـ', 'لا', 'NATO', 'پ', 'ی', 'ש',
  'lang: ar\n', 'date: 2024-02-30\n', 'points:\n  1:\n    title: x\n', 'theme:\n  fonts:\n    body: [../x.ttf]\n', ': {', '&a *a',
];

const token = fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 6 }));

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'insert'; at: number; col: number; text: string }
  | { kind: 'digits'; at: number; system: number }
  | { kind: 'truncate'; at: number; col: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), col: fc.nat(), text: token }),
  fc.record({ kind: fc.constant('digits' as const), at: fc.nat(), system: fc.nat({ max: 2 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(), col: fc.nat() }),
);

/** Applies line-level mutations to a text. */
export function mutate(text: string, ms: readonly Mutation[]): string {
  const lines = text.split('\n');
  for (const m of ms) {
    if (lines.length === 0) lines.push('');
    const i = m.at % lines.length;
    switch (m.kind) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, lines[i]);
        break;
      case 'swap': {
        const j = m.with % lines.length;
        [lines[i], lines[j]] = [lines[j], lines[i]];
        break;
      }
      case 'insert': {
        const c = m.col % (lines[i].length + 1);
        lines[i] = lines[i].slice(0, c) + m.text + lines[i].slice(c);
        break;
      }
      case 'digits': {
        const to = DIGITS[m.system];
        lines[i] = lines[i].replace(/[0-9٠-٩۰-۹]/g, (d) => {
          const v = d.charCodeAt(0) - (d <= '9' ? 0x30 : d >= '۰' ? 0x06f0 : 0x0660);
          return to[(v + m.at) % 10];
        });
        break;
      }
      case 'truncate':
        lines[i] = lines[i].slice(0, m.col % (lines[i].length + 1));
        break;
    }
  }
  return lines.join('\n');
}

/** Small documents assembled from the convention's pieces and junk. */
const assembled = fc
  .tuple(
    fc.array(
      fc.oneof(
        token,
        fc.constantFrom('## خطة', '١. نص النقطة', '٢. نص', '3) point', '**imprint**  ', '*2023-10-22*', 'مقدمة، فيها كلام.', ''),
      ),
      { maxLength: 40 },
    ),
    fc.constantFrom('\n', '\n\n', ' ', ''),
  )
  .map(([parts, sep]) => parts.join(sep));

export const pipelineInput: fc.Arbitrary<PipelineInput> = fc.record({
  source: fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(SEED, OTHER), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([t, ms]) => mutate(t, ms)) },
    { weight: 2, arbitrary: assembled },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 400 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(new TextEncoder().encode(SEED)), fc.nat(), fc.nat({ max: 255 })).map(([b, at, v]) => {
        const copy = b.slice();
        copy[at % copy.length] = v;
        return copy;
      }),
    },
  ),
  sidecar: fc.option(
    fc.oneof(fc.constant(SEED_META), fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => mutate(SEED_META, ms)), fc.string({ maxLength: 80 })),
    { nil: undefined },
  ),
  sourceDateEpoch: fc.option(fc.oneof(fc.constant('1697932800'), fc.string({ maxLength: 14 })), { nil: undefined }),
  strict: fc.boolean(),
});

function checkDiagnostic(d: Diagnostic): void {
  const ok =
    typeof d.code === 'string' &&
    /^[EW]-[A-Z0-9-]+$/.test(d.code) &&
    (d.severity === 'error' || d.severity === 'warning') &&
    Number.isInteger(d.line) &&
    d.line >= 1 &&
    Number.isInteger(d.col) &&
    d.col >= 1 &&
    typeof d.message === 'string' &&
    d.message.length > 0 &&
    typeof d.file === 'string';
  if (!ok) throw new Error(`malformed diagnostic: ${JSON.stringify(d)}`);
}

const squash = (s: string): string => s.replace(/\s+/g, ' ');

/** Runs one input; returns how it ended, or throws (which fails the property). */
export function runPipeline(input: PipelineInput): Outcome {
  let text: string;
  if (typeof input.source === 'string') text = input.source;
  else {
    const dec = decodeSource(input.source, 'fuzz.txt');
    if (dec.diagnostics.length > 0) {
      dec.diagnostics.forEach(checkDiagnostic);
      if (!dec.diagnostics.some((d) => d.code === 'E-ENCODING')) throw new Error('decode failed without E-ENCODING');
      return 'diagnostics';
    }
    text = dec.text;
  }
  try {
    const { model, diagnostics } = modelFromText(text, 'fuzz.txt', {
      projectRoot: '/project',
      sidecar: input.sidecar === undefined ? undefined : { text: input.sidecar, file: 'fuzz.meta.yaml' },
      sourceDateEpoch: input.sourceDateEpoch,
      strict: input.strict,
    });
    diagnostics.forEach(checkDiagnostic);
    if (diagnostics.some((d) => d.severity === 'error')) throw new Error('a model was returned despite errors');
    if (input.strict && diagnostics.length > 0) throw new Error('strict build returned warnings');
    // Model invariants: numbered 1..n, verbatim text, well-formed slugs and dates.
    model.points.forEach((p, i) => {
      if (p.number !== i + 1) throw new Error(`point ${i} has number ${p.number}`);
      if (p.text === '') throw new Error('empty point in a model');
      if (!squash(text).includes(squash(p.text))) throw new Error(`point ${p.number} text is not in the source`);
      if (!/^\d{2,}(-[a-z0-9-]+)?$/.test(p.slug)) throw new Error(`bad slug ${p.slug}`);
    });
    if (model.title === '') throw new Error('model without a title');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(model.date)) throw new Error(`bad date ${model.date}`);
    return 'model';
  } catch (e) {
    if (!(e instanceof WarraqError)) throw e;
    if (e.diagnostics.length === 0) throw new Error('WarraqError without diagnostics');
    e.diagnostics.forEach(checkDiagnostic);
    if (!e.diagnostics.some((d) => d.severity === 'error' || input.strict)) throw new Error('WarraqError without an error');
    return 'diagnostics';
  }
}

/** The property, for fc.assert(pipelineProperty(), { numRuns }). */
export function pipelineProperty(onOutcome?: (o: Outcome) => void) {
  return fc.property(pipelineInput, (input) => {
    const o = runPipeline(input);
    onOutcome?.(o);
  });
}
