/**
 * No network, no escape: metadata cannot point a build at remote files or
 * at files outside the project, markup in the text is never interpreted,
 * a build never touches the network, and the output folder it replaces is
 * always one of its own.
 */
import dns from 'node:dns';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import * as mupdf from 'mupdf';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { build, check } from '../../src/build.js';
import { besideOut, fingerprint, readFixture, smallProject, placeOf, warraqError } from '../fixtures/reliability/project.js';

/** The small document with these font lists in its front matter. */
async function withFonts(body: string, heading?: string) {
  const yaml = `theme:\n  fonts:\n    body: [${JSON.stringify(body)}]\n${heading ? `    heading: [${JSON.stringify(heading)}]\n` : ''}`;
  const text = (await readFixture('small.txt')).replace('date: 2024-03-15\n', `date: 2024-03-15\n${yaml}`);
  const root = await smallProject({ 'source/bad.txt': text });
  return { root, text };
}

describe('metadata cannot reach outside the project', () => {
  it.each([
    ['an https URL', 'https://fonts.example.com/Amiri.ttf', 'E-META-REMOTE', 'remote files are not fetched'],
    ['an http URL', 'http://example.com/x.ttf', 'E-META-REMOTE', 'remote files are not fetched'],
    ['a file: URL', 'file:///etc/passwd', 'E-META-PATH', 'URLs are not allowed here'],
    ['a ../ path', '../../etc/passwd', 'E-META-PATH', 'the path leaves the project folder'],
    ['a path that climbs out after going in', 'fonts/../../outside.ttf', 'E-META-PATH', 'the path leaves the project folder'],
    ['an absolute path outside the project', '/etc/passwd', 'E-META-PATH', 'absolute path outside the project folder'],
    ['a Windows drive path', 'C:\\Windows\\Fonts\\arial.ttf', 'E-META-PATH', 'absolute paths outside the project are not allowed'],
  ])('a font given as %s: %s, at its place, nothing written', async (_what, value, code, why) => {
    const { root, text } = await withFonts(value);
    await build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet'] });
    const before = await fingerprint(path.join(root, 'dist'));
    const err = await warraqError(build({ projectRoot: root, source: 'source/bad.txt', out: 'dist' }));
    expect(err.diagnostics.map((d) => d.code)).toEqual([code]);
    expect(err.message).toContain(`source/bad.txt:${placeOf(text, JSON.stringify(value))}: error[${code}]: theme.fonts.body[0]: ${why}`);
    expect(await fingerprint(path.join(root, 'dist'))).toEqual(before);
    // check() says the same.
    expect((await warraqError(check({ projectRoot: root, source: 'source/bad.txt' }))).diagnostics.map((d) => d.code)).toEqual([code]);
  });

  it('the heading list is checked too', async () => {
    const { root } = await withFonts('fonts/Amiri-Regular.ttf', '../Amiri-Bold.ttf');
    const err = await warraqError(check({ projectRoot: root, source: 'source/bad.txt' }));
    expect(err.message).toContain('theme.fonts.heading[0]: the path leaves the project folder');
  });

  it('an absolute path inside the project is fine', async () => {
    const root = await smallProject();
    const text = (await readFixture('small.txt')).replace('date: 2024-03-15\n', `date: 2024-03-15\ntheme:\n  fonts:\n    body: [${JSON.stringify(path.join(root, 'fonts/Amiri-Regular.ttf'))}]\n`);
    await writeFile(path.join(root, 'source/abs.txt'), text);
    const { model } = await check({ projectRoot: root, source: 'source/abs.txt' });
    expect(model.theme.fonts.body).toEqual(['fonts/Amiri-Regular.ttf']);
  });
});

describe('markup in the text is printed, never interpreted', () => {
  it('<script> and other tags appear as literal text in the booklet', async () => {
    const root = await smallProject({ 'source/tags.txt': await readFixture('script.txt') });
    const report = await build({ projectRoot: root, source: 'source/tags.txt', out: 'dist', only: ['booklet'] });
    expect(report.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['W-MARKUP-TAG']));
    const doc = mupdf.Document.openDocument(await readFile(path.join(root, 'dist/booklet.pdf')), 'application/pdf');
    let text = '';
    for (let i = 0; i < doc.countPages(); i++) text += doc.loadPage(i).toStructuredText('preserve-whitespace').asText();
    // Extractors add direction marks and break lines; compare without them.
    const flat = text.replace(/[\s\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g, '');
    expect(flat).toContain('<script>alert(1)</script>');
    expect(flat).toContain('سهم<b>غامق</b>');
    expect(flat).toContain('a<b>c');
  });
});

