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

function findingDiagnostic(f: Finding): Diagnostic {
  return makeDiagnostic(f.code, 'warning', f.place, f.message, {
    found: f.found,
    expected: f.suggestions.length ? f.suggestions.slice(0, 3).join(' | ') : f.expected ?? '—',
    hint: f.hint,
  });
}

/**
 * Codes whose findings, past GROUP_FROM undecided in a document, are one
 * warning there (`grouped`): each is small and like the others, and one
 * warning per place would make the build summary a wall. Each place stays a
 * finding of its own: a correction decides it, the proof report lists it.
 */
const GROUPED = new Set(['W-PROOF-STRAIGHT-QUOTES']);
const GROUP_FROM = 3;
/** The longest `found:` of a grouped warning, in characters. */
const GROUPED_FOUND = 80;

/** The warnings of the undecided findings, in their order (a grouped code's at its first place). */
export function findingDiagnostics(undecided: readonly Finding[]): Diagnostic[] {
  const byCode = new Map<string, Finding[]>();
  for (const f of undecided) if (GROUPED.has(f.code)) (byCode.get(f.code) ?? byCode.set(f.code, []).get(f.code)!).push(f);
  return undecided.flatMap((f) => {
    const group = byCode.get(f.code);
    if (!group || group.length < GROUP_FROM) return [findingDiagnostic(f)];
    return group[0] === f ? [grouped(group)] : [];
  });
}

/** One warning for findings alike: at the first's place, naming the others' places and every form found. */
function grouped(fs: readonly Finding[]): Diagnostic {
  const [first] = fs;
  const places = fs.slice(1).map((f) => `${f.place.file === first.place.file ? '' : `${f.place.file}:`}${f.place.line}:${f.place.col}`);
  const found = fs.map((f) => f.found).join(' | ');
  const d = findingDiagnostic(first);
  return { ...d, message: `${d.message}; ${fs.length - 1} more alike, at ${places.join(', ')}`, found: found.length > GROUPED_FOUND ? `${found.slice(0, GROUPED_FOUND - 1)}…` : found };
}

export const SILENCE_WORD = 'if it is right (a name, a term), add it to `words:` in the metadata';
export const SILENCE_CORRECT = 'to print a correction, add it under `corrections:` (from, to) in the metadata; the source stays as written';
