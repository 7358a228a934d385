/** The documents the reader tests build (seed and test/fixtures/docs), by the names markCeilings.ts uses. */
import { loadDocument } from '../../src/model/buildModel.js';
import type { DocumentModel } from '../../src/model/types.js';
import { proofDocument } from '../../src/proof/index.js';
import { projectRoot } from './fonts.js';
import type { MarkDoc, StressDoc } from './markCeilings.js';

export const READER_DOC_FILES: Record<MarkDoc, string> = {
  seed: 'source/izmir-2023.txt',
  'mixed-7': 'test/fixtures/docs/mixed-7/mixed-7.txt',
  'addresses-ar': 'test/fixtures/docs/addresses-ar/addresses-ar.txt',
  'udhr-ar': 'test/fixtures/docs/udhr-ar/udhr-ar.txt',
  'udhr-fa': 'test/fixtures/docs/udhr-fa/udhr-fa.txt',
  'udhr-en': 'test/fixtures/docs/udhr-en/udhr-en.txt',
  'long-30': 'test/fixtures/docs/long-30/long-30.txt',
};

/** The stress documents, read back by the marks test only (markCeilings.ts StressDoc). */
export const STRESS_DOC_FILES: Record<StressDoc, string> = {
  'stress-fa': 'test/fixtures/docs/stress-fa/stress-fa.txt',
  'stress-en': 'test/fixtures/docs/stress-en/stress-en.txt',
};

/**
 * A document's model as a build prints it: with its metadata's corrections
 * applied (docs/proofing.md; the seed has some), so that what the reader
 * tests lay out, draw and read back is the published text.
 */
export async function printedModel(file: string): Promise<DocumentModel> {
  const { model } = await loadDocument(file, { projectRoot, sourceDateEpoch: '1698000000' });
  if (!model.proof?.corrections.length) return model;
  return (await proofDocument(model, { projectRoot, cache: false })).model;
}
