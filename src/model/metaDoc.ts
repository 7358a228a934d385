/**
 * docs/metadata.md, generated from the zod schema (meta.ts) so it cannot
 * drift: every key the schema has, with its type and bounds (from the
 * schema), its default (the theme's from defaultTheme), and an example.
 * A key's prose is its `.describe()` in the schema, or else its line in NOTES,
 * which also gives a better example where one helps; a key without either
 * still gets a row (test/model/metaDoc.test.ts asks for prose on every key). Written by `npm run docs:metadata`.
 */
import { z } from 'zod';
import { metaSchema } from './meta.js';
import { METADATA_NAMES, SOURCE_EXTENSIONS } from './sidecar.js';
import { defaultTheme } from './theme.js';

type Json = {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  items?: Json;
  properties?: Record<string, Json>;
  required?: string[];
  propertyNames?: Json;
  additionalProperties?: Json | boolean;
  /** From the schema's `.describe()` or `.meta({ description, examples })`, when NOTES has no entry. */
  description?: string;
  examples?: unknown[];
};

interface Note {
  about: string;
  /** What the schema cannot say (a refinement such as "a real day"). */
  type?: string;
  example?: string;
  default?: string;
}

/**
 * Prose and examples by key path (`points.N.title`, `theme.cards.add[].name`).
 * A key may instead carry them in the schema itself (`.meta({ description,
 * examples })`); a note here wins.
 */
