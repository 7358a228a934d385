/**
 * Editorial metadata: front matter and/or a sidecar `<source>.meta.yaml`.
 * Validated with zod; every problem becomes a Diagnostic that points at the
 * key or value in the YAML it came from. Pure: callers pass the YAML text.
 */
import path from 'node:path';
import { z } from 'zod';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit, YAMLParseError, type Document, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { placeAt, type Diagnostic, type SourcePlace } from '../diagnostics.js';
import { excerpt, makeDiagnostic, Reporter, type DiagnosticDetail } from '../parse/report.js';
import { isEventDate, isIsoDay, rangeProblem } from './dates.js';
import { DEFAULT_CARDS, defaultTheme } from './theme.js';

// ---------------------------------------------------------------------------
// Schema

const dateExpected = 'a real date: YYYY-MM-DD, or --MM-DD for a yearly day';

const eventDateString = z.string().refine(isEventDate, {
  message: 'not a valid date',
  params: { warraq: 'E-META-DATE', expected: dateExpected },
});

const eventDate = z
  .object({ start: eventDateString, end: eventDateString.optional() })
  .strict()
  .superRefine((d, ctx) => {
    if (d.end === undefined) return;
    const why = rangeProblem(d.start, d.end);
    if (why) ctx.addIssue({ code: 'custom', path: ['end'], message: why, params: { warraq: 'E-META-DATE', expected: 'end on or after start' } });
  });

const httpUrl = z.string().refine(
  (s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  },
  { message: 'not an http(s) URL', params: { expected: 'a full URL such as https://example.org/page' } },
);

const nonEmpty = z.string().trim().min(1, 'must not be empty');

const eventSchema = z
  .object({
    name: nonEmpty,
    date: eventDate.optional(),
    place: nonEmpty.optional(),
  })
  .strict();

const pointSchema = z
  .object({
    title: nonEmpty.optional(),
    slug: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a lowercase ASCII slug such as anti-war')
      .max(40)
      .optional(),
    event: eventSchema.optional(),
    url: httpUrl.optional(),
  })
  .strict();

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour written #rrggbb');
const percent = z.number().min(0).max(100);
/** CMYK as four percentages, e.g. [0, 90, 85, 35]. */
const cmyk = z.tuple([percent, percent, percent, percent]);
const fontList = z.array(z.string().min(1)).min(1);
const pageName = z.enum(['A4', 'A5', 'A6']);
const pt = z.number().min(0).max(400);

const cardSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a lowercase ASCII name such as banner'),
    width: z.number().int().min(64).max(8192),
    height: z.number().int().min(64).max(8192),
    extra: z.array(z.enum(['webp', 'jpeg'])).optional(),
    safeY: z.number().int().min(0).max(4096).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.safeY !== undefined && c.safeY * 2 >= c.height)
      ctx.addIssue({ code: 'custom', path: ['safeY'], message: `safe zone ${c.safeY}px leaves no room in a ${c.height}px card`, params: { expected: `less than ${c.height / 2}` } });
  });

export const themeSchema = z
  .object({
    palette: z
      .object({ paper: colour, ink: colour, accent: colour, muted: colour, cover: colour, coverInk: colour })
      .partial()
      .strict(),
    fonts: z.object({ body: fontList, heading: fontList }).partial().strict(),
    body: z
      .object({ size: z.number().min(4).max(72), leading: z.number().min(0.8).max(4), minSize: z.number().min(4).max(72), maxSize: z.number().min(4).max(144) })
      .partial()
      .strict(),
    justify: z.enum(['off', 'spaces', 'kashida']),
    space: z.object({ stretch: z.number().min(0).max(3), shrink: z.number().min(0).max(0.9) }).partial().strict(),
    page: z
      .object({
        booklet: pageName,
        leaflet: pageName,
        margins: z.object({ top: pt, bottom: pt, inner: pt, outer: pt }).partial().strict(),
      })
      .partial()
      .strict(),
    cards: z.object({ add: z.array(cardSchema), drop: z.array(z.string()) }).partial().strict(),
    cardMinBodyPx: z.number().int().min(8).max(400),
    pages: z.enum(['multiple-of-4', 'any']),
    paper: z.object({ thicknessMm: z.number().min(0).max(1) }).partial().strict(),
    cmyk: z.object({ paper: cmyk, ink: cmyk, accent: cmyk, muted: cmyk, cover: cmyk, coverInk: cmyk }).partial().strict(),
    richBlack: z.object({ cmyk, minMm: z.number().min(0).max(1000) }).partial().strict(),
  })
  .partial()
  .strict();

