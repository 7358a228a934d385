/**
 * zod issues → diagnostics: each validation problem in the metadata becomes
 * one located error with expected, found and a hint (did-you-mean for keys
 * and values).
 */
import type { z } from 'zod';
import type { SourcePlace } from '../diagnostics.js';
import { excerpt, Reporter } from '../parse/report.js';
import { didYouMean } from '../suggest.js';
import { metaSchema } from './meta.js';
import { getIn, type MetaPath } from './metaYaml.js';

/** Where a metadata path is written (see LoadedMeta.placeOf). */
export type PlaceOf = (path: MetaPath, opts?: { key?: boolean; text?: boolean }) => SourcePlace | undefined;

type Issue = z.core.$ZodIssue;

function formatPath(p: MetaPath): string {
  if (p.length === 0) return '(top level)';
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** What every report of an issue reads: the path, its name, what was found there and where it is written. */
interface IssueAt {
  p: MetaPath;
  name: string;
  received: unknown;
  found: string;
  where: (q: MetaPath, key?: boolean) => SourcePlace;
  r: Reporter;
}

type IssueOf<C extends Issue['code']> = Extract<Issue, { code: C }>;

/** One zod issue as located errors, by its kind. */
export function issueToDiagnostics(issue: Issue, raw: unknown, placeOf: PlaceOf, fallback: SourcePlace, r: Reporter): void {
  const p = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  const received = getIn(raw, p);
  const at: IssueAt = { p, name: formatPath(p), received, found: describe(received), where: (q, key = false) => placeOf(q, { key }) ?? fallback, r };
  switch (issue.code) {
    case 'unrecognized_keys':
      return unknownKeys(issue, at);
    case 'invalid_key':
      return notAPointNumber(at);
    case 'invalid_type':
      return wrongType(issue, at);
    case 'invalid_value':
      return notOneOf(issue, at);
    case 'too_small':
    case 'too_big':
      return outOfRange(issue, at);
    case 'invalid_format':
      return badFormat(issue, at);
    default:
      return otherIssue(issue, at);
  }
}

function unknownKeys(issue: IssueOf<'unrecognized_keys'>, { p, name, where, r }: IssueAt): void {
  const allowed = allowedKeysAt(p);
  for (const k of issue.keys) {
    const full = [...p, k];
    const guess = didYouMean(k, allowed);
    const retired = RETIRED_KEYS[formatPath(full)];
    r.error('E-META-UNKNOWN-KEY', where(full, true), `unknown key \`${k}\` ${p.length > 0 ? `in ${name}` : 'at the top level'}${retired ? ' (no longer read)' : ''}`, {
      expected: allowed.length > 0 ? `one of: ${allowed.join(', ')}` : 'no keys here',
      found: k,
      hint: retired ?? (guess ? `did you mean \`${guess}\`?` : `allowed keys: ${allowed.join(', ')}`),
    });
  }
}

/** A key of a mapping by point number that is not one (points.<n>). */
function notAPointNumber({ p, where, r }: IssueAt): void {
  const key = String(p[p.length - 1]);
  r.error('E-META-POINT-KEY', where(p, true), `\`${key}\` in ${formatPath(p.slice(0, -1))} is not a point number`, {
    expected: 'a point number written with ASCII digits: 1, 2, … 999',
    found: key,
    hint: 'write the number of the point this entry is for, e.g. `3:`',
  });
}

/** A value of the wrong type, or a required key missing (zod's type error on `undefined`). */
function wrongType(issue: IssueOf<'invalid_type'>, { p, name, received, found, where, r }: IssueAt): void {
  const missing = received === undefined;
  const expectedType = issue.expected === 'record' ? 'mapping' : issue.expected === 'object' ? 'mapping' : issue.expected === 'array' ? 'list' : issue.expected;
  r.error(
    'E-META-TYPE',
    missing ? where(p.slice(0, -1), true) : where(p),
    missing ? `${formatPath(p.slice(0, -1))} needs \`${String(p[p.length - 1])}\`` : `${name} should be a ${expectedType}`,
    { expected: String(expectedType), found: missing ? 'nothing' : found, hint: missing ? `add \`${String(p[p.length - 1])}:\`` : typeHint(String(issue.expected)) },
  );
}

function notOneOf(issue: IssueOf<'invalid_value'>, { p, name, received, found, where, r }: IssueAt): void {
  const values = issue.values.map(String);
  const guess = typeof received === 'string' ? didYouMean(received, values) : undefined;
  r.error('E-META-VALUE', where(p), `${name} must be one of ${values.join(' | ')}`, {
    expected: values.join(' | '),
    found,
    hint: guess ? `did you mean \`${guess}\`?` : `allowed: ${values.join(', ')}`,
  });
}

function outOfRange(issue: IssueOf<'too_small'> | IssueOf<'too_big'>, { p, name, found, where, r }: IssueAt): void {
  const bound = issue.code === 'too_small' ? `≥ ${String(issue.minimum)}` : `≤ ${String(issue.maximum)}`;
  const isLen = issue.origin === 'array' || issue.origin === 'string';
  r.error('E-META-VALUE', where(p), `${name} ${issue.message === 'must not be empty' ? 'must not be empty' : isLen ? `length must be ${bound}` : `must be ${bound}`}`, {
    expected: isLen ? `length ${bound}` : bound,
    found,
    hint: issue.origin === 'array' ? 'give at least one entry' : 'use a value in range',
  });
}

function badFormat(issue: IssueOf<'invalid_format'>, { p, name, found, where, r }: IssueAt): void {
  r.error('E-META-VALUE', where(p), `${name} must be ${issue.message}`, {
    expected: issue.message,
    found,
    hint: FORMAT_HINTS[issue.message] ?? 'see docs/errors.md for the metadata format',
  });
}

/** Any other issue (warraq's own refinements among them): the code and expectation its params give, else zod's message. */
function otherIssue(issue: Issue, { p, name, found, where, r }: IssueAt): void {
  const params = (issue as { params?: { warraq?: string; expected?: string } }).params;
  const code = params?.warraq ?? 'E-META-VALUE';
  const expected = params?.expected ?? issue.message;
  r.error(code, where(p), `${name}: ${issue.message}`, {
    expected,
    found,
    hint: code === 'E-META-DATE' ? 'dates are written 2024-05-09 (a day) or --05-09 (every year); the day must exist' : 'see docs/errors.md for the metadata format',
  });
}

/** Keys warraq once read, by path, with what replaced them: reported as unknown keys with this hint. */
const RETIRED_KEYS: Record<string, string> = {
  'theme.body.maxSize': 'leaflets take their body sizes from `theme.leafletBody` (e.g. `leafletBody: {regular: 14, compact: 12}`); remove `maxSize`',
};

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
