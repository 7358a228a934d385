/**
 * Synthetic documents in the source format, for property tests and the
 * benchmark: n numbered points, each of one or more paragraphs, optionally
 * with long words, URLs, e-mail addresses and file names. Pure and
 * deterministic: the same options give the same text (a seeded generator,
 * no clock, no file system). The words are our own (CC0), not real prose.
 */
import { formatNumber } from '../../src/parse/chars.js';
import type { DigitSystem, Direction } from '../../src/model/types.js';

export type GeneratedLang = 'ar' | 'fa' | 'en';

export interface GenerateOptions {
  /** Number of points (1 … 999). */
  points: number;
  /** Paragraphs per point: a fixed count, or [min, max] chosen per point. Default 1. */
  paragraphs?: number | readonly [number, number];
  /** Sentences per paragraph: [min, max]. Default [1, 3]. */
  sentences?: readonly [number, number];
  lang?: GeneratedLang;
  /** Seed of the word choice. Default 1. */
  seed?: number;
  /** Sprinkle very long words (every few sentences). */
  longWords?: boolean;
  /** Put a 110+ character URL, an e-mail address and a file name with underscores into some points. */
  urls?: boolean;
  /**
   * How a point's further paragraphs are written. `blank` (default): separated
   * by a blank line, the convention of issue 14 (today's parser rejects it with
   * E-PARA-UNNUMBERED). `line`: on the next source line, which today's parser
   * joins to the point with one space.
   */
  join?: 'blank' | 'line';
  /** Give every point a title and slug in the metadata, and every fifth an event. Default true. */
  titles?: boolean;
}

export interface GeneratedDocument {
  /** The source text (title, preamble, points, imprint). */
  text: string;
  /** The sidecar metadata, YAML. */
  meta: string;
}

interface Language {
  dir: Direction;
  digits: DigitSystem;
  title: string;
  words: readonly string[];
  long: readonly string[];
  stop: string;
  comma: string;
  /** A phrase that dates something, with the number in the text's digits. */
  dated: (day: string, year: string) => string;
  imprint: string;
  event: string;
  point: string;
}

const LANGS: Record<GeneratedLang, Language> = {
  ar: {
    dir: 'rtl',
    digits: 'arab',
    title: 'إعلان تجريبي',
    words: (
      'نؤكد حق كل إنسان في التعليم والعمل والسكن والصحة والمشاركة في الحياة العامة دون تمييز ' +
      'وندعو الحكومات والمنظمات الدولية إلى احترام الحريات الأساسية وحماية البيئة والتضامن بين الشعوب ' +
      'وتعزيز العدالة الاجتماعية والمساواة بين الرجال والنساء في جميع أنحاء العالم'
    ).split(' '),
    long: ['فأسقيناكموه', 'والاستراتيجيات', 'والديمقراطيين', 'واللامركزية', 'الاستكشافية'],
    stop: '.',
    comma: '،',
    dated: (day, year) => `في ${day} نوفمبر عام ${year}`,
    imprint: '**وثيقة اختبار**  \n*نص مولد آليًا*',
    event: 'يوم دولي',
    point: 'البند',
  },
  fa: {
    dir: 'rtl',
    digits: 'arabext',
    title: 'بیانیهٔ آزمایشی',
    words: (
      'ما بر حق هر انسان برای آموزش و کار و مسکن و سلامت و مشارکت در زندگی اجتماعی تأکید می‌کنیم ' +
      'و از دولت‌ها و سازمان‌های بین‌المللی می‌خواهیم که آزادی‌های بنیادین را محترم بشمارند ' +
      'و از محیط زیست و همبستگی میان مردمان جهان پاسداری کنند'
    ).split(' '),
    long: ['بین‌المللی‌شدن', 'مسئولیت‌پذیری', 'غیرمتمرکزسازی', 'استانداردسازی'],
    stop: '.',
    comma: '،',
    dated: (day, year) => `در ${day} نوامبر سال ${year}`,
    imprint: '**سند آزمایشی**  \n*متن تولیدشده*',
    event: 'روز جهانی',
    point: 'بند',
  },
  en: {
    dir: 'ltr',
    digits: 'latn',
    title: 'A test declaration',
    words: (
      'we affirm the right of every person to education work housing health and a part in public life ' +
      'without distinction and call on governments and international bodies to respect fundamental ' +
      'freedoms protect the environment and build solidarity between the peoples of the world'
    ).split(' '),
    long: ['internationalisation', 'counterrevolutionaries', 'incomprehensibilities', 'electroencephalography'],
    stop: '.',
    comma: ',',
    dated: (day, year) => `on ${day} November ${year}`,
    imprint: '**Test document**  \n*Generated text*',
    event: 'International day',
    point: 'Point',
  },
};

