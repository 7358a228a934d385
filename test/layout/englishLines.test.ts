/**
 * English (left to right) set through the templates' typesetter: ragged
 * right by default, so no loose line; justified with `hyphenate`, words are
 * divided and the widest space shrinks (docs/typography.md, "English and other
 * left-to-right text").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/model/buildModel.js';
import { loadFontSet } from '../../src/fonts/loadFontSet.js';
import { typesetter, type TemplateFonts } from '../../src/layout/typeset.js';
import type { DocumentModel } from '../../src/model/types.js';

const projectRoot = process.cwd();
let en: DocumentModel;
let fonts: TemplateFonts;
beforeAll(async () => {
  en = (await loadDocument('test/fixtures/docs/udhr-en/udhr-en.txt', { projectRoot, sourceDateEpoch: '1698000000' })).model;
  fonts = await loadFontSet(en.theme, projectRoot);
});

const setAll = (model: DocumentModel) => {
  const ts = typesetter(model);
  return model.points.map((p) => ts.set(p.text, { fonts: fonts.body, size: 11.5 }, 325.5, 'justify'));
};

describe('English in the templates', () => {
  it('is ragged right by default: nothing stretched, nothing loose, nothing hyphenated', () => {
    const lines = setAll(en).flatMap((p) => p.lines);
    expect(lines.some((l) => l.justified || l.loose || l.hyphenated)).toBe(false);
  });

  it('justified with hyphenation, divides words and has fewer wide spaces than without', () => {
    const wide = (m: DocumentModel) => setAll(m).flatMap((p) => p.lines).filter((l) => l.justified && l.spaceRatio > 1.5).length;
    const spaces = { ...en, theme: { ...en.theme, justify: 'spaces' as const } };
    const hyphenated = { ...en, theme: { ...en.theme, justify: 'spaces' as const, hyphenate: true } };
    expect(setAll(hyphenated).flatMap((p) => p.lines).some((l) => l.hyphenated)).toBe(true);
    expect(wide(hyphenated)).toBeLessThan(wide(spaces));
  });
});
