/**
 * Proofing checks run over one paragraph at a time: brackets, straight
 * quotes, stray markup, Latin punctuation inside Arabic, control characters.
 * They only report; they never change the text. One linear pass per line.
 */
import type { SourcePlace } from '../diagnostics.js';
import { codePointName, excerpt, type Reporter } from './report.js';
import { isArabicLetter, isHebrewLetter, isLtrLetter, isSuspiciousControl } from './chars.js';

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '«': '»' };
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '»': '«' };
const ARABIC_PUNCT: Record<string, string> = { ',': '،', ';': '؛', '?': '؟' };

/** An HTML-like tag: `<b>`, `</i>`, `<script src=x>`, `<br/>`, `<!-- … -->`. Bounded, so linear. */
export const TAG_RE = /<(?:\/?[A-Za-z][A-Za-z0-9-]{0,30}(?:[ \t][^<>\n]{0,200})?\/?|!--[^\n]{0,200}?--)>/y;

type ScanMode = 'plain' | 'imprint';

interface Open {
  ch: string;
  place: SourcePlace;
}

export class ParagraphScanner {
  private stack: Open[] = [];
  private quotes = 0;
  private lastQuote: SourcePlace | undefined;
  private lastStrong: 'ar' | 'rtl' | 'ltr' | undefined;
  private emphasisOpen = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly r: Reporter,
    private readonly mode: ScanMode,
  ) {}

  /** Scans `line` from UTF-16 index `from` (whose code-point column is `fromCol`). */
  line(line: string, lineNo: number, from = 0, fromCol = 1): void {
    const { file } = this;
    let col = fromCol;
    const at = (): SourcePlace => ({ file, line: lineNo, col });
    for (let k = from; k < line.length; k++, col++) {
      const c = line.charCodeAt(k);
      if (c >= 0xd800 && c <= 0xdbff && k + 1 < line.length) {
        const lo = line.charCodeAt(k + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          if (isLtrLetter(0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00))) this.lastStrong = 'ltr';
          k++;
          continue;
        }
      }
      if (this.letterOrControl(c, at)) continue;
      const ch = line[k];
      if (ch in OPENERS) this.stack.push({ ch, place: at() });
      else if (ch in CLOSERS) this.closeBracket(ch, at());
      else if (ch === '"') {
        this.quotes++;
        this.lastQuote = at();
      } else if (ch === ',' || ch === ';' || ch === '?') this.latinPunctuation(ch, line, k, at);
      else if (this.mode === 'plain') {
        const more = this.markup(ch, line, k, at);
        k += more;
        col += more;
      }
    }
  }

  /**
   * A letter (which sets the last strong direction), a lone surrogate or an
   * invisible control character (W-CONTROL-CHAR): true when `c`, a UTF-16
   * unit outside a surrogate pair, is one of them.
   */
  private letterOrControl(c: number, at: () => SourcePlace): boolean {
    if (c >= 0xd800 && c <= 0xdfff) {
      this.warnLimited('W-CONTROL-CHAR', at(), 'lone surrogate code unit in the text', {
        found: codePointName(String.fromCharCode(c)),
        expected: 'well-formed Unicode text',
        hint: 'retype the character; the text was probably damaged by a converter',
      });
      return true;
    }
    if (isArabicLetter(c)) {
      this.lastStrong = 'ar';
      return true;
    }
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
      this.lastStrong = 'ltr';
      return true;
    }
    if (c >= 0x80) {
      if (isHebrewLetter(c)) {
        this.lastStrong = 'rtl';
        return true;
      }
      if (c !== 0xab && c !== 0xbb && isLtrLetter(c)) {
        this.lastStrong = 'ltr';
        return true;
      }
    }
    if (!isSuspiciousControl(c)) return false;
    const name = codePointName(String.fromCharCode(c));
    this.warnLimited('W-CONTROL-CHAR', at(), `invisible control character ${name} in the text`, {
      found: name,
      expected: 'printable text',
      hint:
        c >= 0x202a && c <= 0x2069
          ? 'bidi override/isolate characters reorder text invisibly; delete it (warraq handles direction itself)'
          : 'delete the character; it is invisible and may break layout or search',
    });
    return true;
  }

  /** W-LATIN-PUNCT: a Latin comma, semicolon or question mark after Arabic (not a comma between digits). */
  private latinPunctuation(ch: string, line: string, k: number, at: () => SourcePlace): void {
    if (this.lastStrong !== 'ar' || (ch === ',' && isAsciiDigit(line, k - 1) && isAsciiDigit(line, k + 1))) return;
    this.warnLimited('W-LATIN-PUNCT', at(), `Latin "${ch}" typed inside Arabic text`, {
      expected: `${ARABIC_PUNCT[ch]} (${codePointName(ARABIC_PUNCT[ch])})`,
      found: `${ch} (${codePointName(ch)})`,
      hint: `proofing: Arabic text uses ${ARABIC_PUNCT[ch]}; the text is printed as written`,
    });
  }

  /**
   * W-MARKUP-TAG, W-MARKUP-EMPHASIS (plain text only: the imprint reads its
   * own markup). Returns how many more characters of the line it took (an
   * emphasis run's).
   */
  private markup(ch: string, line: string, k: number, at: () => SourcePlace): number {
    if (ch === '<') {
      TAG_RE.lastIndex = k;
      const m = TAG_RE.exec(line);
      if (m) {
        this.warnLimited('W-MARKUP-TAG', at(), `markup tag ${excerpt(m[0], 30)} is not interpreted`, {
          expected: 'plain text',
          found: excerpt(m[0], 40),
          hint: 'angle brackets are printed as text; remove the tag if it is not meant to be read',
        });
      }
      return 0;
    }
    if (ch !== '*' && !(ch === '_' && line[k + 1] === '_')) return 0;
    let n = 1;
    while (line[k + n] === ch) n++;
    const run = ch.repeat(n);
    if (this.emphasisOpen.has(ch)) this.emphasisOpen.delete(ch);
    else {
      this.emphasisOpen.add(ch);
      this.warnLimited('W-MARKUP-EMPHASIS', at(), `Markdown emphasis "${run}" is not interpreted here`, {
        expected: 'plain text (bold/italic only in the imprint)',
        found: run,
        hint: 'the characters will be printed as they are; remove them or move the line to the imprint',
      });
    }
    return n - 1;
  }

  /** Ends the paragraph: reports unclosed brackets and odd quotes. */
  end(): void {
    for (const o of this.stack) {
      this.warnLimited('W-BRACKET-UNBALANCED', o.place, `"${o.ch}" is never closed in this paragraph`, {
        expected: `a closing "${OPENERS[o.ch]}"`,
        found: 'end of paragraph',
        hint: o.ch === '«' ? 'check the guillemets: « opens, » closes (in logical order)' : 'add the missing bracket or remove this one',
      });
    }
    if (this.quotes % 2 === 1 && this.lastQuote) {
      this.warnLimited('W-QUOTE-UNBALANCED', this.lastQuote, `odd number of straight double quotes (${this.quotes}) in this paragraph`, {
        expected: 'quotes in pairs',
        found: `${this.quotes} × "`,
        hint: 'a quotation is not closed or not opened; «…» avoids the ambiguity',
      });
    }
    this.stack = [];
    this.quotes = 0;
    this.lastQuote = undefined;
    this.lastStrong = undefined;
    this.emphasisOpen.clear();
  }

  private closeBracket(ch: string, place: SourcePlace): void {
    const want = CLOSERS[ch];
    let i = this.stack.length - 1;
    while (i >= 0 && this.stack[i].ch !== want) i--;
    if (i < 0) {
      this.warnLimited('W-BRACKET-UNBALANCED', place, `"${ch}" closes nothing in this paragraph`, {
        expected: `an opening "${want}" before it`,
        found: `"${ch}"`,
        hint: ch === '»' ? 'check the guillemets: « opens, » closes (in logical order)' : 'add the missing opening bracket or remove this one',
      });
      return;
    }
    for (let j = this.stack.length - 1; j > i; j--) {
      const o = this.stack[j];
      this.warnLimited('W-BRACKET-UNBALANCED', o.place, `"${o.ch}" is not closed before "${ch}"`, {
        expected: `"${OPENERS[o.ch]}" before "${ch}"`,
        found: `"${ch}" at ${place.line}:${place.col}`,
        hint: 'brackets must nest: close the inner one first',
      });
    }
    this.stack.length = i;
  }

  private warnLimited(code: string, place: SourcePlace, message: string, detail: Parameters<Reporter['warn']>[3]): void {
    this.r.warn(code, place, message, detail);
  }
}

function isAsciiDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
}