/** A long URL (over 110 characters), an e-mail address and a file name, all ASCII. */
const LTR_RUNS = (k: number): string[] => [
  `https://example.org/documents/${2000 + (k % 25)}/declarations/full-text-with-annexes-and-references/section-${k}/print-edition.pdf?lang=ar&page=${k}`,
  `office.${k}@example.org`,
  `statement_${k}_final_v2.pdf`,
];

/** A small linear congruential generator: deterministic and dependency-free. */
function rng(seed: number): () => number {
  let s = (Math.floor(seed) >>> 0) || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function between(rand: () => number, [lo, hi]: readonly [number, number]): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

export function generateDocument(opts: GenerateOptions): GeneratedDocument {
  const n = opts.points;
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`points must be 1 … 999, not ${n}`);
  const L = LANGS[opts.lang ?? 'ar'];
  const rand = rng(opts.seed ?? 1);
  const paraRange: readonly [number, number] = typeof opts.paragraphs === 'number' ? [opts.paragraphs, opts.paragraphs] : (opts.paragraphs ?? [1, 1]);
  const sentRange = opts.sentences ?? [1, 3];
  const num = (x: number) => formatNumber(x, L.digits);
  let sentenceCount = 0;

  const sentence = (pointNo: number): string => {
    sentenceCount++;
    const words: string[] = [];
    const len = between(rand, [6, 16]);
    for (let i = 0; i < len; i++) words.push(L.words[Math.floor(rand() * L.words.length)]);
    if (opts.longWords && sentenceCount % 3 === 0) words.splice(1 + Math.floor(rand() * (len - 1)), 0, L.long[sentenceCount % L.long.length]);
    if (opts.urls && sentenceCount % 4 === 0) words.push(...LTR_RUNS(pointNo).slice(0, 1 + (sentenceCount % 3)));
    if (sentenceCount % 5 === 0) words.push(L.dated(num(1 + (sentenceCount % 28)), num(1945 + (sentenceCount % 80))));
    if (len > 8 && sentenceCount % 2 === 0) words.splice(len >> 1, 0, L.comma);
    return words.join(' ').replace(` ${L.comma}`, L.comma) + L.stop;
  };
  const paragraph = (pointNo: number): string => {
    const k = between(rand, sentRange);
    return Array.from({ length: k }, () => sentence(pointNo)).join(' ');
  };

  const out: string[] = [`## ${L.title}`, '', paragraph(0), ''];
  for (let p = 1; p <= n; p++) {
    const paras = Array.from({ length: between(rand, paraRange) }, () => paragraph(p));
    out.push(`${num(p)}. ${paras[0]}`);
    for (const more of paras.slice(1)) out.push(...(opts.join === 'line' ? [more] : ['', more]));
    out.push('');
  }
  out.push(L.imprint, '');

  const meta: string[] = [
    '# Generated by test/support/generateDocument.ts',
    `lang: ${opts.lang ?? 'ar'}`,
    `dir: ${L.dir}`,
    `digits: ${L.digits}`,
    'date: 2024-05-05',
  ];
  if (opts.titles ?? true) {
    meta.push('points:');
    for (let p = 1; p <= n; p++) {
      meta.push(`  ${p}:`, `    title: ${L.point} ${num(p)}`, `    slug: point-${p}`);
      if (p % 5 === 0) meta.push('    event:', `      name: ${L.event} ${num(p)}`, `      date: --${String(1 + (p % 12)).padStart(2, '0')}-${String(1 + (p % 28)).padStart(2, '0')}`);
    }
  }
  return { text: out.join('\n'), meta: meta.join('\n') + '\n' };
}
