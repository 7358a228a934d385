/**
 * The metadata schema (zod): every key of front matter and `<source>.meta.yaml`,
 * with its type and bounds. Loading and validation: loadMeta.ts; docs/metadata.md
 * is generated from this schema (npm run docs:metadata).
 */
import { z } from 'zod';
import { isEventDate, isIsoDay, rangeProblem } from '../parse/dates.js';
import { proofMetaFields } from './proofSchema.js';

const dateExpected = 'a real date: YYYY-MM-DD, or --MM-DD for a yearly day';

const eventDateString = z.string().refine(isEventDate, {
  message: 'not a valid date',
  params: { warraq: 'E-META-DATE', expected: dateExpected },
});

const eventDate = z
  .object({ start: eventDateString, end: eventDateString.optional() })
  .strict()
  .superRefine((d, ctx) => {
    if (d.end === undefined) return;
    const why = rangeProblem(d.start, d.end);
    if (why) ctx.addIssue({ code: 'custom', path: ['end'], message: why, params: { warraq: 'E-META-DATE', expected: 'end on or after start' } });
  });

const httpUrl = z.string().refine(
  (s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  },
  { message: 'not an http(s) URL', params: { expected: 'a full URL such as https://example.org/page' } },
);

const nonEmpty = z.string().trim().min(1, 'must not be empty');

const eventSchema = z
  .object({
    name: nonEmpty,
    date: eventDate.optional(),
    place: nonEmpty.optional(),
  })
  .strict();

const pointSchema = z
  .object({
    title: nonEmpty.optional(),
    slug: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a lowercase ASCII slug such as anti-war')
      .max(40)
      .optional(),
    event: eventSchema.optional(),
    url: httpUrl.optional(),
  })
  .strict();

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour written #rrggbb');
const percent = z.number().min(0).max(100);
/** CMYK as four percentages, e.g. [0, 90, 85, 35]. */
const cmyk = z.tuple([percent, percent, percent, percent]);
const fontList = z.array(z.string().min(1)).min(1);
const pageName = z.enum(['A4', 'A5', 'A6']);
const pt = z.number().min(0).max(400);

const cardSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a lowercase ASCII name such as banner'),
    width: z.number().int().min(64).max(8192),
    height: z.number().int().min(64).max(8192),
    extra: z.array(z.enum(['webp', 'jpeg'])).optional(),
    safeY: z.number().int().min(0).max(4096).optional(),
    safeBottom: z.number().int().min(0).max(4096).optional(),
    minBodyPx: z.number().int().min(8).max(400).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const top = c.safeY ?? 0;
    const bottom = c.safeBottom ?? top;
    if (top + bottom >= c.height)
      ctx.addIssue({ code: 'custom', path: [c.safeBottom !== undefined ? 'safeBottom' : 'safeY'], message: `safe zones of ${top}px and ${bottom}px leave no room in a ${c.height}px card`, params: { expected: `together less than ${c.height}` } });
  });