export const NOTES: Readonly<Record<string, Note>> = {
  lang: { about: 'BCP 47 language tag of the text', example: 'ar', default: 'detected from the text (ar, fa, ur, en)' },
  dir: { about: 'writing direction', example: 'rtl', default: 'detected from the text' },
  digits: { about: 'digits for page and point numbers: Arabic-Indic, Eastern Arabic-Indic (Persian, Urdu) or Latin', example: 'arab', default: 'those of the point numbers' },
  title: { about: 'display title, instead of the source’s `## ` line; with it the source may have none (its first paragraph is then the preamble)', example: 'خطة عمل إزمير', default: 'the `## ` line of the source' },
  pointWord: {
    about: 'the word before the number in the heading of a point that has no title of its own (neither in the metadata nor derived): a surah’s «الآية», a charter’s «المادة» or «المبدأ»',
    example: 'الآية',
    default: '«البند» (Arabic), «بند» (Persian), «Point» (other languages)',
  },
  runningHead: {
    about: 'the short title at the head of the booklet’s text pages (one line, small type): needed when the title does not fit one line there; without it such a title is shortened to its part before a colon when that fits, else the pages have no running head (a warning says which); the leaflets print it over the point’s title, in place of the title',
    example: 'خطة عمل إزمير',
    default: 'the title, when it fits one line',
  },
  date: {
    about: 'the build date printed in the outputs; SOURCE_DATE_EPOCH wins over it',
    type: 'a real day, `YYYY-MM-DD`',
    example: '2023-10-22',
    default: 'the latest date in the imprint (with a warning); none: error E-DATE-MISSING',
  },
  url: { about: 'the document’s web address: a QR code with the address under it at the foot of every leaflet, and the address printed on the link cards (`cards/link/`), where a point has no `url` of its own; the booklet and the other cards do not print it', type: 'http(s) URL', example: 'https://example.org/plan' },
  imprint: { about: 'replaces the source’s imprint: one line per entry, same inline markup; "" leaves a gap', example: '["**الأمانة العامة**", "تشرين الأول ٢٠٢٣"]', default: 'the imprint paragraphs after the last point' },
  points: { about: 'editorial additions per point, by its number written with ASCII digits', example: '{3: {title: عيد العمال}}' },
  'points.N': { about: 'the additions for point N', example: '{title: عيد العمال, slug: may-day}' },
  'points.N.title': { about: 'short title of the point (leaflet, cards, contents)', example: 'عيد العمال', default: 'its first sentence when that has at most 8 words (60 characters) and is not the whole point; else, when that sentence runs on, its first clause (up to a comma) of 5 to 8 words; else a label, «البند ٨», «بند ۸», «Point 8» (its word: `pointWord`)' },
  'points.N.slug': { about: 'file-name part: leaflets/NN-slug.pdf', example: 'may-day', default: 'none: leaflets/NN.pdf' },
  'points.N.event': { about: 'an event the point names, printed on its leaflet', example: '{name: عيد العمال, date: 2024-05-01}' },
  'points.N.event.name': { about: 'the event’s name', example: 'عيد العمال' },
  'points.N.event.date': { about: "when: one day, a day every year, or a span; a plain date is the start. A day every year is a Gregorian day and is printed in the Gregorian calendar even where the language's calendar is another («۱۰ دسامبر», not «۲۰ آذر», which is right only in some years); a date with a year is printed in the language's calendar", type: '`YYYY-MM-DD`, `--MM-DD`, or a mapping (needs `start`)', example: '--05-01' },
  'points.N.event.date.start': { about: 'first day', type: '`YYYY-MM-DD`, or `--MM-DD` every year', example: '2024-05-04' },
  'points.N.event.date.end': { about: 'last day, on or after start', type: '`YYYY-MM-DD`, or `--MM-DD` every year', example: '2024-05-05' },
  'points.N.event.place': { about: 'where the event is', example: 'إزمير' },
  'points.N.url': { about: 'a web address for this point, instead of the document’s `url`: the QR code and the address under it at the foot of its leaflet, and the address printed on its link card (no card carries a QR code)', type: 'http(s) URL', example: 'https://example.org/may-day' },
  numbering: { about: 'how point numbers are written: «١-» (dash), «(١)» (paren), «1.» (dot; refused after Arabic-Indic digits)', default: 'dash, or dot with Latin digits' },
  publisher: { about: 'publisher, printed in the colophon', example: 'دار النشر' },
  rights: { about: 'rights or licence line, printed in the colophon', example: 'CC BY 4.0' },
  edition: { about: 'edition, printed in the colophon', example: 'الطبعة الأولى' },
  printer: { about: 'printer, printed in the colophon', example: 'مطبعة المدينة' },
  isbn: { about: 'ISBN, printed in the colophon (isolated, so bidi cannot reorder it)', type: 'ISBN-10 or ISBN-13, digits with - or spaces', example: '978-3-16-148410-0' },
  contact: { about: 'contact address, printed in the colophon', example: 'info@example.org' },
  sections: { about: 'the booklet’s sections; each is printed unless set to false', example: '{colophon: false}' },
  'sections.cover': { about: 'the cover page', default: 'true', example: 'false' },
  'sections.contents': { about: 'the contents page(s)', default: 'true', example: 'false' },
  'sections.colophon': { about: 'the colophon (publisher, rights, edition, source)', default: 'true', example: 'false' },
  'sections.backCover': { about: 'the back cover', default: 'true', example: 'false' },
  months: { about: 'month names in dates warraq writes: standard («مايو»), Levantine («أيار») or both («أيار/مايو»)', default: 'as the source writes its dates (Levantine for lang ar-LB, -SY, -JO, -IQ)', example: 'levant' },
  theme: { about: 'overrides of the design tokens (src/model/theme.ts); every key optional', example: '{justify: spaces, page: {booklet: A4}}' },
  'theme.palette': { about: 'colours, written #rrggbb', example: '{accent: "#1b4f9e"}' },
  'theme.palette.paper': { about: 'page background' },
  'theme.palette.ink': { about: 'text' },
  'theme.palette.accent': { about: 'point numbers, rules, headings' },
  'theme.palette.muted': { about: 'secondary text (dates, folios)' },
  'theme.palette.cover': { about: 'cover background' },
  'theme.palette.coverInk': { about: 'text on the cover' },
  'theme.fonts': { about: 'font chains: the first font that has a character sets it; project files only', example: '{body: [fonts/NotoNaskhArabic-Regular.ttf]}' },
  'theme.fonts.body': { about: 'body text fonts, in order', example: '[fonts/Amiri-Regular.ttf]' },
  'theme.fonts.heading': { about: 'heading fonts, in order', example: '[fonts/Amiri-Bold.ttf]' },
  'theme.body': { about: 'body type, in pt', example: '{size: 12, leading: 1.7}' },
  'theme.body.size': { about: 'body size (pt); at least minSize. The booklet may be set up to 0.75 pt smaller to save a sheet (theme.copyfit), unless this is given' },
  'theme.body.leading': { about: 'line height as a multiple of the size (Arabic script needs more than Latin)', example: '1.6' },
  'theme.body.minSize': { about: 'smallest body size a layout may shrink to (pt); leaflets scaled down to A6 never go below it' },
  'theme.hyphenate': { about: 'divide words at line ends in left-to-right text, justified or ragged (English patterns; never centred titles), the hyphen drawn without text and the word read whole by every reader; off by default: English is set ragged right (docs/typography.md)' },
  'theme.justify': { about: 'justification: ragged (off, the default for left-to-right text), by word spaces (Persian), or by spaces and kashidas (Arabic); the --justify flag wins' },
  'theme.space': { about: 'word-space bounds for justification, as fractions of a normal space', example: '{stretch: 0.5, max: 2.5}' },
  'theme.space.stretch': { about: 'how much a space may grow' },
  'theme.space.shrink': { about: 'how much a space may shrink' },
  'theme.kashidaPerLine': { about: 'most kashidas in one justified line (Arabic); 0 justifies by spaces only' },
  'theme.page': { about: 'page sizes and margins', example: '{booklet: A4, leaflet: A4}' },
  'theme.page.booklet': { about: 'booklet page size' },
  'theme.page.leaflet': { about: 'leaflet page size' },
  'theme.page.margins': { about: 'page margins in pt', example: '{top: 60, bottom: 60}' },
  'theme.page.margins.top': { about: 'top margin' },
  'theme.page.margins.bottom': { about: 'bottom margin' },
  'theme.page.margins.inner': { about: 'margin on the binding side' },
  'theme.page.margins.outer': { about: 'margin on the open side' },
  'theme.cards': { about: 'social-card formats: the defaults are square, portrait, story and link', example: '{drop: [story]}' },
  'theme.cards.add': { about: 'new formats, or replacements of a format with the same name', example: '[{name: banner, width: 1500, height: 500}]', default: 'none' },
  'theme.cards.add[].name': { about: 'format name (folder cards/NAME/)', example: 'banner' },
  'theme.cards.add[].width': { about: 'width in px', example: '1500' },
  'theme.cards.add[].height': { about: 'height in px', example: '500' },
  'theme.cards.add[].extra': { about: 'more image formats beside the PNG', example: '[webp, jpeg]', default: 'none' },
  'theme.cards.add[].safeY': { about: 'px at the top (and the bottom, unless safeBottom is given) where only the background goes (platform overlays)', example: '250', default: '0' },
  'theme.cards.add[].safeBottom': { about: 'px at the bottom where only the background goes', example: '340', default: 'safeY' },
  'theme.cards.add[].minBodyPx': { about: 'smallest body size on this format (px)', example: '36', default: 'cardMinBodyPx × width / 1080' },
  'theme.cards.drop': { about: 'names of formats to leave out', example: '[story]', default: 'none' },
  'theme.pages': { about: 'booklet page count: padded with spare pages to a multiple of 4 (for saddle stitching; the colophon stays on the page before the back cover), or as it comes (screen reading; the --pages flag wins)' },
  'theme.spare': { about: 'the spare pages the page plan adds after the last point: ruled notes pages headed «ملاحظات» (Notes), or blank paper' },
  'theme.copyfit': {
    about: 'copyfitting: where the page plan (multiple-of-4) would add spare pages, the booklet is set up to 0.75 pt smaller, in 0.25 pt steps and never under body.minSize, at the largest size that saves a sheet (4 pages); the leading stays the same multiple of the size. `off`: the body size as given, padded with spare pages (docs/print.md)',
    default: 'on; off where theme.body.size or theme.body.leading is given',
    example: 'off',
  },
  'theme.paper': { about: 'the paper the booklet is printed on', example: '{thicknessMm: 0.12}' },
  'theme.paper.thicknessMm': { about: 'sheet thickness in mm: the creep of the saddle-stitched sheets' },
  'theme.cmyk': { about: 'press colours: the CMYK percentages each palette colour prints as (else converted from its RGB)', example: '{accent: [0, 90, 85, 35]}' },
  'theme.cmyk.paper': { about: 'paper', type: 'four percentages [C, M, Y, K]', example: '[0, 0, 0, 0]' },
  'theme.cmyk.ink': { about: 'text (K only by default)', type: 'four percentages [C, M, Y, K]', example: '[0, 0, 0, 100]' },
  'theme.cmyk.accent': { about: 'point numbers, rules, headings', type: 'four percentages [C, M, Y, K]', example: '[0, 90, 85, 35]' },
  'theme.cmyk.muted': { about: 'secondary text', type: 'four percentages [C, M, Y, K]', example: '[0, 0, 0, 65]' },
  'theme.cmyk.cover': { about: 'cover background', type: 'four percentages [C, M, Y, K]', example: '[0, 90, 85, 50]' },
  'theme.cmyk.coverInk': { about: 'text on the cover', type: 'four percentages [C, M, Y, K]', example: '[0, 0, 0, 0]' },
  'theme.richBlack': { about: 'rich black for large black areas in the press files (text stays K only)', example: '{minMm: 30}' },
  'theme.richBlack.cmyk': { about: 'the rich black', type: 'four percentages [C, M, Y, K]', example: '[60, 40, 40, 100]' },
  'theme.richBlack.minMm': { about: 'a black box with both sides at least this long (mm) prints in rich black' },
  words: { about: 'words the dictionaries lack (names, terms): proofing accepts them', example: '[إزمير, الناتو]' },
  corrections: { about: 'corrections printed instead of the source’s form; the source file is never edited (docs/proofing.md)', example: '[{from: وإساريل, to: وإسرائيل}]' },
  'corrections[].from': { about: 'the form in the source', example: 'وإساريل' },
  'corrections[].to': { about: 'what to print instead (the same as from: keep the source form, decided)', example: 'وإسرائيل' },
  'corrections[].line': { about: 'only on this source line', type: 'whole number ≥ 1', default: 'every line', example: '31' },
  proofing: { about: 'proofing settings', example: '{off: [W-PROOF-HAMZA]}' },
  'proofing.off': { about: 'proofing checks switched off, by code', example: '[W-PROOF-HAMZA]' },
  'theme.cardMinBodyPx': { about: 'smallest card body size (px at 1080 px wide; link: 36 px); a point that does not fit one card at it becomes a carousel' },
  'theme.cardMargin': { about: 'side margin of a card, as a share of its width' },
  'theme.cardScale': { about: 'ratio between neighbouring card body sizes (sizes come in steps: minimum × ratio^k)' },
};

