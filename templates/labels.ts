/**
 * The few words warraq itself adds to a publication (contents, colophon),
 * in the document's language. Editorial, so they live beside the text.
 */
export interface Labels {
  contents: string;
  colophon: string;
  fonts: string;
  licence: string;
  built: string;
  source: string;
  madeWith: string;
  event: string;
  date: string;
  place: string;
  continued: string;
  /** Colophon: how many editorial corrections (metadata `corrections:`) the printed text carries. */
  corrections: string;
}

const ar: Labels = {
  contents: 'المحتويات',
  colophon: 'بيانات النشر',
  fonts: 'الخطوط',
  licence: 'مرخّصة برخصة SIL Open Font License 1.1',
  built: 'تاريخ الإصدار',
  source: 'النص المصدر',
  madeWith: 'صُفّت هذه الطبعة بأداة warraq (ورّاق) من نصٍّ واحد.',
  event: 'المناسبة',
  date: 'التاريخ',
  place: 'المكان',
  continued: 'تابع',
  corrections: 'تصحيحات تحريرية على النص المصدر',
};

const fa: Labels = {
  ...ar,
  contents: 'فهرست',
  colophon: 'شناسنامه',
  fonts: 'قلم‌ها',
  licence: 'با پروانهٔ SIL Open Font License 1.1',
  built: 'تاریخ انتشار',
  source: 'متن مبدأ',
  madeWith: 'این نسخه با warraq از یک متن واحد حروف‌چینی شده است.',
  event: 'مناسبت',
  date: 'تاریخ',
  place: 'مکان',
  continued: 'ادامه',
  corrections: 'اصلاحات ویرایشی متن مبدأ',
};

const en: Labels = {
  contents: 'Contents',
  colophon: 'Colophon',
  fonts: 'Typefaces',
  licence: 'licensed under the SIL Open Font License 1.1',
  built: 'Published',
  source: 'Source text',
  madeWith: 'Typeset with warraq from a single source text.',
  event: 'Event',
  date: 'Date',
  place: 'Place',
  continued: 'continued',
  corrections: 'Editorial corrections to the source text',
};

export function labelsFor(lang: string): Labels {
  const base = lang.split('-')[0];
  return base === 'ar' ? ar : base === 'fa' ? fa : en;
}
