/**
 * Preflight: what a print shop checks before it takes a PDF, for any PDF
 * (warraq's or not), with npm packages only (mupdf's WebAssembly build).
 *
 * Per page: trim size and boxes, the colour spaces that text, paths and
 * images are painted in, the fonts and whether each is embedded, the thinnest
 * line, the highest total ink (C+M+Y+K: the highest of a CMYK rendering with
 * colour management off, so the file's own values are measured, and of the
 * colours of the objects painted inside the bleed box, so that a rule thinner
 * than a pixel, averaged with the paper in the rendering, still counts at its
 * full colour), and images with
 * their effective resolution. For the document: page count and whether it
 * suits saddle stitching, and what it declares of PDF/X-4.
 *
 * `problems` are what would get the file rejected (each with its page and
 * reason); `warnings` are what a shop would mention. Marks outside the
 * BleedBox (crop marks) are not part of the printed piece and are skipped.
 */
import * as mupdf from 'mupdf';
import { blanksToFill } from '../layout/pagePlan.js';
import { readPdfx4, type Binding, type Pdfx4Report } from './pdfx.js';
import { MM } from './pdfPages.js';

interface PreflightOptions {
  /**
   * How the pages are finished: 'saddle' (a folded, stapled booklet: the page
   * count must be a multiple of 4), 'loose' (single pieces: leaflets),
   * 'imposed' (press sheets printed front and back: an even count),
   * 'imposed-one-sided' (sheets printed on one side: any count). Default:
   * what the file declares (warraq's print files do), else 'saddle'.
   */
  binding?: Binding;
  /** Highest total ink accepted, in % (default 300). */
  maxInkPercent?: number;
  /** Thinnest line accepted, in pt (default 0.25). */
  minLinePt?: number;
  /** Lowest image resolution accepted at its printed size, in ppi (default 150; under 300 is a warning). */
  minImagePpi?: number;
  /** Resolution of the ink measurement, in dpi (default 72: each pixel averages about 0.35 mm square). */
  inkDpi?: number;
}

interface Problem {
  /** 1-based page, or null for the whole document. */
  page: number | null;
  reason: string;
}

type Use = 'text' | 'fill' | 'stroke' | 'image' | 'shading';

interface PageReport {
  page: number;
  /** Trim size in mm (the TrimBox, or the MediaBox when there is none). */
  trimMm: { width: number; height: number };
  boxes: { media: number[]; trim: number[] | null; bleed: number[] | null };
  /** Colour space family → what it paints on this page. */
  colorSpaces: Record<string, Use[]>;
  /** Text fill colours as 'space v1 v2 …' (values 0–1), with how many text runs use each. */
  textColors: Record<string, number>;
  fonts: Array<{ name: string; embedded: boolean }>;
  thinnestLinePt: number | null;
  maxInkPercent: number;
  images: Array<{ width: number; height: number; ppi: number; colorSpace: string }>;
}

interface PreflightReport {
  pageCount: number;
  /** The finishing checked against (the option, else the file's declaration, else 'saddle'). */
  binding: Binding;
  saddle: { suits: boolean; blanksNeeded: number };
  pdfx: Pdfx4Report | null;
  pages: PageReport[];
  problems: Problem[];
  warnings: Problem[];
}

type Rect = [number, number, number, number];

const family = (cs: mupdf.ColorSpace): string =>
  cs.isRGB() ? 'RGB' : cs.isCMYK() ? 'CMYK' : cs.isGray() ? 'Gray' : cs.isLab() ? 'Lab' : cs.isDeviceN() ? 'DeviceN' : cs.isIndexed() ? 'Indexed' : cs.getName();

/** The bounds of each subpath of `path` under `ctm`, grown by `pad` (half the line width). */
function subpathBounds(path: mupdf.Path, ctm: mupdf.Matrix, pad: number): Rect[] {
  const out: Rect[] = [];
  let cur: Rect | null = null;
  const add = (x: number, y: number) => {
    const [tx, ty] = [ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]];
    if (!cur) out.push((cur = [tx - pad, ty - pad, tx + pad, ty + pad]));
    else cur = Object.assign(cur, [Math.min(cur[0], tx - pad), Math.min(cur[1], ty - pad), Math.max(cur[2], tx + pad), Math.max(cur[3], ty + pad)]);
  };
  path.walk({
    moveTo: (x, y) => {
      cur = null;
      add(x, y);
    },
    lineTo: add,
    curveTo: (x1, y1, x2, y2, x3, y3) => (add(x1, y1), add(x2, y2), add(x3, y3)),
  });
  return out;
}

