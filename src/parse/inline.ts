/**
 * The imprint's small inline language: `**bold**`, `*italic*`,
 * `<sup>…</sup>`, backslash escapes, and hard line breaks (two trailing
 * spaces or a trailing backslash). Any other tag is reported and kept as
 * text: angle brackets are never interpreted.
 */
import type { SourcePlace } from '../diagnostics.js';
import type { ImprintLine, InlineRun, SourceSpan } from './types.js';
import { excerpt, type Reporter } from './report.js';
import { TAG_RE } from './checks.js';

const SUP_RE = /<(\/?)sup>/iy;
const ESCAPABLE = new Set(['*', '_', '<', '>', '\\', '`', '#']);

export interface RawLine {
  text: string;
  /** 1-based source line. */
  line: number;
}

interface Style {
  bold: boolean;
  italic: boolean;
  sup: boolean;
}

/** Parses one imprint paragraph (consecutive non-blank lines) into display lines. */
export function parseImprintParagraph(raw: readonly RawLine[], file: string, r: Reporter): ImprintLine[] {
  const lines = new ImprintLines(file);
  for (const { text, line } of raw) scanImprintLine(text, line, lines, r);
  lines.flush();
  lines.warnUnclosed(r);
  return lines.out;
}

/**
 * An imprint paragraph's display lines as they are built: the runs of the
 * line being built, the styles open, and the line's source map (UTF-16
 * length appended so far, the spans, and where the next character would be
 * if it continued the last span).
 */
class ImprintLines {
  readonly out: ImprintLine[] = [];
  private readonly style: Style = { bold: false, italic: false, sup: false };
  private readonly openedAt: Partial<Record<keyof Style, SourcePlace>> = {};
  private runs: InlineRun[] = [];
  private linePlace: SourcePlace | undefined;
  private appended = 0;
  private spans: SourceSpan[] = [];
  private next: { at: number; line: number; col: number } | undefined;

  constructor(readonly file: string) {}

  /** UTF-16 length of the text appended to the line so far. */
  get lineLength(): number {
    return this.appended;
  }

  /** A source line starts at `line`:`col`: the display line's place, or a space joining it to the line before. */
  startLine(line: number, col: number): void {
    if (!this.linePlace) this.linePlace = { file: this.file, line, col };
    else this.append(' ');
  }

  /** Records that the character about to go to text offset `at` is at `line`:`col` in the source. */
  mapChar(at: number, line: number, col: number, units: number): void {
    const next = this.next;
    if (!next || next.at !== at || next.line !== line || next.col !== col) this.spans.push({ at, place: { file: this.file, line, col } });
    this.next = { at: at + units, line, col: col + 1 };
  }

  append(text: string): void {
    if (text === '') return;
    const { style, runs } = this;
    this.appended += text.length;
    const last = runs[runs.length - 1];
    if (last && !!last.bold === style.bold && !!last.italic === style.italic && !!last.sup === style.sup) {
      last.text += text;
      return;
    }
    const run: InlineRun = { text };
    if (style.bold) run.bold = true;
    if (style.italic) run.italic = true;
    if (style.sup) run.sup = true;
    runs.push(run);
  }

  isOpen(key: keyof Style): boolean {
    return this.style[key];
  }

  toggle(key: keyof Style, place: SourcePlace): void {
    this.style[key] = !this.style[key];
    if (this.style[key]) this.openedAt[key] = place;
  }

  /** Ends the display line (a hard break, or the paragraph's end). */
  flush(): void {
    const { runs, linePlace } = this;
    const trimmed = trimRuns(runs);
    if (trimmed.length > 0 && linePlace) {
      const cut = runs.map((r) => r.text).join('').length - trimmed.map((r) => r.text).join('').length - trailingSpace(runs);
      const l: ImprintLine = { runs: trimmed, place: linePlace };
      const shifted = shiftSpans(this.spans, cut);
      // One verbatim stretch from `place` needs no map.
      if (!(shifted.length === 1 && shifted[0].at === 0 && samePlace(shifted[0].place, linePlace))) l.spans = shifted;
      this.out.push(l);
    }
    this.runs = [];
    this.linePlace = undefined;
    this.appended = 0;
    this.spans = [];
    this.next = undefined;
  }

