/** @jsxRuntime automatic */
/** @jsxImportSource react */
/**
 * The card design, as satori users write one: JSX with flexbox. Every text
 * block is a `<TextBox>`: an empty box of the size the text layer measured
 * (HarfBuzz shaping, bidi, line composition: templates/cardLayout.ts), so
 * flex decides where blocks go and the glyph outlines are drawn into the
 * boxes afterwards (satori's own text engine stays unused). Nothing here
 * computes a position; sizes of gaps, margins and rules are design tokens.
 *
 * A new design is a new file like this one exporting a `CardDesign`; the
 * layout (templates/cardLayout.ts) measures the parts a design names and
 * asks it for a view. An element with `id="room"` is where the body goes:
 * its height is what a slide's body may take.
 */
import type { ReactElement } from 'react';
import type { MeasuredText } from '../src/layout/flexbox.js';

/** The parts of a point card; the body is absent when the layout asks how much room a body would get. */
export interface PointParts {
  number: MeasuredText;
  title: MeasuredText;
  /** «١ من ٣» on the slides of a carousel (slideLabel in cardLayout.ts). */
  marker?: MeasuredText;
  body?: MeasuredText;
  /** The document title and imprint, on every card and every slide: a slide shared alone still says where it is from. */
  footer?: MeasuredText;
  /** "continued" on every slide but the last: at the end of the footer's rule (every slide has its footer, cardLayout.ts). */
  continued?: MeasuredText;
  /** Centre the body in its room (a single card) or start it under the header (a slide). */
  centre: boolean;
  /**
   * Narrower gaps around the body: a single card at the compact size whose
   * body is a line or so too tall for the usual gaps, so that the point
   * takes one card rather than a carousel of two half-empty slides.
   */
  tight?: boolean;
}

export interface DocumentParts {
  title?: MeasuredText;
  imprint: MeasuredText[];
  /** Extra space before each imprint paragraph (a blank line in the source). */
  imprintGaps: number[];
}

/** What a design gives the layout: its tokens, then a view per kind of card. */
export interface CardDesign {
  tokens(g: CardGeometry): CardTokens;
  point(g: CardGeometry, parts: PointParts): ReactElement;
  document(g: CardGeometry, parts: DocumentParts): ReactElement;
}

/** A format's frame, from the theme: size, margins (clear of the platform's safe zones), colours. */
export interface CardGeometry {
  width: number;
  height: number;
  /** Width / 1080: tokens scale with it. */
  s: number;
  /** Landscape formats (the link preview) have little height: vertical tokens shrink by this. */
  h: number;
  padX: number;
  padTop: number;
  padBottom: number;
  /** Only background above this and below height − safeBottom. */
  safeTop: number;
  safeBottom: number;
  rtl: boolean;
  palette: { paper: string; ink: string; accent: string; muted: string; cover: string; coverInk: string };
}

/** Sizes the layout needs to measure text before flex places it. */
export interface CardTokens {
  /** Gap between the number and the title, and between the title and the marker. */
  headGap: number;
  numberSize: number;
  /** The title is at least this, and at least the format's largest body size × titleOverBody (one size per format: templates/cardLayout.ts, `seriesTitleSize`). */
  titleSize: number;
  titleOverBody: number;
  numberOverTitle: number;
  footerSize: number;
  markerSize: number;
  /** Body leading as a multiple of the size. */
  bodyLeading: number;
}

/** A measured text block: an empty box that flex places; the layout draws the glyphs into it. */
function TextBox({ id, m, align }: { id: string; m: MeasuredText; align?: 'center' | 'flex-end' }): ReactElement {
  return <div id={id} style={{ display: 'flex', width: m.width, height: m.height, flexShrink: 0, alignSelf: align }} />;
}

const tokens = (g: CardGeometry): CardTokens => ({
  headGap: Math.round(36 * g.s * g.h),
  numberSize: 150 * g.s * g.h,
  titleSize: 54 * g.s * g.h,
  titleOverBody: 1.3,
  numberOverTitle: 2,
  footerSize: Math.max(26 * g.s, 20),
  markerSize: Math.max(44 * g.s, 24),
  bodyLeading: 1.71,
});

/** A format this many times taller than wide is tall (the story): a single card's title and body stand together. */
const TALL = 1.5;

/** The card itself: a column of the card's size, its padding the margins and safe zones. */
function frame(g: CardGeometry, backgroundColor: string) {
  return {
    display: 'flex',
    flexDirection: 'column',
    position: 'relative',
    boxSizing: 'border-box',
    width: g.width,
    height: g.height,
    padding: `${g.padTop}px ${g.padX}px ${g.padBottom}px`,
    backgroundColor,
  } as const;
}