const intersects = (a: Rect, b: Rect) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
const scaleOf = (m: mupdf.Matrix) => Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

function boxOf(page: mupdf.PDFPage, name: 'TrimBox' | 'BleedBox'): number[] | null {
  const o = page.getObject().getInheritable(name);
  if (o.isNull()) return null;
  const v: number[] = [];
  o.forEach((x) => v.push(x.asNumber()));
  return v;
}

/** Every font of the page's resources and its form XObjects' resources, with whether its program is embedded. */
function fontsOf(page: mupdf.PDFPage): Array<{ name: string; embedded: boolean }> {
  const found = new Map<string, boolean>();
  const seen = new Set<number>();
  const embedded = (font: mupdf.PDFObject): boolean => {
    if (font.get('Subtype').asName() === 'Type3') return true;
    const descendant = font.get('DescendantFonts');
    const f = descendant.isArray() ? descendant.get(0) : font;
    const d = f.get('FontDescriptor');
    return !d.isNull() && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => !d.get(k).isNull());
  };
  const walk = (resources: mupdf.PDFObject) => {
    if (resources.isNull()) return;
    if (resources.isIndirect()) {
      if (seen.has(resources.asIndirect())) return;
      seen.add(resources.asIndirect());
    }
    resources.get('Font').forEach((font) => {
      const name = font.get('BaseFont').isName() ? font.get('BaseFont').asName() : '(unnamed)';
      found.set(name, (found.get(name) ?? true) && embedded(font));
    });
    resources.get('XObject').forEach((x) => {
      if (x.get('Subtype').asName() === 'Form') walk(x.get('Resources'));
    });
  };
  walk(page.getObject().getInheritable('Resources'));
  return [...found].map(([name, e]) => ({ name, embedded: e })).sort((a, b) => a.name.localeCompare(b.name));
}

const pct = (sample: number) => Math.round((sample / 255) * 100);

const EVERYWHERE: Rect = [-Infinity, -Infinity, Infinity, Infinity];

/**
 * The clip in force while a page is drawn, as bounds: what is clipped away is
 * not printed (the crop marks of a page placed on an imposed sheet), and
 * `inside` tells whether a rectangle shows through it. An image mask's clip
 * is taken as everything (its shape is not measured).
 */
function clipStack(hairline: mupdf.StrokeState) {
  const clips: Rect[] = [EVERYWHERE];
  const top = () => clips[clips.length - 1];
  const push = (r: Rect) => void clips.push([Math.max(r[0], top()[0]), Math.max(r[1], top()[1]), Math.min(r[2], top()[2]), Math.min(r[3], top()[3])]);
  /** The device's clip calls. */
  const calls = {
    clipPath: (path: mupdf.Path, _eo: boolean, ctm: mupdf.Matrix) => push(path.getBounds(hairline, ctm) as Rect),
    clipStrokePath: (path: mupdf.Path, stroke: mupdf.StrokeState, ctm: mupdf.Matrix) => push(path.getBounds(stroke, ctm) as Rect),
    clipText: (text: mupdf.Text, ctm: mupdf.Matrix) => push(text.getBounds(hairline, ctm) as Rect),
    clipStrokeText: (text: mupdf.Text, stroke: mupdf.StrokeState, ctm: mupdf.Matrix) => push(text.getBounds(stroke, ctm) as Rect),
    clipImageMask: () => push(EVERYWHERE),
    popClip: () => void (clips.length > 1 && clips.pop()),
  };
  return { inside: (r: Rect) => intersects(r, top()), calls };
}

/** An image as drawn under `ctm`: its pixels, and its resolution at the width it is shown. */
function imageOf(image: mupdf.Image, ctm: mupdf.Matrix): PageReport['images'][number] {
  const cs = image.getColorSpace();
  const shownPt = Math.max(Math.hypot(ctm[0], ctm[1]), 1e-6);
  return { width: image.getWidth(), height: image.getHeight(), ppi: round(image.getWidth() / (shownPt / 72), 0), colorSpace: cs ? family(cs) : 'mask' };
}

