/**
 * Editorial metadata: front matter and/or a sidecar `<source>.meta.yaml`.
 * Validated with the zod schema (meta.ts); every problem becomes a Diagnostic
 * that points at the key or value in the YAML it came from (metaYaml.ts,
 * metaIssues.ts). Pure: callers pass the YAML text.
 */
import path from 'node:path';
import type { z } from 'zod';
import type { Diagnostic, SourcePlace } from '../diagnostics.js';
import { excerpt, Reporter, type DiagnosticDetail } from '../parse/report.js';
import { didYouMean } from '../suggest.js';
import { metaSchema, type Meta } from './meta.js';
import { issueToDiagnostics, type PlaceOf } from './metaIssues.js';
import { deepMerge, isPlainObject, locate, readYaml, type LoadedSource, type MetaPath, type MetaSource } from './metaYaml.js';
import { DEFAULT_CARDS, defaultTheme } from './theme.js';

export type { MetaSource } from './metaYaml.js';

export interface LoadedMeta {
  /** Validated metadata. After errors: only the top-level entries that are valid on their own. */
  data: Meta;
  /**
   * Where a key (`key: true`) or its value is written; the nearest written
   * ancestor if the path is absent. `text: true`: for a quoted scalar, where
   * its text starts (after the quote).
   */
  placeOf: PlaceOf;
  /**
   * The metadata may give a build date that could not be read: a source was
   * left out for its YAML errors, or its `date:` is invalid. The build date
   * is then neither guessed nor reported missing; the error already says
   * where to look.
   */
  dateUnknown?: boolean;
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
  meta.dateUnknown = loaded.length < sources.length || (Object.prototype.hasOwnProperty.call(merged, 'date') && data.date === undefined);
  return { meta, diagnostics: r.finish() };
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
// Checks after the schema

/** Result of checking a project-relative path. */
type PathCheck = { ok: true; path: string } | { ok: false; code: 'E-META-PATH' | 'E-META-REMOTE'; why: string };

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
  if (!(body.minSize <= body.size)) {
    r.error('E-META-THEME', placeOf(['theme', 'body']) ?? fallback, `theme.body: size ${body.size} is below minSize ${body.minSize}`, {
      expected: 'minSize ≤ size',
      found: `minSize ${body.minSize}, size ${body.size}`,
      hint: 'raise size or lower minSize',
    });
  }
  const leaflet = { ...defaultTheme('rtl').leafletBody, ...t.leafletBody };
  if (!(leaflet.compact <= leaflet.regular)) {
    r.error('E-META-THEME', placeOf(['theme', 'leafletBody']) ?? fallback, `theme.leafletBody: compact ${leaflet.compact} is larger than regular ${leaflet.regular}`, {
      expected: 'compact ≤ regular (compact is for a point that fits one page only at it, or runs on to fewer pages at it)',
      found: `regular ${leaflet.regular}, compact ${leaflet.compact}`,
      hint: t.leafletBody?.compact === undefined ? `give a compact size too, e.g. compact: ${Math.round(leaflet.regular / 1.125)}` : 'swap the two sizes, or lower compact',
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
