/**
 * Twin drawings: a document drawn once (in RGB, the screen file) with a
 * record of where each colour choice went in each page's content stream, so
 * that its twin in another colour mode (the CMYK press file) is the same
 * content with those colours written again, not a second drawing (glyph
 * painting, font subsets, structure tree and all).
 *
 * A colour choice is a `Slot`: a stretch of the page's uncompressed content
 * (its offset and length) and what it was chosen for (a text glyph, a rule of
 * some width, a box of some size, the page background), or a place where a
 * mode may add something of its own (overprint on and off around a text
 * block). `recolor` writes a page's content in another mode: the mode's
 * colours where the drawing chose them, its overprint states around the
 * same text, and no background where the mode prints none
 * (test/render/pdf/twin.test.ts: in the CMYK mupdf makes of each RGB colour,
 * the twin's picture is the RGB file's, plate by plate).
 */
import { colorOperator, setOverprintOperators, type ColorMode, type PdfColor } from './colorMode.js';
import { rgbOperator } from './glyphPainter.js';

/** What a colour was chosen for: the arguments of the colour mode's method of that name. */
export type ColorUse =
  | { use: 'mark'; hex: string }
  | { use: 'line'; hex: string; width: number }
  | { use: 'area'; hex: string; width: number; height: number }
  | { use: 'background'; hex: string };

export type Slot =
  /** A colour operator: pdfkit's (setColor, with its line ends) or the painter's (inside a line, no line end). */
  | (ColorUse & { kind: 'color'; at: number; length: number; stroke?: boolean; newline?: boolean })
  /** The page background's whole artifact: left out where the mode prints no background. */
  | { kind: 'background'; at: number; length: number; hex: string }
  /** Around a text block: where a mode that overprints text turns it on and off. */
  | { kind: 'overprint'; at: number; length: 0; hex: string; end: boolean };

/** A page of a twin drawing: its background colour and its slots, in content order. */
export interface TwinPage {
  background: string;
  slots: Slot[];
}

/** The colour `mode` gives a use. */
function colorOf(mode: ColorMode, c: ColorUse): PdfColor | null {
  switch (c.use) {
    case 'mark':
      return mode.mark(c.hex);
    case 'line':
      return mode.line(c.hex, c.width);
    case 'area':
      return mode.area(c.hex, c.width, c.height);
    case 'background':
      return mode.background(c.hex);
  }
}

/** The part of pdfkit a recorder reads and writes through. */
export interface ContentDoc {
  addContent(data: string): unknown;
  page: { content: { uncompressedLength: number } };
}

/**
 * How much of the page's content pdfkit has written, uncompressed: the
 * place of the next slot. `uncompressedLength` is pdfkit's own counter, not
 * its API; a pdfkit without it must stop the build, not place slots wrong.
 */
function contentLength(doc: ContentDoc): number {
  const n: unknown = doc.page.content.uncompressedLength;
  if (typeof n !== 'number') throw new Error(`SlotRecorder: pdfkit's page.content.uncompressedLength is ${typeof n}, not a number (has pdfkit changed?)`);
  return n;
}

// A text colour inside a painted line, until the line is written: U+0001, the colour, U+0001 (no content stream holds a control character).
const MARK = '\u0001';
const PLACEHOLDER = /\u0001([^\u0001]*)\u0001/g;

/** The painter's fill operator for a text colour in a twin drawing: a placeholder that the recorder's writer turns into the RGB operator and records. */
export const textPlaceholder = (hex: string): string => `${MARK}${hex}${MARK}`;

/** `data` with each text colour's placeholder replaced by `fill` of its colour. */
export const fillPlaceholders = (data: string, fill: (hex: string) => string): string => data.replace(PLACEHOLDER, (_whole, hex: string) => fill(hex));

/**
 * Records the slots of one document while renderPages draws it in RGB. The
 * RGB file is byte for byte what renderPages draws without a recorder.
 */
export class SlotRecorder {
  readonly pages: TwinPage[] = [];
  private current: TwinPage | undefined;
  private writers = new WeakMap<object, ContentDoc>();

  /** From here on, slots go to page `index` (whose background is `background`). */
  page(index: number, background: string): void {
    this.current = this.pages[index] ??= { background, slots: [] };
  }

  private get slots(): Slot[] {
    if (!this.current) throw new Error('SlotRecorder: no page started');
    return this.current.slots;
  }

  /** `doc` with an addContent that records the painter's placeholders and writes their RGB operators. */
  writer<D extends ContentDoc>(doc: D): D {
    let w = this.writers.get(doc);
    if (!w) {
      w = new Proxy(doc, {
        get: (target, prop, receiver) => (prop === 'addContent' ? (data: string) => this.write(target, data) && receiver : Reflect.get(target, prop, target)),
      });
      this.writers.set(doc, w);
    }
    return w as D;
  }

