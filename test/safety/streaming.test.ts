/**
 * Outputs stream to the staging folder as each job finishes: when a job is
 * reported done, its files are already on disk beside the output folder
 * (none waits in memory for the end).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { smallProject } from '../fixtures/reliability/project.js';
import { editText } from './support.js';

describe('streaming to the staging folder', () => {
  it('each finished job’s files are in the staging folder at once', async () => {
    const root = await smallProject();
    const out = path.join(root, 'dist');
    await build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet', 'leaflets'] });
    await editText(root, 'المعدلة');
    const seen: Array<{ file: string; staged: boolean }> = [];
    await build({
      projectRoot: root,
      source: 'source/doc.txt',
      out: 'dist',
      only: ['booklet', 'leaflets'],
      onOutput: (_done, _total, file, state) => {
        if (state === 'skipped') return;
        const staging = readdirSync(root).find((n) => n.startsWith('dist.staging-'))!;
        seen.push({ file, staged: existsSync(path.join(root, staging, 'tree', file)) });
      },
    });
    expect(seen.length).toBe(5);
    expect(seen.filter((s) => !s.staged)).toEqual([]);
    expect(readdirSync(root).filter((n) => n.startsWith('dist.'))).toEqual([]);
    expect(existsSync(path.join(out, 'manifest.json'))).toBe(true);
  });
});