export const metaSchema = z
  .object({
    lang: z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag such as ar, fa or en'),
    dir: z.enum(['rtl', 'ltr']),
    digits: z.enum(['arab', 'arabext', 'latn']),
    title: nonEmpty,
    date: z.string().refine(isIsoDay, { message: 'not a valid day', params: { warraq: 'E-META-DATE', expected: 'a real date written YYYY-MM-DD' } }),
    url: httpUrl,
    imprint: z.array(z.string()),
    points: z.record(z.string().regex(/^[1-9][0-9]{0,2}$/), pointSchema),
    theme: themeSchema,
  })
  .partial()
  .strict();

export type Meta = z.infer<typeof metaSchema>;
export type PointMeta = z.infer<typeof pointSchema>;

// ---------------------------------------------------------------------------
// Loading

export interface MetaSource {
  /** YAML text. */
  text: string;
  /** File name for diagnostics. */
  file: string;
  /** Lines before the YAML's first line in `file` (front matter starts on line 2 → 1). */
  lineOffset?: number;
}

export type MetaPath = ReadonlyArray<string | number>;

export interface LoadedMeta {
  /** Validated metadata. After errors: only the top-level entries that are valid on their own. */
  data: Meta;
  /**
   * Where a key (`key: true`) or its value is written; the nearest written
   * ancestor if the path is absent. `text: true`: for a quoted scalar, where
   * its text starts (after the quote).
   */
  placeOf(path: MetaPath, opts?: { key?: boolean; text?: boolean }): SourcePlace | undefined;
}

interface LoadedSource extends MetaSource {
  doc: Document;
  raw: Record<string, unknown>;
}

export function emptyMeta(): LoadedMeta {
  return { data: {}, placeOf: () => undefined };
}

/**
 * Validates metadata from several sources, highest priority first (front
 * matter, then sidecar). Mappings merge key by key; the first source wins.
 */
export function loadMeta(sources: readonly MetaSource[], opts: { projectRoot: string }): { meta: LoadedMeta; diagnostics: Diagnostic[] } {
  const r = new Reporter();
  const loaded: LoadedSource[] = [];
  for (const s of sources) {
    const l = readYaml(s, r);
    if (l) loaded.push(l);
  }
  const placeOf = (p: MetaPath, o?: { key?: boolean; text?: boolean }): SourcePlace | undefined => locate(loaded, p, o?.key ?? false, o?.text ?? false);
  const meta: LoadedMeta = { data: {}, placeOf };
  // A source with YAML errors is left out (its errors are reported); the others still count.

  let merged: Record<string, unknown> = {};
  for (let i = loaded.length - 1; i >= 0; i--) merged = deepMerge(merged, loaded[i].raw) as Record<string, unknown>;
  normaliseShorthands(merged);

  const res = metaSchema.safeParse(merged);
  const fallback: SourcePlace = { file: sources[0]?.file ?? '(metadata)', line: 1, col: 1 };
  let data: Meta;
  if (res.success) data = res.data;
  else {
    for (const issue of res.error.issues) issueToDiagnostics(issue, merged, placeOf, fallback, r);
    data = salvage(merged);
  }
  // Keep the parts that are valid on their own, so one mistake does not
  // cascade (e.g. a bad `digits` does not also lose `date`).
  const before = r.errorCount;
  checkPaths(data, opts.projectRoot, placeOf, fallback, r);
  checkTheme(data, placeOf, fallback, r);
  if (r.errorCount > before) delete data.theme;
  meta.data = data;
  return { meta, diagnostics: r.finish() };
}

