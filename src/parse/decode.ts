/**
 * Bytes → text. Only UTF-8 is accepted; the first invalid byte is reported
 * with its byte offset and its line:col.
 */
import type { Diagnostic } from '../diagnostics.js';
import { makeDiagnostic } from './report.js';

interface Decoded {
  /** The decoded text ('' when decoding failed). A leading BOM is kept, for parseSource to report. */
  text: string;
  diagnostics: Diagnostic[];
}

export function decodeSource(bytes: Uint8Array, file: string): Decoded {
  const utf16 = detectUtf16(bytes);
  if (utf16) {
    const name = `UTF-16 ${utf16.endian === 'le' ? 'little' : 'big'}-endian`;
    return {
      text: '',
      diagnostics: [
        makeDiagnostic('E-ENCODING', 'error', { file, line: 1, col: 1 }, `the file is ${name}${utf16.bom ? '' : ' (without a byte-order mark)'}, not UTF-8`, {
          expected: 'UTF-8 text',
          found: utf16.bom ? `the UTF-16 byte-order mark ${utf16.endian === 'le' ? '0xFF 0xFE' : '0xFE 0xFF'}` : `${name} text: every other byte is 0x00`,
          hint: 'save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8; or `iconv -f UTF-16 -t UTF-8`)',
        }),
      ],
    };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, diagnostics: [] };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const at = offset < 0 ? 0 : offset;
    const { line, col } = byteLineCol(bytes, at);
    const shown = at < bytes.length ? '0x' + bytes[at].toString(16).toUpperCase().padStart(2, '0') : '';
    return {
      text: '',
      diagnostics: [
        makeDiagnostic('E-ENCODING', 'error', { file, line, col }, `not valid UTF-8 at byte offset ${at}`, {
          expected: 'UTF-8 text',
          found: shown === '' ? 'end of file' : at + 1 >= bytes.length && bytes[at] >= 0xc2 && bytes[at] <= 0xf4 ? `byte ${shown}, a sequence cut off at the end of the file` : `byte ${shown}`,
          hint: 'save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8)',
        }),
      ],
    };
  }
}

/**
 * UTF-16 by its byte-order mark, or without one by its NUL bytes: text never
 * has NULs, while UTF-16 has one in every ASCII character (spaces, line
 * breaks, digits), all on the same side of each byte pair. Looks at the first
 * 64 KB only.
 */
export function detectUtf16(b: Uint8Array): { endian: 'le' | 'be'; bom: boolean } | undefined {
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { endian: 'le', bom: true };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { endian: 'be', bom: true };
  const n = Math.min(b.length, 65536) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (pairs === 0 || Math.max(even, odd) < Math.max(1, pairs * 0.05)) return undefined;
  if (odd >= 9 * even) return { endian: 'le', bom: false };
  if (even >= 9 * odd) return { endian: 'be', bom: false };
  return undefined;
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
