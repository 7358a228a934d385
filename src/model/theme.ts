/**
 * Design tokens: the default theme and how metadata overrides merge into it.
 * Pure data; no file access.
 */
import type { CardFormat, Cmyk, Direction, PageSize, PageSizeName, PaletteName, Theme } from './types.js';
import { isPersianLang } from '../text/clauseLanguage.js';

/** ISO 216 sizes in pt (1 mm = 72/25.4 pt), rounded to 0.01 pt. */
export const PAGE_SIZES: Readonly<Record<PageSizeName, PageSize>> = {
  A4: { name: 'A4', width: 595.28, height: 841.89 },
  A5: { name: 'A5', width: 419.53, height: 595.28 },
  A6: { name: 'A6', width: 297.64, height: 419.53 },
};

export const DEFAULT_CARDS: readonly CardFormat[] = [
  { name: 'square', width: 1080, height: 1080, extra: ['webp'], safeY: 0 },
  { name: 'portrait', width: 1080, height: 1350, extra: ['webp'], safeY: 0 },
  { name: 'story', width: 1080, height: 1920, extra: ['webp'], safeY: 250, safeBottom: 340 },
  { name: 'link', width: 1200, height: 630, extra: ['webp', 'jpeg'], safeY: 0, minBodyPx: 36 },
];

/**
 * How a language is justified by default: Arabic with kashida, Persian with
 * spaces (modern practice), left-to-right languages not at all (flush left,
 * ragged right). Justified English at these measures has loose lines (wide
 * word spaces, rivers), even hyphenated (`theme.hyphenate`, an option):
 * docs/typography.md, "English and other left-to-right text".
 */
function defaultJustify(dir: Direction, lang: string): Theme['justify'] {
  if (dir === 'ltr') return 'off';
  return isPersianLang(lang) ? 'spaces' : 'kashida';
}

/**
 * Body leading (baseline to baseline, a multiple of the size) by default:
 * Arabic script needs room for its tall ascenders, marks and descending
 * tails, so 1.9; Latin text at 1.9 reads double-spaced (udhr-en's leaflet 26
 * ran onto a second page holding one line), so 1.45 for left-to-right text.
 * The metadata's `theme.body.leading` wins.
 */
function defaultLeading(dir: Direction): number {
  return dir === 'ltr' ? 1.45 : 1.9;
}

/** The default theme for a direction and language (justification: `defaultJustify`, leading: `defaultLeading`). */
export function defaultTheme(dir: Direction, lang = dir === 'rtl' ? 'ar' : 'en'): Theme {
  return {
    palette: {
      paper: '#fbf8f1',
      ink: '#1c1b1a',
      accent: '#9e1b1b',
      muted: '#6b6259',
      cover: '#7a1515',
      coverInk: '#fbf8f1',
    },
    fonts: {
      body: ['fonts/Amiri-Regular.ttf'],
      heading: ['fonts/Amiri-Bold.ttf'],
    },
    body: { size: 11.5, leading: defaultLeading(dir), minSize: 10 },
    // 14 pt on A5 holds most points of a plan on one page and reads at arm's
    // length; 12 pt is the next step down the classic scale (…10, 11, 12, 14, 16…).
    leafletBody: { regular: 14, compact: 12 },
    justify: defaultJustify(dir, lang),
    hyphenate: false,
    kashidaPerLine: 2,
    space: { stretch: 0.3, shrink: 0.2, max: 2 },
    page: {
      booklet: { ...PAGE_SIZES.A5 },
      leaflet: { ...PAGE_SIZES.A5 },
      margins: { top: 48, bottom: 56, inner: 54, outer: 40 },
    },
    cards: DEFAULT_CARDS.map((c) => ({ ...c, extra: [...c.extra] })),
    cardMinBodyPx: 40,
    cardMargin: 0.07,
    cardScale: 1.125,
    pages: 'multiple-of-4',
    spare: 'notes',
    copyfit: 'on',
    paper: { thicknessMm: 0.1 },
    // The paper is unprinted paper on press; ink and grey are black ink only,
    // so small type has no colour fringes; the reds are given, not converted.
    cmyk: {
      paper: [0, 0, 0, 0],
      ink: [0, 0, 0, 100],
      accent: [0, 90, 85, 35],
      muted: [0, 0, 0, 65],
      cover: [0, 90, 85, 50],
      coverInk: [0, 0, 0, 0],
    },
    richBlack: { cmyk: [60, 40, 40, 100], minMm: 20 },
    leafletSheet: 'pages',
  };
}

/**
 * Options given to a build (the command line's --justify, --leaflet-sheet, --pages):
 * folded into the theme when the model is built, so that they reach every
 * template and every job's key the way a design token does.
 */
export interface ModelOptions {
  justify?: Theme['justify'];
  leafletSheet?: Theme['leafletSheet'];
  /** The booklet's page plan (--pages). */
  pages?: Theme['pages'];
}

/** `theme` with the options applied (a new object when any is set). */
export function applyOptions(theme: Theme, opts: ModelOptions | undefined): Theme {
  if (!opts) return theme;
  return {
    ...theme,
    justify: opts.justify ?? theme.justify,
    leafletSheet: opts.leafletSheet ?? theme.leafletSheet,
    pages: opts.pages ?? theme.pages,
  };
}

