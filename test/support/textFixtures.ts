/**
 * Small PDFs for text tests: paragraphs composed by the text layer and drawn
 * by the PDF renderer, on A5 pages, one text block per paragraph.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeParagraph, type ComposedParagraph, type ComposeOptions } from '../../src/text/compose.js';
import { loadFont, type LoadedFont } from '../../src/text/fonts.js';
import { renderPages } from '../../src/render/pdf/renderPages.js';
import type { Block, LaidOutPage } from '../../src/layout/types.js';
import { openFont } from './pdfReadback.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

export const MIXED_SAMPLE = 'جهود مجلس وَفْقًا لِقَرارات (EU) و(NATO) بنسبة 30% و٣٠٪ في عام ٢٠٢٤ و2024. «اقتباس» [مرجع]';

const fontCache = new Map<string, LoadedFont>();
/** A project font by file name, e.g. `Amiri-Regular.ttf`. */
export function projectFont(file: string): LoadedFont {
  let f = fontCache.get(file);
  if (!f) fontCache.set(file, (f = loadFont(readFileSync(`${root}fonts/${file}`), `fonts/${file}`)));
  return f;
}

export function projectFontBytes(file: string): Uint8Array {
  return projectFont(file).bytes;
}

/** Project fonts by PostScript name, as `shapingConformance` wants them. */
export function fontsByPostscriptName(): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const file of readdirSync(`${root}fonts`).filter((f) => /\.(ttf|otf)$/i.test(f)).sort()) {
    const bytes = projectFontBytes(file);
    out[openFont(bytes).postscriptName] = bytes;
  }
  return out;
}

/** The numbered points of the seed source (`source/izmir-2023.txt`), without their labels. */
export const seedPoints = (): string[] => documentPoints('source/izmir-2023.txt');

/** The numbered points (Arabic-Indic labels) of a source file under the project root, without their labels. */
export function documentPoints(file: string): string[] {
  const src = readFileSync(`${root}${file}`, 'utf8');
  return src
    .split('\n')
    .map((l) => /^\s*[\u0660-\u0669]{1,3}\s*\.\s*(.*\S)\s*$/u.exec(l)?.[1])
    .filter((t): t is string => t !== undefined);
}

export const A5 = { width: 419.53, height: 595.28 } as const;

export interface RenderOptions extends Partial<ComposeOptions> {
  fonts?: LoadedFont[];
  size?: number;
  /** Baseline-to-baseline distance in pt. */
  leading?: number;
  margin?: number;
}

export interface RenderedParagraphs {
  pdf: Uint8Array;
  /** The pages `pdf` draws. */
  pages: LaidOutPage[];
  paragraphs: ComposedParagraph[];
  /** Where each paragraph's lines went: page index and left x of the measure. */
  placements: Array<Array<{ page: number; x: number; baseline: number }>>;
  options: ComposeOptions;
  size: number;
}

/** Composes each text as its own paragraph and renders them onto A5 pages. */
export async function renderParagraphs(texts: string[], o: RenderOptions = {}): Promise<RenderedParagraphs> {
  const fonts = o.fonts ?? [projectFont('Amiri-Regular.ttf')];
  const size = o.size ?? 11.5;
  const leading = o.leading ?? size * 1.9;
  const margin = o.margin ?? 40;
  const options: ComposeOptions = {
    dir: o.dir ?? 'rtl',
    lang: o.lang ?? 'ar',
    measure: o.measure ?? A5.width - 2 * margin - 14.53,
    align: o.align ?? 'justify',
    justify: o.justify ?? 'kashida',
    space: o.space ?? { stretch: 0.25, shrink: 0.2 },
    kashida: o.kashida,
    ...(o.hyphenate ? { hyphenate: true } : {}),
  };
  const pages: LaidOutPage[] = [];
  let blocks: Block[] = [];
  const newPage = () => {
    blocks = [];
    pages.push({ width: A5.width, height: A5.height, background: '#ffffff', role: 'body', blocks });
  };
  newPage();
  let y = margin;
  const paragraphs: ComposedParagraph[] = [];
  const placements: RenderedParagraphs['placements'] = [];
  for (const text of texts) {
    const para = composeParagraph([{ text, style: { fonts, size } }], options);
    paragraphs.push(para);
    const placed: Array<{ page: number; x: number; baseline: number }> = [];
    let block: Block & { kind: 'text' } = { kind: 'text', rtl: options.dir === 'rtl', color: '#000000', text, lines: [] };
    blocks.push(block);
    for (const line of para.lines) {
      if (y + leading > A5.height - margin) {
        newPage();
        y = margin;
        block = { kind: 'text', rtl: options.dir === 'rtl', color: '#000000', text, lines: [] };
        blocks.push(block);
      }
      y += leading;
      block.lines.push({ line, x: margin, baseline: y });
      placed.push({ page: pages.length - 1, x: margin, baseline: y });
    }
    placements.push(placed);
    y += size;
  }
  const pdf = await renderPages(pages, { title: 'test', lang: options.lang ?? 'ar', rtl: options.dir === 'rtl', date: new Date(0) });
  return { pdf, pages, paragraphs, placements, options, size };
}
