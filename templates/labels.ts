/**
 * The few words warraq itself adds to a publication (contents, colophon),
 * in the document's language. Editorial, so they live beside the text.
 */
import type { DocumentModel } from '../src/model/types.js';
import { formatNumber } from '../src/format/localize.js';

/** The version of the SIL Open Font License the colophon names (Amiri's, and every family warraq ships). */
export const OFL_VERSION = 1.1;

interface Labels {
  contents: string;
  colophon: string;
  /** The fonts entry's label: English says Typeface for one family; Arabic and Persian keep the category's plural («الخطوط: خط Amiri»). */
  fonts: (count: number) => string;
  /**
   * The fonts entry's value: the families and their licence. In Arabic and
   * Persian each Latin name ends a line, after a word of the document's own
   * letters and a space, and no Latin stretch holds a space or mixes letters
   * and digits but the licence's version: every such stretch inside a
   * right-to-left line costs pdf.js, mutool 1.21 or pdftotext an invisible
   * mark (docs/accessibility.md, "The colophon's Latin names").
   * `version`: the licence's version (OFL_VERSION) written in the document's
   * digits, as every number warraq adds («١٫١» beside «٢٢ أكتوبر ٢٠٢٣»; its
   * «1.1» was the one Western number of the seed's editorial lines).
   */
  typefaces: (families: string[], version: string) => string;
  built: string;
  source: string;
  /** The source entry's value: the file's name, then its SHA-256 hash (the first 16 hex digits); laid out as `typefaces`. */
  sourceText: (file: string, hash: string) => string;
  /** The credit under the colophon; in Arabic and Persian the tool's Latin name is a line of its own. */
  madeWith: string;
  event: string;
  date: string;
  place: string;
  continued: string;
  /** Between a carousel slide's number and the count: «١ من ٣», not «١/٣», which reads as the fraction one third in Arabic and Persian. */
  slideOf: string;
  publisher: string;
  rights: string;
  edition: string;
  printer: string;
  isbn: string;
  contact: string;
  /** Colophon: how many editorial corrections (metadata `corrections:`) the printed text carries. */
  corrections: string;
  /** A link card that shows only the start of a point. */
  excerpt: string;
  /** The heading of the booklet's ruled notes pages (the page plan's spare pages). */
  notes: string;
}

const ar: Labels = {
  contents: 'المحتويات',
  colophon: 'بيانات النشر',
  fonts: () => 'الخطوط',
  typefaces: (families, version) =>
    families.length > 1
      ? `خطوط ${families[0]}${families.slice(1).map((f) => `\nوخط ${f}`).join('')}\nمرخّصة برخصة الخطوط المفتوحة ${version} من SIL`
      : `خط ${families[0]}\nمرخّص برخصة الخطوط المفتوحة ${version} من SIL`,
  built: 'تاريخ الإصدار',
  source: 'النص المصدر',
  sourceText: (file, hash) => `الملف ${file}\nوبصمته بخوارزمية SHA-256\n${hash}`,
  madeWith: 'صُفّت هذه الطبعة بأداة ورّاق من نصٍّ واحد.\nwarraq',
  event: 'المناسبة',
  date: 'التاريخ',
  place: 'المكان',
  continued: 'تابع',
  slideOf: ' من ',
  publisher: 'الناشر',
  rights: 'الحقوق',
  edition: 'الطبعة',
  printer: 'الطباعة',
  isbn: 'ردمك (ISBN)',
  contact: 'للتواصل',
  corrections: 'تصحيحات تحريرية على النص المصدر',
  excerpt: 'مقتطف',
  notes: 'ملاحظات',
};

const fa: Labels = {
  ...ar,
  contents: 'فهرست',
  colophon: 'شناسنامه',
  fonts: () => 'قلم‌ها',
  typefaces: (families, version) => `${families.length > 1 ? 'قلم‌های' : 'قلم'} ${families[0]}${families.slice(1).map((f) => `\nو قلم ${f}`).join('')}\nبا پروانهٔ قلم باز ${version} از SIL`,
  built: 'تاریخ انتشار',
  source: 'متن مبدأ',
  sourceText: (file, hash) => `فایل ${file}\nو چکیده‌اش با الگوریتم SHA-256\n${hash}`,
  madeWith: 'این نسخه با ورّاق از یک متن واحد حروف‌چینی شده است.\nwarraq',
  event: 'مناسبت',
  date: 'تاریخ',
  place: 'مکان',
  continued: 'ادامه',
  slideOf: ' از ',
  publisher: 'ناشر',
  rights: 'حقوق',
  edition: 'نوبت چاپ',
  printer: 'چاپخانه',
  isbn: 'شابک (ISBN)',
  contact: 'تماس',
  corrections: 'اصلاحات ویرایشی متن مبدأ',
  excerpt: 'گزیده',
  notes: 'یادداشت‌ها',
};

const en: Labels = {
  contents: 'Contents',
  colophon: 'Colophon',
  fonts: (count) => (count > 1 ? 'Typefaces' : 'Typeface'),
  typefaces: (families, version) => `${families.join(', ')} — licensed under the SIL Open Font License ${version}`,
  built: 'Published',
  source: 'Source text',
  sourceText: (file, hash) => `${file} · SHA-256 ${hash}`,
  madeWith: 'Typeset with warraq from a single source text.',
  event: 'Event',
  date: 'Date',
  place: 'Place',
  continued: 'continued',
  slideOf: '/',
  publisher: 'Publisher',
  rights: 'Rights',
  edition: 'Edition',
  printer: 'Printed by',
  isbn: 'ISBN',
  contact: 'Contact',
  corrections: 'Editorial corrections to the source text',
  excerpt: 'Excerpt',
  notes: 'Notes',
};

/** The entry of `table` for a document language: Arabic, Persian, else English. */
export function inLanguage<T>(lang: string, table: { ar: T; fa: T; en: T }): T {
  const base = lang.split('-')[0];
  return base === 'ar' ? table.ar : base === 'fa' ? table.fa : table.en;
}

export const labelsFor = (lang: string): Labels => inLanguage(lang, { ar, fa, en });

/**
 * A point's number as headings, the contents, leaflets and cards write it:
 * «١-» / «(١)» in Arabic-Indic digits, «۱-» in Persian, «1.» in Latin
 * (model.numbering; never a Latin full stop after Arabic-Indic digits, where
 * «١.» reads as «٠١»).
 */
export function pointNumber(model: Pick<DocumentModel, 'lang' | 'digits' | 'numbering'>, n: number): string {
  const num = formatNumber(n, model.lang, model.digits);
  switch (model.numbering) {
    case 'paren':
      return `(${num})`;
    case 'dot':
      return model.digits === 'latn' ? `${num}.` : `${num}-`;
    default:
      return `${num}-`;
  }
}

/**
 * A point's number standing alone, as the heading of a point without a
 * title: without the mark that parts it from a title («۱۳», «2», not
 * «۱۳-», «2.»: a separator with nothing after it reads as a title lost);
 * brackets stay («(١٣)»).
 */
export function pointNumberAlone(model: Pick<DocumentModel, 'lang' | 'digits' | 'numbering'>, n: number): string {
  return model.numbering === 'paren' ? pointNumber(model, n) : formatNumber(n, model.lang, model.digits);
}

/**
 * The source's file name as a publication prints it: the name alone, never
 * the folders it was given with (an absolute path would publish the
 * builder's own folders; diagnostics keep the path as typed).
 */
export function sourceName(model: Pick<DocumentModel, 'source'>): string {
  return model.source.file.split(/[\\/]/).pop()!;
}
