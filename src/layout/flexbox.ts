/**
 * Flex layout for the cards, by satori: a card design is JSX with flexbox;
 * each text block in it is a box of known size (measured by the text layer,
 * `measureText`), and satori (yoga) decides where the boxes go. Its own text
 * engine is never used: the design has no text nodes. `flexLayout` returns
 * satori's SVG of the boxes and backgrounds, and the box of every element
 * that has an `id`, in px from the card's top-left corner (read back with
 * satori's `onNodeDetected`). `placeText` puts a measured block into the box
 * flex gave it.
 */
import satori from 'satori';
import type { ReactNode } from 'react';
import type { ComposedParagraph } from '../text/compose.js';
import type { LoadedFont } from '../text/fonts.js';
import type { Box, TextBlock } from './types.js';
import { placeAt } from './flow.js';
import { lineInk, unionBox } from './ink.js';

type SatoriFonts = Parameters<typeof satori>[1]['fonts'];
const satoriFonts = new WeakMap<LoadedFont, SatoriFonts>();

/**
 * satori's font option, one array per font for the life of the thread: satori
 * requires a font even with no text to set, and caches the parsed font by the
 * identity of its data, so the same objects every time spare re-parsing it.
 */
function fontsOption(font: LoadedFont): SatoriFonts {
  let fonts = satoriFonts.get(font);
  if (!fonts) satoriFonts.set(font, (fonts = [{ name: font.family, data: Buffer.from(font.bytes), weight: 400, style: 'normal' }]));
  return fonts;
}

interface FlexResult {
  /** satori's SVG: the boxes, rules and backgrounds (no text). */
  svg: string;
  /** The box of each element with an `id`, in px from the top-left corner. */
  boxes: Map<string, Box>;
}

/** Lays out a JSX design of `width` × `height` px with satori. */
export async function flexLayout(element: ReactNode, width: number, height: number, font: LoadedFont): Promise<FlexResult> {
  const boxes = new Map<string, Box>();
  const svg = await satori(element, {
    width,
    height,
    fonts: fontsOption(font),
    onNodeDetected: (node) => {
      const id = node.props?.id;
      if (typeof id === 'string') boxes.set(id, { x: node.left, y: node.top, width: node.width, height: node.height });
    },
  });
  return { svg, boxes };
}

/** A composed paragraph with the size of the box it needs. */
export interface MeasuredText {
  para: ComposedParagraph;
  leading: number;
  size: number;
  color: string;
  width: number;
  height: number;
  /** Where the first line box's top sits below the box's top (room for ink above it). */
  dy: number;
}

/**
 * The box a composed paragraph needs: the paragraph's measure wide (`tight`:
 * its ink wide), its line boxes and its ink high (`tight`: its ink only, so
 * that flex aligns what is seen, e.g. a large number beside a title).
 */
export function measureText(para: ComposedParagraph, leading: number, size: number, color: string, tight = false): MeasuredText {
  const probe = placeAt(para, 0, 0, leading, color, size);
  const ink = unionBox(probe.lines.map((l) => lineInk(l.line, l)));
  const linesBottom = para.lines.length * leading;
  const top = tight ? (ink?.top ?? 0) : Math.min(0, ink?.top ?? 0);
  const bottom = tight ? (ink?.bottom ?? 0) : Math.max(linesBottom, ink?.bottom ?? 0);
  const width = tight ? Math.max(...para.lines.map((l) => l.naturalWidth), 0) : para.measure;
  return { para, leading, size, color, width: Math.ceil(width), height: Math.ceil(bottom - top), dy: -top };
}

/**
 * The block placed in the box flex gave it. A tight box is as wide as the
 * longest line: each line keeps its place on the measure, shifted so that
 * the box's edge on the line's start side is the measure's.
 */
export function placeText(m: MeasuredText, box: Box, rtl: boolean): TextBlock {
  const x = m.width < m.para.measure && rtl ? box.x + box.width - m.para.measure : box.x;
  return placeAt(m.para, x, box.y + m.dy, m.leading, m.color, m.size);
}
