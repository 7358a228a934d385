/**
 * A finding of the proofing pass: a stable code, where, the words
 * concerned and the suggestions, and whether an editor has decided it
 * (a correction in the metadata, or a word accepted). Undecided findings
 * become warnings; all of them go to the proof report.
 */
import type { Diagnostic, SourcePlace } from '../diagnostics.js';
import { makeDiagnostic } from '../parse/report.js';

export interface Finding {
  code: string;
  place: SourcePlace;
  /** The source text concerned, as written. */
  found: string;
  /** UTF-16 range in its unit, for matching corrections. */
  unit: number;
  start: number;
  end: number;
  message: string;
  suggestions: string[];
  /** What to do when there is no suggestion (the `expected:` line). */
  expected?: string;
  hint: string;
  /** Set when the metadata decides it: the printed form (a correction), or the source form kept. */
  decided?: { to: string; kept: boolean };
}

export function findingDiagnostic(f: Finding): Diagnostic {
  return makeDiagnostic(f.code, 'warning', f.place, f.message, {
    found: f.found,
    expected: f.suggestions.length ? f.suggestions.slice(0, 3).join(' | ') : f.expected ?? '—',
    hint: f.hint,
  });
}

export const SILENCE_WORD = 'if it is right (a name, a term), add it to `words:` in the metadata';
export const SILENCE_CORRECT = 'to print a correction, add it under `corrections:` (from, to) in the metadata; the source stays as written';