/** Colour spaces, text colours, thinnest line, the highest ink of an object and images of one page, from mupdf's drawing calls. */
function drawingOf(page: mupdf.PDFPage, bleed: Rect, minLinePt: number) {
  const colorSpaces: Record<string, Set<Use>> = {};
  const textColors: Record<string, number> = {};
  /** The smallest type size (pt) drawn in each text colour. */
  const smallest: Record<string, number> = {};
  const images: PageReport['images'] = [];
  const thinLines: Array<{ width: number; at: Rect }> = [];
  let thinnest: number | null = null;
  /** The highest total ink of a CMYK or grey colour painted inside the bleed box, and where. */
  let objectInk = { percent: 0, at: [0, 0] as [number, number] };
  const use = (cs: mupdf.ColorSpace | null, u: Use) => {
    if (cs) (colorSpaces[family(cs)] ??= new Set()).add(u);
  };
  const inkOf = (cs: mupdf.ColorSpace, color: number[], at: Rect) => {
    const percent = cs.isCMYK() ? color.reduce((a, v) => a + pct(v * 255), 0) : cs.isGray() ? 100 - pct(color[0] * 255) : 0;
    if (percent > objectInk.percent) objectInk = { percent, at: [Math.max(at[0], bleed[0]), Math.max(at[1], bleed[1])] };
  };
  const hairline = new mupdf.StrokeState({ lineCap: 'Butt', lineJoin: 'Miter', lineWidth: 0, miterLimit: 10 });
  const clip = clipStack(hairline);
  const printed = (r: Rect) => clip.inside(r) && intersects(r, bleed);
  const device = new mupdf.Device({
    ...clip.calls,
    fillPath: (path, _eo, ctm, cs, color) => {
      const at = path.getBounds(hairline, ctm) as Rect;
      if (!printed(at)) return;
      use(cs, 'fill');
      inkOf(cs, color, at);
    },
    strokePath: (path, stroke, ctm, cs, color) => {
      // Crop marks (outside the bleed) are not part of the piece: only subpaths that reach into the bleed box count.
      const w = stroke.getLineWidth() * scaleOf(ctm);
      const inside = subpathBounds(path, ctm, w / 2).find(printed);
      if (!inside) return;
      use(cs, 'stroke');
      inkOf(cs, color, inside);
      thinnest = thinnest === null ? w : Math.min(thinnest, w);
      if (w < minLinePt - 1e-6) thinLines.push({ width: w, at: inside });
    },
    fillText: (text, ctm, cs, color) => {
      use(cs, 'text');
      const at = text.getBounds(hairline, ctm) as Rect;
      if (printed(at)) inkOf(cs, color, at);
      const key = `${family(cs)} ${color.map((v) => round(v, 3)).join(' ')}`;
      textColors[key] = (textColors[key] ?? 0) + 1;
      text.walk({ showGlyph: (_f, trm) => void (smallest[key] = Math.min(smallest[key] ?? Infinity, scaleOf(trm) * scaleOf(ctm))) });
    },
    strokeText: (_text, _stroke, _ctm, cs) => use(cs, 'text'),
    fillShade: () => ((colorSpaces.Shading ??= new Set()).add('shading'), undefined),
    fillImage: (image, ctm) => {
      use(image.getColorSpace(), 'image');
      images.push(imageOf(image, ctm));
    },
    fillImageMask: (_image, _ctm, cs) => use(cs, 'fill'),
  });
  page.run(device, mupdf.Matrix.identity);
  device.close();
  const spaces: Record<string, Use[]> = {};
  for (const [k, v] of Object.entries(colorSpaces)) spaces[k] = [...v].sort();
  return { colorSpaces: spaces, textColors, smallest, images, thinnest: thinnest as number | null, thinLines, objectInk };
}

