/** Character classes the parser needs; plain code-point range tests (no regex per character). */
import type { DigitSystem } from './types.js';

/** Arabic-script letters (bidi class AL), without harakat (which are non-spacing marks). */
export function isArabicLetter(cp: number): boolean {
  return (
    (cp >= 0x0620 && cp <= 0x064a) ||
    (cp >= 0x066e && cp <= 0x066f) ||
    (cp >= 0x0671 && cp <= 0x06d3) ||
    cp === 0x06d5 ||
    (cp >= 0x06ee && cp <= 0x06ef) ||
    (cp >= 0x06fa && cp <= 0x06fc) ||
    cp === 0x06ff ||
    (cp >= 0x0750 && cp <= 0x077f) ||
    (cp >= 0x08a0 && cp <= 0x08c9) ||
    (cp >= 0xfb50 && cp <= 0xfdfb) ||
    (cp >= 0xfe70 && cp <= 0xfefc)
  );
}

export function isHebrewLetter(cp: number): boolean {
  return (cp >= 0x05d0 && cp <= 0x05ea) || (cp >= 0x05ef && cp <= 0x05f2) || (cp >= 0xfb1d && cp <= 0xfb4f);
}

const LETTER = /\p{L}/u;

/** A strong left-to-right letter (Latin, Greek, Cyrillic, CJK …): any letter that is not Arabic or Hebrew. */
export function isLtrLetter(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  if (cp >= 0x0590 && cp <= 0x08ff) return false;
  if (cp >= 0xfb1d && cp <= 0xfefc) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return LETTER.test(String.fromCodePoint(cp));
}

/** Letters that occur in Persian but not in standard Arabic: پ چ ژ گ ی ک */
export function isPersianLetter(cp: number): boolean {
  return cp === 0x067e || cp === 0x0686 || cp === 0x0698 || cp === 0x06af || cp === 0x06cc || cp === 0x06a9;
}

/** Arabic letters that Persian spells differently or lacks: ي ك ة ى */
export function isArabicOnlyLetter(cp: number): boolean {
  return cp === 0x064a || cp === 0x0643 || cp === 0x0629 || cp === 0x0649;
}

export function digitOf(cp: number): { value: number; system: DigitSystem } | undefined {
  if (cp >= 0x30 && cp <= 0x39) return { value: cp - 0x30, system: 'latn' };
  if (cp >= 0x0660 && cp <= 0x0669) return { value: cp - 0x0660, system: 'arab' };
  if (cp >= 0x06f0 && cp <= 0x06f9) return { value: cp - 0x06f0, system: 'arabext' };
  return undefined;
}

const ZERO: Record<DigitSystem, number> = { latn: 0x30, arab: 0x0660, arabext: 0x06f0 };

/** Writes a non-negative integer in a digit system. */
export function formatNumber(n: number, digits: DigitSystem): string {
  const z = ZERO[digits];
  return String(n).replace(/[0-9]/g, (d) => String.fromCharCode(z + (d.charCodeAt(0) - 0x30)));
}

export const DIGIT_NAMES: Record<DigitSystem, string> = {
  arab: 'Arabic-Indic digits (٠١٢…)',
  arabext: 'Extended Arabic-Indic digits (۰۱۲…)',
  latn: 'ASCII digits (012…)',
};

/** Characters that are invisible or reorder text and have no place in a manuscript. */
export function isSuspiciousControl(c: number): boolean {
  return (
    (c < 0x20 && c !== 0x09) ||
    c === 0x7f ||
    (c >= 0x80 && c <= 0x9f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff ||
    c === 0xfffd
  );
}
