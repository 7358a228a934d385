/**
 * Source text → ParsedSource. Pure: no file system, no clock.
 *
 * The convention (see docs/errors.md for every diagnostic):
 *
 *   ---                      optional YAML front matter
 *   lang: ar
 *   ---
 *   ## Title                 the title line
 *
 *   Preamble paragraph(s).
 *
 *   ١. First point.          labels: ٠-٩, ۰-۹ or 0-9, then `.`, `)` or `-`
 *
 *   A further paragraph of    a point goes on over the following paragraphs
 *   point ١.                  until the next numbered line
 *   (١) a sub-item            sub-items: `(١)`, `أ-`, `a)`, or `1)` when the
 *   (٢) another               points are numbered `1.`/`1-`; one paragraph each
 *   ٢) Second point.
 *
 *   **Imprint** line  ␠␠      the imprint: from the first paragraph after the
 *   *italic*, <sup>sup</sup>  last point that has imprint markup (bold, italic,
 *                             <sup>, hard line breaks) or follows a `---` line
 *
 * Everything is one linear pass over the lines; no backtracking regexes.
 */
import type { Diagnostic, SourcePlace } from '../diagnostics.js';
import type { DigitSystem, Direction, ImprintLine, Paragraph, PointParagraph, SourceSpan } from './types.js';
import { ParagraphScanner } from './checks.js';
import { digitOf, DIGIT_NAMES, formatNumber, isArabicLetter, isArabicOnlyLetter, isHebrewLetter, isLtrLetter, isPersianLetter } from './chars.js';
import { parseImprintParagraph, type RawLine } from './inline.js';
import { excerpt, Reporter } from './report.js';
import { withoutAddresses } from '../text/addresses.js';

export { decodeSource, firstInvalidUtf8 } from './decode.js';

export interface ParsedPoint {
  /** The number's value. */
  number: number;
  /** The label as written, e.g. `٨ .` or `12)`. */
  label: string;
  /** Digit family of the label ('mixed' when it mixes families). */
  labelDigits: DigitSystem | 'mixed';
  /** Verbatim point text, without the label: its paragraphs joined by a line break (sub-items keep their labels). */
  text: string;
  /** The point's paragraphs; the first is the one after the number. */
  paragraphs: PointParagraph[];
  /** Where `text` starts. */
  place: SourcePlace;
  /** Where `text` continues on later source lines (soft-wrapped points). */
  spans?: SourceSpan[];
  /** Where the label's first digit is. */
  labelPlace: SourcePlace;
}

interface FrontMatter {
  /** The YAML between the `---` lines. */
  text: string;
  /** 1-based source line of the YAML's first line. */
  line: number;
}

interface DetectedLanguage {
  lang: string;
  dir: Direction;
  digits: DigitSystem;
}

export interface ParsedSource {
  file: string;
  frontMatter?: FrontMatter;
  /** The `## ` title, if the source has one. */
  title?: string;
  titlePlace?: SourcePlace;
  /**
   * Where the missing title was reported when the first block is no heading at
   * all (it is read as the preamble): the metadata's `title:` may stand in for
   * it, which only the model knows (texts such as a surah or a charter open
   * with the author's words, not a title line that would have to be added).
   */
  untitled?: SourcePlace;
  preamble: Paragraph[];
  points: ParsedPoint[];
  imprint: ImprintLine[];
  /** Guessed from the text; metadata overrides it. */
  detected: DetectedLanguage;
}

interface ParseResult {
  doc: ParsedSource;
  diagnostics: Diagnostic[];
}

const DIGIT_CLASS = '0-9\\u0660-\\u0669\\u06F0-\\u06F9';
/**
 * Point label: digits (any number of them: ١٠٠٠ after ٩٩٩ is a point, and a
 * year after the last point is a numbering error, never silently the
 * imprint), optional spaces, then `.`, `)` or `-` not followed by a digit.
 * Linear: the digit class and what may follow it do not overlap.
 */
