/** docs/metadata.md is generated from the schema, and the committed file is current. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadMeta } from '../../src/model/loadMeta.js';
import { metadataReference, metadataRows, NOTES } from '../../src/model/metaDoc.js';
import { metaSchema } from '../../src/model/meta.js';

const root = new URL('../../', import.meta.url);

describe('docs/metadata.md', () => {
  it('is the generated file (run `npm run docs:metadata` after changing the schema)', () => {
    expect(readFileSync(new URL('docs/metadata.md', root), 'utf8')).toBe(metadataReference());
  });

  it('lists every top-level key of the schema, each with a type, a default and an example', () => {
    const rows = metadataRows();
    for (const k of Object.keys(metaSchema.shape)) expect(rows.map((r) => r.key)).toContain(k);
    for (const r of rows) {
      expect(r.type, r.key).not.toBe('');
      expect(r.default, r.key).not.toBe('');
      expect(r.example, r.key).not.toBe('');
    }
  });

  it('gives a theme default for each language whose default differs (defaultJustify: Persian is justified by spaces)', () => {
    const row = (key: string) => metadataRows().find((r) => r.key === key)!;
    expect(row('theme.justify').default).toBe('kashida (Arabic), spaces (Persian), off (left-to-right)');
    expect(row('theme.hyphenate').default).toBe('false');
  });

  it('describes every key, with a real example (not a placeholder)', () => {
    const rows = metadataRows();
    expect(rows.filter((r) => !r.about).map((r) => r.key)).toEqual([]);
    expect(rows.filter((r) => /…/.test(r.example)).map((r) => r.key)).toEqual([]);
  });

  it('has no notes for keys the schema does not have', () => {
    const keys = new Set(metadataRows().map((r) => r.key));
    expect(Object.keys(NOTES).filter((k) => !keys.has(k))).toEqual([]);
  });

  it('gives examples that validate', () => {
    const projectRoot = new URL('.', root).pathname;
    const bad: string[] = [];
    for (const r of metadataRows()) {
      if (r.key.includes('[]') || /\.event\.(name|place|date)/.test(r.key) || /^(…|\{…\}|\[…\])$/.test(r.example)) continue;
      const value: unknown = parse(r.example);
      const doc = r.key.split('.').reduceRight<unknown>((v, seg) => ({ [seg === 'N' ? '3' : seg]: v }), value);
      const { diagnostics } = loadMeta([{ text: JSON.stringify(doc), file: 'm.yaml' }], { projectRoot });
      if (diagnostics.some((d) => d.severity === 'error')) bad.push(`${r.key}: ${r.example}: ${diagnostics[0].message}`);
    }
    expect(bad).toEqual([]);
  });
});
