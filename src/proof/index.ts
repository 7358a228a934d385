/**
 * The proofing pass: what looks wrong in the source, as warnings with
 * stable codes (W-PROOF-…, docs/proofing.md), and the editorial corrections
 * of the metadata applied to the model (never to the source file).
 *
 *   units     the author's text with its places            units.ts
 *   tokens    words and numbers                            tokenize.ts
 *   checks    all of them, in a thread of their own        findAll.ts, thread.ts, worker.ts
 *             spelling (dictionaries from npm, cached),    spelling.ts, dictionary.ts, suggest.ts
 *             punctuation and numbers, repeats,            punctuation.ts, repeats.ts,
 *             paragraphs in another script                 language.ts
 *   decisions corrections and accepted words               corrections.ts, schema.ts
 *   cache     findings kept per text in .warraq-cache/     cache.ts
 *   report    undecided → warnings; all → proof report     finding.ts, report.ts
 */
import { compiled } from '../compiled.js';
import type { Diagnostic } from '../diagnostics.js';
import type { DocumentModel } from '../model/types.js';
import type { ProofSettings } from '../model/proofSchema.js';
import { makeDiagnostic, Reporter } from '../parse/report.js';
import { cachedFindings, keepsFindings, writeCandidates, type Findings, type FindingsInput } from './cache.js';
import { applyMatches, changedCount, findMatches } from './corrections.js';
import { dictionaryDigest, dictionaryFor } from './dictionary.js';
import { findingDiagnostics, type Finding } from './finding.js';
import { findAll } from './findAll.js';
import type { KeptCandidates } from './spelling.js';
import { textUnits, type TextUnit } from './units.js';

export interface ProofResult {
  /** The model with the corrections applied (and without its proofing settings). */
  model: DocumentModel;
  /** Every finding, decided or not (for the proof report). */
  findings: Finding[];
  /** Undecided findings and unused corrections, as warnings. */
  warnings: Diagnostic[];
  /** Places changed by corrections. */
  corrections: number;
  /** Dictionaries used (package@version). */
  dictionaries: string[];
  ms: number;
  /** The findings came from `.warraq-cache/proof/` (the text was proofed before): no dictionary was loaded. */
  cached: boolean;
  /** Keeps the findings in `.warraq-cache/proof/` (when they were computed): called by a build that succeeded. */
  save(): Promise<void>;
}

interface ProofOptions {
  /** The project folder (its `.warraq-cache/` keeps the dictionaries in binary form, and the findings: src/proof/cache.ts). */
  projectRoot: string;
  /** false: proof the text even when the cache has its findings, and store nothing (the bench's measure). */
  cache?: boolean;
}

interface ProofStart {
  /** The model with the corrections applied (and without its proofing settings): known at once. */
  model: DocumentModel;
  /** Places changed by corrections. */
  corrections: number;
  /** The findings and warnings, when the checks are done. */
  result: Promise<ProofResult>;
  /**
   * Settles once the checks are under way on their own thread (or answered
   * from the cache, or done). A caller about to run long synchronous work
   * awaits it first: starting the thread takes a few turns of the event loop
   * (the cache read, the thread module's import), which a main thread busy
   * laying out would otherwise not give until it is done.
   */
  started: Promise<void>;
}

export async function proofDocument(model: DocumentModel, opts: ProofOptions): Promise<ProofResult> {
  return startProofing(model, opts).result;
}

/**
 * Starts the proofing thread before the text is read, when the build will
 * need one (compiled, proofing set aside: `startProofing`'s `thread`) and the
 * project keeps no findings (so none can be found for this text, and the
 * thread will be taken): its start (Node's own, ≈ 65 ms of CPU under the
 * command's V8 flags, and the checks' modules) then overlaps the main
 * thread's reading and checking of the model (docs/performance.md, "Proofing
 * beside the build"). A build that stops before proofing leaves it
 * waiting, without keeping the process alive, for the next build's text.
 */
export function proofThreadAhead(projectRoot: string): void {
  // Only ahead of time: a thread that cannot start now is started by findInThread when asked.
  if (compiled && !keepsFindings(projectRoot)) void import('./thread.js').then((t) => t.startEarly()).catch(() => {});
}

/**
 * Proofing in two steps: the corrections of the metadata, applied to the
 * model at once (they do not depend on what the checks find), and the
 * checks, whose findings come from the cache or are computed, in this
 * thread or, with `thread` and compiled, in a thread of their own
 * (src/proof/thread.ts) while the caller goes on with the model (the build:
 * fonts, layout, drawing on the main thread, the checks on the other core).
 */
