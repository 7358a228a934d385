/**
 * ParsedSource + metadata → DocumentModel. `buildModel` and `modelFromText`
 * are pure; `loadDocument` is the one place in this stage that reads files.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { WarraqError, type Diagnostic, type SourcePlace } from '../diagnostics.js';
import { decodeSource } from '../parse/decode.js';
import { parseImprintParagraph } from '../parse/inline.js';
import { parseSource, type ParsedPoint, type ParsedSource } from '../parse/parseSource.js';
import { checkLimits } from './limits.js';
import { checkModel } from './checks.js';
import { META_READ, readRegularFile, readSourceBytes } from '../parse/readSource.js';
import { excerpt, makeDiagnostic, Reporter, sortDiagnostics } from '../parse/report.js';
import { dateOrderOf, findDates, monthSlashOf, monthStyleOf, parseEventDate } from '../parse/dates.js';
import { emptyMeta, loadMeta, type LoadedMeta, type MetaSource } from './loadMeta.js';
import { findSidecar, type SidecarBytes } from './sidecar.js';
import { applyOptions, defaultTheme, mergeTheme, type ModelOptions } from './theme.js';
import { proofSettings } from './proofSchema.js';
import type { ColophonInfo, DigitSystem, DocumentModel, EventInfo, ImprintLine, NumberingStyle, Point } from './types.js';
import { formatNumber as formatDigits } from '../parse/chars.js';

interface BuildModelOptions {
  /** SHA-256 (hex) of the source bytes; computed from the text when absent. */
  sha256?: string;
  /** Seconds since 1970 (the SOURCE_DATE_EPOCH convention); wins over every other date. */
  sourceDateEpoch?: string;
  /** Treat warnings as errors. */
  strict?: boolean;
  /** Diagnostics from earlier steps (parsing, metadata), reported together with these. */
  diagnostics?: readonly Diagnostic[];
  /** Build options (--justify, --leaflet-sheet), folded into the theme: they win over the metadata. */
  options?: ModelOptions;
}

interface BuildResult {
  model: DocumentModel;
  /** Warnings (errors throw). */
  diagnostics: Diagnostic[];
}

/**
 * Builds the model. Throws WarraqError (with every diagnostic, earlier ones
 * included) when there is an error, or any warning under `strict`.
 */
export function buildModel(parsed: ParsedSource, meta: LoadedMeta, opts: BuildModelOptions = {}): BuildResult {
  const r = new Reporter();
  const file = parsed.file;
  const data = meta.data;
  const top: SourcePlace = { file, line: 1, col: 1 };

  const dir = data.dir ?? parsed.detected.dir;
  const lang = data.lang ?? parsed.detected.lang;
  const digits = data.digits ?? parsed.detected.digits;

  unknownPointWarnings(parsed, meta, top, r);
  const points = parsed.points.map((p) => pointOf(p, meta, lang, digits));

  let imprint: ImprintLine[] = parsed.imprint;
  if (data.imprint) imprint = imprintFromMeta(data.imprint, meta, top, r);

  const date = buildDate(opts.sourceDateEpoch, data.date, imprint, data, meta, top, r);

  // The source's own words, where its date conventions are read from.
  const texts = [parsed.title ?? '', ...parsed.preamble.map((p) => p.text), ...parsed.points.map((p) => p.text), ...imprint.map((l) => l.runs.map((r) => r.text).join(''))];
  const model: DocumentModel = {
    source: { file, sha256: opts.sha256 ?? contentHash(parsed) },
    lang,
    dir,
    digits,
    numbering: numberingFor(data.numbering, digits),
    months: data.months ?? monthStyleOf(texts),
    monthSlash: monthSlashOf(texts),
    colophon: colophonOf(data),
    sections: { cover: true, contents: true, colophon: true, backCover: true, ...data.sections },
    title: data.title?.trim() ?? parsed.title ?? '',
    titlePlace: (data.title ? meta.placeOf(['title'], { text: true }) : undefined) ?? parsed.titlePlace ?? meta.placeOf(['title']) ?? top,
    preamble: parsed.preamble,
    points,
    imprint: { lines: imprint },
    date: date ?? '',
    theme: applyOptions(mergeTheme(defaultTheme(dir, lang), data.theme), opts.options),
  };
  if (data.url) model.url = data.url;
  const order = dateOrderOf(texts);
  if (order) model.dateOrder = order;
  if (data.runningHead) model.runningHead = { text: data.runningHead.trim(), place: meta.placeOf(['runningHead'], { text: true }) ?? meta.placeOf(['runningHead']) ?? top };
  checkLimits(model, r);
  checkModel(model, meta, r);
  const proof = proofSettings(data, (p) => meta.placeOf(p));
  if (proof) model.proof = proof;

  const all = sortDiagnostics([...(opts.diagnostics ?? []), ...r.finish()]);
  const fatal = all.some((d) => d.severity === 'error' || (opts.strict === true && d.severity === 'warning'));
  if (fatal) throw new WarraqError(all);
  return { model, diagnostics: all };
}