interface Row {
  key: string;
  type: string;
  default: string;
  example: string;
  about: string;
}

/** Every key of the schema as a row, depth first, in schema order. */
export function metadataRows(): Row[] {
  const schema = z.toJSONSchema(metaSchema, { unrepresentable: 'any' }) as Json;
  const rows: Row[] = [];
  const walk = (node: Json, key: string) => {
    if (key) rows.push(row(key, node));
    if (node.properties) for (const [k, v] of Object.entries(node.properties)) walk(v, key ? `${key}.${k}` : k);
    else if (node.type === 'array' && node.items?.properties) walk({ ...node.items, type: undefined }, `${key}[]`);
    else if (node.propertyNames && typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${key}.N`);
  };
  walk(schema, '');
  return rows.filter((r) => !r.key.endsWith('[]'));
}

function row(key: string, node: Json): Row {
  const note = NOTES[key];
  return {
    key,
    type: note?.type ?? typeOf(node),
    default: note?.default ?? themeDefault(key) ?? '—',
    example: note?.example ?? (node.examples?.length ? flowYaml(node.examples[0]) : exampleOf(key, node)),
    about: note?.about ?? node.description ?? '',
  };
}

function typeOf(n: Json): string {
  if (n.enum) return n.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (n.propertyNames) return n.propertyNames.pattern === '^[1-9][0-9]{0,2}$' ? 'mapping: point number → entry' : 'mapping';
  const range = (lo?: number, hi?: number) => (lo !== undefined && hi !== undefined ? ` ${lo} to ${hi}` : lo !== undefined ? ` ≥ ${lo}` : hi !== undefined ? ` ≤ ${hi}` : '');
  switch (n.type) {
    case 'string':
      if (n.pattern === '^#[0-9a-fA-F]{6}$') return 'colour `#rrggbb`';
      if (n.pattern) return `text matching \`${n.pattern.replace(/\|/g, '\\|')}\`${n.maxLength !== undefined ? `, at most ${n.maxLength} characters` : ''}`;
      return n.minLength ? 'text, not empty' : 'text';
    case 'number':
      return `number${range(n.minimum, n.maximum)}`;
    case 'integer':
      return `whole number${range(n.minimum, n.maximum)}`;
    case 'boolean':
      return '`true` \\| `false`';
    case 'array':
      return `list of ${n.items?.properties ? 'mappings' : n.items ? typeOf(n.items).replace(/^text, not empty$/, 'text') : 'values'}${n.minItems ? `, at least ${n.minItems}` : ''}`;
    case 'object':
      return n.required?.length ? `mapping (needs ${n.required.map((r) => `\`${r}\``).join(', ')})` : 'mapping';
    default:
      return 'any';
  }
}

/** The languages whose defaults differ (src/model/theme.ts `defaultJustify`), as the table names them. */
const DEFAULTS_FOR = [
  { dir: 'rtl', lang: 'ar', name: 'Arabic' },
  { dir: 'rtl', lang: 'fa', name: 'Persian' },
  { dir: 'ltr', lang: 'en', name: 'left-to-right' },
] as const;

/** The default theme's value at a `theme.…` key (for each language when they differ). */
function themeDefault(key: string): string | undefined {
  if (!key.startsWith('theme.')) return undefined;
  const at = (dir: 'rtl' | 'ltr', lang: string) => {
    let v: unknown = defaultTheme(dir, lang);
    for (const seg of key.split('.').slice(1)) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined;
    return v;
  };
  const show = (v: unknown): string | undefined => {
    if (v === undefined) return undefined;
    if (Array.isArray(v)) return v.every((x) => typeof x !== 'object') ? `[${v.join(', ')}]` : undefined;
    if (v && typeof v === 'object') return 'name' in v ? String((v as { name: unknown }).name) : undefined;
    return String(v);
  };
  const each = DEFAULTS_FOR.map((d) => ({ ...d, value: show(at(d.dir, d.lang)) }));
  if (each.every((d) => d.value === each[0].value)) return each[0].value;
  // Languages that share a value are named together: «1.9 (Arabic, Persian), 1.45 (left-to-right)».
  const names = new Map<string | undefined, string[]>();
  for (const d of each) names.set(d.value, [...(names.get(d.value) ?? []), d.name]);
  return [...names].map(([value, langs]) => `${value} (${langs.join(', ')})`).join(', ');
}

function exampleOf(key: string, n: Json): string {
  const d = themeDefault(key);
  if (n.enum) return String(n.enum[n.enum.length > 1 && d === String(n.enum[0]) ? 1 : 0]);
  if (n.pattern === '^#[0-9a-fA-F]{6}$') return `"${d ?? '#9e1b1b'}"`;
  if (n.type === 'number' || n.type === 'integer') return d ?? String(n.minimum ?? n.maximum ?? 1);
  if (n.type === 'boolean') return 'true';
  if (n.type === 'object' || n.propertyNames) return '{…}';
  if (n.type === 'array') return '[…]';
  return '…';
}

/** A value as YAML flow style, as the examples are written: `{regular: 14, compact: 12}`. */
function flowYaml(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(flowYaml).join(', ')}]`;
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}: ${flowYaml(x)}`).join(', ')}}`;
  return String(v);
}

