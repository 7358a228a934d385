/**
 * The house style of a text's paragraphs, one for every output (booklet,
 * leaflets, cards): a paragraph that follows another starts with a
 * first-line indent, with no space between them; the first after a heading
 * (or a point's first) starts at the margin. A point of sub-items is not
 * indented: its labels, in the heading face and the accent, mark where each
 * starts (and the booklet sets them in from the margin as a list).
 * docs/typography.md, "Paragraphs".
 */
import type { Point } from '../model/types.js';

/**
 * The indent of a paragraph that follows another, × the body size: enough to
 * show the break when the line before it ends full (a leaflet sets a point as
 * one text, its paragraphs parted by line breaks only).
 */
export const PARAGRAPH_INDENT = 1.5;

/** Whether the paragraphs of `point` after its first are indented: not when it has sub-items. */
export function indentsParagraphs(point: Point): boolean {
  return !point.paragraphs.some((q) => q.item);
}