/** W-META-POINT-UNKNOWN: metadata for a point number the source does not have. */
function unknownPointWarnings(parsed: ParsedSource, meta: LoadedMeta, top: SourcePlace, r: Reporter): void {
  const numbers = new Set(parsed.points.map((p) => p.number));
  for (const key of Object.keys(meta.data.points ?? {})) {
    if (numbers.has(Number(key))) continue;
    r.warn('W-META-POINT-UNKNOWN', meta.placeOf(['points', key], { key: true }) ?? top, `metadata for point ${key}, but the source has no point ${key}`, {
      expected: numbers.size > 0 ? `a point number of the source: ${numberRanges([...numbers])}` : 'a point number from the source (it has none)',
      found: key,
      hint: 'check the point number; the entry is ignored',
    });
  }
}

/** A parsed point with its metadata (title, event, slug, url) and the metadata's places. */
function pointOf(p: ParsedPoint, meta: LoadedMeta, lang: string, digits: DigitSystem): Point {
  const m = meta.data.points?.[String(p.number)];
  const derived = m?.title?.trim() ? undefined : deriveTitle(p.paragraphs[0]?.text ?? p.text, p.paragraphs.length > 1);
  const title = m?.title?.trim() || derived || pointLabelTitle(p.number, lang, digits, meta.data.pointWord);
  const point: Point = {
    number: p.number,
    label: p.label,
    text: p.text,
    paragraphs: p.paragraphs.map((x) => ({ ...x })),
    place: p.place,
    title,
    titleSource: m?.title?.trim() ? 'meta' : derived ? 'derived' : 'label',
    slug: pointSlug(p.number, m?.slug),
  };
  if (p.spans) point.spans = p.spans;
  if (m?.title || m?.event) {
    const at = (key: string[]) => meta.placeOf(['points', String(p.number), ...key], { text: true });
    const places: NonNullable<Point['metaPlaces']> = {};
    if (m.title) places.title = at(['title']);
    if (m.event) places.eventName = at(['event', 'name']);
    if (m.event?.place) places.eventPlace = at(['event', 'place']);
    for (const k of Object.keys(places) as Array<keyof typeof places>) if (!places[k]) delete places[k];
    if (Object.keys(places).length > 0) point.metaPlaces = places;
  }
  if (m?.event) {
    const ev: EventInfo = { name: m.event.name.trim() };
    if (m.event.date) ev.date = m.event.date.end !== undefined ? { start: m.event.date.start, end: m.event.date.end } : { start: m.event.date.start };
    if (m.event.place) ev.place = m.event.place.trim();
    point.event = ev;
  }
  if (m?.url) point.url = m.url;
  return point;
}

/**
 * The parser's E-TITLE-MISSING dropped where the metadata gives the title and
 * the source has no heading at all: its first paragraph (a Basmala, a
 * charter's opening words) is the preamble, and the author's text need not
 * gain a line. An empty `## ` or a `# ` title stays an error: the source means
 * to have one.
 */
function withoutTitleMissing(diagnostics: Diagnostic[], doc: ParsedSource, meta: LoadedMeta): Diagnostic[] {
  const at = doc.untitled;
  if (!at || !meta.data.title?.trim()) return diagnostics;
  return diagnostics.filter((d) => !(d.code === 'E-TITLE-MISSING' && d.line === at.line && d.file === at.file));
}

interface TextBuildOptions extends BuildModelOptions {
  /** Project folder: metadata paths (fonts) must stay inside it. */
  projectRoot: string;
  /** The metadata file beside the source (sidecar.ts), if there is one. */
  sidecar?: { text: string; file: string };
}