function readYaml(s: MetaSource, r: Reporter): LoadedSource | undefined {
  const off = s.lineOffset ?? 0;
  const at = (offset: number): SourcePlace => {
    const p = placeAt(s.text, offset, s.file);
    return { ...p, line: p.line + off };
  };
  let doc: Document;
  try {
    // Keys are checked for duplicates below, in one pass: the parser's own check compares every pair (50,000 keys took minutes).
    doc = parseDocument(s.text, { uniqueKeys: false, prettyErrors: false, strict: true, logLevel: 'error' });
    if (doc.errors.length === 0) {
      const dup = firstDuplicateKey(doc);
      if (dup !== undefined) doc.errors.push(new YAMLParseError([dup, dup + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
    }
  } catch (e) {
    r.error('E-META-YAML', at(0), `metadata is not valid YAML: ${(e as Error).message}`, { expected: 'YAML key: value lines', found: 'unparseable text', hint: 'check indentation and quoting' });
    return undefined;
  }
  if (doc.errors.length > 0) {
    // The first syntax error only: the parser's later ones mostly follow
    // from it (one tab used to give twenty errors).
    const e = doc.errors[0];
    const more = doc.errors.length > 1 ? `; fix this first (the parser reports ${doc.errors.length - 1} more error(s) that may follow from it)` : '';
    const msg = e.message.split('\n')[0];
    r.error('E-META-YAML', at(e.pos[0]), `metadata is not valid YAML: ${msg}`, {
      expected: 'YAML key: value lines',
      found: excerpt((s.text.split('\n')[placeAt(s.text, e.pos[0], s.file).line - 1] ?? '').trim()) || 'end of text',
      hint: (e.code === 'DUPLICATE_KEY' ? 'a key is written twice; keep one' : e.code === 'TAB_AS_INDENT' ? 'indent with spaces, not tabs' : 'check indentation, colons and quoting (quote values that start with * & ! | > % @ `)') + more,
    });
    return undefined;
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    r.error('E-META-YAML', at(0), `metadata cannot be read: ${(e as Error).message}`, { expected: 'plain YAML data', found: 'aliases or tags that cannot be resolved', hint: 'avoid YAML aliases (*x) and custom tags' });
    return undefined;
  }
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw) || raw instanceof Date) {
    r.error('E-META-TYPE', at(doc.contents?.range?.[0] ?? 0), 'metadata must be a mapping of keys to values', {
      expected: 'key: value lines (lang, dir, digits, title, date, url, imprint, points, theme)',
      found: Array.isArray(raw) ? 'a list' : `a ${typeof raw}`,
      hint: 'start each line with a key, e.g. `lang: ar`',
    });
    return undefined;
  }
  return { ...s, doc, raw: raw as Record<string, unknown> };
}

/** The top-level entries that validate on their own (used after a failed parse; errors are already reported). */
function salvage(merged: Record<string, unknown>): Meta {
  const out: Record<string, unknown> = {};
  const shape = metaSchema.shape as Record<string, z.ZodType>;
  for (const [k, schema] of Object.entries(shape)) {
    if (!Object.prototype.hasOwnProperty.call(merged, k)) continue;
    const r = schema.safeParse(merged[k]);
    if (r.success && r.data !== undefined) out[k] = r.data;
  }
  return out as Meta;
}

/** `event.date: 2024-05-09` is shorthand for `event.date: { start: 2024-05-09 }`. */
function normaliseShorthands(m: Record<string, unknown>): void {
  const points = m.points;
  if (!isPlainObject(points)) return;
  for (const p of Object.values(points)) {
    if (!isPlainObject(p) || !isPlainObject(p.event)) continue;
    if (typeof p.event.date === 'string') p.event.date = { start: p.event.date };
  }
}

// ---------------------------------------------------------------------------
// Issues → diagnostics

type Issue = z.core.$ZodIssue;

export function formatPath(p: MetaPath): string {
  if (p.length === 0) return '(top level)';
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function issueToDiagnostics(issue: Issue, raw: unknown, placeOf: LoadedMeta['placeOf'], fallback: SourcePlace, r: Reporter): void {
  const p = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  const where = (q: MetaPath, key = false): SourcePlace => placeOf(q, { key }) ?? fallback;
  const received = getIn(raw, p);
  const found = describe(received);
  const name = formatPath(p);
  const params = (issue as { params?: { warraq?: string; expected?: string } }).params;

  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(p);
      for (const k of issue.keys) {
        const full = [...p, k];
        const guess = didYouMean(k, allowed);
        r.error('E-META-UNKNOWN-KEY', where(full, true), `unknown key \`${k}\` ${p.length > 0 ? `in ${name}` : 'at the top level'}`, {
          expected: allowed.length > 0 ? `one of: ${allowed.join(', ')}` : 'no keys here',
          found: k,
          hint: guess ? `did you mean \`${guess}\`?` : `allowed keys: ${allowed.join(', ')}`,
        });
      }
      return;
    }
    case 'invalid_key': {
      const key = String(p[p.length - 1]);
      r.error('E-META-POINT-KEY', where(p, true), `\`${key}\` in ${formatPath(p.slice(0, -1))} is not a point number`, {
        expected: 'a point number written with ASCII digits: 1, 2, … 999',
        found: key,
        hint: 'write the number of the point this entry is for, e.g. `3:`',
      });
      return;
    }
    case 'invalid_type': {
      const missing = received === undefined;
      const expectedType = issue.expected === 'record' ? 'mapping' : issue.expected === 'object' ? 'mapping' : issue.expected === 'array' ? 'list' : issue.expected;
      r.error(
        'E-META-TYPE',
        missing ? where(p.slice(0, -1), true) : where(p),
        missing ? `${formatPath(p.slice(0, -1))} needs \`${String(p[p.length - 1])}\`` : `${name} should be a ${expectedType}`,
        { expected: String(expectedType), found: missing ? 'nothing' : found, hint: missing ? `add \`${String(p[p.length - 1])}:\`` : typeHint(String(issue.expected)) },
      );
      return;
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      const guess = typeof received === 'string' ? didYouMean(received, values) : undefined;
      r.error('E-META-VALUE', where(p), `${name} must be one of ${values.join(' | ')}`, {
        expected: values.join(' | '),
        found,
        hint: guess ? `did you mean \`${guess}\`?` : `allowed: ${values.join(', ')}`,
      });
      return;
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? `≥ ${String(issue.minimum)}` : `≤ ${String(issue.maximum)}`;
      const isLen = issue.origin === 'array' || issue.origin === 'string';
      r.error('E-META-VALUE', where(p), `${name} ${issue.message === 'must not be empty' ? 'must not be empty' : isLen ? `length must be ${bound}` : `must be ${bound}`}`, {
        expected: isLen ? `length ${bound}` : bound,
        found,
        hint: issue.origin === 'array' ? 'give at least one entry' : 'use a value in range',
      });
      return;
    }
    case 'invalid_format': {
      r.error('E-META-VALUE', where(p), `${name} must be ${issue.message}`, {
        expected: issue.message,
        found,
        hint: FORMAT_HINTS[issue.message] ?? 'see docs/errors.md for the metadata format',
      });
      return;
    }
    default: {
      const code = params?.warraq ?? 'E-META-VALUE';
      const expected = params?.expected ?? issue.message;
      r.error(code, where(p), `${name}: ${issue.message}`, {
        expected,
        found,
        hint: code === 'E-META-DATE' ? 'dates are written 2024-05-09 (a day) or --05-09 (every year); the day must exist' : 'see docs/errors.md for the metadata format',
      });
    }
  }
}