const cell = (s: string) => s.replace(/\n/g, ' ');

/** The whole of docs/metadata.md. */
export function metadataReference(): string {
  const names = METADATA_NAMES.join(', ');
  const lines = [
    '# Metadata keys',
    '',
    '<!-- Generated from the zod schema in src/model/meta.ts by `npm run docs:metadata`; do not edit by hand. -->',
    '',
    `Editorial additions live beside the text, never inside the author’s words: in the source’s YAML front matter (between \`---\` lines at the top), and in the first of ${names} beside ${SOURCE_EXTENSIONS.map((e) => `NAME${e}`).join(' or ')}. Both take the same keys; where both say something, the front matter wins (mappings merge key by key, lists are replaced). Every key is optional. An unknown key, a wrong type or a value out of range is an error with its place and a hint ([errors.md](errors.md)).`,
    '',
    '`N` stands for a point number (`3:`); `[]` for each entry of a list. Sizes in pt unless px is said.',
    '',
    '| key | type | default | example | what it is |',
    '|---|---|---|---|---|',
    ...metadataRows().map((r) => `| \`${r.key}\` | ${cell(r.type)} | ${cell(r.default)} | \`${cell(r.example)}\` | ${cell(r.about)} |`),
    '',
    'A real example: [source/izmir-2023.meta.yaml](../source/izmir-2023.meta.yaml).',
    '',
  ];
  return lines.join('\n');
}