/** The highest C+M+Y+K (in %) of any pixel inside `bleed`, from a CMYK rendering at `dpi`, and where it is (pt, top-left origin). */
function maxInk(page: mupdf.PDFPage, bleed: Rect, dpi: number): { percent: number; at: [number, number] } {
  const s = dpi / 72;
  const pix = page.toPixmap(mupdf.Matrix.scale(s, s), mupdf.ColorSpace.DeviceCMYK, false);
  const [x0, y0] = pix.getBounds();
  const w = pix.getWidth();
  const h = pix.getHeight();
  const n = pix.getNumberOfComponents();
  const stride = pix.getStride();
  const px = pix.getPixels();
  let best = 0;
  let at: [number, number] = [0, 0];
  const fromX = Math.max(0, Math.ceil(bleed[0] * s - x0));
  const toX = Math.min(w, Math.floor(bleed[2] * s - x0));
  const fromY = Math.max(0, Math.ceil(bleed[1] * s - y0));
  const toY = Math.min(h, Math.floor(bleed[3] * s - y0));
  for (let y = fromY; y < toY; y++) {
    for (let x = fromX; x < toX; x++) {
      const i = y * stride + x * n;
      // Each ink in whole percent, as a shop states coverage (0.9 × 255 is 229.5).
      const sum = pct(px[i]) + pct(px[i + 1]) + pct(px[i + 2]) + pct(px[i + 3]);
      if (sum > best) {
        best = sum;
        at = [(x + x0) / s, (y + y0) / s];
      }
    }
  }
  pix.destroy();
  return { percent: best, at };
}

/** Type smaller than this in more than one ink gets a warning. */
const SMALL_TYPE_PT = 12;
/** Knocked-out (paper-coloured) type smaller than this gets a warning: misregister of the ground fills it in. */
const SMALL_KNOCKOUT_PT = 8;
/**
 * Type sizes are compared to the limits above to 0.001 pt: a page placed on
 * an imposed sheet is drawn through mupdf's single-precision matrices, so 8 pt
 * type measures 7.9999995 pt there.
 */
const SIZE_TOLERANCE_PT = 1e-3;
const under = (size: number, limit: number) => size < limit - SIZE_TOLERANCE_PT;

const mm = (pt: number) => round(pt / MM, 1);

/** The limits a page is checked against: PreflightOptions' with their defaults. */
type Limits = Required<Omit<PreflightOptions, 'binding'>>;

/** What would get the file rejected, and what a shop would mention, in the order found. */
interface Findings {
  problems: Problem[];
  warnings: Problem[];
}

/** Preflights `bytes` (a PDF). Never throws for a bad PDF page; an unreadable file throws. */
export async function preflight(bytes: Uint8Array, opts: PreflightOptions = {}): Promise<PreflightReport> {
  const limits: Limits = { maxInkPercent: opts.maxInkPercent ?? 300, minLinePt: opts.minLinePt ?? 0.25, minImagePpi: opts.minImagePpi ?? 150, inkDpi: opts.inkDpi ?? 72 };
  const found: Findings = { problems: [], warnings: [] };
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf').asPDF();
  if (!doc) throw new Error('not a PDF');
  const pageCount = doc.countPages();
  const pages: PageReport[] = [];
  // Measure the file's own CMYK values: with colour management on, mupdf would map them through the output intent.
  mupdf.disableICC();
  try {
    for (let i = 0; i < pageCount; i++) pages.push(checkPage(doc.loadPage(i) as mupdf.PDFPage, i + 1, limits, found));
  } finally {
    mupdf.enableICC();
  }

  let pdfx: Pdfx4Report | null = null;
  try {
    pdfx = await readPdfx4(bytes);
  } catch {
    found.warnings.push({ page: null, reason: 'pdf-lib cannot read the document structure; PDF/X declarations not checked' });
  }
  const binding = opts.binding ?? pdfx?.binding ?? 'saddle';
  const blanksNeeded = blanksToFill(pageCount);
  checkDocument(pages, binding, blanksNeeded, pdfx, found);
  return { pageCount, binding, saddle: { suits: blanksNeeded === 0, blanksNeeded }, pdfx, pages, ...found };
}