/** Parse + metadata + model from text already in memory. Throws WarraqError like buildModel. */
export function modelFromText(text: string, file: string, opts: TextBuildOptions): BuildResult {
  const { doc, diagnostics } = parseSource(text, file);
  const sources: MetaSource[] = [];
  if (doc.frontMatter) sources.push({ text: doc.frontMatter.text, file, lineOffset: doc.frontMatter.line - 1 });
  if (opts.sidecar) sources.push(opts.sidecar);
  const { meta, diagnostics: metaDiagnostics } = sources.length > 0 ? loadMeta(sources, { projectRoot: opts.projectRoot }) : { meta: emptyMeta(), diagnostics: [] };
  return buildModel(doc, meta, {
    sha256: opts.sha256 ?? createHash('sha256').update(text, 'utf8').digest('hex'),
    sourceDateEpoch: opts.sourceDateEpoch,
    strict: opts.strict,
    options: opts.options,
    diagnostics: [...(opts.diagnostics ?? []), ...withoutTitleMissing(diagnostics, doc, meta), ...metaDiagnostics],
  });
}

/**
 * Reads `sourcePath` (relative to projectRoot, or absolute) and its metadata
 * file (sidecar.ts), and builds the model. Throws WarraqError on any error.
 * `bytes`: the source as the caller read it already (`readSourceBytes`; the
 * build hashes it for its no-change check), so that it is read once;
 * `sidecar`: the metadata files beside it, read likewise (`readSources`).
 */