const FORMAT_HINTS: Record<string, string> = {
  'a colour written #rrggbb': 'six hex digits after #, e.g. #9e1b1b',
  'a lowercase ASCII slug such as anti-war': 'use a-z, 0-9 and single hyphens; it becomes part of file names',
  'a lowercase ASCII name such as banner': 'use a-z, 0-9 and single hyphens; it becomes part of file names',
  'a BCP 47 language tag such as ar, fa or en': 'use the language code, e.g. ar',
};

function typeHint(t: string): string {
  if (t === 'string') return 'quote the value if YAML reads it as something else, e.g. "1945"';
  if (t === 'number') return 'write a plain number without quotes or units';
  if (t === 'object' || t === 'record') return 'indent the keys under it on the following lines';
  if (t === 'array') return 'write one `- item` per line';
  return 'check the value';
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null (empty value)';
  if (typeof v === 'string') return JSON.stringify(excerpt(v, 60));
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}

/** The schema's keys at a path (for did-you-mean). */
export function allowedKeysAt(p: MetaPath): string[] {
  let s: unknown = metaSchema;
  const unwrap = (x: unknown): unknown => {
    let cur = x as { _zod?: { def?: Record<string, unknown> } };
    for (let i = 0; i < 10; i++) {
      const def = cur?._zod?.def;
      if (!def) return cur;
      if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') cur = def.innerType as typeof cur;
      else if (def.type === 'pipe') cur = def.in as typeof cur;
      else return cur;
    }
    return cur;
  };
  for (const seg of p) {
    const def = (unwrap(s) as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def.type === 'object') s = (def.shape as Record<string, unknown>)[String(seg)];
    else if (def.type === 'record') s = def.valueType;
    else if (def.type === 'array') s = def.element;
    else return [];
    if (s === undefined) return [];
  }
  const def = (unwrap(s) as { _zod: { def: Record<string, unknown> } })._zod.def;
  return def.type === 'object' ? Object.keys(def.shape as Record<string, unknown>) : [];
}

