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
  const { file } = lines;
  const hard = fullLine.endsWith('  ') || fullLine.endsWith('\t') || fullLine.endsWith('\\');
  let body = fullLine.trimEnd();
  if (hard && body.endsWith('\\') && !body.endsWith('\\\\')) body = body.slice(0, -1).trimEnd();
  const lead = body.length - body.trimStart().length;
  let col = [...body.slice(0, lead)].length + 1;
  lines.startLine(line, col);
  let literal = '';
  const at = (): SourcePlace => ({ file, line, col });
  const emit = (): void => {
    lines.append(literal);
    literal = '';
  };
  for (let k = lead; k < body.length; ) {
    const ch = body[k];
    if (ch === '\\' && k + 1 < body.length && ESCAPABLE.has(body[k + 1])) {
      lines.mapChar(lines.lineLength + literal.length, line, col + 1, 1);
      literal += body[k + 1];
      k += 2;
      col += 2;
      continue;
    }
    if (ch === '*') {
      let n = 1;
      while (body[k + n] === '*') n++;
      emit();
      const place = at();
      let m = n;
      while (m >= 2) {
        lines.toggle('bold', place);
        m -= 2;
      }
      if (m === 1) lines.toggle('italic', place);
      k += n;
      col += n;
      continue;
    }
    if (ch === '<') {
      SUP_RE.lastIndex = k;
      const sup = SUP_RE.exec(body);
      if (sup) {
        emit();
        const closing = sup[1] === '/';
        if (closing === lines.isOpen('sup')) lines.toggle('sup', at());
        else
          r.warn('W-MARKUP-TAG', at(), closing ? 'stray </sup> with no <sup> before it' : 'nested <sup> inside <sup>', {
            expected: closing ? '<sup>…</sup>' : '</sup> first',
            found: sup[0],
            hint: 'the tag is ignored',
          });
        k += sup[0].length;
        col += sup[0].length;
        continue;
      }
      TAG_RE.lastIndex = k;
      const tag = TAG_RE.exec(body);
      if (tag) {
        r.warn('W-MARKUP-TAG', at(), `markup tag ${excerpt(tag[0], 30)} is not interpreted`, {
          expected: '**bold**, *italic* or <sup>…</sup>',
          found: excerpt(tag[0], 40),
          hint: 'only <sup> is understood in the imprint; this tag is printed as text',
        });
      }
    }
    if (ch === '_' && body[k + 1] === '_') {
      let n = 2;
      while (body[k + n] === '_') n++;
      r.warn('W-MARKUP-EMPHASIS', at(), `"${'_'.repeat(n)}" emphasis is not supported`, {
        expected: '**bold** or *italic*',
        found: '_'.repeat(n),
        hint: 'write **bold** or *italic*; the underscores are printed as they are',
      });
      for (let u = 0; u < n; u++) lines.mapChar(lines.lineLength + literal.length + u, line, col + u, 1);
      literal += '_'.repeat(n);
      k += n;
      col += n;
      continue;
    }
    const cp = body.codePointAt(k)!;
    const len = cp > 0xffff ? 2 : 1;
    lines.mapChar(lines.lineLength + literal.length, line, col, len);
    literal += body.slice(k, k + len);
    k += len;
    col++;
  }
  emit();
  if (hard) lines.flush();
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
