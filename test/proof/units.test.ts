/** The small pieces of the proofing pass, without a dictionary. */
import { describe, expect, it } from 'vitest';
import { ARABIC_ALPHABET, inflections, lookupForm, persianKnown, stems } from '../../src/proof/arabic.js';
import { nearRepeat } from '../../src/proof/repeats.js';
import { nameKey } from '../../src/proof/spelling.js';
import { suggest } from '../../src/proof/suggest.js';
import { digitFamily, tokenize } from '../../src/proof/tokenize.js';

describe('suggest', () => {
  const known = new Set(['الأحزاب', 'الاحزاب', 'ومزارع', 'وحرياتهم', 'إسرائيل', 'الرأسمالي', 'الإرسالي']);
  const rank = (w: string) => (known.has(w) ? 1 : 0);
  const best = (w: string, inDocument?: (f: string) => boolean) => suggest(w, rank, { alphabet: ARABIC_ALPHABET, inDocument });

  it('ranks converter damage first: a doubled letter, swapped neighbours, a lost hamza', () => {
    expect(best('وحررياتهم')[0]).toMatchObject({ word: 'وحرياتهم', kind: 'doubled', cost: 0.4 });
    expect(best('ومازرع')[0]).toMatchObject({ word: 'ومزارع', kind: 'swapped', cost: 0.4 });
    expect(best('إساريل')[0]).toMatchObject({ word: 'إسرائيل', cost: 0.8 });
  });

  it('treats hamza and alef forms as near misses', () => {
    expect(best('الاحزاب').map((s) => s.word)).toEqual(['الأحزاب']);
  });

  it('prefers a word the document uses elsewhere', () => {
    expect(best('الأرسالي').map((s) => s.word)).toEqual(['الإرسالي', 'الرأسمالي']);
    expect(best('الأرسالي', (f) => f === 'الرأسمالي').map((s) => s.word)[0]).toBe('الإرسالي');
    expect(best('الأرسالي', (f) => f === 'الرأسمالي')[1]).toMatchObject({ word: 'الرأسمالي', cost: 0.9 });
  });
});

describe('Arabic words', () => {
  it('looks words up without harakat and tatweel', () => {
    expect(lookupForm('الْعَالَـمِي')).toBe('العالمي');
  });
  it('strips and adds clitics', () => {
    expect(stems('والناتو')).toContain('الناتو');
    expect(stems('للناتو')).toContain('الناتو');
    expect(inflections('الناتو')).toEqual(expect.arrayContaining(['والناتو', 'للناتو', 'بالناتو', 'الناتوهم']));
  });
  it('finds two forms of one word, not two words of one root joined by و', () => {
    expect(nearRepeat('القضية', 'القضايا')).toBe(true);
    expect(nearRepeat('ببيانات', 'وبيانات')).toBe(true);
    expect(nearRepeat('الجمعيات', 'والجماعات')).toBe(false);
    expect(nearRepeat('حقوق', 'الإنسان')).toBe(false);
  });
  it('finds the same word twice only in the same word: not «را فرا» (Persian, or Arabic\'s «ف» + a two-letter core)', () => {
    expect(nearRepeat('را', 'فرا', true)).toBe(false);
    expect(nearRepeat('را', 'فرا')).toBe(false);
    expect(nearRepeat('ما', 'فما')).toBe(false);
    // Persian keeps its letters: no Arabic article or conjunction stripped.
    expect(nearRepeat('کتاب', 'بکتاب', true)).toBe(false);
    expect(nearRepeat('کتاب', 'بکتاب')).toBe(true);
  });
  it('knows a Persian ZWNJ compound by its parts, an Arabic article on a part after the first («ممنوع‌القلم», «حق‌التألیف»), and a preverb written apart («فرا»)', () => {
    const fa = new Set(['ممنوع', 'قلم', 'حق', 'تألیف', 'بین', 'المللی']);
    const has = (w: string) => fa.has(w);
    expect(persianKnown('ممنوع\u200Cالقلم', has)).toBe(true);
    expect(persianKnown('حق\u200Cالتألیف', has)).toBe(true);
    expect(persianKnown('بین\u200Cالمللی', has)).toBe(true);
    expect(persianKnown('فرا', has)).toBe(true);
    // Not a first part («القلم‌ممنوع»), not a part the article leaves unknown, not a word alone.
    expect(persianKnown('القلم\u200Cممنوع', has)).toBe(false);
    expect(persianKnown('حق\u200Cالتألیفف', has)).toBe(false);
    expect(persianKnown('القلم', has)).toBe(false);
  });
  it('gives a name one consonant key in both scripts', () => {
    expect(nameKey('إزمير')).toBe(nameKey('İzmir'));
    expect(nameKey('مانديلا')).toBe(nameKey('Mandela'));
    expect(nameKey('شوبا')).toBe(nameKey('Shuba'));
  });
});

describe('tokenize', () => {
  it('finds words and numbers with their offsets and scripts', () => {
    const ts = tokenize('في عام2024 مع NATO و٢٩');
    expect(ts.map((t) => [t.kind, t.text, t.start, t.script])).toEqual([
      ['word', 'في', 0, 'arabic'],
      ['word', 'عام', 3, 'arabic'],
      ['number', '2024', 6, 'other'],
      ['word', 'مع', 11, 'arabic'],
      ['word', 'NATO', 14, 'latin'],
      ['word', 'و', 19, 'arabic'],
      ['number', '٢٩', 20, 'other'],
    ]);
    expect(['2024', '٢٩', '۲۹'].map(digitFamily)).toEqual(['latn', 'arab', 'arabext']);
  });

  it('marks the words of a Persian clause in a document of another language only (a Persian one checks every word as Persian)', () => {
    const t = 'اقرأ النص. متن کامل را در اینجا بخوانید.';
    const marked = (lang: string) => tokenize(t, lang).filter((x) => x.lang === 'fa').map((x) => x.text);
    expect(marked('ar')).toEqual(['متن', 'کامل', 'را', 'در', 'اینجا', 'بخوانید']);
    expect(marked('fa-IR')).toEqual([]);
  });
});

describe('tokenize skips what is not prose', () => {
  it('URLs, e-mail addresses, file names and hashes', () => {
    const t = 'انظر https://example.org/a-b?x=1 أو www.un.org أو info@un.org والملف plan.pdf و 33fc312d0331d024 هنا';
    expect(tokenize(t).map((x) => x.text)).toEqual(['انظر', 'أو', 'أو', 'والملف', 'و', 'هنا']);
  });
});
