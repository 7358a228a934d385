/**
 * Reading a PDF back for tests: what glyphs were drawn, where, with which
 * font and which ToUnicode text, and what text extractors make of the file.
 *
 * The drawn glyphs come from mupdf's device interface (the same path its
 * renderer takes), so they are what a viewer paints, in content-stream order.
 * Subset glyph ids are mapped back to the project's font files by comparing
 * outlines and advances, so tests can compare them with HarfBuzz's glyph ids.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as mupdf from 'mupdf';
import { outlinePath } from '../../src/render/pdf/glyphPainter.js';
import { isPdfjsTail } from '../../src/render/pdf/pdfjsTails.js';
import { loadFont, type LoadedFont } from '../../src/text/fonts.js';

/** [a, b, c, d, e, f] as in PDF. */
export type Mat = [number, number, number, number, number, number];

export interface DrawnGlyph {
  /** 0-based page index. */
  page: number;
  /** Position in the page's drawing (content-stream) order, 0-based. */
  order: number;
  /** The embedded font's name, with its subset tag (e.g. `CZZZZZ+Amiri-Regular`). */
  fontName: string;
  /** The font name without the subset tag (e.g. `Amiri-Regular`). */
  postscriptName: string;
  /** Glyph id in the embedded (subset) font. */
  subsetGid: number;
  /**
   * Glyph ids in the original font file whose outline and advance equal the
   * subset glyph's; usually one, several when the font has identical glyphs,
   * none when no original font was found or nothing matched.
   */
  originalGids: number[];
  /** Text rendering matrix (font size included) in PDF page space, y up. */
  matrix: Mat;
  /** Glyph origin in PDF page space (y up): matrix e and f. */
  x: number;
  y: number;
  /** Font size in pt (the vertical scale of the matrix). */
  size: number;
  /** Horizontal scale relative to the size (|a| / |d|); ≠ 1 for stretched tatweels. */
  scaleX: number;
  /** Drawn advance in pt: the original font's advance (an inked glyph's embedded one is its /W) × size × scaleX. */
  advance: number;
  /** The ToUnicode text ('' when the code maps to nothing). */
  unicode: string;
  /** Drawn in render mode 3 (or otherwise ignored by mupdf's painter). */
  invisible: boolean;
}

export interface DrawnPage {
  index: number;
  /** Page size in pt. */
  width: number;
  height: number;
  glyphs: DrawnGlyph[];
}

export interface ReadbackOptions {
  /**
   * Original font files by PostScript name. Defaults to every `fonts/*.ttf`
   * of the project, keyed by the name in its `name` table.
   */
  fonts?: Record<string, Uint8Array>;
}

// ---------------------------------------------------------------------------
// fontkit (no type declarations ship with it; this is the slice used here)

interface FkPathCommand {
  command: string;
  args: number[];
}
interface FkGlyph {
  id: number;
  advanceWidth: number;
  path: { commands: FkPathCommand[] };
}
interface FkMetric {
  advance: number;
}
export interface FkFont {
  postscriptName: string;
  numGlyphs: number;
  unitsPerEm: number;
  getGlyph(gid: number): FkGlyph;
  hmtx: { metrics: { length: number; get(i: number): FkMetric | undefined } };
  glyphForCodePoint(cp: number): { id: number };
}
const fontkit = createRequire(import.meta.url)('fontkit') as { create(buffer: Buffer): FkFont };