const LABEL_RE = new RegExp(
  `^([ \\t\\u00A0]{0,8})([${DIGIT_CLASS}]+)[ \\t\\u00A0]{0,8}(?:[.)](?![${DIGIT_CLASS}])|-(?![ \\t\\u00A0]{0,8}[${DIGIT_CLASS}]))`,
);
const HEADING_RE = /^[ \t]{0,3}(#{1,6})(?:[ \t]|$)/;
/** Sub-item label: `(١)`, `(a)`, `(أ)`; a letter then `-` or `)`; digits then `)`; followed by a space. */
const ITEM_RE = new RegExp(
  `^[ \\t\\u00A0]{0,8}(\\((?:[${DIGIT_CLASS}]{1,3}|[a-z\\u0621-\\u064A\\u067E\\u0686\\u0698\\u06A9\\u06AF\\u06CC])\\)|[a-z\\u0621-\\u064A\\u067E\\u0686\\u0698\\u06A9\\u06AF\\u06CC][-)]|[${DIGIT_CLASS}]{1,3}\\))[ \\t\\u00A0]+(?=\\S)`,
);
/** A `1)`-style sub-item label (digits, then `)`). */
const NUMBERED_ITEM_RE = new RegExp(`^[${DIGIT_CLASS}]{1,3}\\)$`);
/** A line of three or more `-`, `*` or `_`: the imprint starts after it. */
const RULE_RE = /^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/** Imprint markup: bold/italic asterisks, <sup>, or a hard line break (two trailing spaces). */
const IMPRINT_MARKUP_RE = /\*\S|<sup>| {2,}$/m;

interface Block {
  /** 0-based index into `lines`, inclusive. */
  from: number;
  /** Exclusive. */
  to: number;
}

export function parseSource(text: string, file: string): ParseResult {
  const r = new Reporter();
  const doc: ParsedSource = {
    file,
    preamble: [],
    points: [],
    imprint: [],
    detected: { lang: 'en', dir: 'ltr', digits: 'latn' },
  };

  const t = withoutBomOrCr(text, file, r);
  if (t.trim() === '') {
    r.error('E-EMPTY', { file, line: 1, col: 1 }, text.length === 0 ? 'the source file is empty' : 'the source file contains only whitespace', {
      expected: 'a `## ` title line, then paragraphs and numbered points',
      found: text.length === 0 ? '0 bytes' : `${text.length} whitespace character(s)`,
      hint: 'check that the right file was given and that it was saved',
    });
    return { doc, diagnostics: r.finish() };
  }

  const lines = t.split('\n');
  const start = readFrontMatter(lines, doc, r);
  if (start === undefined) return { doc, diagnostics: r.finish() };
  const blocks = blocksOf(lines, start);
  const source = new SourceLines(lines, file, new ParagraphScanner(file, r, 'plain'));
  const body = readTitle(blocks, start, source, doc, r);
  const imprintBlocks = readPoints(blocks.slice(body), source, doc, r);

  if (doc.points.length === 0 && blocks.length > 0) {
    const last = blocks[blocks.length - 1];
    r.error('E-POINTS-NONE', { file, line: last.from + 1, col: 1 }, 'no numbered points found', {
      expected: 'paragraphs starting with a number, e.g. `١. …` or `1) …`',
      found: `${doc.preamble.length} unnumbered paragraph(s)`,
      hint: 'number the points: digits, then `.`, `)` or `-`, then the text',
    });
  }

  readImprint(imprintBlocks, lines, doc, r);
  checkNumbering(doc, r);
  doc.detected = detectLanguage(doc);
  return { doc, diagnostics: r.finish() };
}

/** The text without a byte-order mark (W-BOM) and with every line ending a `\n`. */
function withoutBomOrCr(text: string, file: string, r: Reporter): string {
  let t = text;
  if (t.charCodeAt(0) === 0xfeff) {
    r.warn('W-BOM', { file, line: 1, col: 1 }, 'file starts with a byte-order mark (BOM)', {
      expected: 'UTF-8 without BOM',
      found: 'U+FEFF at the start of the file',
      hint: 'harmless, and removed; save as "UTF-8" rather than "UTF-8 with BOM" to silence this',
    });
    t = t.slice(1);
  }
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  return t;
}

/** Front matter (`---` … `---`) into `doc.frontMatter`: the index of the first line after it (0 without); undefined when it is never closed (E-FRONTMATTER-UNCLOSED). */
function readFrontMatter(lines: string[], doc: ParsedSource, r: Reporter): number | undefined {
  if (lines[0].trimEnd() !== '---') return 0;
  let close = -1;
  for (let k = 1; k < lines.length; k++) {
    const l = lines[k].trimEnd();
    if (l === '---' || l === '...') {
      close = k;
      break;
    }
  }
  if (close < 0) {
    r.error('E-FRONTMATTER-UNCLOSED', { file: doc.file, line: 1, col: 1 }, 'front matter opened with `---` is never closed', {
      expected: 'a line `---` after the metadata',
      found: 'end of file',
      hint: 'add a `---` line after the YAML metadata, before the `## ` title',
    });
    return undefined;
  }
  doc.frontMatter = { text: lines.slice(1, close).join('\n'), line: 2 };
  return close + 1;
}

/**
 * Blocks: runs of non-blank lines from line `start`. Headings are blocks of
 * their own; a numbered line starts a new block even without a blank line
 * before it.
 */
function blocksOf(lines: string[], start: number): Block[] {
  const blocks: Block[] = [];
  let cur = -1;
  let prevHeading = false;
  for (let k = start; k < lines.length; k++) {
    const l = lines[k];
    if (isBlank(l)) {
      if (cur >= 0) blocks.push({ from: cur, to: k });
      cur = -1;
      prevHeading = false;
      continue;
    }
    const heading = HEADING_RE.test(l);
    if (cur >= 0 && (heading || prevHeading || LABEL_RE.test(l) || ITEM_RE.test(l) || RULE_RE.test(l) || RULE_RE.test(lines[k - 1]))) {
      blocks.push({ from: cur, to: k });
      cur = -1;
    }
    if (cur < 0) cur = k;
    prevHeading = heading;
  }
  if (cur >= 0) blocks.push({ from: cur, to: lines.length });
  return blocks;
}

/** The source's lines, read a block at a time: a block's paragraph with its places, and its scan (markup, characters: checks.ts). */
class SourceLines {
  constructor(
    readonly lines: string[],
    readonly file: string,
    readonly scanner: ParagraphScanner,
  ) {}

  /** Scans the block's lines as one paragraph, its first line from `firstFrom`. */
  scanBlock(b: Block, firstFrom: number): void {
    for (let k = b.from; k < b.to; k++) {
      const from = k === b.from ? firstFrom : 0;
      this.scanner.line(this.lines[k], k + 1, from, from === 0 ? 1 : cpLen(this.lines[k], from) + 1);
    }
    this.scanner.end();
  }

  /** Where the text from `from` on the block's first line starts (its first character after white space). */
  placeOf(b: Block, from: number): SourcePlace {
    const first = this.lines[b.from].slice(from);
    const lead = first.length - first.trimStart().length;
    return { file: this.file, line: b.from + 1, col: cpLen(this.lines[b.from], from + lead) + 1 };
  }

  /** Verbatim paragraph text starting at `from` on the block's first line, soft-wrapped lines joined by one space. */
  paragraphOf(b: Block, from: number): Paragraph {
    const { lines, file } = this;
    const first = lines[b.from].slice(from);
    const place = this.placeOf(b, from);
    if (b.to - b.from === 1) return { text: first.trim(), place };
    let text = first.trim();
    const spans: SourceSpan[] = [{ at: 0, place }];
    for (let k = b.from + 1; k < b.to; k++) {
      const part = lines[k].trim();
      if (part === '') continue;
      if (text !== '') text += ' ';
      const lineLead = lines[k].length - lines[k].trimStart().length;
      spans.push({ at: text.length, place: { file, line: k + 1, col: cpLen(lines[k], lineLead) + 1 } });
      text += part;
    }
    return { text, place, spans };
  }
}

/** The `## ` title from the first block into `doc.title` (E-TITLE-MISSING without one): the index of the first block after it. `start`: the line after the front matter. */
function readTitle(blocks: Block[], start: number, source: SourceLines, doc: ParsedSource, r: Reporter): number {
  const { file, scanner } = source;
  if (blocks.length === 0) {
    r.error('E-TITLE-MISSING', { file, line: start + 1, col: 1 }, 'no `## ` title line: the file has only front matter', {
      expected: '`## ` followed by the title',
      found: 'end of file',
      hint: 'add the title line, e.g. `## خطة عمل`, after the front matter',
    });
    return 0;
  }
  const b = blocks[0];
  const l = source.lines[b.from];
  const m = HEADING_RE.exec(l);
  if (m && m[1].length === 2) {
    const titleStart = m[0].length;
    const title = stripClosingHashes(l.slice(titleStart).trim());
    const place = source.placeOf(b, titleStart);
    if (title === '') {
      r.error('E-TITLE-MISSING', { file, line: b.from + 1, col: 1 }, 'the `## ` title line is empty', {
        expected: 'a title after `## `',
        found: excerpt(l.trim()),
        hint: 'write the title on the same line, e.g. `## خطة عمل`',
      });
    } else {
      doc.title = title;
      doc.titlePlace = place;
      scanner.line(l, b.from + 1, titleStart, cpLen(l, titleStart) + 1);
      scanner.end();
    }
    return 1;
  }
  if (!m) doc.untitled = { file, line: b.from + 1, col: 1 };
  r.error('E-TITLE-MISSING', { file, line: b.from + 1, col: 1 }, 'the source does not start with a `## ` title line', {
    expected: '`## ` followed by the title, as the first line',
    found: excerpt(l.trim()),
    hint: m
      ? `use exactly two hashes: \`## ${excerpt(l.slice(m[0].length).trim())}\``
      : 'add the title as the first line, e.g. `## خطة عمل`, or give it as `title:` in the metadata',
  });
  return m ? 1 : 0; // a wrongly-levelled title: not a paragraph
}

/**
 * The preamble and the numbered points (each with its further paragraphs
 * and sub-items) from the blocks after the title, into `doc`; returns the
 * imprint's blocks: after the last point, from the first paragraph with
 * imprint markup or after a `---` line.
 */
function readPoints(blocks: Block[], source: SourceLines, doc: ParsedSource, r: Reporter): Block[] {
  const { lines } = source;
  /** The blocks after the last point so far: its further paragraphs and sub-items, or the imprint. */
  const pending: Block[] = [];
  const numbering: Numbering = {};
  for (const b of blocks) {
    const first = lines[b.from];
    const heading = HEADING_RE.test(first);
    if (heading) warnHeading(b, first, source.file, r);
    const lm = heading ? null : pointLabel(first, numbering, doc.points);
    if (lm) {
      closePoint(doc.points, pending, source);
      doc.points.push(openPoint(b, lm, numbering, source, r));
    } else if (doc.points.length === 0) {
      doc.preamble.push(source.paragraphOf(b, 0));
      source.scanBlock(b, 0);
    } else {
      pending.push(b);
    }
  }
  // After the last point: its further paragraphs, then the imprint, which
  // starts at the first paragraph with imprint markup or after a `---` line.
  let cut = pending.findIndex((b) => RULE_RE.test(lines[b.from]) || IMPRINT_MARKUP_RE.test(lines.slice(b.from, b.to).join('\n')));
  if (cut < 0) cut = pending.length;
  const rest = pending.splice(cut);
  closePoint(doc.points, pending, source);
  return rest.filter((b) => !(b.to - b.from === 1 && RULE_RE.test(lines[b.from])));
}

/** How the points read so far are numbered: their delimiter (`.`, `-` or `)`), and the last `1)`-style sub-item number in the current point. */
interface Numbering {
  delimiter?: string;
  item?: number;
}

function warnHeading(b: Block, first: string, file: string, r: Reporter): void {
  r.warn('W-MARKUP-HEADING', { file, line: b.from + 1, col: cpLen(first, first.indexOf('#')) + 1 }, 'heading markup is only allowed on the title line', {
    expected: 'one `## ` title at the top; plain paragraphs below',
    found: excerpt(first.trim()),
    hint: 'the line is kept as a plain paragraph, hashes included; remove the `#` marks',
  });
}

/**
 * The label (LABEL_RE's match) of the point a block's first line opens, or
 * null. `1)` inside a document whose points are numbered `1.` or `1-` is a
 * sub-item (its number goes to `numbering`), unless it is the next point's
 * number and no sub-item list is open.
 */
function pointLabel(first: string, numbering: Numbering, points: ParsedPoint[]): RegExpExecArray | null {
  const lm = LABEL_RE.exec(first);
  if (lm && numbering.delimiter !== undefined && delimiterOf(lm[0]) === ')' && numbering.delimiter !== ')') {
    const value = numberOf(lm[2]);
    const last = points[points.length - 1];
    if (numbering.item !== undefined ? value === numbering.item + 1 : value !== last.number + 1) {
      numbering.item = value;
      return null;
    }
  }
  return lm;
}

/** The point block `b` opens, `lm` its label, its text scanned. */
function openPoint(b: Block, lm: RegExpExecArray, numbering: Numbering, source: SourceLines, r: Reporter): ParsedPoint {
  numbering.item = undefined;
  numbering.delimiter ??= delimiterOf(lm[0]);
  // A sub-item label right after the point's label («۲۶. (۱) …») opens the
  // point's first sub-item, like the ones that start the following lines;
  // a `1)` there opens the list its `2)` continues.
  const im = ITEM_RE.exec(source.lines[b.from].slice(lm[0].length));
  const point = pointOf(b, lm, im, source, r);
  if (im && numbering.delimiter !== ')' && NUMBERED_ITEM_RE.test(im[1])) numbering.item = numberOf(im[1].slice(0, -1));
  source.scanBlock(b, lm[0].length + (im ? im[0].length : 0));
  return point;
}

/** The further paragraphs and sub-items waiting in `pending` join the last point (if any); `pending` is emptied. */
function closePoint(points: ParsedPoint[], pending: Block[], source: SourceLines): void {
  const point = points[points.length - 1];
  if (point) {
    const { lines } = source;
    for (const b of pending) {
      const im = ITEM_RE.exec(lines[b.from]) ?? LABEL_RE.exec(lines[b.from]);
      const para: PointParagraph = source.paragraphOf(b, im ? im[0].length : 0);
      if (im) {
        para.item = im[0].trim();
        para.itemPlace = source.placeOf(b, 0);
      }
      point.paragraphs.push(para);
      source.scanBlock(b, im ? im[0].length : 0);
    }
    if (point.paragraphs.length > 1 || point.paragraphs[0].item) joinParagraphs(point);
  }
  pending.length = 0;
}

/** A numbered point from its block, `lm` its label's match (LABEL_RE), `im` a sub-item label's right after it (ITEM_RE); E-POINT-EMPTY when it has no text. */
function pointOf(b: Block, lm: RegExpExecArray, im: RegExpExecArray | null, source: SourceLines, r: Reporter): ParsedPoint {
  const first = source.lines[b.from];
  const digitsStart = lm[1].length;
  const digits = lm[2];
  let value = 0;
  let system: DigitSystem | 'mixed' | undefined;
  for (const ch of digits) {
    const d = digitOf(ch.charCodeAt(0))!;
    value = value * 10 + d.value;
    system = system === undefined || system === d.system ? d.system : 'mixed';
  }
  const label = lm[0].slice(digitsStart).trimEnd();
  const para: PointParagraph = source.paragraphOf(b, lm[0].length + (im ? im[0].length : 0));
  if (im) {
    para.item = im[0].trim();
    para.itemPlace = source.placeOf(b, lm[0].length);
  }
  const labelPlace = { file: source.file, line: b.from + 1, col: cpLen(first, digitsStart) + 1 };
  const point: ParsedPoint = { number: value, label, labelDigits: system!, text: para.text, paragraphs: [para], place: para.itemPlace ?? para.place, labelPlace };
  if (para.spans) point.spans = para.spans;
  if (para.text === '') {
    r.error('E-POINT-EMPTY', labelPlace, `point ${label} has no text`, {
      expected: 'the point text after the number',
      found: 'nothing',
      hint: 'write the text on the same line as the number, or delete the empty number',
    });
  }
  return point;
}

/** The imprint's blocks, each a paragraph of runs (inline.ts), into `doc.imprint`; a gap before each but the first. */
function readImprint(blocks: Block[], lines: string[], doc: ParsedSource, r: Reporter): void {
  const imprintScanner = new ParagraphScanner(doc.file, r, 'imprint');
  for (const b of blocks) {
    const raw: RawLine[] = [];
    for (let k = b.from; k < b.to; k++) {
      raw.push({ text: lines[k], line: k + 1 });
      imprintScanner.line(lines[k], k + 1);
    }
    imprintScanner.end();
    const parsed = parseImprintParagraph(raw, doc.file, r);
    if (parsed.length > 0 && doc.imprint.length > 0) parsed[0].gapBefore = true;
    doc.imprint.push(...parsed);
  }
}

/** The value of a label's digits (any family). */
function numberOf(digits: string): number {
  let value = 0;
  for (const ch of digits) value = value * 10 + digitOf(ch.charCodeAt(0))!.value;
  return value;
}

/** The delimiter of a matched point label: `.`, `)` or `-`. */
function delimiterOf(label: string): string {
  const t = label.trimEnd();
  return t[t.length - 1];
}

/**
 * A point's `text` and `spans` from its paragraphs: joined by a line break
 * (U+000A, a forced break in every output), sub-items with their labels.
 */
function joinParagraphs(point: ParsedPoint): void {
  let text = '';
  const spans: SourceSpan[] = [];
  point.paragraphs.forEach((p, i) => {
    if (i > 0) text += '\n';
    const body = p.item ? `${p.item} ${p.text}` : p.text;
    const shift = body.length - p.text.length;
    if (p.item && p.itemPlace) spans.push({ at: text.length, place: p.itemPlace });
    for (const s of p.spans ?? [{ at: 0, place: p.place }]) spans.push({ at: text.length + shift + s.at, place: s.place });
    text += body;
  });
  point.text = text;
  point.spans = spans;
}

function checkNumbering(doc: ParsedSource, r: Reporter): void {
  let expected = 1;
  let prev: { number: number; label: string } | undefined;
  const seen = new Map<number, SourcePlace>();
  let ref: { system: DigitSystem; label: string } | undefined;
  for (const p of doc.points) {
    const sys: DigitSystem = p.labelDigits === 'mixed' ? (ref?.system ?? 'latn') : p.labelDigits;
    if (p.labelDigits === 'mixed') {
      r.error('E-NUM-MIXED-DIGITS', p.labelPlace, `point number ${p.label} mixes digit systems`, {
        expected: ref ? DIGIT_NAMES[ref.system] : 'one digit system per number',
        found: p.label,
        hint: 'write every point number with the same digits',
      });
    } else if (!ref) {
      ref = { system: p.labelDigits, label: p.label };
    } else if (p.labelDigits !== ref.system) {
      r.error('E-NUM-MIXED-DIGITS', p.labelPlace, `point ${p.label} uses ${DIGIT_NAMES[p.labelDigits]}, earlier points use ${DIGIT_NAMES[ref.system]}`, {
        expected: `${formatNumber(p.number, ref.system)} (${DIGIT_NAMES[ref.system]}, like ${ref.label})`,
        found: p.label,
        hint: 'write every point number with the same digits',
      });
    }
    const want = formatNumber(expected, sys);
    if (seen.has(p.number)) {
      const first = seen.get(p.number)!;
      r.error('E-NUM-DUPLICATE', p.labelPlace, `point number ${p.label} is used twice (first at line ${first.line})`, {
        expected: want,
        found: p.label,
        hint: 'renumber the points, or merge the two if one is a stray copy',
      });
    } else if (p.number < expected) {
      r.error('E-NUM-BACKWARDS', p.labelPlace, `point ${p.label} comes after point ${prev?.label ?? '?'}: numbers go backwards`, {
        expected: `${want} (the number after ${formatNumber(expected - 1, sys)})`,
        found: p.label,
        hint: 'points must be in order 1, 2, 3, …; move the paragraph or fix its number',
      });
    } else if (p.number > expected) {
      const last = p === doc.points[doc.points.length - 1];
      r.error(
        'E-NUM-GAP',
        p.labelPlace,
        prev ? `numbering jumps from ${prev.label} to ${p.label}: ${missingNumbers(expected, p.number, sys)} missing` : `numbering starts at ${p.label}, not at ${formatNumber(1, sys)}`,
        {
          expected: want,
          found: p.label,
          hint:
            'a point may have been lost (or merged into the previous one); check against the original' +
            (last && prev ? `; if this line is not a point (a year in the imprint, say), do not follow its number with \`.\`, \`)\` or \`-\`` : ''),
        },
      );
    }
    if (!seen.has(p.number)) seen.set(p.number, p.labelPlace);
    expected = Math.max(expected, p.number + 1);
    prev = p;
  }
}

/** The numbers from `from` up to (not including) `to`, named: `٣`, `٣ and ٤`, `٣, ٤ and ٥`, `٣–٩٩٩ (997 numbers)`. */
function missingNumbers(from: number, to: number, sys: DigitSystem): string {
  const n = to - from;
  const f = (x: number) => formatNumber(x, sys);
  if (!Number.isSafeInteger(to)) return `every number from ${f(from)} on`;
  if (n === 1) return f(from);
  if (n <= 4) {
    const all = Array.from({ length: n }, (_, i) => f(from + i));
    return `${all.slice(0, -1).join(', ')} and ${all[n - 1]}`;
  }
  return `${f(from)}–${f(to - 1)} (${n.toLocaleString('en-US')} numbers)`;
}

/**
 * Guesses lang/dir/digits from the title, preamble and points (not the
 * imprint). Addresses (`withoutAddresses`, src/text/addresses.ts) do not count: a short Persian
 * text quoting a long URL is still Persian.
 */
export function detectLanguage(doc: Pick<ParsedSource, 'title' | 'preamble' | 'points'>): DetectedLanguage {
  let arabic = 0;
  let hebrew = 0;
  let ltr = 0;
  let persian = 0;
  let arabicOnly = 0;
  const digits: Record<DigitSystem, number> = { arab: 0, arabext: 0, latn: 0 };
  const count = (s: string): void => {
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c < 0x80) {
        if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) ltr++;
        else if (c >= 0x30 && c <= 0x39) digits.latn++;
        continue;
      }
      const cp = s.codePointAt(k)!;
      if (cp > 0xffff) k++;
      if (isArabicLetter(cp)) {
        arabic++;
        if (isPersianLetter(cp)) persian++;
        else if (isArabicOnlyLetter(cp)) arabicOnly++;
      } else if (isHebrewLetter(cp)) hebrew++;
      else if (cp >= 0x0660 && cp <= 0x0669) digits.arab++;
      else if (cp >= 0x06f0 && cp <= 0x06f9) digits.arabext++;
      else if (isLtrLetter(cp)) ltr++;
    }
  };
  if (doc.title) count(withoutAddresses(doc.title));
  for (const p of doc.preamble) count(withoutAddresses(p.text));
  for (const p of doc.points) count(withoutAddresses(p.text));

  const rtl = arabic + hebrew > ltr;
  const dir: Direction = rtl ? 'rtl' : 'ltr';
  const lang = !rtl ? 'en' : hebrew > arabic ? 'he' : persian > arabicOnly ? 'fa' : 'ar';

  let system: DigitSystem | undefined;
  const label = doc.points.find((p) => p.labelDigits !== 'mixed');
  if (label && label.labelDigits !== 'mixed') system = label.labelDigits;
  if (!system) {
    const best = (Object.keys(digits) as DigitSystem[]).sort((a, b) => digits[b] - digits[a])[0];
    if (digits[best] > 0) system = best;
  }
  if (!system) system = lang === 'ar' ? 'arab' : lang === 'fa' ? 'arabext' : 'latn';
  return { lang, dir, digits: system };
}

function isBlank(l: string): boolean {
  return l.trim() === '';
}

/** `Title ##` → `Title` (ATX closing sequence); `##` alone → ''. */
function stripClosingHashes(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === '#') end--;
  if (end === s.length) return s;
  if (end === 0) return '';
  if (s[end - 1] !== ' ' && s[end - 1] !== '\t') return s;
  return s.slice(0, end).trim();
}

/** Code points in `s` before UTF-16 index `end`. */
function cpLen(s: string, end: number): number {
  let n = 0;
  for (let k = 0; k < end && k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0xdc00 && c <= 0xdfff && k > 0) {
      const p = s.charCodeAt(k - 1);
      if (p >= 0xd800 && p <= 0xdbff) continue;
    }
    n++;
  }
  return n;
}
