/**
 * Arabic letters as a proofreader sees them: how a word is normalised for
 * look-up (no harakat, no tatweel), which letters are spelling variants of
 * one another (hamza seats, alef forms, taa marbuta/haa, yaa/alef maqsura),
 * and the clitics that attach to a stem (و ف ب ل ك ال …, pronoun suffixes).
 */

/** Harakat, Quranic marks and tatweel: ignored by the dictionaries. */
const IGNORED = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

/** NFC, without harakat and tatweel: the form looked up in a dictionary. */
export function lookupForm(word: string): string {
  return word.normalize('NFC').replace(IGNORED, '');
}

/** A hamza on its seat (or on the line), with the marks after it; group 1: those marks. */
const HAMZA_SEAT = /[ءأإؤئ]([\u064B-\u065F\u0670]*)/gu;
/** The harakat a hamza is voiced with: tanween, fatha, damma, kasra, shadda, sukun. */
const HARAKA = /[\u064B-\u0652]/u;

/**
 * Whether every hamza of a word as written carries its haraka, and it has
 * one («وَأَعْتَدْنَا», «رَأَوْهُ»): a text vowelled on its hamzas (a Quranic
 * text, a vowelled verse) has chosen each seat, so a word the dictionary
 * knows only without the hamza (there «واعتدنا», from اعتاد, another word;
 * the dictionary has أعتدنا but not its و form) is no hamza variant.
 */
export function hamzaVowelled(text: string): boolean {
  const seats = [...text.normalize('NFC').matchAll(HAMZA_SEAT)];
  return seats.length > 0 && seats.every((m) => HARAKA.test(m[1]));
}

/** Groups of letters that are spelling variants of one another. */
const VARIANT_GROUPS = ['اأإآء', 'يىئ', 'وؤ', 'هة', 'ءئؤأإ'];

/** For each letter, the letters it may be a variant of (near misses). */
export const VARIANTS: ReadonlyMap<string, string[]> = (() => {
  const m = new Map<string, Set<string>>();
  for (const g of VARIANT_GROUPS) for (const a of g) for (const b of g) if (a !== b) (m.get(a) ?? m.set(a, new Set()).get(a)!).add(b);
  return new Map([...m].map(([k, v]) => [k, [...v]]));
})();

/** Letters of the Arabic alphabet (with the Persian additions) used to build edit candidates. */
export const ARABIC_ALPHABET = [...'ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي'];
export const PERSIAN_ALPHABET = [...'آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئءأؤۀ'];
export const LATIN_ALPHABET = [...'abcdefghijklmnopqrstuvwxyz'];

export function isArabicScript(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0x08a0 && c <= 0x08ff) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff);
}

export function isLatinScript(ch: string): boolean {
  return /\p{Script=Latin}/u.test(ch);
}

/** Proclitics, longest first: conjunctions, prepositions, the article and their combinations. */
const PROCLITICS = ['وبال', 'وكال', 'وفال', 'فبال', 'وال', 'فال', 'بال', 'كال', 'ولل', 'فلل', 'لل', 'ال', 'وب', 'وك', 'ول', 'فب', 'فك', 'فل', 'وس', 'و', 'ف', 'ب', 'ك', 'ل', 'س'];
/** Pronoun and plural suffixes, longest first. */
const ENCLITICS = ['كما', 'هما', 'كم', 'كن', 'هم', 'هن', 'نا', 'ها', 'ات', 'ون', 'ين', 'ان', 'ية', 'ه', 'ك', 'ي', 'ة'];

/**
 * The word and every stem obtained by removing proclitics and one suffix
 * (stems shorter than two letters are left out): «والناتو» → والناتو,
 * الناتو, ناتو … Used for names from `words:` and the document, which the
 * dictionary cannot inflect.
 */
export function stems(word: string): string[] {
  const out = new Set([word]);
  const heads = [word];
  for (const p of PROCLITICS) if (word.startsWith(p) && word.length - p.length >= 2) heads.push(word.slice(p.length));
  for (const h of heads) {
    out.add(h);
    // A stem after ل/لل lost the alef of its article: «للناتو» = ل + الناتو.
    if (word.startsWith('لل') || word.startsWith('ولل') || word.startsWith('فلل')) out.add('ال' + h);
    for (const s of ENCLITICS) if (h.endsWith(s) && h.length - s.length >= 2) out.add(h.slice(0, -s.length));
  }
  return [...out];
}

/** The forms `stems` reduces to `stem`: with each proclitic, and with each suffix («الناتو» → والناتو, للناتو …). */
export function inflections(stem: string): string[] {
  const out = new Set([stem]);
  const bases = [stem, ...ENCLITICS.map((s) => stem + s)];
  for (const b of bases) {
    out.add(b);
    for (const p of PROCLITICS) out.add(p + b);
    if (b.startsWith('ال')) for (const p of ['ل', 'ول', 'فل']) out.add(p + b.slice(1));
  }
  return [...out];
}

/** Consonant skeleton: without alef, waw, yaa, hamza seats and taa marbuta (for near-repeats and names). */
export function skeleton(word: string): string {
  return word.replace(/[اأإآءؤئوىية]/g, '');
}

/**
 * Preverbs, written apart from the verb of a compound verb («فرا می‌خوانیم»,
 * «فرو ریخت», «باز می‌گردد»): words of their own. fa-IR lacks «فرا» alone
 * (look17 fa.txt:109).
 */
const FA_PREVERBS = new Set(['فرا', 'فرو', 'وا', 'باز', 'بر', 'در']);
/** The Arabic article, in a Persian compound's second part (persianKnown). */
const ARTICLE_AL = 'ال';
/** Persian affixes written joined or after a ZWNJ: می‌/نمی‌ before a verb, ها/های/ای/ام … after a word. */
const FA_PREFIXES = ['نمی', 'می', 'ب'];
const FA_SUFFIXES = ['هائیکه', 'هائی', 'های', 'ها', 'ئی', 'ای', 'اند', 'ام', 'ایم', 'اید', 'است', 'یکه', 'ست', 'ی', 'ه'];
const FA_AFFIX_PARTS = new Set([...FA_PREFIXES, ...FA_SUFFIXES, 'آمیز', 'شده', 'کننده']);

/**
 * A Persian word the dictionary knows in pieces: parts joined by ZWNJ
 * («کرده‌اند», «بین‌المللی»), a part after the first taking the Arabic
 * article of a compound from Arabic («ممنوع‌القلم», «حق‌التألیف»: قلم,
 * تألیف), or with می/نمی/ب written joined («میدهد», «بحقوق») or a plural
 * or ezafe ending («کشورهائی»). The fa-IR list has simple words only.
 */
export function persianKnown(form: string, has: (w: string) => boolean): boolean {
  if (FA_PREVERBS.has(form)) return true;
  const parts = form.split('\u200C');
  const known = (p: string) => FA_AFFIX_PARTS.has(p) || has(p) || persianKnown(p, has);
  if (parts.length > 1) return parts.every((p, i) => known(p) || (i > 0 && p.startsWith(ARTICLE_AL) && p.length - ARTICLE_AL.length >= 2 && known(p.slice(ARTICLE_AL.length))));
  for (const p of FA_PREFIXES) if (form.startsWith(p) && form.length - p.length >= 2 && (has(form.slice(p.length)) || stripSuffix(form.slice(p.length), has))) return true;
  return stripSuffix(form, has);
}

function stripSuffix(form: string, has: (w: string) => boolean): boolean {
  for (const s of FA_SUFFIXES) if (form.endsWith(s) && form.length - s.length >= 2 && has(form.slice(0, -s.length))) return true;
  return false;
}