function Point(g: CardGeometry, p: PointParts): ReactElement {
  const t = tokens(g);
  const row = g.rtl ? 'row-reverse' : 'row';
  const rule = Math.max(1, Math.round(1.5 * g.s));
  const gap = Math.round((p.tight ? 26 : 44) * g.s * g.h);
  // A single card on a tall format (the story, 1080×1920): its title and body stand together a little above
  // the middle of the free height, not the title at the top and a short body alone halfway down.
  const lifted = p.centre && p.body !== undefined && g.height > TALL * g.width;
  // A slide's "continued" stands at the end of the footer's rule, the rule through its middle: the label's
  // half-height above and below the rule comes out of the gaps, so the rule, the footer and the body's room
  // are where the last slide has them (the label costs the body no height).
  const overhang = p.continued && p.footer ? Math.max(0, (p.continued.height - rule) / 2) : 0;
  return (
    <div style={frame(g, g.palette.paper)}>
      <div style={{ position: 'absolute', top: g.safeTop, left: 0, width: g.width, height: Math.round(14 * g.s), backgroundColor: g.palette.accent }} />
      {lifted && <div style={{ flexGrow: 2 }} />}
      <div style={{ display: 'flex', flexDirection: row, alignItems: 'center', flexShrink: 0 }}>
        <TextBox id="number" m={p.number} />
        <div style={{ width: t.headGap, flexShrink: 0 }} />
        <TextBox id="title" m={p.title} />
        {p.marker && <div style={{ flexGrow: 1 }} />}
        {p.marker && <div style={{ display: 'flex', alignSelf: 'flex-start' }}><TextBox id="marker" m={p.marker} /></div>}
      </div>
      <div
        id="room"
        style={{ display: 'flex', flexDirection: 'column', flexGrow: lifted ? 0 : 1, flexShrink: lifted ? 0 : 1, justifyContent: p.centre ? 'center' : 'flex-start', margin: `${gap}px 0 ${Math.max(0, gap - overhang)}px` }}
      >
        {/* A statement's balanced lines are narrower than the measure: their box stands at the start edge, under the title. */}
        {p.body && <TextBox id="body" m={p.body} align={g.rtl ? 'flex-end' : undefined} />}
      </div>
      {lifted && <div style={{ flexGrow: 3 }} />}
      {p.footer && !p.continued && <div style={{ height: rule, flexShrink: 0, backgroundColor: g.palette.muted, marginBottom: gap / 2 }} />}
      {p.footer && p.continued && (
        <div style={{ display: 'flex', flexDirection: row, alignItems: 'center', flexShrink: 0, marginBottom: Math.max(0, gap / 2 - overhang) }}>
          <div style={{ height: rule, flexGrow: 1, backgroundColor: g.palette.muted }} />
          <div style={{ width: Math.round(t.headGap / 2), flexShrink: 0 }} />
          <TextBox id="continued" m={p.continued} />
        </div>
      )}
      {p.footer && <TextBox id="footer" m={p.footer} />}
    </div>
  );
}

/**
 * The space between the document card's title and the short rule under it:
 * a third of the title's size, at least 30 px at 1080 px wide. The rule is
 * centred, under the middle of the last line, where a Persian or Arabic
 * descender often hangs («حقوق»): 30 px under the ink of a 150 px title
 * read as touching it.
 */
export function coverRuleGap(g: CardGeometry, titleSize: number): number {
  return Math.max(Math.round(30 * g.s * g.h), Math.round(titleSize / 3));
}

function Document(g: CardGeometry, p: DocumentParts): ReactElement {
  const inset = Math.round(40 * g.s * g.h);
  const bar = Math.max(3, Math.round(5 * g.s));
  const edge = { position: 'absolute', left: inset, width: g.width - 2 * inset, height: bar, backgroundColor: g.palette.coverInk } as const;
  return (
    <div style={frame(g, g.palette.cover)}>
      <div style={{ ...edge, top: g.safeTop || inset }} />
      <div id="room" style={{ display: 'flex', flexDirection: 'column', flexGrow: 1, alignItems: 'center', justifyContent: 'center', marginBottom: Math.round(60 * g.s * g.h) }}>
        {p.title && <TextBox id="title" m={p.title} />}
        {p.title && (
          <div style={{ width: Math.round(90 * g.s), height: Math.max(2, Math.round(3 * g.s)), marginTop: coverRuleGap(g, p.title.size), backgroundColor: g.palette.coverInk }} />
        )}
      </div>
      {p.imprint.map((m, i) => (
        <div key={i} style={{ display: 'flex', flexShrink: 0, marginTop: p.imprintGaps[i] }}>
          <TextBox id={`imprint${i}`} m={m} />
        </div>
      ))}
      <div style={{ ...edge, bottom: g.safeBottom || inset }} />
    </div>
  );
}

/** warraq's card design: a point's number large in accent beside its title, the body, a rule and the footer; the document card on the cover colour. */
export const defaultDesign: CardDesign = { tokens, point: Point, document: Document };
