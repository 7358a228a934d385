/**
 * Word spaces and ZWNJs for pdf.js (Firefox) without any bidi mark
 * (docs/accessibility.md, "Word spaces in pdf.js").
 *
 * pdf.js 4.10 (legacy/build/pdf.worker.mjs) makes one text item of each
 * marked-content span here and runs its own bidi over the item
 * (`runBidiTransform` → `bidi`): an item with a right-to-left character
 * (R, AL, AN in its tables) of at most 4 characters, or with 30 % or more of
 * them, is taken for right to left and reversed; a longer one is left to
 * right and only its right-to-left runs are reversed. At the end that bidi
 * deletes every «<» and «>» of the item (`chars[i] = ""`), and only there: an
 * item without a right-to-left character is returned as it is.
 *
 * So an invisible, inkless glyph drawn inside a letter's span, right after it
 * (at the end of its /W width: pdf.js keeps it in the same item), whose text
 * is a *tail* of «<», spaces and ZWNJs, changes what pdf.js returns for that
 * letter without adding a character:
 * - «< » after the first letter of a word: the item «ف< » is reversed to
 *   « <ف» and returned « ف», the word space pdf.js cannot find by position
 *   in a line written in logical order; «< <<<» after the last letter of a
 *   word, where the next one does not start with such a letter («عام 1945»):
 *   «م< <<<» is taken for left to right and returned «م »;
 * - «<ZWNJ<» after the letter that follows a ZWNJ: «ش<ZWNJ<» (4 characters,
 *   right to left; the ZWNJ is left to right, a level of its own) is returned
 *   «ZWNJ ش».
 * The tail's text neither starts with whitespace nor ends in a format
 * character, so pdf.js keeps it (`getCharUnicodeCategory`). The other readers
 * do not see it: it has no ink (PDFium skips it; mutool's display list drops
 * its text object, which the painter ends before the next inked glyph), and
 * the span's ActualText, the letter's own text, is what poppler and mupdf 1.28
 * read.
 */

/** A tail's text: only «<», spaces and ZWNJs, starting with «<» (the test read-back drops such glyphs). */
export const isPdfjsTail = (text: string) => /^<[< \u200C]*$/u.test(text);

/** pdf.js's right-to-left classes (`bidi` in pdf.worker.mjs): Hebrew, Arabic letters and Arabic-Indic digits, the presentation forms. */
function pdfjsRightToLeft(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  if (c >= 0x0590 && c <= 0x05f4) return true;
  // (Of the Arabic block, its letters (AL) and Arabic-Indic digits (AN) only: the rest is not asked for.)
  if (c >= 0x0600 && c <= 0x06ff) return /\p{L}/u.test(ch) || (c >= 0x0660 && c <= 0x0669);
  return (c >= 0x0700 && c <= 0x08ac && /\p{L}/u.test(ch)) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc);
}

/** Whether a glyph's text is one character pdf.js takes for right to left, so that an item of it and a tail is reversed. */
const hostable = (text: string) => [...text].length === 1 && pdfjsRightToLeft(text);

/** The tail after the first letter of a word that gives pdf.js the word space before it, or undefined where none can. */
export function spaceTail(letter: string): string | undefined {
  return hostable(letter) ? '< ' : undefined;
}

/**
 * The tail after the last letter of a word that gives pdf.js the word space
 * after it, or undefined where none can: «ل< <<<», six characters with one of
 * them right to left, is an item pdf.js takes for left to right, in which
 * only the letter is a right-to-left run; returned «ل ».
 */
export function spaceAfterTail(letter: string): string | undefined {
  return hostable(letter) ? '< <<<' : undefined;
}

/** The tail after the letter that follows a ZWNJ that gives pdf.js the ZWNJ before it, or undefined where none can. */
export function joinerTail(joiner: string, letter: string): string | undefined {
  return joiner === '\u200C' && hostable(letter) ? `<${joiner}<` : undefined;
}
