/**
 * The proof report (`--proof-report FILE`): every finding as a table row a
 * proofreader can tick — Markdown (`.md`) or CSV (any other name). Decided
 * rows are ticked already and say what is printed. The file is written only
 * when it does not exist or is an earlier proof report: warraq never
 * overwrites a file it did not write.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { WarraqError } from '../diagnostics.js';
import { makeDiagnostic } from '../parse/report.js';
import type { Finding } from './finding.js';
import { writeAtomic } from '../writeAtomic.js';

const MARK = 'warraq proof report';

interface ReportRow {
  done: boolean;
  place: string;
  code: string;
  found: string;
  suggestions: string;
  decision: string;
}

function reportRows(findings: readonly Finding[]): ReportRow[] {
  return findings.map((f) => ({
    done: f.decided !== undefined,
    place: `${f.place.file}:${f.place.line}:${f.place.col}`,
    code: f.code,
    found: f.found,
    suggestions: f.suggestions.slice(0, 3).join(' | '),
    decision: !f.decided ? '' : f.decided.kept ? 'kept as written' : `printed as «${f.decided.to}»`,
  }));
}

function markdownReport(source: string, rows: readonly ReportRow[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `<!-- ${MARK} -->`,
    `# Proofing: ${source}`,
    '',
    `${rows.length} findings, ${rows.filter((r) => !r.done).length} undecided. Tick a row when it is decided; record the decision in the metadata (\`corrections:\` or \`words:\`, see docs/proofing.md).`,
    '',
    '| ✓ | place | code | found | suggestions | decision |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.done ? '[x]' : '[ ]'} | ${cell(r.place)} | ${r.code} | ${cell(r.found)} | ${cell(r.suggestions)} | ${cell(r.decision)} |`),
    '',
  ];
  return lines.join('\n');
}

function csvReport(rows: readonly ReportRow[]): string {
  const q = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const head = ['done', 'place', 'code', 'found', 'suggestions', 'decision', MARK];
  return [head.join(','), ...rows.map((r) => [r.done ? 'x' : '', r.place, r.code, r.found, r.suggestions, r.decision, ''].map(q).join(','))].join('\r\n') + '\r\n';
}

/** Writes the report (Markdown for `.md`, else CSV), atomically; refuses to replace a file that is not a proof report. */
export async function writeProofReport(file: string, source: string, findings: readonly Finding[]): Promise<void> {
  const rows = reportRows(findings);
  const text = /\.(md|markdown)$/i.test(file) ? markdownReport(source, rows) : csvReport(rows);
  const previous = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : ''));
  if (previous !== undefined && !previous.slice(0, 200).includes(MARK))
    throw new WarraqError([
      makeDiagnostic('E-PROOF-REPORT', 'error', { file, line: 1, col: 1 }, 'the proof report would replace a file warraq did not write', {
        expected: 'a new file name, or an earlier proof report',
        found: path.basename(file),
        hint: 'give another --proof-report file name; warraq never overwrites a file it did not write',
      }),
    ]);
  await writeAtomic(file, text);
}
