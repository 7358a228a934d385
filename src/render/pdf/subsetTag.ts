/**
 * The six-letter tag before a font subset's name (`ABCDEF+Amiri-Regular`).
 * pdfkit made it from the font's resource number, so every file called its
 * first font's subset `CZZZZZ+…` whatever it held: the same name for
 * different subsets in different files, which tools that merge or impose
 * PDFs may take for one font (ISO 32000-1 9.6.4 asks for a tag unique to
 * the subset). Here it is a digest of what the subset is: its font program
 * (the glyphs it holds, in code order), the font's PostScript name, each
 * code's width and its ToUnicode text. The same subset gets the same tag in
 * every file and every build (a subset remembered between builds is the
 * same program, so the same tag); different subsets get different ones.
 * pdfkit asks the document for the tag (`subsetTag`, a line of
 * `patches/pdfkit+*.patch`); renderPages.tsx gives it this function.
 */
import { createHash } from 'node:crypto';

/** What pdfkit gives when it embeds a subset: the parts of the font's objects that name what it holds. */
export interface SubsetContents {
  /** The subset's font program (FontFile2/FontFile3), as embedded. */
  program: Uint8Array;
  postscriptName: string | undefined;
  /** Width per character code (1000 units), as in /W. */
  widths: ReadonlyArray<number | null | undefined>;
  /** Code points per character code, as in /ToUnicode. */
  unicode: ReadonlyArray<ReadonlyArray<number> | null | undefined>;
}

const LETTERS = 26;
const TAG_LENGTH = 6;

/** Six uppercase letters from the SHA-256 of the subset's contents (26⁶ ≈ 3 × 10⁸ tags). */
export function subsetTag(subset: SubsetContents): string {
  const digest = createHash('sha256')
    .update(subset.postscriptName ?? '')
    .update('\0')
    .update(JSON.stringify(subset.widths))
    .update('\0')
    .update(JSON.stringify(subset.unicode))
    .update('\0')
    .update(subset.program)
    .digest();
  // 48 bits of the digest, written in base 26 (2⁴⁸ ≫ 26⁶: every tag about equally likely).
  let n = digest.readUIntBE(0, 6);
  let tag = '';
  for (let i = 0; i < TAG_LENGTH; i++) {
    tag += String.fromCharCode(65 + (n % LETTERS));
    n = Math.floor(n / LETTERS);
  }
  return tag;
}
