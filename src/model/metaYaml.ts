/**
 * Metadata YAML: parsing (every YAML problem a located diagnostic), the plain
 * data it holds, and where in the text a key or value was written.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit, YAMLParseError, type Document, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { placeAt, type SourcePlace } from '../diagnostics.js';
import { excerpt, Reporter } from '../parse/report.js';

export interface MetaSource {
  /** YAML text. */
  text: string;
  /** File name for diagnostics. */
  file: string;
  /** Lines before the YAML's first line in `file` (front matter starts on line 2 → 1). */
  lineOffset?: number;
}

export type MetaPath = ReadonlyArray<string | number>;

export interface LoadedSource extends MetaSource {
  doc: Document;
  raw: Record<string, unknown>;
}

export function readYaml(s: MetaSource, r: Reporter): LoadedSource | undefined {
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


// ---------------------------------------------------------------------------
// YAML nodes → places

export function locate(sources: readonly LoadedSource[], p: MetaPath, key: boolean, text = false): SourcePlace | undefined {
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

export function isPlainObject(v: unknown): v is Record<string, unknown> {
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
