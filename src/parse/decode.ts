/**
 * Bytes → text. Only UTF-8 is accepted; the first invalid byte is reported
 * with its byte offset and its line:col.
 */
import type { Diagnostic } from '../diagnostics.js';
import { makeDiagnostic } from './report.js';

export interface Decoded {
  /** The decoded text ('' when decoding failed). A leading BOM is kept, for parseSource to report. */
  text: string;
  diagnostics: Diagnostic[];
}

export function decodeSource(bytes: Uint8Array, file: string): Decoded {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, diagnostics: [] };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const at = offset < 0 ? 0 : offset;
    const { line, col } = byteLineCol(bytes, at);
    const shown = at < bytes.length ? '0x' + bytes[at].toString(16).toUpperCase().padStart(2, '0') : '';
    const utf16 =
      bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
    return {
      text: '',
      diagnostics: [
        makeDiagnostic('E-ENCODING', 'error', { file, line, col }, `not valid UTF-8 at byte offset ${at}`, {
          expected: 'UTF-8 text',
          found: shown === '' ? 'end of file' : at + 1 >= bytes.length && bytes[at] >= 0xc2 && bytes[at] <= 0xf4 ? `byte ${shown}, a sequence cut off at the end of the file` : `byte ${shown}`,
          hint: utf16
            ? 'the file looks like UTF-16; save it as UTF-8'
            : 'save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8)',
        }),
      ],
    };
  }
}

/** Byte offset of the first byte of the first ill-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => k < n && b[k] >= lo && b[k] <= hi;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
    } else if (c >= 0xc2 && c <= 0xdf) {
      if (!cont(i + 1)) return i;
      i += 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      const lo = c === 0xe0 ? 0xa0 : 0x80;
      const hi = c === 0xed ? 0x9f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2)) return i;
      i += 3;
    } else if (c >= 0xf0 && c <= 0xf4) {
      const lo = c === 0xf0 ? 0x90 : 0x80;
      const hi = c === 0xf4 ? 0x8f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2) || !cont(i + 3)) return i;
      i += 4;
    } else {
      return i;
    }
  }
  return -1;
}

/** 1-based line and code-point column of a byte offset (a UTF-8 BOM on line 1 is not counted). */
function byteLineCol(b: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (b[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  if (lineStart === 0 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) lineStart = Math.min(3, offset);
  // Every byte before `offset` is valid UTF-8: count lead bytes.
  let col = 1;
  for (let i = lineStart; i < offset; i++) if ((b[i] & 0xc0) !== 0x80) col++;
  return { line, col };
}
