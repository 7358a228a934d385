/**
 * The seed as the tests need it. Its metadata carries the editor's decisions
 * (`corrections:`, `words:`; docs/proofing.md): the seed's publication prints
 * the corrections, while a test of the proofing machinery reads the source as
 * the converter left it, without them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { modelFromText } from '../../src/model/buildModel.js';
import type { Correction } from '../../src/model/proofSchema.js';
import type { DocumentModel } from '../../src/model/types.js';
import { projectRoot } from './fonts.js';

export const SEED_FILE = 'source/izmir-2023.txt';
export const SEED_META_FILE = 'source/izmir-2023.meta.yaml';
/** The metadata keys that record proofing decisions. */
const DECISIONS = ['corrections', 'words', 'proofing'];

const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');

/** The seed's editorial corrections, as its metadata lists them. */
export function seedCorrections(): Correction[] {
  return (parseDocument(read(SEED_META_FILE)).toJS() as { corrections?: Correction[] }).corrections ?? [];
}

/** The seed's metadata without its proofing decisions: titles, events, date and theme as published. */
export function undecidedSeedMeta(): string {
  const doc = parseDocument(read(SEED_META_FILE));
  for (const key of DECISIONS) doc.delete(key);
  return doc.toString();
}

/** The seed's model with nothing decided: every finding of the source is a warning, nothing is corrected. */
export function undecidedSeedModel(): DocumentModel {
  return modelFromText(read(SEED_FILE), SEED_FILE, { projectRoot, sidecar: { text: undecidedSeedMeta(), file: SEED_META_FILE } }).model;
}