const themeSchema = z
  .object({
    palette: z
      .object({ paper: colour, ink: colour, accent: colour, muted: colour, cover: colour, coverInk: colour })
      .partial()
      .strict(),
    fonts: z.object({ body: fontList, heading: fontList }).partial().strict(),
    body: z
      .object({ size: z.number().min(4).max(72), leading: z.number().min(0.8).max(4), minSize: z.number().min(4).max(72) })
      .partial()
      .strict(),
    leafletBody: z
      .object({
        regular: z
          .number()
          .min(6)
          .max(72)
          .meta({ description: 'body size of a leaflet whose point fits one page, and of one that runs on when that costs no more pages than `compact` (pt on A5; A4 and A6 scale it with the page)', examples: [14] }),
        compact: z
          .number()
          .min(4)
          .max(72)
          .meta({ description: 'body size of a leaflet whose point does not fit one page at `regular` but fits one at `compact`, one step down (pt on A5); a point that fits one page at neither runs on to more pages, at `regular` when that costs no more pages than `compact`, else at `compact`', examples: [12] }),
      })
      .partial()
      .strict()
      .meta({
        description: 'the two body sizes every leaflet of a document is set at (compact ≤ regular), so the leaflets look like one family; a short point takes a statement size, 1.5× `regular`, else 1.3× (docs/typography.md)',
        examples: [{ regular: 14, compact: 12 }],
      }),
    justify: z.enum(['off', 'spaces', 'kashida']),
    hyphenate: z.boolean(),
    kashidaPerLine: z.number().int().min(0).max(20),
    space: z
      .object({
        stretch: z.number().min(0).max(3),
        shrink: z.number().min(0).max(0.9),
        max: z
          .number()
          .min(1)
          .max(10)
          .describe('widest word space a justified line may have, × a normal space; a line that needs more is justified with wider ones up to ×3, past that set flush at its start and short of the margin at its end, and reported (W-LINE-LOOSE)'),
      })
      .partial()
      .strict(),
    page: z
      .object({
        booklet: pageName,
        leaflet: pageName,
        margins: z.object({ top: pt, bottom: pt, inner: pt, outer: pt }).partial().strict(),
      })
      .partial()
      .strict(),
    cards: z.object({ add: z.array(cardSchema), drop: z.array(z.string()) }).partial().strict(),
    cardMinBodyPx: z.number().int().min(8).max(400),
    cardMargin: z.number().min(0).max(0.3),
    cardScale: z.number().min(1.02).max(2),
    pages: z.enum(['multiple-of-4', 'any']),
    spare: z.enum(['notes', 'blank']),
    copyfit: z.enum(['on', 'off']),
    paper: z.object({ thicknessMm: z.number().min(0).max(1) }).partial().strict(),
    cmyk: z.object({ paper: cmyk, ink: cmyk, accent: cmyk, muted: cmyk, cover: cmyk, coverInk: cmyk }).partial().strict(),
    richBlack: z.object({ cmyk, minMm: z.number().min(0).max(1000) }).partial().strict(),
  })
  .partial()
  .strict();

export const metaSchema = z
  .object({
    lang: z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag such as ar, fa or en'),
    dir: z.enum(['rtl', 'ltr']),
    digits: z.enum(['arab', 'arabext', 'latn']),
    /** How point numbers are written: `dash` «١-», `paren` «(١)», `dot` «1.» (never after Arabic-Indic digits). */
    numbering: z.enum(['dash', 'paren', 'dot']),
    /** Colophon entries (front and back matter), each printed as given. */
    publisher: nonEmpty,
    rights: nonEmpty,
    edition: nonEmpty,
    printer: nonEmpty,
    isbn: z.string().regex(/^(?:97[89][- ]?)?[0-9][0-9- ]{7,15}[0-9Xx]$/, 'an ISBN such as 978-3-16-148410-0'),
    contact: nonEmpty,
    /** The booklet's sections; each on unless set to false. */
    sections: z.object({ cover: z.boolean(), contents: z.boolean(), colophon: z.boolean(), backCover: z.boolean() }).partial().strict(),
    /** Month names in dates warraq writes: `standard`, `levant`, `both`; from the source when absent. */
    months: z.enum(['standard', 'levant', 'both']),
    title: nonEmpty,
    runningHead: nonEmpty,
    /** The word of a label heading, «الآية» for «الآية ٨», instead of the language's «البند». */
    pointWord: nonEmpty,
    date: z.string().refine(isIsoDay, { message: 'not a valid day', params: { warraq: 'E-META-DATE', expected: 'a real date written YYYY-MM-DD' } }),
    url: httpUrl,
    imprint: z.array(z.string()),
    points: z.record(z.string().regex(/^[1-9][0-9]{0,2}$/), pointSchema),
    theme: themeSchema,
    ...proofMetaFields,
  })
  .partial()
  .strict();


export type Meta = z.infer<typeof metaSchema>;
