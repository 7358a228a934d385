/**
 * The proofing keys of the metadata (validated with zod, hooked into the
 * metadata schema in src/model/meta.ts):
 *
 *   words: [إزمير, الناتو]            words the dictionary lacks (names)
 *   corrections:                       printed instead of the source form,
 *     - { from: وإساريل, to: وإسرائيل }   the source file is never edited
 *     - { from: النااتو, to: الناتو, line: 31 }
 *   proofing: { off: [W-PROOF-HAMZA] } checks switched off
 *
 * A correction whose `to` equals its `from` records a decision to keep the
 * source form: nothing changes, and the suggestion counts as decided.
 */
import { z } from 'zod';
import type { SourcePlace } from '../diagnostics.js';

const word = z.string().trim().min(1, 'must not be empty');

const correctionSchema = z
  .object({
    from: z.string().min(1, 'must not be empty'),
    to: z.string(),
    line: z.number().int().min(1).optional(),
  })
  .strict();

/** The codes of the proofing pass (src/proof): W-PROOF-… */
const PROOF_CODE = /^W-PROOF-[A-Z0-9-]+$/;

/** Spread into the metadata schema's object. */
export const proofMetaFields = {
  words: z.array(word),
  corrections: z.array(correctionSchema),
  proofing: z.object({ off: z.array(z.string().regex(PROOF_CODE, 'a proofing code such as W-PROOF-HAMZA')) }).partial().strict(),
};

export type Correction = z.infer<typeof correctionSchema>;

/** The proofing decisions carried by the model (from the metadata), with where each correction is written. */
export interface ProofSettings {
  words: string[];
  corrections: Array<Correction & { place?: SourcePlace }>;
  off: string[];
}

type PlaceOf = (path: ReadonlyArray<string | number>) => SourcePlace | undefined;

/** The settings from validated metadata, or undefined when it has no proofing keys. */
export function proofSettings(
  data: { words?: string[]; corrections?: Correction[]; proofing?: { off?: string[] } },
  placeOf: PlaceOf,
): ProofSettings | undefined {
  if (!data.words && !data.corrections && !data.proofing) return undefined;
  return {
    words: data.words ?? [],
    corrections: (data.corrections ?? []).map((c, i) => {
      const place = placeOf(['corrections', i]);
      return place ? { ...c, place } : { ...c };
    }),
    off: data.proofing?.off ?? [],
  };
}
