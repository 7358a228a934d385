/**
 * Diagnostics: every problem warraq reports carries a place (file:line:col),
 * what was expected, what was found, and a hint. Errors stop a build before
 * anything is written; warnings don't (unless --strict).
 */

export type Severity = 'error' | 'warning';

export interface SourcePlace {
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in Unicode code points. */
  col: number;
}

export interface Diagnostic extends SourcePlace {
  /** Stable code, listed in docs/errors.md, e.g. `W-NUM-GAP`. */
  code: string;
  severity: Severity;
  message: string;
  expected?: string;
  found?: string;
  hint?: string;
}

/** Thrown when a stage cannot go on. Carries every diagnostic found so far. */
export class WarraqError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'WarraqError';
    this.diagnostics = diagnostics;
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  const e = escapeInvisible;
  const lines = [`${e(d.file)}:${d.line}:${d.col}: ${d.severity}[${d.code}]: ${e(d.message)}`];
  if (d.expected !== undefined) lines.push(`  expected: ${e(d.expected)}`);
  if (d.found !== undefined) lines.push(`  found:    ${e(d.found)}`);
  if (d.hint !== undefined) lines.push(`  hint:     ${e(d.hint)}`);
  return lines.join('\n');
}

/**
 * Control, format and other invisible characters (ESC, BEL, NUL, C1, line
 * breaks, bidi controls, zero-width marks, lone surrogates) as `<U+001B>`:
 * text from the input reaches a terminal, and must neither drive it (escape
 * sequences) nor hide or reorder what is shown.
 */
export function escapeInvisible(s: string): string {
  return s.replace(INVISIBLE, (ch) => `<U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
}
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

/** Turns a string offset (UTF-16 index) into a 1-based line and code-point column. */
export function placeAt(text: string, offset: number, file: string): SourcePlace {
  const starts = lineStarts(text);
  const at = Math.max(0, Math.min(offset, text.length));
  // The last line start at or before `at`: binary search, so that many places in one text cost no more than one pass.
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  let col = 1;
  for (let i = starts[lo]; i < at; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= 0xdc00 && c <= 0xdfff && i > starts[lo] && isHighSurrogate(text.charCodeAt(i - 1)))) col++;
  }
  return { file, line: lo + 1, col };
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** Line starts of the last text asked about (metadata places are looked up many times in one text). */
let cached: { text: string; starts: number[] } | undefined;
function lineStarts(text: string): number[] {
  if (cached?.text === text) return cached.starts;
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  cached = { text, starts };
  return starts;
}
