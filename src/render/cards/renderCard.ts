/**
 * Cards to images: the card layout (templates/cardLayout.ts: the design laid
 * out by satori, the text placed in its boxes) → satori's SVG of the boxes
 * with the glyph outlines added to it, rasterised once → sharp (PNG, WebP,
 * and a JPEG under 300 KB where the format asks for one).
 *
 * Reproducible: same model, fonts and format give the same bytes. Nothing here
 * reads the clock, and the encoders run with fixed settings and no metadata.
 */
import sharp from 'sharp';
import type { CardFormat, DocumentModel, Point } from '../../model/types.js';
import type { TemplateFonts } from '../../layout/typeset.js';
import type { LaidOutPage } from '../../layout/types.js';
import { layoutCard, type CardSlide } from '../../../templates/cardLayout.js';
import { withGlyphs } from './glyphSvg.js';
import { WarraqError } from '../../diagnostics.js';
import { makeDiagnostic } from '../../parse/report.js';

interface RenderCardArgs {
  model: DocumentModel;
  /** The point; the document card when absent. */
  point?: Point;
  format: CardFormat;
  fonts: TemplateFonts;
}

interface RenderedCard {
  png: Uint8Array;
  webp?: Uint8Array;
  jpeg?: Uint8Array;
  alt: string;
  width: number;
  height: number;
  /** A carousel's slide: index (1-based) and count; absent for a single card. */
  slide?: { index: number; count: number };
  /** The link card shows an excerpt of the point. */
  excerpt: boolean;
  /** The laid-out card, for the live-area check (src/layout/liveArea.ts). */
  page: LaidOutPage;
  /** The layout, for tests. */
  layout: CardSlide;
}

/** Largest JPEG the link preview may be (platforms reject or recompress bigger ones). */
export const JPEG_MAX_BYTES = 300 * 1024;
const JPEG_QUALITIES = [88, 82, 76, 70, 64, 58, 52, 46, 40];
/**
 * WebP: lossy, libwebp's fastest method (0), quality 88. At method 0 libwebp
 * encodes the seed's cards in ≈ 25 % less CPU at quality 88 than at 89 or 90
 * (a step between the two), as close to the PNG (PSNR median 46.1 against
 * 46.8 dB, lowest 41.1 against 41.4 dB; side by side at 4×: no difference),
 * files ≈ 7 % larger. Lossless WebP (method 1, quality ≤ 24) would be exact
 * and ≈ 20 % faster than quality 90, but libwebp's lossless encoder takes
 * ≈ 70 MB per card while it runs, against the peak-memory target
 * (docs/performance.md, "Tried and not kept").
 */
const WEBP = { quality: 88, effort: 0 } as const;

/** A point's cards (one, or a carousel's slides) or the document card, as images. */
export async function renderCards(args: RenderCardArgs): Promise<RenderedCard[]> {
  const out: RenderedCard[] = [];
  for (const slide of await layoutCard(args)) out.push(await renderSlide(args, slide));
  return out;
}

/**
 * One card: satori's boxes and backgrounds and the glyph outlines, one SVG
 * document rasterised once.
 */
async function renderSlide(args: RenderCardArgs, layout: CardSlide): Promise<RenderedCard> {
  const { width, height } = args.format;
  // One raster, encoded three ways. density 72: one SVG unit is one pixel.
  const raw = await sharp(Buffer.from(withGlyphs(layout.svg, layout.page)), { density: 72 })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  // Tagged sRGB (a 480-byte ICC profile): what the colours mean, for a platform or designer's tool that asks; the pixels are unchanged.
  const img = () => sharp(raw.data, { raw: { width: raw.info.width, height: raw.info.height, channels: raw.info.channels } }).withIccProfile('srgb');

  // Level 4: files 2–3 % larger than level 6 in two thirds of the time (no filtering: flat colour and text).
  const png = await img().png({ compressionLevel: 4, adaptiveFiltering: false, palette: false }).toBuffer();
  const out: RenderedCard = { png, alt: layout.alt, width, height, slide: layout.slide, excerpt: layout.excerpt, page: layout.page, layout };
  if (args.format.extra.includes('webp')) {
    out.webp = await img().webp(WEBP).toBuffer();
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
    out.jpeg = jpeg;
  }
  return out;
}