describe('no network during a build', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('builds everything (with URLs for QR codes in the metadata) with fetch, http(s), sockets and DNS all throwing', async () => {
    const refuse = (what: string) => () => {
      throw new Error(`network used during a build: ${what}`);
    };
    // fetch of a data: URL is no network (yoga-layout loads its WASM that way); anything else is.
    const realFetch = globalThis.fetch;
    const fetched: string[] = [];
    const fetchStub = vi.fn((input: string | URL | Request, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.startsWith('data:')) return realFetch(input, init);
      fetched.push(url);
      throw new Error(`network used during a build: fetch ${url}`);
    });
    vi.stubGlobal('fetch', fetchStub);
    const spies = [
      vi.spyOn(http, 'request').mockImplementation(refuse('http.request')),
      vi.spyOn(http, 'get').mockImplementation(refuse('http.get')),
      vi.spyOn(https, 'request').mockImplementation(refuse('https.request')),
      vi.spyOn(https, 'get').mockImplementation(refuse('https.get')),
      vi.spyOn(net, 'connect').mockImplementation(refuse('net.connect')),
      vi.spyOn(net, 'createConnection').mockImplementation(refuse('net.createConnection')),
      vi.spyOn(tls, 'connect').mockImplementation(refuse('tls.connect')),
      vi.spyOn(dns, 'lookup').mockImplementation(refuse('dns.lookup')),
      vi.spyOn(dns.promises, 'lookup').mockImplementation(refuse('dns.promises.lookup')),
    ];
    const meta = (await readFixture('small.meta.yaml')).replace('    slug: literacy\n', '    slug: literacy\n    url: https://example.org/literacy\n');
    const root = await smallProject({ 'source/doc.meta.yaml': `url: https://example.org/plan\n${meta}` });
    // --jobs 1 renders in this thread, where the stubs are (worker threads have their own modules).
    const opts = { projectRoot: root, source: 'source/doc.txt', out: 'dist', jobs: 1 };
    const report = await build(opts);
    expect((report as { threads?: number }).threads ?? 1).toBe(1);
    expect(report.model.url).toBe('https://example.org/plan');
    expect(report.files.map((f) => f.path)).toEqual(expect.arrayContaining(['booklet.pdf', 'leaflets/02-literacy.pdf', 'cards/portrait/00-document.png', 'print/booklet-press.pdf']));
    expect(fetched).toEqual([]);
    for (const s of spies) expect(s).not.toHaveBeenCalled();
    // The stubs are live: a network call in this process would have thrown.
    expect(() => http.request('http://example.org')).toThrow(/network used/);
    await expect(Promise.resolve().then(() => fetch('https://example.org'))).rejects.toThrow(/network used/);
  });
});

describe('the output folder a build replaces is always its own', () => {
  it.each([
    ['the project folder itself (--out .)', '.'],
    ['the source folder', 'source'],
    ['a folder of other files', 'mine'],
  ])('refuses %s: E-OUT-FOREIGN, and the folder is untouched', async (_what, out) => {
    const root = await smallProject();
    await mkdir(path.join(root, 'mine'));
    await writeFile(path.join(root, 'mine/notes.txt'), 'my own notes');
    const before = await fingerprint(root);
    const err = await warraqError(build({ projectRoot: root, source: 'source/doc.txt', out, only: ['booklet'] }));
    expect(err.diagnostics.map((d) => d.code)).toEqual(['E-OUT-FOREIGN']);
    const after = await fingerprint(root);
    // Only the build cache (outside any output) may have appeared.
    for (const k of Object.keys(after)) if (k.startsWith('.warraq-cache/')) delete after[k];
    expect(after).toEqual(before);
    expect(await besideOut(path.resolve(root, out))).toEqual(out === '.' ? [path.basename(root)] : [out]);
  });

  it('a file where the output folder should be is refused too', async () => {
    const root = await smallProject({ 'dist': 'not a folder' });
    const err = await warraqError(build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet'] }));
    expect(err.diagnostics.map((d) => d.code)).toEqual(['E-OUT-FOREIGN']);
    expect(await readFile(path.join(root, 'dist'), 'utf8')).toBe('not a folder');
  });

  it('an empty folder and an earlier output are replaced', async () => {
    const root = await smallProject();
    await mkdir(path.join(root, 'dist'));
    await build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet'] });
    await build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet'] });
    expect((await readdir(path.join(root, 'dist'))).sort()).toEqual(['booklet.pdf', 'manifest.json']);
  });
});