/** Edit distance with adjacent transpositions (optimal string alignment): `titel` → `title` is 1. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The closest candidate within a small edit distance (case-insensitive), if any. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase().slice(0, 64);
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = levenshtein(w, c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  const limit = Math.max(1, Math.floor(Math.max(w.length, 3) / 3));
  return best !== undefined && bestD <= limit ? best : undefined;
}

// ---------------------------------------------------------------------------
// Checks after the schema

/** Result of checking a project-relative path. */
export type PathCheck = { ok: true; path: string } | { ok: false; code: 'E-META-PATH' | 'E-META-REMOTE'; why: string };

/** Fonts and images must be files inside the project: no remote URLs, no `..` escapes, no absolute paths outside. */
export function checkProjectPath(p: string, projectRoot: string): PathCheck {
  if (/^https?:\/\//i.test(p)) return { ok: false, code: 'E-META-REMOTE', why: 'remote files are not fetched: builds must work offline and be reproducible' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(p) && !/^[a-z]:[\\/]/i.test(p)) return { ok: false, code: 'E-META-PATH', why: 'URLs are not allowed here, only project files' };
  if (p.includes('\0')) return { ok: false, code: 'E-META-PATH', why: 'the path contains a NUL character' };
  const slashed = p.replace(/\\/g, '/');
  if (/^[a-z]:\//i.test(slashed) || slashed.startsWith('//')) return { ok: false, code: 'E-META-PATH', why: 'absolute paths outside the project are not allowed' };
  if (path.posix.isAbsolute(slashed)) {
    const rel = path.relative(path.resolve(projectRoot), path.resolve(slashed));
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { ok: false, code: 'E-META-PATH', why: 'absolute path outside the project folder' };
    return { ok: true, path: rel.split(path.sep).join('/') };
  }
  const norm = path.posix.normalize(slashed);
  if (norm === '..' || norm.startsWith('../')) return { ok: false, code: 'E-META-PATH', why: 'the path leaves the project folder' };
  if (norm === '.' || norm === '') return { ok: false, code: 'E-META-PATH', why: 'the path names the project folder, not a file' };
  return { ok: true, path: norm.replace(/^\.\//, '') };
}

function checkPaths(data: Meta, root: string, placeOf: LoadedMeta['placeOf'], fallback: SourcePlace, r: Reporter): void {
  const fonts = data.theme?.fonts;
  if (!fonts) return;
  for (const which of ['body', 'heading'] as const) {
    const list = fonts[which];
    if (!list) continue;
    list.forEach((f, i) => {
      const c = checkProjectPath(f, root);
      if (c.ok) {
        list[i] = c.path;
        return;
      }
      const detail: DiagnosticDetail = {
        expected: 'a file inside the project, e.g. fonts/Amiri-Regular.ttf',
        found: JSON.stringify(excerpt(f, 80)),
        hint: c.code === 'E-META-REMOTE' ? 'download the font into fonts/ (check its licence) and give that path' : 'copy the file into the project (e.g. fonts/) and give a relative path',
      };
      r.error(c.code, placeOf(['theme', 'fonts', which, i]) ?? fallback, `theme.fonts.${which}[${i}]: ${c.why}`, detail);
    });
  }
}

function checkTheme(data: Meta, placeOf: LoadedMeta['placeOf'], fallback: SourcePlace, r: Reporter): void {
  const t = data.theme;
  if (!t) return;
  const body = { ...defaultTheme('rtl').body, ...t.body };
  if (!(body.minSize <= body.size && body.size <= body.maxSize)) {
    r.error('E-META-THEME', placeOf(['theme', 'body']) ?? fallback, `theme.body: size ${body.size} is outside minSize ${body.minSize} … maxSize ${body.maxSize}`, {
      expected: 'minSize ≤ size ≤ maxSize',
      found: `minSize ${body.minSize}, size ${body.size}, maxSize ${body.maxSize}`,
      hint: 'adjust one of the three sizes',
    });
  }
  const known = [...DEFAULT_CARDS.map((c) => c.name), ...(t.cards?.add ?? []).map((c) => c.name)];
  (t.cards?.drop ?? []).forEach((name, i) => {
    if (known.includes(name)) return;
    const guess = didYouMean(name, known);
    r.error('E-META-VALUE', placeOf(['theme', 'cards', 'drop', i]) ?? fallback, `theme.cards.drop[${i}]: no card format named \`${name}\``, {
      expected: known.join(' | '),
      found: JSON.stringify(name),
      hint: guess ? `did you mean \`${guess}\`?` : `card formats: ${known.join(', ')}`,
    });
  });
  const names = new Set<string>();
  (t.cards?.add ?? []).forEach((c, i) => {
    if (names.has(c.name))
      r.error('E-META-VALUE', placeOf(['theme', 'cards', 'add', i, 'name']) ?? fallback, `theme.cards.add[${i}]: card format \`${c.name}\` is added twice`, {
        expected: 'unique card names',
        found: JSON.stringify(c.name),
        hint: 'remove one of the two entries',
      });
    names.add(c.name);
  });
}

// ---------------------------------------------------------------------------
// YAML nodes → places

function locate(sources: readonly LoadedSource[], p: MetaPath, key: boolean, text = false): SourcePlace | undefined {
  let best: { depth: number; place: SourcePlace } | undefined;
  for (const s of sources) {
    const found = findNode(s.doc, p);
    if (!found) continue;
    const exact = found.depth === p.length;
    // An absent path (e.g. `start` inside the shorthand `date: --02-30`) points at the nearest written value.
    const node = exact && key && found.keyNode ? found.keyNode : (found.node ?? found.keyNode);
    let offset = node?.range?.[0];
    if (offset === undefined) continue;
    if (text && exact && !key && isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) offset += 1;
    const pl = placeAt(s.text, offset, s.file);
    const place = { ...pl, line: pl.line + (s.lineOffset ?? 0) };
    if (exact) return place;
    if (!best || found.depth > best.depth) best = { depth: found.depth, place };
  }
  return best?.place;
}

type Ranged = { range?: [number, number, number] | null };

/** Offset of the first key written twice in one mapping, if any. */
function firstDuplicateKey(doc: Document): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const it of map.items) {
        if (!isScalar(it.key)) continue;
        const k = String(it.key.value);
        if (seen.has(k)) {
          found = it.key.range?.[0] ?? 0;
          return visit.BREAK;
        }
        seen.add(k);
      }
      return undefined;
    },
  });
  return found;
}