  /** W-MARKUP-UNCLOSED for each style still open at the paragraph's end. */
  warnUnclosed(r: Reporter): void {
    for (const key of ['bold', 'italic', 'sup'] as const) {
      if (this.style[key] && this.openedAt[key]) {
        const mark = key === 'bold' ? '**' : key === 'italic' ? '*' : '<sup>';
        r.warn('W-MARKUP-UNCLOSED', this.openedAt[key]!, `${key} opened with ${mark} is not closed in this paragraph`, {
          expected: key === 'sup' ? '</sup>' : mark,
          found: 'end of paragraph',
          hint: `close it with ${key === 'sup' ? '</sup>' : mark} on the same paragraph`,
        });
      }
    }
  }
}

/** One source line of an imprint paragraph into `lines`: escapes, emphasis, `<sup>`, other tags and `__` reported, a hard break at its end. */
function scanImprintLine(fullLine: string, line: number, lines: ImprintLines, r: Reporter): void {
  const hard = fullLine.endsWith('  ') || fullLine.endsWith('\t') || fullLine.endsWith('\\');
  let body = fullLine.trimEnd();
  if (hard && body.endsWith('\\') && !body.endsWith('\\\\')) body = body.slice(0, -1).trimEnd();
  const scan = new ImprintLineScan(body, line, lines, r);
  while (!scan.done) {
    if (scan.escape() || scan.stars() || scan.supTag() || scan.underscores()) continue;
    scan.warnOtherTag();
    scan.character();
  }
  scan.emit();
  if (hard) lines.flush();
}

/**
 * A source line of the imprint read from left to right: `k` the UTF-16
 * offset in the line, `col` its column (code points, 1-based), and the
 * literal text read since the last style change, which goes to the display
 * line at once when a style changes (`emit`). Each step reads one token at
 * `k`, or does nothing and returns false when the token there is another's.
 */
class ImprintLineScan {
  private k: number;
  private col: number;
  private literal = '';

  constructor(
    private readonly body: string,
    private readonly line: number,
    private readonly lines: ImprintLines,
    private readonly r: Reporter,
  ) {
    this.k = body.length - body.trimStart().length;
    this.col = [...body.slice(0, this.k)].length + 1;
    lines.startLine(line, this.col);
  }

  get done(): boolean {
    return this.k >= this.body.length;
  }

  private at(): SourcePlace {
    return { file: this.lines.file, line: this.line, col: this.col };
  }

  /** Moves on `units` UTF-16 units and `cols` columns. */
  private advance(units: number, cols = units): void {
    this.k += units;
    this.col += cols;
  }

  /** Appends `text` to the literal, its code points mapped to the columns from `col` on. */
  private keep(text: string, col = this.col): void {
    let at = this.lines.lineLength + this.literal.length;
    let c = col;
    for (const ch of text) {
      this.lines.mapChar(at, this.line, c++, ch.length);
      at += ch.length;
    }
    this.literal += text;
  }

  /** The literal read so far goes to the display line, in the style before the change that follows. */
  emit(): void {
    this.lines.append(this.literal);
    this.literal = '';
  }

  /** `\*` and the like: the character after the backslash, as text. */
  escape(): boolean {
    const { body, k } = this;
    if (body[k] !== '\\' || k + 1 >= body.length || !ESCAPABLE.has(body[k + 1])) return false;
    this.keep(body[k + 1], this.col + 1);
    this.advance(2);
    return true;
  }

  /** A run of `*`: each pair toggles bold, an odd one left over italic. */
  stars(): boolean {
    let n = 0;
    while (this.body[this.k + n] === '*') n++;
    if (n === 0) return false;
    this.emit();
    const place = this.at();
    for (let m = n; m >= 2; m -= 2) this.lines.toggle('bold', place);
    if (n % 2 === 1) this.lines.toggle('italic', place);
    this.advance(n);
    return true;
  }