/** What metadata may override: every field optional, page sizes by name, cards added or dropped by name. */
interface ThemeOverride {
  palette?: Partial<Theme['palette']>;
  fonts?: Partial<Theme['fonts']>;
  body?: Partial<Theme['body']>;
  leafletBody?: Partial<Theme['leafletBody']>;
  justify?: Theme['justify'];
  hyphenate?: boolean;
  kashidaPerLine?: number;
  space?: Partial<Theme['space']>;
  page?: {
    booklet?: PageSizeName;
    leaflet?: PageSizeName;
    margins?: Partial<Theme['page']['margins']>;
  };
  cards?: {
    /** New formats, or replacements for formats with the same name. */
    add?: Array<Omit<CardFormat, 'extra' | 'safeY'> & Partial<Pick<CardFormat, 'extra' | 'safeY' | 'safeBottom' | 'minBodyPx'>>>;
    /** Names of formats to leave out. */
    drop?: string[];
  };
  cardMinBodyPx?: number;
  cardMargin?: number;
  cardScale?: number;
  pages?: Theme['pages'];
  spare?: Theme['spare'];
  copyfit?: Theme['copyfit'];
  paper?: Partial<Theme['paper']>;
  cmyk?: Partial<Record<PaletteName, Cmyk>>;
  richBlack?: Partial<Theme['richBlack']>;
}

/** Returns a new Theme: `base` with `override` applied. Neither argument is changed. */
export function mergeTheme(base: Theme, override: ThemeOverride | undefined): Theme {
  // Each colour written one way (#FF0000 and #ff0000 are one colour): a colour is compared and keyed by its text.
  const o = override?.palette ? { ...override, palette: lowerCase(defined(override.palette)) } : (override ?? {});
  const t: Theme = {
    palette: { ...base.palette, ...o.palette },
    fonts: {
      body: [...(o.fonts?.body ?? base.fonts.body)],
      heading: [...(o.fonts?.heading ?? base.fonts.heading)],
    },
    body: { ...base.body, ...defined(o.body) },
    leafletBody: { ...base.leafletBody, ...defined(o.leafletBody) },
    justify: o.justify ?? base.justify,
    hyphenate: o.hyphenate ?? base.hyphenate,
    kashidaPerLine: o.kashidaPerLine ?? base.kashidaPerLine,
    space: { ...base.space, ...defined(o.space) },
    page: {
      booklet: o.page?.booklet ? { ...PAGE_SIZES[o.page.booklet] } : { ...base.page.booklet },
      leaflet: o.page?.leaflet ? { ...PAGE_SIZES[o.page.leaflet] } : { ...base.page.leaflet },
      margins: { ...base.page.margins, ...defined(o.page?.margins) },
    },
    cards: base.cards.map((c) => ({ ...c, extra: [...c.extra] })),
    cardMinBodyPx: o.cardMinBodyPx ?? base.cardMinBodyPx,
    cardMargin: o.cardMargin ?? base.cardMargin,
    cardScale: o.cardScale ?? base.cardScale,
    pages: o.pages ?? base.pages,
    spare: o.spare ?? base.spare,
    copyfit: copyfitOf(base, o),
    paper: { ...base.paper, ...defined(o.paper) },
    cmyk: pressColours(base, o),
    richBlack: { cmyk: [...(o.richBlack?.cmyk ?? base.richBlack.cmyk)], minMm: o.richBlack?.minMm ?? base.richBlack.minMm },
    leafletSheet: base.leafletSheet,
  };
  const drop = new Set(o.cards?.drop ?? []);
  t.cards = t.cards.filter((c) => !drop.has(c.name));
  for (const a of o.cards?.add ?? []) {
    const card: CardFormat = { name: a.name, width: a.width, height: a.height, extra: [...(a.extra ?? [])], safeY: a.safeY ?? 0 };
    if (a.safeBottom !== undefined) card.safeBottom = a.safeBottom;
    if (a.minBodyPx !== undefined) card.minBodyPx = a.minBodyPx;
    const i = t.cards.findIndex((c) => c.name === a.name);
    if (i >= 0) t.cards[i] = card;
    else t.cards.push(card);
  }
  return t;
}

/**
 * Whether the booklet is copyfitted after an override: as `copyfit` says when
 * it is given; else off where the override sets the body's size or leading (a
 * size the user chose is the size they get), else the base's.
 */
function copyfitOf(base: Theme, o: ThemeOverride): Theme['copyfit'] {
  if (o.copyfit) return o.copyfit;
  return o.body?.size !== undefined || o.body?.leading !== undefined ? 'off' : base.copyfit;
}

/**
 * The CMYK values after an override: a palette colour given a new RGB value
 * and no CMYK loses the base's CMYK (it no longer describes that colour), so
 * it is converted from the new RGB value.
 */
function pressColours(base: Theme, o: ThemeOverride): Theme['cmyk'] {
  const out: Theme['cmyk'] = {};
  for (const [name, v] of Object.entries(base.cmyk) as Array<[PaletteName, Cmyk]>) {
    if (o.palette?.[name] === undefined || o.palette[name] === base.palette[name]) out[name] = [...v];
  }
  for (const [name, v] of Object.entries(defined(o.cmyk)) as Array<[PaletteName, Cmyk]>) out[name] = [...v];
  return out;
}

/** `#FF0000` → `#ff0000`, for each colour of a palette. */
function lowerCase<T extends Record<string, string>>(palette: T): T {
  return Object.fromEntries(Object.entries(palette).map(([k, v]) => [k, v.toLowerCase()])) as T;
}

/** Drops keys whose value is undefined, so spreading never erases a default. */
function defined<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (!o) return out;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