export function openFont(bytes: Uint8Array): FkFont {
  return fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/**
 * A glyph's advance in font units. fontkit reads the glyph header to get it,
 * which runs past the end of the font for an empty glyph stored last in a
 * subset's glyf table (pdfkit subsets often end with the space glyph); the
 * hmtx entry is the same number without that.
 */
function advanceOf(font: FkFont, gid: number): number {
  const m = font.hmtx.metrics;
  return m.get(Math.min(gid, m.length - 1))?.advance ?? 0;
}

/** A glyph's outline as a comparable string ('' for a glyph without ink). */
function outlineOf(font: FkFont, gid: number): string {
  return font
    .getGlyph(gid)
    .path.commands.map((c) => c.command[0] + c.args.map((v) => Math.round(v * 100) / 100).join(','))
    .join(' ');
}

/**
 * What identifies a subset glyph among the original's: its outline, and for a
 * glyph without ink (spaces, joiners: all one empty outline) its advance too.
 * An inked glyph's advance in the subset is its /W, not the original's (ISO
 * 14289-1 7.21.5: programAdvances), so it cannot be compared.
 */
function signature(font: FkFont, gid: number): string {
  const path = outlineOf(font, gid);
  return path === '' ? `${advanceOf(font, gid)}|` : `ink|${path}`;
}

/** An original font with lazy lookups from signature to glyph ids. */
class OriginalFont {
  readonly font: FkFont;
  private byAdvance?: Map<number, number[]>;
  private byOutline?: Map<string, number[]>;
  private signatures = new Map<number, string>();
  private cache = new Map<string, number[]>();

  constructor(bytes: Uint8Array) {
    this.font = openFont(bytes);
  }

  private sig(gid: number): string {
    let s = this.signatures.get(gid);
    if (s === undefined) this.signatures.set(gid, (s = signature(this.font, gid)));
    return s;
  }

  /** Original gids with this signature (`signature`: the outline; the advance too for a glyph without ink). */
  match(sig: string, advance: number): number[] {
    const known = this.cache.get(sig);
    if (known) return known;
    if (sig.startsWith('ink|')) {
      if (!this.byOutline) {
        this.byOutline = new Map();
        for (let gid = 0; gid < this.font.numGlyphs; gid++) {
          const key = this.sig(gid);
          let list = this.byOutline.get(key);
          if (!list) this.byOutline.set(key, (list = []));
          list.push(gid);
        }
      }
      const out = this.byOutline.get(sig) ?? [];
      this.cache.set(sig, out);
      return out;
    }
    if (!this.byAdvance) {
      this.byAdvance = new Map();
      for (let gid = 0; gid < this.font.numGlyphs; gid++) {
        const a = advanceOf(this.font, gid);
        let list = this.byAdvance.get(a);
        if (!list) this.byAdvance.set(a, (list = []));
        list.push(gid);
      }
    }
    const out = (this.byAdvance.get(advance) ?? []).filter((gid) => this.sig(gid) === sig);
    this.cache.set(sig, out);
    return out;
  }
}

const projectFontsDir = fileURLToPath(new URL('../../fonts/', import.meta.url));
let projectFonts: Map<string, OriginalFont> | undefined;
const optionFonts = new WeakMap<Record<string, Uint8Array>, Map<string, OriginalFont>>();

function originalFonts(opts: ReadbackOptions): Map<string, OriginalFont> {
  if (opts.fonts) {
    let m = optionFonts.get(opts.fonts);
    if (!m) {
      m = new Map(Object.entries(opts.fonts).map(([name, bytes]) => [name, new OriginalFont(bytes)]));
      optionFonts.set(opts.fonts, m);
    }
    return m;
  }
  if (!projectFonts) {
    projectFonts = new Map();
    for (const f of readdirSync(projectFontsDir).filter((n) => /\.(ttf|otf)$/i.test(n)).sort()) {
      const original = new OriginalFont(readFileSync(join(projectFontsDir, f)));
      projectFonts.set(original.font.postscriptName, original);
    }
  }
  return projectFonts;
}

/** `ABCDEF+Name` → `Name`. */
export function stripSubsetTag(name: string): string {
  return name.replace(/^[A-Z]{6}\+/, '');
}

// ---------------------------------------------------------------------------
// Fonts embedded in the PDF

export interface EmbeddedFontInfo {
  /** BaseFont as written, with the subset tag. */
  baseFont: string;
  subtype: string;
  /** Which FontFile key carries the program, if any. */
  fontFileKey?: 'FontFile' | 'FontFile2' | 'FontFile3';
  /** The decoded font program. */
  program?: Uint8Array;
  page: number;
}

function fontDescriptor(font: mupdf.PDFObject): mupdf.PDFObject | undefined {
  const sub = font.get('Subtype').asName();
  const dict = sub === 'Type0' ? font.get('DescendantFonts').get(0) : font;
  const fd = dict.get('FontDescriptor');
  return fd.isNull() ? undefined : fd;
}

/** Every font dictionary reachable from the pages' resources (and their forms). */
export function embeddedFonts(pdf: Uint8Array): EmbeddedFontInfo[] {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf') as mupdf.PDFDocument;
  const out: EmbeddedFontInfo[] = [];
  const seen = new Set<string>();
  for (let p = 0; p < doc.countPages(); p++) {
    const page = doc.loadPage(p) as mupdf.PDFPage;
    const visit = (resources: mupdf.PDFObject, depth: number) => {
      if (resources.isNull() || depth > 8) return;
      resources.get('Font').forEach((font) => {
        const key = font.isIndirect() ? `obj ${font.asIndirect()}` : `${p}:${font.toString()}`;
        if (seen.has(key)) return;
        seen.add(key);
        const fd = fontDescriptor(font);
        const info: EmbeddedFontInfo = { baseFont: font.get('BaseFont').asName(), subtype: font.get('Subtype').asName(), page: p };
        for (const k of ['FontFile2', 'FontFile3', 'FontFile'] as const) {
          const stream = fd?.get(k);
          if (stream && !stream.isNull()) {
            info.fontFileKey = k;
            info.program = new Uint8Array(stream.readStream().asUint8Array());
            break;
          }
        }
        out.push(info);
      });
      resources.get('XObject').forEach((xo) => {
        if (xo.get('Subtype').asName() === 'Form') visit(xo.get('Resources'), depth + 1);
      });
    };
    visit(page.getObject().getInheritable('Resources'), 0);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Drawn glyphs

interface SubsetFont {
  font?: FkFont;
  original?: OriginalFont;
  /** subset gid → original gids */
  map: Map<number, number[]>;
  /** subset gid → advance in font units */
  advances: Map<number, number>;
}

/**
 * Glyphs the painter draws as outlines (a kashida, a cluster's 2nd glyph:
 * filled paths, so that no reader finds text for them) are recognised by
 * their path, which is the glyph's outline in font units (`outlinePath`),
 * compared with every glyph of the project's fonts.
 */
interface OutlineFont {
  font: LoadedFont;
  postscriptName: string;
  byPath: Map<string, number>;
}
let outlineFonts: OutlineFont[] | undefined;
function projectOutlineFonts(): OutlineFont[] {
  if (!outlineFonts) {
    outlineFonts = readdirSync(projectFontsDir)
      .filter((n) => /\.(ttf|otf)$/i.test(n))
      .sort()
      .map((n) => {
        const bytes = new Uint8Array(readFileSync(join(projectFontsDir, n)));
        const font = loadFont(bytes, `fonts/${n}`);
        const fk = openFont(bytes);
        const byPath = new Map<string, number>();
        for (let gid = fk.numGlyphs - 1; gid >= 0; gid--) {
          const p = outlinePath(font, gid);
          if (p) byPath.set(p, gid);
        }
        return { font, postscriptName: fk.postscriptName, byPath };
      });
  }
  return outlineFonts;
}

const pathNum = (v: number) => (Math.abs(v) < 1e-9 ? '0' : (Math.round(v * 1000) / 1000).toString());
function pathString(path: mupdf.Path): string {
  const ops: string[] = [];
  path.walk({
    moveTo: (x: number, y: number) => ops.push(`${pathNum(x)} ${pathNum(y)} m`),
    lineTo: (x: number, y: number) => ops.push(`${pathNum(x)} ${pathNum(y)} l`),
    curveTo: (...v: number[]) => ops.push(`${v.map(pathNum).join(' ')} c`),
    closePath: () => ops.push('h'),
  });
  return ops.join(' ');
}

export async function readDrawnGlyphs(pdf: Uint8Array, opts: ReadbackOptions = {}): Promise<DrawnPage[]> {
  const originals = originalFonts(opts);
  const subsets = new Map<string, SubsetFont>();
  for (const f of embeddedFonts(pdf)) {
    if (subsets.has(f.baseFont)) continue;
    const font = f.program && f.fontFileKey !== 'FontFile' ? openFont(f.program) : undefined;
    subsets.set(f.baseFont, { font, original: originals.get(stripSubsetTag(f.baseFont)), map: new Map(), advances: new Map() });
  }
  const subsetFor = (name: string): SubsetFont | undefined =>
    // mupdf keeps at most 31 characters of a font name.
    subsets.get(name) ?? [...subsets.entries()].find(([k]) => k.startsWith(name))?.[1];

  const lookup = (s: SubsetFont | undefined, gid: number): { originals: number[]; advance: number } => {
    if (!s?.font) return { originals: [], advance: 0 };
    let originalsFor = s.map.get(gid);
    if (!originalsFor) {
      const advance = advanceOf(s.font, gid);
      originalsFor = s.original ? s.original.match(signature(s.font, gid), advance) : [];
      // The glyph's own advance is the original's: an inked glyph's in the subset is its /W (programAdvances).
      const own = s.original && originalsFor.length ? advanceOf(s.original.font, originalsFor[0]) / s.original.font.unitsPerEm : advance / s.font.unitsPerEm;
      s.advances.set(gid, own);
      s.map.set(gid, originalsFor);
    }
    return { originals: originalsFor, advance: s.advances.get(gid) ?? 0 };
  };

  const doc = mupdf.Document.openDocument(pdf, 'application/pdf') as mupdf.PDFDocument;
  const pages: DrawnPage[] = [];
  for (let p = 0; p < doc.countPages(); p++) {
    const page = doc.loadPage(p) as mupdf.PDFPage;
    const toPage = mupdf.Matrix.invert(page.getTransform());
    const [x0, y0, x1, y1] = page.getBounds();
    const glyphs: DrawnGlyph[] = [];
    // Render modes 2 and 4–6 paint the same text twice (fill and stroke, or
    // paint and clip): the second call's glyphs are not new glyphs.
    let painted = new Set<string>();
    let copied = 0;
    let bridges = 0;
    /** The texts handed to mutool and pdf.js before their glyphs' outlines, in order, each for the next outline drawn (see collect, outlineGlyph). */
    const handed: string[] = [];
    /** Inside the text of a pdf.js tail left out (see collect). */
    let tailing = false;
    /** Whether the last copy went to an outline of a run drawn in place with more outlines after it (see below). */
    let inRun = false;
    type Pass = 'fill' | 'again' | 'invisible';
    const collect = (text: mupdf.Text, ctm: mupdf.Matrix, pass: Pass) => {
      if (pass === 'fill') painted = new Set();
      text.walk({
        showGlyph(font, trm, glyph, unicode) {
          const key = `${font.getName()}|${glyph}|${trm.join(',')}|${ctm.join(',')}`;
          if (pass !== 'fill' && painted.has(key)) return;
          if (pass !== 'invisible') painted.add(key);
          const invisible = pass === 'invisible';
          // A glyph that carries no text of its own (a kashida, the 2nd glyph
          // of a cluster) is drawn as an outline now (outlineGlyph below); files
          // from before mapped it to U+2060 WORD JOINER. For comparisons a
          // kashida is U+0640 (the text HarfBuzz shaped it from), the 2nd glyph
          // of a cluster ''.
          let u = unicode === 0xfffd || unicode <= 0 || unicode === 0x200d ? '' : String.fromCodePoint(unicode);
          if (glyph < 0) {
            // More characters of the previous glyph's ToUnicode entry (none of a tail left out below).
            if (tailing) return;
            const prev = glyphs[glyphs.length - 1];
            if (prev) prev.unicode += u;
            return;
          }
          const m = mupdf.Matrix.concat(mupdf.Matrix.concat(trm, ctm), toPage) as Mat;
          const fontName = font.getName();
          const size = Math.hypot(m[2], m[3]);
          const scaleX = Math.hypot(m[0], m[1]) / size;
          const subset = subsetFor(fontName);
          const { originals: originalGids, advance } = lookup(subset, glyph);
          if (unicode === 0x2060) {
            const tatweel = subset?.original?.font.glyphForCodePoint(0x0640).id;
            u = Math.abs(scaleX - 1) > 1e-6 || (tatweel !== undefined && originalGids.includes(tatweel)) ? '\u0640' : '';
          }
          // A glyph PDFium must see elsewhere is drawn as its outline, followed by
          // an invisible copy carrying its text (glyphPainter.ts, pdfiumOrder.ts):
          // the text goes to the outline, the copy is not a glyph of its own.
          // The inkless copy after it, at the glyph's own place, carries the text
          // for poppler and mupdf as ActualText: not a glyph either.
          // (A glyph standing for several characters has a copy per character, and as many inkless ones.)
          // A glyph PDFium sees elsewhere that mutool 1.21 and pdf.js read where mutool's pen
          // stands (glyphPainter's `handedOver`): the space glyph without ink, its text the
          // glyph's (one printable ASCII character but «<» and «>», which the painter never
          // hands over), added to the text object mutool kept last, so drawn before the glyph's
          // outline: that outline's text (outlineGlyph), its copy for PDFium alone (an RLM)
          // after it. This rule is warraq's painter's, not PDF's: the read-back reads the
          // painter's own output. Several moved glyphs in a row («(ILO)») are handed over one
          // after the other at the same place, before all their outlines, which follow in the
          // same order: each queued text goes to the next outline drawn, and only to it.
          if (invisible && /^[\x21-\x7e]$/.test(u) && !isPdfjsTail(u) && u !== '>' && subset?.font && subset.font.getGlyph(glyph).path.commands.length === 0) {
            handed.push(u);
            return;
          }
          // A tail for pdf.js after PDFium's copy (glyphPainter's `placed`) is neither a glyph nor a
          // character of the copy's: left out with the rest of its text, the copy still counted
          // (the copies for poppler after it are not glyphs either).
          tailing = invisible && copied > 0 && isPdfjsTail(u);
          if (tailing) return;
          let last = glyphs[glyphs.length - 1];
          // (Without the original fonts, the copy's font name has to do.)
          const sameGlyph = (g: DrawnGlyph) => (originalGids.length ? g.originalGids.some((o) => originalGids.includes(o)) : g.postscriptName === stripSubsetTag(fontName));
          // A haraka's copy for PDFium is drawn with the flat strut glyph (the tatweel).
          const tatweel = subset?.original?.font.glyphForCodePoint(0x0640).id;
          const strutCopy = invisible && /^\p{Mn}+$/u.test(u) && tatweel !== undefined && originalGids.includes(tatweel);
          // A bridge for mutool 1.21 (glyphPainter's \`bridge\`: an inkless RLM,
          // maybe an LRM; or its \`spaceBridge\`, U+180E) may stand between an
          // outline and its copy: when the copy follows, it is not a glyph either.
          const outline = glyphs[glyphs.length - 1 - bridges];
          const copyOf = (g: DrawnGlyph | undefined) => invisible && g !== undefined && g.subsetGid === -1 && (g.unicode === '' || copied > 0) && (sameGlyph(g) || strutCopy);
          if (invisible && BRIDGE_TEXTS.has(u) && outline?.subsetGid === -1 && outline.unicode === '' && copied === 0) bridges++;
          else {
            // The outline a copy goes to, the bridges before it dropped: in a run PDFium
            // reads in place (glyphPainter's `inPlaceRun`), which draws its outlines first,
            // then their copies in the same order, the first of the trailing outlines still
            // without text; else the outline before the bridges (a haraka's strut copy too).
            let pending = glyphs.length - bridges;
            while (invisible && pending > 0 && glyphs[pending - 1].subsetGid === -1 && glyphs[pending - 1].unicode === '') pending--;
            const run = glyphs.length - bridges - pending >= 2 && sameGlyph(glyphs[pending]);
            // A word space inside such a run has a copy and no outline: a glyph of its own, before the outlines still without text.
            if (inRun && bridges === 0 && /^\s+$/u.test(u) && pending < glyphs.length) {
              glyphs.splice(pending, 0, { page: p, order: pending, fontName, postscriptName: stripSubsetTag(fontName), subsetGid: glyph, originalGids, matrix: [...m] as Mat, x: m[4], y: m[5], size, scaleX, advance: advance * size * scaleX, unicode: u, invisible });
              glyphs.forEach((g, k) => (g.order = k));
              copied = 0;
              return;
            }
            inRun = run || (inRun && glyphs.length - bridges - pending === 1 && sameGlyph(glyphs[pending]));
            const target = run ? glyphs[pending] : bridges > 0 && copyOf(outline) ? outline : undefined;
            if (target) {
              glyphs.length -= bridges;
              last = target;
            }
            bridges = 0;
          }
          if (copyOf(last)) {
            last.unicode += u;
            // Glyphs with the same outline: the copy's font says which one it is.
            if (originalGids.length && !strutCopy) last.originalGids = originalGids;
            copied++;
            return;
          }
          if (invisible && copied > 0 && (u === '\u200e' || u === '\u200f')) {
            copied--;
            return;
          }
          copied = 0;
          glyphs.push({
            page: p,
            order: glyphs.length,
            fontName,
            postscriptName: stripSubsetTag(fontName),
            subsetGid: glyph,
            originalGids,
            matrix: [...m] as Mat,
            x: m[4],
            y: m[5],
            size,
            scaleX,
            advance: advance * size * scaleX,
            unicode: u,
            invisible,
          });
        },
      });
    };
    const outlineGlyph = (path: mupdf.Path, ctm: mupdf.Matrix) => {
      if (Math.abs(ctm[1]) > 1e-9 || Math.abs(ctm[2]) > 1e-9) return;
      const key = pathString(path);
      const found = projectOutlineFonts().find((f) => f.byPath.has(key));
      if (!found) return;
      const gid = found.byPath.get(key)!;
      const upem = found.font.upem;
      const m = mupdf.Matrix.concat(mupdf.Matrix.concat(mupdf.Matrix.scale(upem, upem), ctm), toPage) as Mat;
      const size = Math.hypot(m[2], m[3]);
      const scaleX = Math.hypot(m[0], m[1]) / size;
      const tatweel = found.font.hb.nominalGlyph(0x0640);
      glyphs.push({
        page: p,
        order: glyphs.length,
        fontName: `outline:${found.postscriptName}`,
        postscriptName: found.postscriptName,
        subsetGid: -1,
        originalGids: [gid],
        matrix: [...m] as Mat,
        x: m[4],
        y: m[5],
        size,
        scaleX,
        advance: (found.font.hb.glyphHAdvance(gid) / upem) * size * scaleX,
        unicode: Math.abs(scaleX - 1) > 1e-6 || gid === tatweel ? '\u0640' : '',
        invisible: false,
      });
      // A text handed to mutool and pdf.js before (collect): this outline's, and its copy for PDFium (an RLM) is not a glyph.
      // An outline that has a text of its own (a stretched glyph, a tatweel) is no handed glyph's:
      // the queue is not this run's, and is dropped rather than given to a later outline.
      const last = glyphs[glyphs.length - 1];
      if (handed.length && last.unicode === '') {
        last.unicode = handed.shift()!;
        copied = 1;
      } else handed.length = 0;
    };
    const device = new mupdf.Device({
      fillPath: (path, _evenOdd, ctm) => outlineGlyph(path, ctm),
      fillText: (text, ctm) => collect(text, ctm, 'fill'),
      strokeText: (text, _stroke, ctm) => collect(text, ctm, 'again'),
      // Clip-only text (mode 7) is not painted.
      clipText: (text, ctm) => collect(text, ctm, 'invisible'),
      clipStrokeText: (text, _stroke, ctm) => collect(text, ctm, 'invisible'),
      ignoreText: (text, ctm) => collect(text, ctm, 'invisible'),
    });
    page.run(device, mupdf.Matrix.identity);
    device.close();
    // Every handed text has met its outline on the page it was drawn on (the painter hands one over only with its outline).
    if (handed.length) throw new Error(`readDrawnGlyphs: page ${p + 1}: ${handed.length} handed-over text(s) «${handed.join('')}» with no outline after them`);
    // pdf.js's tails (pdfjsTails.ts: an inkless glyph whose text is «<», spaces and ZWNJs) are not glyphs of the line.
    pages.push({ index: p, width: x1 - x0, height: y1 - y0, glyphs: withoutBridges(glyphs.filter((g) => !(g.invisible && isPdfjsTail(g.unicode)))) });
  }
  return pages;
}

/** The texts of the painter's bridges for mutool 1.21: an RLM (until marks2 also an LRM), or U+180E, the space `spaceBridge` draws for it. */
const BRIDGE_TEXTS = new Set(['\u200e', '\u200f', '\u180e']);

/**
 * The glyphs without the painter's bridges for mutool 1.21 (glyphPainter's
 * `bridge`): an RLM without ink (and maybe an LRM at the same place; in the
 * render mode of the glyph after it, so not always "invisible") that ends
 * where the next glyph drawn starts, on its baseline; and the space it
 * draws for mutool where it moved a word space off the page (`spaceBridge`,
 * U+180E, the same way). The painter's other marks stand at a glyph's own
 * place or at its right edge.
 */
function withoutBridges(glyphs: DrawnGlyph[]): DrawnGlyph[] {
  const out = [...glyphs];
  for (let i = out.length - 2; i >= 0; i--) {
    const g = out[i];
    const next = out[i + 1];
    const mark = BRIDGE_TEXTS.has(g.unicode);
    if (mark && g.advance > 0 && Math.abs(g.y - next.y) < 1e-3 && Math.abs(g.x + g.advance - next.x) < 0.01) out.splice(i, 1);
  }
  return out.map((g, order) => (g.order === order ? g : { ...g, order }));
}

// ---------------------------------------------------------------------------
// Text extraction

export type Extractor = 'mupdf' | 'pdfjs' | 'pdftotext' | 'mutool';

/** Thrown when a command-line extractor is not on PATH. */
export class ExtractorNotInstalledError extends Error {
  readonly code = 'EXTRACTOR_NOT_INSTALLED';
  constructor(readonly tool: string) {
    super(`${tool} is not installed (not found on PATH)`);
    this.name = 'ExtractorNotInstalledError';
  }
}

const toolCache = new Map<string, boolean>();
/** True when a command is on PATH. */
export function hasTool(tool: string): boolean {
  let known = toolCache.get(tool);
  if (known === undefined) {
    const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
    toolCache.set(tool, (known = r.status === 0 && r.stdout.trim() !== ''));
  }
  return known;
}

function withTempFile<T>(pdf: Uint8Array, fn: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'warraq-extract-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ExtractOptions {
  /** Structured-text options for mupdf. Default `preserve-whitespace`. */
  mupdfOptions?: string;
}

/** Page texts joined by form feeds, as the extractor returns them. */
export async function extractText(pdf: Uint8Array, tool: Extractor, opts: ExtractOptions = {}): Promise<string> {
  switch (tool) {
    case 'mupdf': {
      const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
      const pages: string[] = [];
      const options = opts.mupdfOptions ?? 'preserve-whitespace';
      for (let i = 0; i < doc.countPages(); i++) pages.push(doc.loadPage(i).toStructuredText(options).asText());
      return pages.join('\f');
    }
    case 'pdfjs': {
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      const task = pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 });
      const doc = await task.promise;
      const pages: string[] = [];
      for (let i = 1; i <= doc.numPages; i++) {
        const content = await (await doc.getPage(i)).getTextContent();
        pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
      }
      await task.destroy();
      return pages.join('\f');
    }
    case 'pdftotext':
    case 'mutool': {
      if (!hasTool(tool)) throw new ExtractorNotInstalledError(tool);
      return withTempFile(pdf, (file) =>
        tool === 'pdftotext'
          ? execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
          : execFileSync('mutool', ['draw', '-q', '-F', 'txt', '-o', '-', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
      );
    }
  }
}

/** The bidi marks, embeddings, isolates and the Arabic letter mark a reader may write around the text (the bracket tests strip them). */
export const BIDI_MARKS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]/gu;
/**
 * Bidi controls, ZERO WIDTH JOINER (what the painter mapped text-less glyphs
 * to before) and WORD JOINER (what it maps them to now, inside ActualText:
 * mutool 1.21 ignores ActualText and returns it).
 */
const BIDI_CONTROLS = /[\u200D\u200E\u200F\u2060\u202A-\u202E\u2066-\u2069]/g;
/**
 * The invisible and bidi characters no reader may return beyond those the
 * source has (issue 17): zero-width space, joiners, LRM, RLM, the Arabic
 * letter mark, embeddings and overrides, isolates, WORD JOINER and ZWNBSP;
 * and U+180E, the text of the space the painter draws for mutool 1.21
 * alone (glyphPainter's `spaceBridge`: mutool reads it as a space, pdf.js
 * drops it, the others do not read it; counted should one return it).
 */
const INVISIBLES = /[\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\u2060\uFEFF\u180E]/gu;

/**
 * How many invisible or bidi characters (INVISIBLES) `extracted` holds beyond
 * those of `source`, character by character (a ZWNJ of the source's own is
 * not counted, one more is).
 *
 * `poppler`: the text is pdftotext's (reading order, not -raw), whose own
 * embeddings are not the painter's (`popplerMarks`): only the embeddings
 * left open on their line, stray POP DIRECTIONAL FORMATTINGs and the other
 * characters are counted.
 */
export function addedInvisibles(extracted: string, source: string, { poppler = false } = {}): number {
  if (poppler) return popplerMarks(extracted, source).total;
  const own = tally(source);
  let added = 0;
  for (const [c, n] of tally(extracted)) added += Math.max(0, n - (own.get(c) ?? 0));
  return added;
}

const tally = (s: string) => {
  const out = new Map<string, number>();
  for (const c of s.match(INVISIBLES) ?? []) out.set(c, (out.get(c) ?? 0) + 1);
  return out;
};

/** pdftotext's invisible characters beyond the source's, in parts (`popplerMarks`). */
export interface PopplerMarks {
  /** Every character counted: `embeddings` and `marks`. */
  total: number;
  /** Embeddings (RLE, LRE, RLO, LRO) left open at the end of their line, and PDFs that close none: the painter's (its RLE glyph texts). */
  embeddings: number;
  /** The other characters, by name («RLM»: 3), beyond the source's own. */
  marks: Record<string, number>;
  /** poppler's own embeddings: pairs opened and closed on one line, not counted. */
  popplerPairs: number;
}

const MARK_NAMES: Record<string, string> = { '\u200B': 'ZWSP', '\u200C': 'ZWNJ', '\u200D': 'ZWJ', '\u200E': 'LRM', '\u200F': 'RLM', '\u061C': 'ALM', '\u2060': 'WJ', '\uFEFF': 'ZWNBSP', '\u180E': 'MVS', '\u2066': 'LRI', '\u2067': 'RLI', '\u2068': 'FSI', '\u2069': 'PDI' };
const OPENERS = /[\u202A\u202B\u202D\u202E]/u;

/**
 * pdftotext's invisible characters in two parts: poppler's own and the
 * painter's. poppler's `reorderText` (poppler/TextOutputDev.cc, 22.12) writes
 * a line of a page it reads right to left as RLE … PDF and each left-to-right
 * section in it as LRE … PDF; a page it reads left to right, each
 * right-to-left section as RLE … PDF. Every embedding it opens it closes on
 * the same line: pdftotext's text of Chromium's and Typst's PDFs of the same
 * documents leaves none open (docs/accessibility.md, "Invisible marks the readers return"). So
 * the pairs on a line are poppler's (`popplerPairs`, not counted); an
 * embedding still open at the line's end is a glyph's own text (the
 * painter's RLE for poppler: glyphPainter's `rlms`, a heading label's second
 * RLE), and a PDF that closes none, one too (`embeddings`). The source's own
 * embeddings and marks are taken off.
 */
export function popplerMarks(extracted: string, source: string): PopplerMarks {
  let open = 0;
  let stray = 0;
  let pairs = 0;
  for (const line of extracted.split(/[\n\f]/u)) {
    let depth = 0;
    for (const c of line.match(/[\u202A-\u202E]/gu) ?? []) {
      if (OPENERS.test(c)) depth++;
      else if (depth > 0) [depth, pairs] = [depth - 1, pairs + 1];
      else stray++;
    }
    open += depth;
  }
  const own = tally(source);
  const ownEmbeddings = [...own].filter(([c]) => /[\u202A-\u202E]/u.test(c)).reduce((n, [, k]) => n + k, 0);
  const embeddings = Math.max(0, open + stray - ownEmbeddings);
  const marks: Record<string, number> = {};
  for (const [c, n] of tally(extracted)) {
    if (/[\u202A-\u202E]/u.test(c)) continue;
    const beyond = n - (own.get(c) ?? 0);
    if (beyond > 0) marks[MARK_NAMES[c] ?? `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`] = beyond;
  }
  return { total: embeddings + Object.values(marks).reduce((a, b) => a + b, 0), embeddings, marks, popplerPairs: pairs };
}

/** Arabic harakat and other combining marks of the Arabic block. */
const ARABIC_MARKS = /[\u064B-\u065F\u0670\u06D6-\u06ED]/g;

export interface NormalizeOptions {
  /**
   * Drop Arabic combining marks before comparing. Off by default: every
   * extractor is expected to return the marks after their base letters.
   */
  ignoreMarks?: boolean;
}

/**
 * Text as compared between source and extraction: NFC, without whitespace,
 * tatweel (U+0640, which justification inserts), bidi controls (U+200E,
 * U+200F, U+202A–U+202E, U+2066–U+2069, which the painter and some
 * extractors add) and U+200D (the painter's text for a cluster's 2nd glyph).
 */
export function normalizeForCompare(s: string, opts: NormalizeOptions = {}): string {
  // NFC last, so that marks that end up side by side are put in canonical order.
  let t = s.replace(/\s+/gu, '').replace(/\u0640/g, '').replace(BIDI_CONTROLS, '');
  if (opts.ignoreMarks) t = t.replace(ARABIC_MARKS, '');
  return t.normalize('NFC');
}