  /** `<sup>` or `</sup>`: toggles superscript, or is reported (a stray closing tag, a nested opening one) and ignored. */
  supTag(): boolean {
    if (this.body[this.k] !== '<') return false;
    SUP_RE.lastIndex = this.k;
    const sup = SUP_RE.exec(this.body);
    if (!sup) return false;
    this.emit();
    const closing = sup[1] === '/';
    if (closing === this.lines.isOpen('sup')) this.lines.toggle('sup', this.at());
    else
      this.r.warn('W-MARKUP-TAG', this.at(), closing ? 'stray </sup> with no <sup> before it' : 'nested <sup> inside <sup>', {
        expected: closing ? '<sup>…</sup>' : '</sup> first',
        found: sup[0],
        hint: 'the tag is ignored',
      });
    this.advance(sup[0].length);
    return true;
  }

  /** `__` (or more): reported, kept as text. */
  underscores(): boolean {
    if (this.body[this.k] !== '_' || this.body[this.k + 1] !== '_') return false;
    let n = 2;
    while (this.body[this.k + n] === '_') n++;
    const run = '_'.repeat(n);
    this.r.warn('W-MARKUP-EMPHASIS', this.at(), `"${run}" emphasis is not supported`, {
      expected: '**bold** or *italic*',
      found: run,
      hint: 'write **bold** or *italic*; the underscores are printed as they are',
    });
    this.keep(run);
    this.advance(n);
    return true;
  }

  /** Any tag but `<sup>` is reported; its characters are then read as text. */
  warnOtherTag(): void {
    if (this.body[this.k] !== '<') return;
    TAG_RE.lastIndex = this.k;
    const tag = TAG_RE.exec(this.body);
    if (!tag) return;
    this.r.warn('W-MARKUP-TAG', this.at(), `markup tag ${excerpt(tag[0], 30)} is not interpreted`, {
      expected: '**bold**, *italic* or <sup>…</sup>',
      found: excerpt(tag[0], 40),
      hint: 'only <sup> is understood in the imprint; this tag is printed as text',
    });
  }

  /** One character (a code point) as text. */
  character(): void {
    const units = this.body.codePointAt(this.k)! > 0xffff ? 2 : 1;
    this.keep(this.body.slice(this.k, this.k + units));
    this.advance(units, 1);
  }
}

/** UTF-16 length of the whitespace at the end of the runs' text. */
function trailingSpace(runs: InlineRun[]): number {
  const text = runs.map((r) => r.text).join('');
  return text.length - text.trimEnd().length;
}

/** The spans after `cut` UTF-16 units were removed from the start of the text. */
function shiftSpans(spans: SourceSpan[], cut: number): SourceSpan[] {
  const out: SourceSpan[] = [];
  for (let i = 0; i < spans.length; i++) {
    const end = i + 1 < spans.length ? spans[i + 1].at : Infinity;
    if (end <= cut) continue;
    const s = spans[i];
    if (s.at >= cut) out.push({ at: s.at - cut, place: s.place });
    // A span that starts inside the cut (only whitespace is cut: one unit, one column each).
    else out.push({ at: 0, place: { ...s.place, col: s.place.col + (cut - s.at) } });
  }
  return out;
}

const samePlace = (a: SourcePlace, b: SourcePlace) => a.file === b.file && a.line === b.line && a.col === b.col;

function trimRuns(runs: InlineRun[]): InlineRun[] {
  const out = runs.map((r) => ({ ...r }));
  while (out.length > 0) {
    out[0].text = out[0].text.replace(/^\s+/, '');
    if (out[0].text !== '') break;
    out.shift();
  }
  while (out.length > 0) {
    const last = out[out.length - 1];
    last.text = last.text.replace(/\s+$/, '');
    if (last.text !== '') break;
    out.pop();
  }
  return out;
}
