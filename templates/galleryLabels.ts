/** The words of the gallery page (templates/gallery.tsx), in the document's language. */
import { inLanguage } from './labels.js';

export interface GalleryLabels {
  /** The page's title after the document's: «… — ما صنعه البناء». */
  pageTitle: string;
  skip: string;
  sections: string;
  intro: string;
  files: string;
  total: string;
  built: string;
  source: string;
  booklet: string;
  leaflets: string;
  cards: string;
  print: string;
  page: string;
  pages: string;
  allLeaflets: string;
  documentCard: string;
  slide: (i: string, n: string) => string;
  /** Card formats by the theme's names; an unknown one is shown by its name. */
  formats: Record<string, string>;
  alt: string;
  copy: string;
  copied: string;
  copyFailed: string;
  altFile: string;
  open: string;
  /** One line on what each print file is for, by the output kind that makes it (docs/print.md). */
  printUse: Record<string, string>;
  manifest: string;
  footer: string;
  /** The language these words are in (English for a language warraq has no words in). */
  lang: string;
}

const ar: GalleryLabels = {
  pageTitle: 'ما صنعه البناء',
  skip: 'انتقل إلى المحتوى',
  sections: 'أقسام الصفحة',
  intro: 'كلّ ما صنعه هذا البناء، في صفحة واحدة تعمل دون اتصال.',
  files: 'الملفات',
  total: 'الحجم الكلّي',
  built: 'تاريخ الإصدار',
  source: 'النص المصدر',
  booklet: 'الكتيّب',
  leaflets: 'المنشورات',
  cards: 'البطاقات',
  print: 'ملفات الطباعة',
  page: 'صفحة',
  pages: 'عدد الصفحات',
  allLeaflets: 'كلّ المنشورات في ملف واحد',
  documentCard: 'بطاقة الوثيقة',
  slide: (i, n) => `الشريحة ${i} من ${n}`,
  formats: { square: 'مربّعة', portrait: 'عمودية', story: 'قصّة', link: 'معاينة رابط' },
  alt: 'النص البديل',
  copy: 'نسخ النص البديل',
  copied: 'نُسخ النص البديل.',
  copyFailed: 'تعذّر النسخ: حدِّد النص وانسخه يدويًّا.',
  altFile: 'النص البديل (ملف نصي)',
  open: 'فتح',
  printUse: {
    press: 'للمطبعة: صفحات الكتيّب بترتيب القراءة، مع هامش نزف ٣ مم وعلامات قصّ (PDF/X-4).',
    saddle: 'لمحلّ الطباعة والنسخ أو طابعة المكتب: صفحتان على كلّ وجه A4 بترتيب التدبيس، مع ٣ مم زيادة للقص وعلامات القص؛ اطبع على الوجهين بالحجم الفعلي، واطوِ ودبّس وقصّ.',
    'leaflets-press': 'للمطبعة: كلّ منشور على صفحة A5 مع هامش نزف وعلامات قصّ (PDF/X-4).',
    'leaflets-2up': 'لطابعة المكتب: منشوران على كلّ ورقة A4 مع علامات القصّ بينهما.',
  },
  manifest: 'قائمة الملفات (manifest.json)',
  footer: 'صنع warraq (ورّاق) هذه الصفحة مع بقية الملفات؛ لا تحتاج إلى اتصال بالشبكة.',
  lang: 'ar',
};

const fa: GalleryLabels = {
  pageTitle: 'خروجی‌های ساخت',
  skip: 'پرش به محتوا',
  sections: 'بخش‌های صفحه',
  intro: 'همهٔ خروجی‌های این ساخت، در یک صفحه که بدون اتصال کار می‌کند.',
  files: 'پرونده‌ها',
  total: 'حجم کل',
  built: 'تاریخ انتشار',
  source: 'متن مبدأ',
  booklet: 'کتابچه',
  leaflets: 'برگه‌ها',
  cards: 'کارت‌ها',
  print: 'پرونده‌های چاپ',
  page: 'صفحه',
  pages: 'تعداد صفحه‌ها',
  allLeaflets: 'همهٔ برگه‌ها در یک پرونده',
  documentCard: 'کارت سند',
  slide: (i, n) => `اسلاید ${i} از ${n}`,
  formats: { square: 'مربع', portrait: 'عمودی', story: 'استوری', link: 'پیش‌نمایش پیوند' },
  alt: 'متن جایگزین',
  copy: 'رونوشت متن جایگزین',
  copied: 'متن جایگزین رونوشت شد.',
  copyFailed: 'رونوشت نشد: متن را انتخاب کنید و دستی رونوشت بگیرید.',
  altFile: 'متن جایگزین (پروندهٔ متنی)',
  open: 'باز کردن',
  printUse: {
    press: 'برای چاپخانه: صفحه‌های کتابچه به ترتیب خواندن، با ۳ میلی‌متر لبهٔ اضافه و نشانهٔ برش (PDF/X-4).',
    saddle: 'برای کپی‌فروشی یا چاپگر اداری: دو صفحه روی هر رو A4 به ترتیب منگنه، با ۳ میلی‌متر لبهٔ اضافه و نشانهٔ برش؛ دورو و در اندازهٔ واقعی چاپ کنید، تا کنید، منگنه بزنید و ببُرید.',
    'leaflets-press': 'برای چاپخانه: هر برگه روی یک صفحهٔ A5 با لبهٔ اضافه و نشانهٔ برش (PDF/X-4).',
    'leaflets-2up': 'برای چاپگر اداری: دو برگه روی هر کاغذ A4 با نشانهٔ برش میان آن‌ها.',
  },
  manifest: 'فهرست پرونده‌ها (manifest.json)',
  footer: 'warraq این صفحه را همراه با دیگر پرونده‌ها ساخته است؛ به شبکه نیازی ندارد.',
  lang: 'fa',
};

const en: GalleryLabels = {
  pageTitle: 'what the build made',
  skip: 'Skip to the content',
  sections: 'Sections of this page',
  intro: 'Everything this build made, on one page that works offline.',
  files: 'Files',
  total: 'Total size',
  built: 'Published',
  source: 'Source text',
  booklet: 'Booklet',
  leaflets: 'Leaflets',
  cards: 'Cards',
  print: 'Print files',
  page: 'Page',
  pages: 'Pages',
  allLeaflets: 'All leaflets in one file',
  documentCard: 'Document card',
  slide: (i, n) => `Slide ${i} of ${n}`,
  formats: { square: 'Square', portrait: 'Portrait', story: 'Story', link: 'Link preview' },
  alt: 'Alt text',
  copy: 'Copy alt text',
  copied: 'Alt text copied.',
  copyFailed: 'Could not copy: select the text and copy it by hand.',
  altFile: 'Alt text (text file)',
  open: 'Open',
  printUse: {
    press: 'For a print shop: the booklet pages in reading order, with 3 mm bleed and crop marks (PDF/X-4).',
    saddle: 'For a copy shop or an office printer: two pages per A4 side in saddle-stitch order, with 3 mm bleed and crop marks; print duplex at actual size, fold, staple and trim.',
    'leaflets-press': 'For a print shop: each leaflet on one A5 page with bleed and crop marks (PDF/X-4).',
    'leaflets-2up': 'For an office printer: two leaflets per A4 sheet with cut marks between them.',
  },
  manifest: 'List of files (manifest.json)',
  footer: 'Made by warraq with the other files; it needs no network.',
  lang: 'en',
};

export const galleryLabelsFor = (lang: string): GalleryLabels => inLanguage(lang, { ar, fa, en });