  private write(doc: ContentDoc, data: string): true {
    if (!data.includes(MARK)) {
      doc.addContent(data);
      return true;
    }
    const base = contentLength(doc);
    let shift = 0;
    const out = data.replace(PLACEHOLDER, (whole, hex: string, offset: number) => {
      const op = rgbOperator(hex);
      this.slots.push({ kind: 'color', use: 'mark', hex, at: base + offset + shift, length: op.length });
      shift += op.length - whole.length;
      return op;
    });
    doc.addContent(out);
    return true;
  }

  /** Records what `draw` writes as the colour for `use`. */
  color(doc: ContentDoc, use: ColorUse, stroke: boolean, draw: () => void): void {
    this.span(doc, { kind: 'color', ...use, at: contentLength(doc), length: 0, stroke, newline: true }, draw);
  }

  /** Records what `draw` writes as the page background (colour and all). */
  background(doc: ContentDoc, hex: string, draw: () => void): void {
    this.span(doc, { kind: 'background', hex, at: contentLength(doc), length: 0 }, draw);
  }

  /** Records `slot` as holding what `draw` writes. */
  private span(doc: ContentDoc, slot: Slot, draw: () => void): void {
    this.slots.push(slot);
    draw();
    slot.length = contentLength(doc) - slot.at;
  }

  /** Where overprint would start (`end` false) or stop around a text block in `hex`. */
  overprint(doc: ContentDoc, hex: string, end: boolean): void {
    this.slots.push({ kind: 'overprint', hex, end, at: contentLength(doc), length: 0 });
  }
}

// What pdfkit's setColor writes (its colour space, then the colour; each operator on its line), fill or stroke.
const PDFKIT_FILL = /^\/DeviceRGB cs\n[0-9.e-]+ [0-9.e-]+ [0-9.e-]+ scn\n$/;
const PDFKIT_STROKE = /^\/DeviceRGB CS\n[0-9.e-]+ [0-9.e-]+ [0-9.e-]+ SCN\n$/;

/**
 * Throws unless the content at slot `s` is what the recorder saw written
 * there: a colour operator (the painter's exact RGB operator, or pdfkit's
 * colour space and colour), or a background artifact from its start to its
 * end. A record that does not fit its drawing must stop the build rather
 * than write a press file with colours in the wrong places.
 */
function checkSlot(content: string, s: Slot): void {
  const at = content.slice(s.at, s.at + s.length);
  let fits: boolean;
  if (s.kind === 'overprint') fits = s.at <= content.length;
  else if (s.kind === 'background') fits = at.startsWith('/Artifact ') && at.endsWith('EMC\n');
  else if (s.newline) fits = (s.stroke ? PDFKIT_STROKE : PDFKIT_FILL).test(at);
  else fits = !s.stroke && at === rgbOperator(s.hex);
  if (!fits) {
    throw new Error(`recolor: the ${s.kind} slot at ${s.at} (length ${s.length}) holds ${JSON.stringify(at.slice(0, 80))}, not what was recorded there: the record does not fit this drawing`);
  }
}

/**
 * A page's content (uncompressed, as a latin1 string) written in `mode`, and
 * whether it sets the overprint state (the page then needs it among its
 * resources, as `GSOverprint`).
 */
export function recolor(content: string, page: TwinPage, mode: ColorMode): { content: string; overprints: boolean } {
  let out = '';
  let pos = 0;
  let skipTo = -1;
  let overprints = false;
  for (const s of page.slots) {
    if (s.at < skipTo) continue;
    if (s.at < pos) throw new Error(`recolor: the ${s.kind} slot at ${s.at} lies before the end of the one before it (${pos}): the record is not in content order`);
    out += content.slice(pos, s.at);
    pos = s.at;
    checkSlot(content, s);
    if (s.kind === 'background') {
      // Kept as it is (its colour is a slot of its own), or left out whole.
      if (mode.background(s.hex) !== null) continue;
      pos = skipTo = s.at + s.length;
    } else if (s.kind === 'overprint') {
      if (!mode.overprint(s.hex)) continue;
      overprints = true;
      out += s.end ? 'Q\n' : setOverprintOperators();
    } else {
      const c = colorOf(mode, s);
      if (c === null) throw new Error(`recolor: no ${s.use} colour for ${s.hex}`);
      out += colorOperator(c, s.stroke) + (s.newline ? '\n' : '');
      pos = s.at + s.length;
    }
  }
  return { content: out + content.slice(pos), overprints };
}
