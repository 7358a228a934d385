/**
 * Cards to images: the card template's layout → satori (boxes and inline SVG
 * glyph outlines) → SVG → sharp (PNG, WebP, and a JPEG under 300 KB where the
 * format asks for one).
 *
 * Reproducible: same model, fonts and format give the same bytes. Nothing here
 * reads the clock, and the encoders run with fixed settings and no metadata.
 */
import satori from 'satori';
import sharp from 'sharp';
import type { CardFormat, DocumentModel, Point } from '../../model/types.js';
import type { TemplateFonts } from '../../layout/typeset.js';
import type { LaidOutPage } from '../../layout/types.js';
import type { LoadedFont } from '../../text/fonts.js';
import { CardView, layoutCard, type CardLayout } from '../../../templates/card.js';
import { glyphLayer } from './glyphSvg.js';
import { WarraqError } from '../../diagnostics.js';
import { makeDiagnostic } from '../../parse/report.js';

export interface RenderCardArgs {
  model: DocumentModel;
  /** The point; the document card when absent. */
  point?: Point;
  format: CardFormat;
  fonts: TemplateFonts;
}

export interface RenderedCard {
  png: Uint8Array;
  webp?: Uint8Array;
  jpeg?: Uint8Array;
  alt: string;
  width: number;
  height: number;
  /** The point's text was shortened (with «…») to stay legible. */
  cut: boolean;
  /** The laid-out card, for the live-area check (src/layout/liveArea.ts). */
  page: LaidOutPage;
}

/** Largest JPEG the link preview may be (platforms reject or recompress bigger ones). */
export const JPEG_MAX_BYTES = 300 * 1024;
const JPEG_QUALITIES = [88, 82, 76, 70, 64, 58, 52, 46, 40];
const WEBP_QUALITY = 90;

type SatoriFonts = Parameters<typeof satori>[1]['fonts'];
const satoriFonts = new WeakMap<LoadedFont, SatoriFonts>();

/**
 * satori's font option, one array per font for the life of the thread: satori
 * caches the parsed font by the identity of its data (and its font table by
 * the array), so handing it the same objects every time spares re-parsing the
 * whole font with opentype.js for every card.
 */
function fontsOption(font: LoadedFont): SatoriFonts {
  let fonts = satoriFonts.get(font);
  if (!fonts) satoriFonts.set(font, (fonts = [{ name: font.family, data: Buffer.from(font.bytes), weight: 400, style: 'normal' }]));
  return fonts;
}

/** The card's SVG as satori writes it, with the layout it drew. */
export async function cardSvg(args: RenderCardArgs): Promise<{ svg: string; layout: CardLayout }> {
  const layout = layoutCard(args);
  const { width, height } = args.format;
  // satori needs a font even though it sets no text here: every glyph is an outline.
  const font = args.fonts.body[0] ?? args.fonts.heading[0];
  if (!font) throw new Error('renderCard: no font');
  const boxes = await satori(CardView({ page: layout.page }), {
    width,
    height,
    fonts: fontsOption(font),
  });
  // satori lays out the boxes; the text goes on top as one layer of outlines.
  const svg = boxes.replace(/<\/svg>\s*$/, `${glyphLayer(layout.page)}</svg>`);
  return { svg, layout };
}

export async function renderCard(args: RenderCardArgs): Promise<RenderedCard> {
  const { svg, layout } = await cardSvg(args);
  const { width, height } = args.format;
  // One raster, encoded three ways. density 72: one SVG unit is one pixel.
  const raw = await sharp(Buffer.from(svg), { density: 72 })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const img = () => sharp(raw.data, { raw: { width: raw.info.width, height: raw.info.height, channels: raw.info.channels } });

  // Level 4: files 2–3 % larger than level 6 in two thirds of the time (no filtering: flat colour and text).
  const png = await img().png({ compressionLevel: 4, adaptiveFiltering: false, palette: false }).toBuffer();
  const out: RenderedCard = { png: new Uint8Array(png), alt: layout.alt, width, height, cut: layout.cut, page: layout.page };
  if (args.format.extra.includes('webp')) {
    // effort 2: the same quality setting at half the time, a few percent larger.
    out.webp = new Uint8Array(await img().webp({ quality: WEBP_QUALITY, effort: 2 }).toBuffer());
  }
  if (args.format.extra.includes('jpeg')) {
    let jpeg: Buffer | undefined;
    for (const quality of JPEG_QUALITIES) {
      // libjpeg-turbo with optimised Huffman tables: a tenth of mozjpeg's time, a little larger.
      jpeg = await img().jpeg({ quality, optimiseCoding: true, chromaSubsampling: '4:2:0' }).toBuffer();
      if (jpeg.length <= JPEG_MAX_BYTES) break;
    }
    if (!jpeg || jpeg.length > JPEG_MAX_BYTES) {
      // check() refuses cards too large for the budget (E-CARD-JPEG); should one still miss it, a diagnostic, not a trace.
      throw new WarraqError([
        makeDiagnostic('E-CARD-JPEG', 'error', args.point?.place ?? { file: args.model.source.file, line: 1, col: 1 }, `the ${args.format.name} card's JPEG stays above ${JPEG_MAX_BYTES / 1024} KB even at quality ${JPEG_QUALITIES[JPEG_QUALITIES.length - 1]}`, {
          expected: `a JPEG of at most ${JPEG_MAX_BYTES / 1024} KB`,
          found: `${Math.ceil((jpeg?.length ?? 0) / 1024)} KB for ${args.format.width}×${args.format.height} px`,
          hint: 'make the card smaller, or drop `jpeg` from its `extra:`',
        }),
      ]);
    }
    out.jpeg = new Uint8Array(jpeg);
  }
  return out;
}
