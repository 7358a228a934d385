/** The documents the reader tests build (seed and test/fixtures/docs), by the names markCeilings.ts uses. */
import type { MarkDoc } from './markCeilings.js';

export const READER_DOC_FILES: Record<MarkDoc, string> = {
  seed: 'source/izmir-2023.txt',
  'mixed-7': 'test/fixtures/docs/mixed-7/mixed-7.txt',
  'addresses-ar': 'test/fixtures/docs/addresses-ar/addresses-ar.txt',
  'udhr-ar': 'test/fixtures/docs/udhr-ar/udhr-ar.txt',
  'udhr-fa': 'test/fixtures/docs/udhr-fa/udhr-fa.txt',
  'udhr-en': 'test/fixtures/docs/udhr-en/udhr-en.txt',
  'long-30': 'test/fixtures/docs/long-30/long-30.txt',
};