/** A YAML mapping's pairs by key, made once per mapping: places of 50,000 keys are looked up in linear time. */
const pairIndex = new WeakMap<object, Map<string, Pair>>();
function pairsByKey(map: YAMLMap): Map<string, Pair> {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const it of map.items) if (isPair(it) && isScalar(it.key) && !index.has(String(it.key.value))) index.set(String(it.key.value), it);
    pairIndex.set(map, index);
  }
  return index;
}

/** Walks as far along `p` as the YAML goes. */
function findNode(doc: Document, p: MetaPath): { depth: number; node?: Ranged; keyNode?: Ranged } | undefined {
  let node: unknown = doc.contents;
  let keyNode: Ranged | undefined;
  let depth = 0;
  for (const seg of p) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = pairsByKey(node).get(String(seg));
      if (!pair) break;
      keyNode = pair.key as Ranged;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      keyNode = undefined;
      node = node.items[seg];
    } else break;
    depth++;
  }
  if (depth === 0) return { depth: 0, node: (doc.contents ?? undefined) as Ranged | undefined };
  return { depth, node: (node ?? undefined) as (YamlNode & Ranged) | undefined, keyNode };
}

// ---------------------------------------------------------------------------

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Deep merge of mappings; `top` wins; lists are replaced, not merged. */
export function deepMerge(base: unknown, top: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(top)) return top === undefined ? base : top;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(top)) {
    const value = Object.prototype.hasOwnProperty.call(base, k) ? deepMerge(base[k], v) : v;
    // defineProperty: a YAML key `__proto__` must stay a plain (unknown) key.
    Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export function getIn(v: unknown, p: MetaPath): unknown {
  let cur = v;
  for (const seg of p) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** For diagnostics built outside this module. */
export function metaDiagnostic(code: string, severity: 'error' | 'warning', place: SourcePlace, message: string, detail: DiagnosticDetail): Diagnostic {
  return makeDiagnostic(code, severity, place, message, detail);
}
