/** The real documents in test/fixtures/docs parse cleanly and agree with their metadata. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/parse/parseSource.js';
import { loadMeta } from '../../src/model/loadMeta.js';
import { projectRoot } from '../support/fonts.js';

const docs: Array<{ name: string; points: number; metaPoints?: number }> = [
  { name: 'udhr-ar', points: 30 },
  { name: 'udhr-fa', points: 30 },
  { name: 'udhr-en', points: 30 },
  { name: 'mixed-7', points: 7 },
  { name: 'addresses-ar', points: 9 },
  // The stress documents leave some points without metadata (no title of their own: derived titles and labels).
  { name: 'stress-fa', points: 22, metaPoints: 11 },
  { name: 'stress-en', points: 31, metaPoints: 8 },
];

describe('test/fixtures/docs', () => {
  for (const d of docs) {
    it(`${d.name} parses with no diagnostics and matches its metadata`, () => {
      const base = `${projectRoot}/test/fixtures/docs/${d.name}/${d.name}`;
      const { doc, diagnostics } = parseSource(readFileSync(`${base}.txt`, 'utf8'), `${d.name}.txt`);
      expect(diagnostics).toEqual([]);
      expect(doc.points.map((p) => p.number)).toEqual(Array.from({ length: d.points }, (_, i) => i + 1));
      const { meta, diagnostics: metaDiagnostics } = loadMeta([{ text: readFileSync(`${base}.meta.yaml`, 'utf8'), file: `${d.name}.meta.yaml` }], { projectRoot });
      expect(metaDiagnostics).toEqual([]);
      expect(doc.detected).toEqual({ lang: meta.data.lang, dir: meta.data.dir, digits: meta.data.digits });
      expect(Object.keys(meta.data.points ?? {})).toHaveLength(d.metaPoints ?? d.points);
      for (const n of Object.keys(meta.data.points ?? {})) expect(Number(n)).toBeLessThanOrEqual(d.points);
    });
  }
});
