/** What is read as a source: only regular files, UTF-8; messages never echo raw control characters. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/build.js';
import { escapeInvisible, formatDiagnostic } from '../../src/diagnostics.js';
import { loadDocument } from '../../src/model/buildModel.js';
import { decodeSource, detectUtf16 } from '../../src/parse/decode.js';
import { parseSource } from '../../src/parse/parseSource.js';
import { codes, diagnosticsOf, project, SMALL } from './project.js';

describe('non-regular files as the source', () => {
  it('a FIFO is refused at once with E-READ (nothing waits for a writer)', async () => {
    const root = await project();
    execFileSync('mkfifo', [path.join(root, 'pipe.txt')]);
    const ds = await diagnosticsOf(loadDocument('pipe.txt', { projectRoot: root }));
    expect(codes(ds)).toEqual(['E-READ']);
    expect(ds[0]).toMatchObject({ file: 'pipe.txt', line: 1, col: 1 });
    expect(ds[0].message).toContain('a FIFO');
  });

  it('/dev/zero is refused with E-READ (never read without end)', async () => {
    const root = await project();
    const ds = await diagnosticsOf(check({ projectRoot: root, source: '/dev/zero' }));
    expect(codes(ds)).toEqual(['E-READ']);
    expect(ds[0].message).toContain('a character device');
  });

  it('a folder is refused with E-READ', async () => {
    const root = await project({ 'src/a.txt': SMALL });
    const ds = await diagnosticsOf(loadDocument('src', { projectRoot: root }));
    expect(codes(ds)).toEqual(['E-READ']);
    expect(ds[0].message).toContain('a folder');
  });

  it('a metadata file that is a FIFO is refused with E-META-READ', async () => {
    const root = await project({ 'a.txt': SMALL });
    execFileSync('mkfifo', [path.join(root, 'a.meta.yaml')]);
    expect(codes(await diagnosticsOf(loadDocument('a.txt', { projectRoot: root })))).toEqual(['E-META-READ']);
  });

  it('a file over the size limit is refused before it is read', async () => {
    const root = await project();
    execFileSync('truncate', ['-s', String(17 * 1024 * 1024), path.join(root, 'big.txt')]);
    const ds = await diagnosticsOf(loadDocument('big.txt', { projectRoot: root }));
    expect(codes(ds)).toEqual(['E-READ']);
    expect(ds[0].message).toContain('larger than 16 MB');
  });
});

describe('UTF-16', () => {
  const le = (s: string, bom: boolean) => new Uint8Array([...(bom ? [0xff, 0xfe] : []), ...Buffer.from(s, 'utf16le')]);
  const be = (s: string) => {
    const b = Buffer.from(s, 'utf16le');
    b.swap16();
    return new Uint8Array(b);
  };
  it('with a BOM: E-ENCODING naming UTF-16 and how to convert', () => {
    const { diagnostics } = decodeSource(le(SMALL, true), 'x.txt');
    expect(codes(diagnostics)).toEqual(['E-ENCODING']);
    expect(diagnostics[0].message).toBe('the file is UTF-16 little-endian, not UTF-8');
    expect(diagnostics[0].hint).toContain('UTF-8');
  });
  it('without a BOM, little- and big-endian: E-ENCODING, not a missing title', () => {
    expect(decodeSource(le(SMALL, false), 'x.txt').diagnostics[0].message).toBe('the file is UTF-16 little-endian (without a byte-order mark), not UTF-8');
    expect(decodeSource(be(SMALL), 'x.txt').diagnostics[0].message).toBe('the file is UTF-16 big-endian (without a byte-order mark), not UTF-8');
  });
  it('through loadDocument: one E-ENCODING', async () => {
    const root = await project({ 'u.txt': le(SMALL, false) });
    expect(codes(await diagnosticsOf(loadDocument('u.txt', { projectRoot: root })))).toEqual(['E-ENCODING']);
  });
  it('UTF-8 Arabic and ASCII are not taken for UTF-16', () => {
    expect(detectUtf16(new TextEncoder().encode(SMALL))).toBeUndefined();
    expect(detectUtf16(new TextEncoder().encode('## Title\n\n1. A point.\n'))).toBeUndefined();
  });
});

describe('messages show invisible characters escaped', () => {
  it('ESC, BEL, NUL, C1 and bidi controls print as <U+XXXX>', () => {
    expect(escapeInvisible('a\u001b[2Jb\u0007\u0000\u009b\u202e')).toBe('a<U+001B>[2Jb<U+0007><U+0000><U+009B><U+202E>');
    expect(escapeInvisible('نص عربي «مقتبس» 30%')).toBe('نص عربي «مقتبس» 30%');
  });
  it('a source with an escape sequence in the title line: the formatted diagnostics have no raw control character', () => {
    // `# ` (one hash) puts the line into E-TITLE-MISSING's found:, verbatim.
    const { diagnostics } = parseSource('# عنوان\u001b[2J\u0007\n\n1. نقطة.\n', 'x.txt');
    expect(diagnostics.find((d) => d.code === 'E-TITLE-MISSING')?.found).toContain('\u001b');
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) {
      const shown = formatDiagnostic(d);
      expect(shown).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
    expect(diagnostics.map(formatDiagnostic).join('\n')).toContain('<U+001B>');
  });
});
