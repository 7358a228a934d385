/**
 * A small collector for diagnostics. It caps how many diagnostics of one
 * code are kept (a 10 MB file full of Latin commas must not produce a million
 * warnings, nor 50,000 unknown metadata keys as many errors) and reports the
 * rest as one `W-MORE` summary; suppressed errors still count as errors.
 */
import type { Diagnostic, Severity, SourcePlace } from '../diagnostics.js';

export interface DiagnosticDetail {
  expected?: string;
  found?: string;
  hint?: string;
}

export function makeDiagnostic(
  code: string,
  severity: Severity,
  place: SourcePlace,
  message: string,
  detail: DiagnosticDetail = {},
): Diagnostic {
  const d: Diagnostic = { file: place.file, line: place.line, col: place.col, code, severity, message };
  if (detail.expected !== undefined) d.expected = detail.expected;
  if (detail.found !== undefined) d.found = detail.found;
  if (detail.hint !== undefined) d.hint = detail.hint;
  return d;
}

/** Diagnostics kept per code before the rest are summarised. */
const WARNINGS_PER_CODE = 100;

export class Reporter {
  private readonly items: Diagnostic[] = [];
  private readonly counts = new Map<string, number>();
  private readonly suppressed = new Map<string, { count: number; last: Diagnostic }>();
  private suppressedErrors = 0;

  constructor(private readonly limit = WARNINGS_PER_CODE) {}

  /** True when another warning with this code would still be kept. */
  wants(code: string): boolean {
    return (this.counts.get(code) ?? 0) < this.limit;
  }

  add(d: Diagnostic): void {
    const n = (this.counts.get(d.code) ?? 0) + 1;
    this.counts.set(d.code, n);
    if (n > this.limit) {
      if (d.severity === 'error') this.suppressedErrors++;
      const s = this.suppressed.get(d.code);
      if (s) {
        s.count++;
        s.last = d;
      } else this.suppressed.set(d.code, { count: 1, last: d });
      return;
    }
    this.items.push(d);
  }

  error(code: string, place: SourcePlace, message: string, detail?: DiagnosticDetail): void {
    this.add(makeDiagnostic(code, 'error', place, message, detail));
  }

  warn(code: string, place: SourcePlace, message: string, detail?: DiagnosticDetail): void {
    this.add(makeDiagnostic(code, 'warning', place, message, detail));
  }

  addAll(ds: readonly Diagnostic[]): void {
    for (const d of ds) this.add(d);
  }

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }

  get errorCount(): number {
    let n = this.suppressedErrors;
    for (const d of this.items) if (d.severity === 'error') n++;
    return n;
  }

  /** The diagnostics, ordered by file (first seen), line and column. */
  finish(): Diagnostic[] {
    const out = [...this.items];
    for (const [code, s] of this.suppressed) {
      out.push(
        makeDiagnostic('W-MORE', 'warning', s.last, `${s.count} more ${code} ${s.last.severity}(s) not shown`, {
          found: `${this.limit + s.count} × ${code}`,
          expected: `at most ${this.limit} reported per code`,
          hint: `fix the ones listed, then run again to see the rest`,
        }),
      );
    }
    return sortDiagnostics(out);
  }
}

export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  const fileOrder = new Map<string, number>();
  for (const d of ds) if (!fileOrder.has(d.file)) fileOrder.set(d.file, fileOrder.size);
  return ds
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        fileOrder.get(a.d.file)! - fileOrder.get(b.d.file)! ||
        a.d.line - b.d.line ||
        a.d.col - b.d.col ||
        a.i - b.i,
    )
    .map((x) => x.d);
}

/** Shortens a piece of text for `found:` lines. */
export function excerpt(s: string, max = 40): string {
  const cps = [...s.slice(0, max * 2 + 2)];
  return cps.length > max ? cps.slice(0, max).join('') + '…' : cps.join('');
}

/** U+XXXX for one character. */
export function codePointName(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
}