/** Page `n`'s report; what it finds goes to `found`. */
function checkPage(page: mupdf.PDFPage, n: number, limits: Limits, found: Findings): PageReport {
  const media = page.getBounds('MediaBox') as Rect;
  const trim = boxOf(page, 'TrimBox');
  const bleedBox = boxOf(page, 'BleedBox');
  // In mupdf's page space (top-left origin), like the drawing calls and the pixmap.
  const bleed = (bleedBox ? page.getBounds('BleedBox') : media) as Rect;
  const trimRect = (trim ? page.getBounds('TrimBox') : media) as Rect;
  if (!trim) found.problems.push({ page: n, reason: 'no TrimBox: the shop cannot tell where to cut' });
  else if (!bleedBox) found.warnings.push({ page: n, reason: 'no BleedBox: colour that runs off the edge needs 3 mm beyond the trim' });

  const drawn = drawingOf(page, bleed, limits.minLinePt);
  const fonts = fontsOf(page);
  const rendered = maxInk(page, bleed, limits.inkDpi);
  const ink = drawn.objectInk.percent > rendered.percent ? drawn.objectInk : rendered;
  checkDrawing(n, drawn, fonts, ink, limits, found);
  checkSmallType(n, drawn, found);
  return {
    page: n,
    trimMm: { width: mm(trimRect[2] - trimRect[0]), height: mm(trimRect[3] - trimRect[1]) },
    boxes: { media: media.map((v) => round(v)), trim, bleed: bleedBox },
    colorSpaces: drawn.colorSpaces,
    textColors: drawn.textColors,
    fonts,
    thinnestLinePt: drawn.thinnest === null ? null : round(drawn.thinnest, 3),
    maxInkPercent: ink.percent,
    images: drawn.images,
  };
}

type Drawing = ReturnType<typeof drawingOf>;

/** Colour spaces, fonts, lines, ink and images of page `n` against the limits. */
function checkDrawing(n: number, drawn: Drawing, fonts: PageReport['fonts'], ink: { percent: number; at: [number, number] }, limits: Limits, found: Findings): void {
  const { problems, warnings } = found;
  const { maxInkPercent, minLinePt, minImagePpi } = limits;
  for (const [space, uses] of Object.entries(drawn.colorSpaces)) {
    if (space === 'RGB') problems.push({ page: n, reason: `RGB colour (${uses.join(', ')}): a press prints CMYK; convert it, or draw it in CMYK` });
    else if (space === 'Lab' || space === 'Shading') warnings.push({ page: n, reason: `${space} colour (${uses.join(', ')}): check how the shop converts it` });
  }
  for (const f of fonts) if (!f.embedded) problems.push({ page: n, reason: `font ${f.name} is not embedded: the shop's substitute would change the text` });
  const thin = drawn.thinLines[0];
  if (thin) problems.push({ page: n, reason: `line ${round(thin.width, 3)} pt wide at ${mm(thin.at[0])}, ${mm(thin.at[1])} mm: thinner than ${minLinePt} pt may not print` });
  if (ink.percent > maxInkPercent) {
    problems.push({ page: n, reason: `total ink ${ink.percent} % at ${mm(ink.at[0])}, ${mm(ink.at[1])} mm (from the top left): more than ${maxInkPercent} % smears and dries slowly` });
  }
  for (const img of drawn.images) {
    if (img.ppi < minImagePpi) problems.push({ page: n, reason: `image ${img.width}×${img.height} px printed at ${img.ppi} ppi: under ${minImagePpi} ppi looks blurred` });
    else if (img.ppi < 300) warnings.push({ page: n, reason: `image ${img.width}×${img.height} px printed at ${img.ppi} ppi (300 is usual)` });
  }
}

/** Small type on page `n` that misregister would spoil: in several inks, or knocked out of the ground. */
function checkSmallType(n: number, drawn: Drawing, found: Findings): void {
  const multiInkText = Object.keys(drawn.textColors).filter((k) => {
    const [space, ...values] = k.split(' ');
    return space === 'CMYK' && values.filter((v) => Number(v) > 0).length >= 2 && under(drawn.smallest[k], SMALL_TYPE_PT);
  });
  if (multiInkText.length) found.warnings.push({ page: n, reason: `type under ${SMALL_TYPE_PT} pt in several inks (${multiInkText.join('; ')}): it needs exact register; K only is safer` });
  const knockout = Object.keys(drawn.textColors).filter((k) => /^CMYK( 0)+$|^Gray 1$/.test(k) && under(drawn.smallest[k], SMALL_KNOCKOUT_PT));
  if (knockout.length) {
    const size = Math.min(...knockout.map((k) => drawn.smallest[k]));
    found.warnings.push({ page: n, reason: `knocked-out (paper-coloured) type from ${round(size, 1)} pt: under ${SMALL_KNOCKOUT_PT} pt, a ground of several inks a little out of register fills it in; larger or bolder is safer` });
  }
}

