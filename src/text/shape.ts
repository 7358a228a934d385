/**
 * Shaping: one call into HarfBuzz per run (a stretch of one bidi level, one
 * font, one size). Everything downstream (line breaking, justification, PDF and
 * card drawing) uses these glyphs and positions unchanged, which is what makes
 * "shaping equals HarfBuzz" hold by construction.
 */
import * as hb from 'harfbuzzjs';
import type { LoadedFont } from './fonts.js';

export interface ShapedGlyph {
  gid: number;
  /** UTF-16 offset of the glyph's cluster in the paragraph text. */
  cluster: number;
  /** Source characters this glyph stands for (for ToUnicode); '' for the 2nd+ glyph of a cluster. */
  text: string;
  /** Advance and offsets in pt (HarfBuzz's y points up). */
  xAdvance: number;
  xOffset: number;
  yOffset: number;
  /** HarfBuzz says a tatweel may be inserted before this glyph's cluster without reshaping its neighbours. */
  safeToInsertTatweel: boolean;
  /** Horizontal scale of the drawn glyph (kashida tatweels only; 1 otherwise). */
  scaleX: number;
  /** True for a kashida tatweel that the composer inserted (not in the source). */
  kashida?: boolean;
}

export interface ShapeRequest {
  font: LoadedFont;
  size: number;
  /** The whole paragraph text; HarfBuzz sees it as context around the run. */
  text: string;
  start: number;
  end: number;
  rtl: boolean;
  lang?: string;
}

/**
 * Shapes text[start, end) and returns glyphs in HarfBuzz's output order
 * (visual, left to right, also for right-to-left runs).
 */
export function shapeRun(req: ShapeRequest): ShapedGlyph[] {
  const { font, size, text, start, end, rtl } = req;
  // harfbuzzjs frees buffers through a FinalizationRegistry.
  const buf = new hb.Buffer();
  {
    buf.addText(text, start, end - start);
    buf.setDirection(rtl ? hb.Direction.RTL : hb.Direction.LTR);
    if (req.lang) buf.setLanguage(req.lang);
    buf.guessSegmentProperties();
    buf.setClusterLevel(hb.ClusterLevel.MONOTONE_CHARACTERS);
    buf.setFlags(hb.BufferFlag.PRODUCE_SAFE_TO_INSERT_TATWEEL);
    hb.shape(font.hb, buf);
    const infos = buf.getGlyphInfosAndPositions();
    const scale = size / font.upem;
    // A cluster's text runs to the next larger cluster value in the run.
    const starts = [...new Set(infos.map((g) => g.cluster))].sort((a, b) => a - b);
    const nextStart = new Map<number, number>();
    starts.forEach((c, i) => nextStart.set(c, starts[i + 1] ?? end));
    // The first glyph of a cluster in logical order carries its text.
    const logical = rtl ? [...infos.keys()].reverse() : [...infos.keys()];
    const carriesText = new Set<number>();
    const seen = new Set<number>();
    for (const i of logical) {
      if (!seen.has(infos[i].cluster)) {
        seen.add(infos[i].cluster);
        carriesText.add(i);
      }
    }
    return infos.map((g, i) => ({
      gid: g.codepoint,
      cluster: g.cluster,
      text: carriesText.has(i) ? text.slice(g.cluster, nextStart.get(g.cluster)) : '',
      xAdvance: (g.xAdvance ?? 0) * scale,
      xOffset: (g.xOffset ?? 0) * scale,
      yOffset: (g.yOffset ?? 0) * scale,
      safeToInsertTatweel: (g.flags & hb.GlyphFlag.SAFE_TO_INSERT_TATWEEL) !== 0,
      scaleX: 1,
    }));
  }
}
