/**
 * Where a kashida may go in a word, and how much a reader prefers it there.
 *
 * HarfBuzz decides *whether* a tatweel can be inserted before a cluster without
 * changing the shaping (the SAFE_TO_INSERT_TATWEEL glyph flag). This module
 * ranks those places by the W3C alreq order: after seen/sad, then before a
 * final teh marbuta/heh/dal, then alef/tah/lam/kaf/gaf joins, then the rest;
 * never in or just after a kaf–meem join (KAF).
 */

/** Lower is preferred. */
export type KashidaPriority = 1 | 2 | 3 | 4;

const SEEN_SAD = new Set([...'سشصض']);
const FINAL_TEH_HEH_DAL = new Set([...'ةهدذ']);
const ALEF = new Set([...'اأإآٱ']);
const TAH_LAM_KAF_GAF = new Set([...'طظلكگ']);
/**
 * Kaf and gaf (Arabic kaf, keheh, gaf): before a meem Amiri sets the join of
 * its own, the meem tucked under the kaf's stroke. A kashida in it («حكـم»)
 * breaks the join; one just after its meem («محاكمـة», alreq's place before a
 * final teh marbuta) draws the stretch out of the kaf (a leaflet statement
 * at 21 pt read «محاكـمة»): neither is a place.
 */
const KAF = new Set([...'كکگ']);

/** True for the Arabic letters (not marks, digits or punctuation). */
export function isArabicLetter(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (cp >= 0x0620 && cp <= 0x064a) || (cp >= 0x066e && cp <= 0x06d3) || (cp >= 0x06fa && cp <= 0x06ff);
}

/** Arabic combining marks (harakat and friends), which a kashida never separates from their base. */
export function isArabicMark(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (cp >= 0x064b && cp <= 0x065f) || cp === 0x0670 || (cp >= 0x06d6 && cp <= 0x06ed);
}

/**
 * Priority of a kashida inserted in `word` just before UTF-16 index `at`.
 * Returns undefined where no letter joins on both sides.
 */
export function kashidaPriority(word: string, at: number): KashidaPriority | undefined {
  const before = letterIndexBefore(word, at);
  const prev = word[before];
  const next = word[at];
  if (prev === undefined || next === undefined || !isArabicLetter(prev) || !isArabicLetter(next)) return undefined;
  if (next === 'م' && KAF.has(prev)) return undefined;
  if (prev === 'م' && KAF.has(word[letterIndexBefore(word, before)] ?? '')) return undefined;
  let after = at + 1;
  while (after < word.length && isArabicMark(word[after])) after++;
  const nextIsFinal = after >= word.length || !isArabicLetter(word[after]);
  if (SEEN_SAD.has(prev)) return 1;
  if (nextIsFinal && FINAL_TEH_HEH_DAL.has(next)) return 2;
  if (ALEF.has(next) || (nextIsFinal && TAH_LAM_KAF_GAF.has(next))) return 3;
  return 4;
}

/** The index of the character before index `i` of `word`, marks passed over; -1 at its start. */
function letterIndexBefore(word: string, i: number): number {
  let j = i - 1;
  while (j >= 0 && isArabicMark(word[j])) j--;
  return j;
}