/** The whole document: its page count against the binding, its trim sizes, its output intent. */
function checkDocument(pages: PageReport[], binding: Binding, blanksNeeded: number, pdfx: Pdfx4Report | null, found: Findings): void {
  const { problems, warnings } = found;
  const pageCount = pages.length;
  if (binding === 'saddle' && blanksNeeded > 0) {
    problems.push({ page: null, reason: `${pageCount} pages: a saddle-stitched booklet needs a multiple of 4 (add ${blanksNeeded} blank page${blanksNeeded === 1 ? '' : 's'}, or preflight with --binding loose for single pieces)` });
  }
  if (binding === 'imposed' && pageCount % 2 === 1) warnings.push({ page: null, reason: `${pageCount} sheet sides: the last sheet has no back` });
  const sizes = new Set(pages.map((p) => `${p.trimMm.width}×${p.trimMm.height}`));
  if (sizes.size > 1) warnings.push({ page: null, reason: `pages of ${sizes.size} trim sizes: ${[...sizes].join(', ')} mm` });

  if (pdfx) {
    if (!pdfx.outputIntent) warnings.push({ page: null, reason: 'no PDF/X output intent: the shop will assume its own printing condition' });
    else if (pdfx.outputIntent.components !== 4) problems.push({ page: null, reason: `the output intent's profile is not a 4-component CMYK profile` });
  }
}

/** The report as text lines, for the command line. */
export function formatPreflight(file: string, r: PreflightReport): string[] {
  const saddle = r.saddle.suits ? 'saddle stitching suits it (a multiple of 4)' : `saddle stitching would need ${r.saddle.blanksNeeded} more blank page${r.saddle.blanksNeeded === 1 ? '' : 's'}`;
  // A page count suits saddle stitching or not only for a booklet's pages; imposed sides and loose pieces are counted as what they are.
  const counted =
    r.binding === 'imposed'
      ? 'checked as imposed sheets (a PDF page per sheet side)'
      : r.binding === 'imposed-one-sided'
        ? 'checked as imposed sheets printed on one side (a PDF page per sheet)'
        : r.binding === 'loose'
        ? 'checked as loose pieces'
        : `checked as a saddle-stitched booklet; ${saddle}`;
  const out = [`${file}: ${r.pageCount} pages, ${counted}`];
  if (r.pdfx) {
    out.push(`  PDF/X: ${r.pdfx.xmpVersion ?? r.pdfx.version ?? 'none'}; output intent: ${r.pdfx.outputIntent ? `${r.pdfx.outputIntent.identifier} (${r.pdfx.outputIntent.components ?? '?'} components)` : 'none'}; trapped: ${r.pdfx.trapped ?? '—'}; title: ${r.pdfx.xmpTitle ?? '—'}`);
  }
  for (const p of r.pages) {
    const spaces = Object.entries(p.colorSpaces).map(([k, v]) => `${k} (${v.join(', ')})`).join('; ') || 'nothing drawn';
    const fonts = p.fonts.map((f) => `${f.name}${f.embedded ? '' : ' NOT EMBEDDED'}`).join(', ') || 'none';
    const images = p.images.length ? p.images.map((i) => `${i.width}×${i.height} px ${i.colorSpace} at ${i.ppi} ppi`).join(', ') : 'none';
    out.push(
      `  page ${p.page}: trim ${p.trimMm.width}×${p.trimMm.height} mm; boxes: trim ${p.boxes.trim ? 'yes' : 'NO'}, bleed ${p.boxes.bleed ? 'yes' : 'NO'}`,
      `    colour: ${spaces}; text colours: ${Object.keys(p.textColors).join(' | ') || 'no text'}`,
      `    fonts: ${fonts}; thinnest line: ${p.thinnestLinePt === null ? 'none' : `${p.thinnestLinePt} pt`}; max ink: ${p.maxInkPercent} %; images: ${images}`,
    );
  }
  const where = (p: Problem) => (p.page === null ? 'document' : `page ${p.page}`);
  for (const w of r.warnings) out.push(`  warning (${where(w)}): ${w.reason}`);
  for (const p of r.problems) out.push(`  REJECT (${where(p)}): ${p.reason}`);
  out.push(r.problems.length ? `✗ ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} a print shop would reject` : '✓ nothing a print shop would reject');
  return out;
}