export async function loadDocument(
  sourcePath: string,
  opts: { projectRoot: string; sourceDateEpoch?: string; strict?: boolean; options?: ModelOptions; bytes?: Promise<Uint8Array>; sidecar?: Promise<SidecarBytes> },
): Promise<{ model: DocumentModel; diagnostics: Diagnostic[] }> {
  const bytes = await (opts.bytes ?? readSourceBytes(path.resolve(opts.projectRoot, sourcePath), sourcePath));
  const decoded = decodeSource(bytes, sourcePath);
  if (decoded.diagnostics.some((d) => d.severity === 'error')) throw new WarraqError(decoded.diagnostics);

  let sidecar: { text: string; file: string } | undefined;
  const found = await findSidecar(sourcePath, opts.projectRoot);
  const sideFile = found.file;
  if (sideFile !== undefined) {
    const sideAbs = path.resolve(opts.projectRoot, sideFile);
    try {
      const sideBytes = await ((await opts.sidecar)?.get(path.basename(sideFile)) ?? readRegularFile(sideAbs, { ...META_READ, shown: sideFile, missingOk: true }));
      const dec = decodeSource(sideBytes, sideFile);
      if (dec.diagnostics.length > 0) throw new WarraqError(dec.diagnostics);
      sidecar = { text: dec.text.replace(/^\uFEFF/, ''), file: sideFile };
    } catch (e) {
      if (e instanceof WarraqError) throw e;
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
        throw new WarraqError([
          makeDiagnostic('E-META-READ', 'error', { file: sideFile, line: 1, col: 1 }, `cannot read the metadata file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
            expected: 'a readable YAML file, or none',
            found: sideAbs,
            hint: 'check the file permissions, or remove the file',
          }),
        ]);
    }
  }

  return modelFromText(decoded.text, sourcePath, {
    projectRoot: opts.projectRoot,
    sidecar,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sourceDateEpoch: opts.sourceDateEpoch,
    strict: opts.strict,
    options: opts.options,
    diagnostics: found.warnings,
  });
}

// ---------------------------------------------------------------------------

/** Fallback hash when the caller has no bytes: over the parsed words (pass `sha256` for the real one). */
function contentHash(p: ParsedSource): string {
  const h = createHash('sha256');
  h.update(p.title ?? '');
  for (const x of p.preamble) h.update('\0' + x.text);
  for (const x of p.points) h.update('\0' + x.label + x.text);
  return h.digest('hex');
}

/** Point numbers as ranges: `1–2, 4–6`; the first and last few of a long list. */
function numberRanges(ns: number[]): string {
  const sorted = [...new Set(ns)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    ranges.push(i === j ? String(sorted[i]) : `${sorted[i]}${j === i + 1 ? ', ' : '–'}${sorted[j]}`);
    i = j + 1;
  }
  return ranges.length > 8 ? [...ranges.slice(0, 4), '…', ...ranges.slice(-3)].join(', ') : ranges.join(', ');
}

/** `NN-slug` or `NN` (the number padded to two digits). */
export function pointSlug(n: number, slug?: string): string {
  const nn = String(n).padStart(2, '0');
  return slug ? `${nn}-${slug}` : nn;
}

const SENTENCE_END = new Set(['.', '؟', '!', '?', '؛', ';', ':', '۔']);
const PAIRS: Record<string, string> = { '(': ')', '[': ']', '«': '»', '{': '}' };
/** At most this many words make a heading. */
const TITLE_MAX_WORDS = 8;
/** …and at most this many characters. */
const TITLE_MAX_CHARS = 60;

/**
 * At least this many words make a heading cut at a clause: fewer read as a
 * fragment («Everyone», «لكل إنسان الحق», udhr-fa's «هر کس حق زندگی» and
 * «احدی در زندگی خصوصی», cut before their verbs).
 */
const CLAUSE_MIN_WORDS = 5;
/** A clause ends at a comma (Arabic and Persian «،», Latin «,») before a space; a sentence's end (SENTENCE_END) ends it too. */
const CLAUSE_END = new Set(['،', ',']);

/**
 * A heading from a point's first clause: its first sentence when that is
 * short (≤ 8 words, 60 characters) and not the whole point (the body would
 * repeat it right below, word for word; such a point has a label), else, when the sentence runs on,
 * the sentence's first clause, up to its first comma, when that is short
 * and holds at least five words (fewer read as a fragment, not a title):
 * «لكل شخص الحق في العمل، وله حرية اختياره…» is headed «لكل شخص الحق في
 * العمل». Undefined otherwise, and the heading is then a label («البند ٨»).
 * Never cuts inside a clause, nor at a comma inside brackets, quotes or a
 * pair of dashes or between digits («1,250,000»), nor inside an English
 * noun phrase («Each shop will keep a simple, public ledger…» is no «Each
 * shop will keep a simple»: cutsPhrase); never adds or changes words; the final
 * punctuation is left out. No address makes a heading (one cannot be
 * broken in a short title line).
 */
export function deriveTitle(text: string, moreParagraphs = false): string | undefined {
  const head = text.slice(0, 400);
  let end = -1;
  let clause = -1;
  for (let i = 0; i < head.length; i++) {
    const ch = head[i];
    const ends = SENTENCE_END.has(ch);
    if (!ends && !CLAUSE_END.has(ch)) continue;
    if (/[0-9٠-٩۰-۹]/.test(head[i - 1] ?? '') && /[0-9٠-٩۰-۹]/.test(head[i + 1] ?? '')) continue;
    // A sentence or clause ends before a space (or the end): not in 3.5, example.org, https://.
    if (!/[\s»"')\]]/.test(head[i + 1] ?? ' ')) continue;
    if (danglingOpener(head.slice(0, i)) >= 0) continue; // inside brackets or quotes
    if (!ends) {
      // A comma inside a dash pair («workshops — 90 minutes, up to 12 children, … — will run») ends no clause.
      if (clause < 0 && !insideDashes(head.slice(0, i))) clause = i;
      continue;
    }
    end = i;
    break;
  }
  const sentence = end >= 0 ? head.slice(0, end).trim() : undefined;
  if (sentence !== undefined && fitsTitle(sentence, 1)) {
    const whole = !moreParagraphs && text.slice(end + 1).trim() === '';
    return whole ? undefined : titleOf(sentence);
  }
  // The sentence too long (or none in sight): its first clause, which never is the whole point.
  if (clause >= 0) {
    const first = head.slice(0, clause).trim();
    if (fitsTitle(first, CLAUSE_MIN_WORDS) && !cutsPhrase(first, head.slice(clause + 1))) return titleOf(first);
  }
  return undefined;
}

/** Whether `before` (text up to a comma) is inside a pair of spaced dashes: an odd number of « — » or « – » before it. */
function insideDashes(before: string): boolean {
  return (before.match(/\s[—–]\s/g)?.length ?? 0) % 2 === 1;
}

/**
 * English words after which a phrase is still open: articles, determiners
 * and possessives (a noun is to come), prepositions and conjunctions.
 */
const DETERMINERS = new Set('a an the this that these those every each some any no its their our his her my your another'.split(' '));
const OPENS_PHRASE = new Set([...DETERMINERS, ...'such of to in on at by for from with into onto and or but nor'.split(' ')]);
/** English words that start a new clause or phrase after a comma. */
const OPENS_CLAUSE = new Set('and or but nor so yet which who whom whose where when while whereas although though because since unless if as including with without'.split(' '));

/**
 * Whether a comma cuts a phrase rather than ends a clause: in English, a
 * clause that ends on a word that opens a phrase («… of»), or on a noun
 * phrase's first word after its article («keep a simple, public ledger»,
 * «move to a self-hosted, low-energy server»: the comma is between two
 * adjectives, the noun after the second), unless the words after the comma
 * open a clause of their own («a friend, who …»). Arabic and Persian put the
 * noun before its adjectives: their clauses are left as they are.
 */
function cutsPhrase(clause: string, after: string): boolean {
  const words = clause.toLowerCase().split(/\s+/).filter((w) => w !== '');
  const last = words[words.length - 1] ?? '';
  const next = after.trim().toLowerCase().split(/\s+/)[0] ?? '';
  if (OPENS_PHRASE.has(last)) return true;
  return DETERMINERS.has(words[words.length - 2] ?? '') && !OPENS_CLAUSE.has(next);
}

/** Whether a sentence or clause is short enough for a heading (and long enough, `minWords`), and holds no address. */
function fitsTitle(s: string, minWords: number): boolean {
  const words = s.split(/\s+/).filter((w) => w !== '');
  if (words.length < minWords || words.length > TITLE_MAX_WORDS || s.length > TITLE_MAX_CHARS) return false;
  // An address is no heading (and cannot be broken in a short title line).
  return !/:\/\/|@|www\./.test(s);
}

/** The heading a sentence or clause makes: its final punctuation left out; none when no letter or digit is left. */
function titleOf(s: string): string | undefined {
  const title = stripTrailing(s);
  // No letter or digit (marks and invisible characters only): no title, the caller falls back to a label.
  return title === '' || !/[\p{L}\p{N}]/u.test(title) ? undefined : title;
}

function colophonOf(data: LoadedMeta['data']): ColophonInfo {
  const out: ColophonInfo = {};
  for (const k of ['publisher', 'rights', 'edition', 'printer', 'isbn', 'contact'] as const) {
    const v = data[k]?.trim();
    if (v) out[k] = v;
  }
  return out;
}

const LABEL_WORD: Record<string, string> = { ar: 'البند', fa: 'بند', en: 'Point' };

/** «البند ٨», «بند ۸», «Point 8», or with the metadata's `pointWord` «الآية ٨»: the heading of a point that has no title of its own. */
export function pointLabelTitle(n: number, lang: string, digits: DigitSystem, pointWord?: string): string {
  const word = pointWord?.trim() || (LABEL_WORD[lang.split('-')[0]] ?? LABEL_WORD.en);
  return `${word} ${formatDigits(n, digits)}`;
}

/** The numbering style: the metadata's, else «١-» for Arabic-Indic digits and «1.» for Latin; a full stop never follows Arabic-Indic digits. */
export function numberingFor(meta: NumberingStyle | undefined, digits: DigitSystem): NumberingStyle {
  const style = meta ?? (digits === 'latn' ? 'dot' : 'dash');
  return style === 'dot' && digits !== 'latn' ? 'dash' : style;
}

const KEEP_AT_END = new Set(['%', '٪', '‰']);

/** Removes trailing spaces and punctuation; keeps %, and a closing bracket/quote that closes something. */
function stripTrailing(s: string): string {
  let t = s.trimEnd();
  while (t.length > 0) {
    const ch = t[t.length - 1];
    if (/\s/.test(ch)) {
      t = t.slice(0, -1);
      continue;
    }
    if (!/\p{P}/u.test(ch) || KEEP_AT_END.has(ch)) break;
    const closer = ch === ')' || ch === ']' || ch === '»' || ch === '}' || ch === '"';
    if (closer && danglingOpener(t) < 0 && danglingOpener(t.slice(0, -1)) >= 0) break;
    t = t.slice(0, -1);
  }
  return t;
}

/** Index of the last opening bracket/quote with no partner, or -1. */
function danglingOpener(s: string): number {
  const stack: number[] = [];
  let quote = -1;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch in PAIRS) stack.push(i);
    else if (ch === ')' || ch === ']' || ch === '»' || ch === '}') {
      if (stack.length > 0 && PAIRS[s[stack[stack.length - 1]]] === ch) stack.pop();
    } else if (ch === '"') quote = quote < 0 ? i : -1;
  }
  return Math.max(stack.length > 0 ? stack[stack.length - 1] : -1, quote);
}

function imprintFromMeta(lines: readonly string[], meta: LoadedMeta, top: SourcePlace, r: Reporter): ImprintLine[] {
  const out: ImprintLine[] = [];
  let gap = false;
  lines.forEach((line, i) => {
    const place = meta.placeOf(['imprint', i], { text: true }) ?? top;
    if (line.trim() === '') {
      gap = out.length > 0;
      return;
    }
    const sub = new Reporter();
    const parsed = parseImprintParagraph(line.split(/\r?\n/).map((text) => ({ text: text + '  ', line: place.line })), place.file, sub);
    for (const d of sub.finish()) r.add({ ...d, col: d.col + place.col - 1 });
    for (const l of parsed) {
      const il: ImprintLine = { runs: l.runs, place };
      // Columns inside a one-line value: shifted like the diagnostics above.
      if (l.spans && !line.includes('\n')) il.spans = l.spans.map((s) => ({ at: s.at, place: { ...s.place, col: s.place.col + place.col - 1 } }));
      if (gap) il.gapBefore = true;
      gap = false;
      out.push(il);
    }
  });
  return out;
}

function buildDate(
  epoch: string | undefined,
  metaDate: string | undefined,
  imprint: readonly ImprintLine[],
  data: LoadedMeta['data'],
  meta: LoadedMeta,
  top: SourcePlace,
  r: Reporter,
): string | undefined {
  if (epoch !== undefined && epoch.trim() !== '') {
    const e = epoch.trim();
    const ms = /^\d{1,12}$/.test(e) ? Number(e) * 1000 : NaN;
    const d = new Date(ms);
    if (Number.isNaN(d.getTime()) || d.getUTCFullYear() > 9999) {
      r.error('E-DATE-EPOCH', top, 'SOURCE_DATE_EPOCH is not a number of seconds', {
        expected: 'whole seconds since 1970-01-01 UTC, e.g. 1697932800',
        found: JSON.stringify(excerpt(e, 30)),
        hint: 'set it with: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)',
      });
      return undefined;
    }
    return d.toISOString().slice(0, 10);
  }
  if (metaDate) return metaDate;
  // A metadata file with errors may hold the date: its error is the one to fix.
  if (meta.dateUnknown) return undefined;

  let best: { date: string; place: SourcePlace; from: string } | undefined;
  for (const line of imprint) {
    for (const d of findDates(line.runs.map((x) => x.text).join(''))) if (!best || d > best.date) best = { date: d, place: line.place, from: 'the imprint' };
  }
  if (!best) {
    for (const [key, p] of Object.entries(data.points ?? {})) {
      for (const s of [p.event?.date?.start, p.event?.date?.end]) {
        const pd = s ? parseEventDate(s) : undefined;
        if (pd?.kind === 'day' && (!best || s! > best.date)) best = { date: s!, place: meta.placeOf(['points', key, 'event', 'date']) ?? top, from: `the event dates in the metadata` };
      }
    }
  }
  if (best) {
    r.warn('W-DATE-INFERRED', best.place, `no build date given; using ${best.date}, the latest date in ${best.from}`, {
      expected: 'a `date:` in the metadata, or SOURCE_DATE_EPOCH',
      found: best.date,
      hint: 'add `date: YYYY-MM-DD` to the metadata to make the choice explicit',
    });
    return best.date;
  }
  r.error('E-DATE-MISSING', top, 'no build date: no SOURCE_DATE_EPOCH, no `date:` in the metadata, and no date in the imprint', {
    expected: 'a build date',
    found: 'none',
    hint: 'add `date: YYYY-MM-DD` to the metadata (front matter or the .meta.yaml file), or set SOURCE_DATE_EPOCH',
  });
  return undefined;
}