export function startProofing(model: DocumentModel, opts: ProofOptions & { thread?: boolean | 'kept' }): ProofStart {
  const t0 = performance.now();
  const settings = model.proof ?? { words: [], corrections: [], off: [] };
  const units = textUnits(model);
  const arabicLang = dictionaryFor(model.lang)?.lang === 'fa' ? 'fa' : 'ar';
  const input: FindingsInput = { units, words: settings.words, off: settings.off, lang: arabicLang, dir: model.dir };
  const matches = findMatches(units, settings.corrections);
  const corrections = changedCount(units, matches);
  const corrected = applyMatches(model, units, matches);
  const { proof: _settings, ...rest } = corrected;
  const out: DocumentModel = corrections > 0 ? { ...rest, corrections } : rest;
  const remember = opts.cache !== false;
  // The installed dictionaries, looked up once for this pass: the findings' key, and the candidates read and kept.
  let digest: Promise<string> | undefined;
  const installed = () => (digest ??= dictionaryDigest());
  let markStarted: () => void = () => {};
  const started = new Promise<void>((r) => (markStarted = r));
  const inThread = async (t: typeof import('./thread.js')) => {
    // The digest goes with the input (remembering, it was looked up for the findings' key already): the thread does not look it up again.
    const found = t.findInThread(input, opts.projectRoot, remember, remember ? await installed() : undefined, opts.thread === 'kept');
    markStarted();
    return found;
  };
  // Only compiled (src/compiled.ts): as TypeScript (tsx, the watch session, tests), a proofing thread would load tsx and
  // compile the checks' sources again before it starts, and load the dictionaries that a warm process already holds.
  const find = opts.thread && compiled ? () => import('./thread.js').then(inThread) : () => findAll(input, opts.projectRoot, remember, installed);
  // The suggestion candidates the pass used are kept apart from its findings, for the next process (src/proof/cache.ts).
  let candidates: Record<string, KeptCandidates> | undefined;
  const findApart = async (): Promise<Findings> => {
    const { candidates: used, ...found } = await find();
    candidates = used;
    return found;
  };

  const result = cachedFindings(remember ? opts.projectRoot : undefined, input, findApart, installed).then(({ findings, dictionaries, cached, save: saveFindings }) => {
    const save = async () => {
      await saveFindings();
      if (candidates) await writeCandidates(opts.projectRoot, candidates, installed);
    };
    const warnings = settleFindings(model, findings, units, matches, settings.corrections);
    return { model: out, findings, warnings, corrections, dictionaries, ms: performance.now() - t0, cached, save };
  });
  result.then(markStarted, markStarted);
  return { model: out, corrections, result, started };
}

/**
 * Marks each finding that a correction covers as decided (kept when the
 * correction prints the same text), and returns the pass's warnings: the
 * undecided findings, then each correction that matched nothing.
 */
function settleFindings(
  model: DocumentModel,
  findings: Finding[],
  units: readonly TextUnit[],
  matches: ReturnType<typeof findMatches>,
  corrections: ProofSettings['corrections'],
): Diagnostic[] {
  for (const f of findings) {
    const m = matches.find((x) => x.unit === f.unit && x.start < f.end && f.start < x.end);
    if (m) f.decided = { to: m.to, kept: m.to === units[m.unit].text.slice(m.start, m.end) };
  }
  const r = new Reporter();
  r.addAll(findingDiagnostics(findings.filter((f) => !f.decided)));
  const used = new Set(matches.map((m) => m.correction));
  corrections.forEach((c, i) => {
    if (used.has(i)) return;
    r.add(
      makeDiagnostic('W-PROOF-CORRECTION-UNUSED', 'warning', c.place ?? { file: model.source.file, line: 1, col: 1 }, `correction «${c.from}» → «${c.to}» matches nothing in the text`, {
        expected: `«${c.from}» as whole words${c.line !== undefined ? ` on line ${c.line}` : ''}`,
        found: 'no such place',
        hint: 'copy the source form exactly (it is matched as whole words); check `line:`, or remove the correction',
      }),
    );
  });
  return r.finish();
}

export { findAll } from './findAll.js';
export { writeProofReport } from './report.js';
export type { Finding } from './finding.js';
