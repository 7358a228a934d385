#!/usr/bin/env node
/**
 * `npm run compile` (run by `npm install` through `prepare`): bundles the
 * command line (scripts/build.ts → lib/warraq.cjs), the watch mode
 * (scripts/watch.ts → lib/watch.cjs), the render worker
 * (src/jobs/worker.ts → lib/worker.cjs) and the proofing worker
 * (src/proof/worker.ts → lib/proofWorker.cjs) with esbuild, so that the
 * command starts without a TypeScript loader, without resolving and reading
 * hundreds of module files one by one, and without compiling warraq's code
 * from source in every process.
 *
 * - One CommonJS file per entry, no code splitting (ENTRIES): Node 20 keeps
 *   no compiled code for ES modules, but a script run through `vm.Script`
 *   can be given the code V8 made for it in an earlier process
 *   (scripts/vendor.mjs). Each entry's stub, lib/<entry>.js, runs its file
 *   so. A dynamic `import()` of warraq's own code stays lazy: esbuild makes
 *   each module an init function, run when the `import()` is reached (a
 *   kind's renderer, the model, proofing, fonts…), so a step loads what it
 *   loaded before, parsed lazily and compiled from the cache.
 * - The large packages are bundled by group into files of their own, run
 *   with a code cache too (VENDORS); small ones into the entries' files;
 *   those that find files of their own at run time or run code in threads of
 *   their own (EXTERNAL) are loaded from node_modules as before.
 * - lib/inputs.json records the modification time of every file and folder
 *   the bundle was made from (warraq's sources, package-lock.json, the
 *   installed packages' lock, patches/): `compiledIsFresh` (scripts/fresh.mjs,
 *   used by bin/warraq.mjs and the bench) compares them with one `stat` each
 *   instead of walking the source folders.
 * - The compile fails when node_modules lacks an edit of patches/
 *   (scripts/patches.mjs; `npx patch-package` applies them).
 *
 * Node 20 only; whitespace and syntax minified, names kept (a stack trace
 * names warraq's functions; its columns are the one-line file's).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INPUTS_VERSION, mtimeOf } from './fresh.mjs';
import { checkPatchesApplied } from './patches.mjs';
import { runVendorFile } from './vendor.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');

/**
 * Packages kept out of the bundle: native code (sharp, koffi), WASM or workers
 * found beside their own files (mupdf, harfbuzzjs, piscina), dictionaries found by
 * package path (@cspell/dict-*), the TypeScript loader.
 */
export const EXTERNAL = ['sharp', 'koffi', 'mupdf', 'harfbuzzjs', 'piscina', '@cspell/*', 'tsx', 'tsx/*', 'esbuild'];

/**
 * Edits to package code as it is bundled (lib/ only; node_modules and
 * the TypeScript run are untouched), each checked: the compile fails if the
 * package no longer has the code it replaces.
 *
 * - pdfkit loads its standard fonts' metrics through a `require` made by
 *   `createRequire` (package imports `#standard-fonts/*`), which a bundler
 *   cannot follow: written as plain `require` calls, esbuild bundles them
 *   (each still evaluated only when that font is first used).
 * - pdfkit builds each standard font's kerning-pair table (Helvetica's ≈ 2,700
 *   string keys) when the font is made, and every PDF document makes
 *   Helvetica (≈ 3–5 ms in a thread's first document; warraq never sets text
 *   in it): built on first use instead.
 * - pdfkit imports @noble/ciphers' AES for encrypted PDFs, whose tables are
 *   computed when the module loads (≈ 26 ms in every thread that makes a
 *   PDF; warraq never encrypts): required on first use instead.
 * - react-pdf's English hyphenation builds its pattern tree when the module
 *   loads (≈ 17 ms; warraq sets its own lines): built on first use instead.
 * - react-pdf's font store loads the four Helvetica faces when the module
 *   loads (each parses pdfkit's AFM metrics, and the first makes a PDF
 *   document of its own: ≈ 10–20 ms; warraq's pages have no react-pdf text):
 *   loaded when a font is first asked of the store instead.
 * - yoga-layout (react-pdf's layout) loads its WASM, inlined as base64, by
 *   calling `fetch` on a data: URL when there is a global fetch: in Node
 *   that loads undici and runs a Response through streams (≈ 20–50 ms);
 *   it decodes the base64 itself instead, as it does where fetch is absent.
 * - fontkit imports brotli for WOFF2 fonts, which decodes its 120 KB
 *   dictionary from base64 when it loads (≈ 15–25 ms; warraq's fonts are
 *   TTF/OTF): required on first use instead.
 * - unicode-trie inflates its data when a trie is made: fontkit's shapers
 *   and unicode-properties made four when react-pdf loaded (≈ 35 ms), which
 *   a PDF never reads (HarfBuzz shapes): each is inflated on its first lookup.
 * - fontkit's TrueType subsetter decoded every glyph it copies (all its
 *   points) only to learn whether it is a composite one (its components are
 *   renumbered); the painter's copies of a glyph (one per text and advance)
 *   were each decoded again (≈ 40–100 ms of a booklet). The sign of the
 *   glyph's contour count, in its first two bytes, tells: only composite
 *   glyphs (and variable fonts', re-encoded) are decoded. The bytes written
 *   are the same.
 */
const EDITS = [
  {
    file: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
    edits: [['function ya(){return w||"function"!=typeof fetch?', 'function ya(){return true?']],
  },
  {
    file: /[\\/]fontkit[\\/]dist[\\/]module\.mjs$/,
    edits: [
      [
        'import $52ZIf$brotlidecompressjs from "brotli/decompress.js";',
        'let brotliDecompress;\nconst $52ZIf$brotlidecompressjs = (...args) => (brotliDecompress ??= require("brotli/decompress.js"))(...args);',
      ],
      [
        `        let glyf = glyph._decode();
        // get the offset to the glyph from the loca table
        let curOffset = this.font.loca.offsets[gid];
        let nextOffset = this.font.loca.offsets[gid + 1];
        let stream = this.font._getTableStream('glyf');
        stream.pos += curOffset;
        let buffer = stream.readBuffer(nextOffset - curOffset);`,
        `        // get the offset to the glyph from the loca table
        let curOffset = this.font.loca.offsets[gid];
        let nextOffset = this.font.loca.offsets[gid + 1];
        let stream = this.font._getTableStream('glyf');
        stream.pos += curOffset;
        let buffer = stream.readBuffer(nextOffset - curOffset);
        // warraq: decoded only when composite (numberOfContours < 0) or variable
        let glyf = buffer.length >= 2 && ((((buffer[0] << 8) | buffer[1]) & 0x8000) !== 0 || this.font._variationProcessor) ? glyph._decode() : null;`,
      ],
    ],
  },
  {
    file: /[\\/]unicode-trie[\\/]index\.js$/,
    edits: [
      [
        `      // double inflate the actual trie data
      data = inflate(data, new Uint8Array(uncompressedLength));
      data = inflate(data, new Uint8Array(uncompressedLength));

      // swap bytes from little-endian
      swap32LE(data);

      this.data = new Uint32Array(data.buffer);`,
        `      this.data = null;
      this.packed = data;
      this.uncompressedLength = uncompressedLength;`,
      ],
      [
        `  get(codePoint) {
    let index;`,
        `  inflate() {
    let data = inflate(this.packed, new Uint8Array(this.uncompressedLength));
    data = inflate(data, new Uint8Array(this.uncompressedLength));
    swap32LE(data);
    this.packed = null;
    return (this.data = new Uint32Array(data.buffer));
  }

  get(codePoint) {
    const data = this.data ?? this.inflate();
    let index;`,
      ],
      ['this.data[', 'data[', 'all'],
      ['this.data.length', 'data.length', 'all'],
    ],
  },
  {
    file: /[\\/]pdfkit[\\/]js[\\/]pdfkit\.node\.mjs$/,
    edits: [
      ["require$1('#standard-fonts/", "require('#standard-fonts/", 'all'],
      [
        `    this.kernPairs = {};
    for (let index = 0; index < data.kernPairs.length; index += 2) {`,
        `    // warraq: the kerning pairs' table is built on first use
    this.kernData = data.kernPairs;
    this.kernNames = glyphNames;
  }
  get kernPairs() {
    if (this.kernTable) return this.kernTable;
    const data = { kernPairs: this.kernData };
    const glyphNames = this.kernNames;
    this.kernTable = {};
    for (let index = 0; index < data.kernPairs.length; index += 2) {`,
      ],
      [
        `        this.kernPairs[\`\${glyphNames[left]}\\0\${glyphNames[right]}\`] = amount;
      }
    }
  }`,
        `        this.kernTable[\`\${glyphNames[left]}\\0\${glyphNames[right]}\`] = amount;
      }
    }
    return this.kernTable;
  }`,
      ],
      [
        "import { cbc, ecb } from '@noble/ciphers/aes';",
        "let nobleAes;\nconst aes = () => (nobleAes ??= require('@noble/ciphers/aes'));\nconst cbc = (...args) => aes().cbc(...args);\nconst ecb = (...args) => aes().ecb(...args);",
      ],
    ],
  },
  {
    file: /[\\/]@react-pdf[\\/]font[\\/]lib[\\/]index\.js$/,
    edits: [
      [
        `        // Load default fonts
        this.load({`,
        `        // warraq: the default fonts are loaded on first use
        this.loadDefaults = () => {
        this.loadDefaults = null;
        this.load({`,
      ],
      [
        `            fontStyle: 'italic',
            fontWeight: 700,
        });
    }
    hyphenationCallback = null;`,
        `            fontStyle: 'italic',
            fontWeight: 700,
        });
        };
    }
    hyphenationCallback = null;`,
      ],
      [
        `    getFont = (descriptor) => {
        const { fontFamily } = descriptor;`,
        `    getFont = (descriptor) => {
        this.loadDefaults?.();
        const { fontFamily } = descriptor;`,
      ],
    ],
  },
  {
    file: /[\\/]@react-pdf[\\/]hyphenate[\\/]lib[\\/]en-us\.js$/,
    edits: [
      [
        'const { hyphenate, syllables } = createHyphenator(patterns);',
        'let hyphenator;\nconst lazy = () => (hyphenator ??= createHyphenator(patterns));\nconst hyphenate = (word) => lazy().hyphenate(word);\nconst syllables = (word) => lazy().syllables(word);',
      ],
    ],
  },
];

const packageEdits = {
  name: 'warraq-package-edits',
  setup(b) {
    for (const { file, edits } of EDITS) {
      b.onLoad({ filter: file }, async (args) => {
        let text = await readFile(args.path, 'utf8');
        for (const [from, to, all] of edits) {
          if (!text.includes(from)) throw new Error(`${args.path}: no longer contains ${JSON.stringify(from)} (scripts/compile.mjs EDITS)`);
          text = all ? text.replaceAll(from, to) : text.replace(from, to);
        }
        return { contents: text, loader: 'js' };
      });
    }
  },
};

/**
 * The large packages, each group bundled into one CommonJS file,
 * lib/vendor-<group>.cjs, that runs with a V8 code cache (scripts/vendor.mjs):
 * a cold process deserializes their compiled code instead of compiling
 * megabytes of source again. warraq's chunks import a stub per package id
 * that takes its namespace from its group (the group's file runs whole, once
 * per thread, when the first of its ids is imported). A listed package that
 * another group uses (React: react-pdf, react-dom and the templates' JSX
 * must share one; linebreak and bidi-js, used by react-pdf and satori too)
 * is taken from its own group's file, never bundled twice: a `require` of it
 * gets its default export (CommonJS's exports), and the compile fails if
 * that does not carry all its names, or if a group imports an id of another
 * group's package that is not listed.
 */
export const VENDORS = {
  react: ['react', 'react/jsx-runtime'],
  'react-pdf': ['@react-pdf/renderer'],
  'react-dom': ['react-dom/server'],
  zod: ['zod'],
  yaml: ['yaml'],
  text: ['linebreak', 'bidi-js', 'tex-linebreak'],
  qrcode: ['qrcode'],
  satori: ['satori'],
  'pdf-lib': ['pdf-lib'],
  cspell: ['cspell-trie-lib'],
};

/** A bundle file's digest, which names its code cache (scripts/vendor.mjs). */
const digestOf = async (file) => createHash('sha256').update(await readFile(file)).digest('hex').slice(0, 16);

const groupOf = new Map(Object.entries(VENDORS).flatMap(([g, ids]) => ids.map((id) => [id, g])));
/** The package an import path names (`react` for `react/jsx-runtime`, `@react-pdf/renderer` for itself). */
const packageOf = (id) => id.split('/').slice(0, id.startsWith('@') ? 2 : 1).join('/');
const VENDOR_LOADER = path.join(here, 'vendor.mjs');

/**
 * Bundles each vendor group into `dir`/vendor-<group>.cjs (and
 * vendor.json: the id → group map, each file's digest); returns esbuild's metafiles and, per
 * package id, the names its namespace has.
 */
async function bundleVendors(build, root, dir) {
  const metafiles = [];
  const ids = new Map();
  /** Ids that a group takes from another group's file. */
  const shared = new Set();
  for (const [group, list] of Object.entries(VENDORS)) {
    const file = path.join(dir, `vendor-${group}.cjs`);
    // An ES module entry: each id's namespace as Node's `import * as` gives it (CommonJS exports as the default).
    const entry = list.map((id, i) => `import * as m${i} from ${JSON.stringify(id)};`).join('\n') + `\nexport { ${list.map((id, i) => `m${i} as ${JSON.stringify(id)}`).join(', ')} };`;
    const others = [...groupOf.keys()].filter((id) => groupOf.get(id) !== group).map(packageOf);
    const r = await build({
      absWorkingDir: root,
      stdin: { contents: entry, resolveDir: root, sourcefile: `vendor-${group}.mjs`, loader: 'js' },
      outfile: file,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      external: [...EXTERNAL, ...others],
      plugins: [packageEdits],
      // scripts/vendor.mjs runs the file with the URL it would have as a module. React, its
      // reconciler (react-pdf) and react-dom in their production builds, as a shipped program runs them.
      define: { 'import.meta.url': '__warraqImportMetaUrl', 'process.env.NODE_ENV': '"production"' },
      metafile: true,
      minifyWhitespace: true,
      minifySyntax: true,
      logLevel: 'error',
    });
    for (const input of Object.values(r.metafile.inputs))
      for (const imp of input.imports) {
        if (!imp.external || !others.includes(packageOf(imp.path))) continue;
        if (!groupOf.has(imp.path)) throw new Error(`vendor group ${group} imports ${imp.path}, which is not listed in VENDORS (scripts/compile.mjs) though its package is another group's`);
        shared.add(imp.path);
      }
    metafiles.push(r.metafile);
  }
  // Which group holds each id, and each file's digest (its code cache is named by it: scripts/vendor.mjs).
  const digests = {};
  for (const group of Object.keys(VENDORS)) {
    const name = `vendor-${group}.cjs`;
    digests[name] = await digestOf(path.join(dir, name));
  }
  await writeFile(path.join(dir, 'vendor.json'), JSON.stringify({ groups: Object.fromEntries(groupOf), digests }));
  // The names each package's namespace has, read from the bundles themselves (run here once, without a cache).
  for (const [group, list] of Object.entries(VENDORS)) {
    const exports = runVendorFile(path.join(dir, `vendor-${group}.cjs`), { cache: false });
    for (const id of list) {
      const ns = exports[id];
      const names = Object.keys(ns).filter((k) => k !== 'default');
      // Another group's require() gets the default export: it must be the package's exports as CommonJS would give them.
      const missing = shared.has(id) ? names.filter((n) => ns.default?.[n] !== ns[n]) : [];
      if (missing.length) throw new Error(`vendor package ${id} is used by another group, but its default export lacks ${missing.join(', ')} (scripts/compile.mjs VENDORS)`);
      ids.set(id, { group, names });
    }
  }
  return { metafiles, ids };
}

/** The main bundle's stand-in for each vendored package: its names, taken from its group's file at run time. */
function vendorStubs(ids) {
  const filter = new RegExp(`^(${[...groupOf.keys()].map((id) => id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
  return {
    name: 'warraq-vendor-stubs',
    setup(b) {
      b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'warraq-vendor' }));
      b.onLoad({ filter: /.*/, namespace: 'warraq-vendor' }, (args) => {
        const id = args.path;
        const { group, names } = ids.get(id);
        const exported = names.map((n, i) => `const v${i} = ns[${JSON.stringify(n)}];\nexport { v${i} as ${/^[A-Za-z_$][\w$]*$/.test(n) ? n : JSON.stringify(n)} };`);
        // __warraqVendor: scripts/vendor.mjs's vendor(), given to the entry's file by its stub (runBundle).
        const contents = [
          `const ns = __warraqVendor(${JSON.stringify(group)}, ${JSON.stringify(id)});`,
          'export default ns.default;',
          ...exported,
        ].join('\n');
        return { contents, loader: 'js', resolveDir: here };
      });
    },
  };
}

/** The files and folders whose modification times decide whether lib/ is stale, besides the bundle's own inputs (this file: how it is bundled). */
const ALWAYS = ['package.json', 'package-lock.json', 'node_modules/.package-lock.json', 'tsconfig.json', 'patches', 'scripts/compile.mjs'];
/** Folders whose every subfolder is recorded (a new file anywhere changes its folder's time). */
const TREES = ['src', 'templates', 'scripts'];

/** `dir` (relative to `root`) and every folder below it. */
function folders(root, dir) {
  const out = [dir];
  for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) if (e.isDirectory()) out.push(...folders(root, path.posix.join(dir, e.name)));
  return out;
}

/**
 * warraq's entries: each bundled, with everything it may load, into one
 * CommonJS file, lib/<entry>.cjs, run with a V8 code cache by its stub,
 * lib/<entry>.js (scripts/vendor.mjs `runBundle`), which is what Node (the
 * command, the watch session), piscina and the proofing thread start.
 */
const ENTRIES = { warraq: 'scripts/build.ts', watch: 'scripts/watch.ts', worker: 'src/jobs/worker.ts', proofWorker: 'src/proof/worker.ts' };
/** Entries whose threads end by being terminated (piscina's render workers), without exit handlers: their stubs write the code caches after the first task (scripts/vendor.mjs runBundle). */
const TERMINATED = ['worker'];

/**
 * Packages left out of the bundle (EXTERNAL) that are ES modules only (and
 * wait at their top level: no require() of them, even with Node's flag):
 * a module of warraq's that imports one runs once the package was imported
 * (`__warraqEsm`, scripts/vendor.mjs), before its entry's file runs or before
 * the `import()` that loads it resolves. The compile fails when a module
 * imports another package of EXTERNAL that require() cannot load.
 */
const ESM_ONLY = ['harfbuzzjs', 'mupdf'];

/**
 * The ES-module-only packages each input of `metafile` needs before it runs:
 * its own and those of everything it imports, however deep (not what it
 * loads with `import()`). Each file's set is made from a whole walk, never
 * memoised half-filled: in an import cycle that would leave a module short
 * of a package, and its `import()` would not wait for it (review17).
 */
function esmNeeds(metafile) {
  const memo = new Map();
  const needs = (file) => {
    let set = memo.get(file);
    if (set) return set;
    set = new Set();
    const seen = new Set([file]);
    const stack = [file];
    while (stack.length) {
      for (const imp of metafile.inputs[stack.pop()]?.imports ?? []) {
        if (imp.kind === 'dynamic-import') continue;
        if (imp.external) {
          if (ESM_ONLY.includes(packageOf(imp.path))) set.add(imp.path);
        } else if (!seen.has(imp.path)) {
          seen.add(imp.path);
          stack.push(imp.path);
        }
      }
    }
    memo.set(file, set);
    return set;
  };
  return (file) => [...needs(file)].sort();
}

/**
 * What an entry's file needs from scripts/vendor.mjs in place of an ES
 * module's: each `import("<package>")` becomes `__warraqImport(…)`, and each
 * `import()` of a module of warraq's (esbuild: `Promise.resolve().then(() =>
 * (init_x(), x_exports))`) waits first for the ES-module-only packages that
 * module needs. Checked: nothing of the kind is left unrewritten.
 */
function rewriteEntry(text, metafile, needs) {
  // The entry's `#!` line: the file runs inside a function (scripts/vendor.mjs), where it is no comment.
  text = text.replace(/^#!.*\n/, '');
  const files = new Map();
  for (const [, name, file] of text.matchAll(/\binit_([\w$]+)=__esm\(\{"([^"]+)"\(\)\{/g)) files.set(name, file);
  const externals = new Set(Object.values(metafile.inputs).flatMap((i) => i.imports.filter((m) => m.external && m.kind === 'dynamic-import').map((m) => m.path)));
  for (const id of externals) text = text.replaceAll(`import(${JSON.stringify(id)})`, `__warraqImport(${JSON.stringify(id)})`);
  const left = text.match(/(?<![\w$.])import\(/g);
  if (left) throw new Error(`an entry's bundle still has ${left.length} import() of its own (scripts/compile.mjs rewriteEntry)`);
  // Every import() of a module of warraq's (`(init_x(),x_exports)`) must be in the shape rewritten below: an esbuild that writes it otherwise fails here, not at run time without its package.
  const sites = text.match(/\(init_[\w$]+\(\),[\w$]+_exports\)/g)?.length ?? 0;
  let seen = 0;
  text = text.replace(/Promise\.resolve\(\)\.then\(\(\)=>\(init_([\w$]+)\(\),/g, (site, name) => {
    seen++;
    const file = files.get(name);
    if (!file) throw new Error(`init_${name}: no module of that name in the bundle (scripts/compile.mjs rewriteEntry)`);
    const ids = needs(file);
    return ids.length ? site.replace('Promise.resolve()', `__warraqEsm(${JSON.stringify(ids)})`) : site;
  });
  if (seen !== sites) throw new Error(`${sites - seen} import() of warraq's modules not in the shape rewriteEntry knows (scripts/compile.mjs: esbuild's code for import() changed?)`);
  return text;
}

/** Fails unless every package of EXTERNAL that warraq's modules import (not `import()`) loads with require(): the bundle is CommonJS. */
function checkRequirable(root, metafile) {
  const req = createRequire(path.join(root, 'package.json'));
  for (const input of Object.values(metafile.inputs))
    for (const imp of input.imports) {
      if (!imp.external || imp.kind === 'dynamic-import' || imp.path.startsWith('node:') || ESM_ONLY.includes(packageOf(imp.path))) continue;
      let file;
      try {
        file = req.resolve(imp.path);
      } catch {
        continue; // a Node built-in without its prefix
      }
      if (file.endsWith('.mjs')) throw new Error(`${imp.path} resolves for require() to an ES module (${file}): list it in ESM_ONLY (scripts/compile.mjs)`);
    }
}

/** The names entry `file` exports (a worker's task functions: its stub re-exports them). */
async function exportsOf(build, root, file) {
  const r = await build({ absWorkingDir: root, entryPoints: [file], bundle: false, write: false, format: 'esm', metafile: true, outdir: 'out', logLevel: 'error' });
  return Object.values(r.metafile.outputs)[0].exports;
}

/** The vendor files, then warraq's entries and their stubs, into `tmp`. */
async function bundle(build, root, tmp) {
  const vendors = await bundleVendors(build, root, tmp);
  const result = await build({
    absWorkingDir: root,
    entryPoints: ENTRIES,
    outdir: tmp,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    plugins: [packageEdits, vendorStubs(vendors.ids)],
    // scripts/vendor.mjs gives each entry's file its stub's URL (lib/<entry>.js).
    define: { 'import.meta.url': '__warraqImportMetaUrl' },
    metafile: true,
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  });
  checkRequirable(root, result.metafile);
  const needs = esmNeeds(result.metafile);
  for (const [name, file] of Object.entries(ENTRIES)) {
    const out = path.join(tmp, `${name}.cjs`);
    await writeFile(out, rewriteEntry(await readFile(out, 'utf8'), result.metafile, needs));
    // The stub: runs the entry's file (with the packages its first modules import) and exports what the entry exports.
    const names = await exportsOf(build, root, file);
    const lines = [
      `import { runBundle } from ${JSON.stringify(VENDOR_LOADER)};`,
      `const m = await runBundle(import.meta.url, ${JSON.stringify(`${name}.cjs`)}, ${JSON.stringify(needs(file))}${TERMINATED.includes(name) ? ', { terminated: true }' : ''});`,
      ...names.map((n, i) => (n === 'default' ? 'export default m.default;' : `const x${i} = m[${JSON.stringify(n)}];\nexport { x${i} as ${n} };`)),
    ];
    const stub = await build({
      absWorkingDir: root,
      stdin: { contents: lines.join('\n'), resolveDir: root, sourcefile: `${name}.js`, loader: 'js' },
      outfile: path.join(tmp, `${name}.js`),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      metafile: true,
      minifyWhitespace: true,
      logLevel: 'warning',
    });
    Object.assign(result.metafile.inputs, stub.metafile.inputs);
    Object.assign(result.metafile.outputs, stub.metafile.outputs);
  }
  // Each entry's file's digest beside the groups' (its code cache is named by it: scripts/vendor.mjs).
  const info = JSON.parse(await readFile(path.join(tmp, 'vendor.json'), 'utf8'));
  for (const name of Object.keys(ENTRIES)) info.digests[`${name}.cjs`] = await digestOf(path.join(tmp, `${name}.cjs`));
  await writeFile(path.join(tmp, 'vendor.json'), JSON.stringify(info));
  return { vendors, result };
}

/** Bundles `root`'s command line into `outDir` (default: its lib/); returns esbuild's metafile (which output holds which input). */
export async function compile(root = ROOT, outDir = path.join(root, 'lib')) {
  // Unpatched packages bundle as they are, and their outputs differ under the same keys: stop first.
  checkPatchesApplied(root);
  const { build } = await import('esbuild');
  const tmp = `${outDir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  // Times are read before bundling: a file saved during the bundle makes lib/ stale, not wrongly fresh.
  const before = Object.fromEntries([...ALWAYS, ...TREES.flatMap((dir) => folders(root, dir))].map((rel) => [rel, mtimeOf(root, rel)]));
  await mkdir(tmp, { recursive: true });
  // A failed compile leaves no half-made folder behind (lib/ stays as it was).
  const { vendors, result } = await bundle(build, root, tmp).catch(async (e) => {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  });
  // One metafile for the main bundle and the vendor files (which output holds which input).
  for (const m of vendors.metafiles) {
    Object.assign(result.metafile.inputs, m.inputs);
    Object.assign(result.metafile.outputs, m.outputs);
  }
  const own = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/') && !f.startsWith('<') && !f.startsWith('warraq-vendor:'));
  const mtimes = { ...before };
  for (const f of own) mtimes[f] ??= mtimeOf(root, f);
  await writeFile(path.join(tmp, 'inputs.json'), JSON.stringify({ v: INPUTS_VERSION, mtimes }, null, 1));
  // Swap in the new lib/ whole (a build started meanwhile sees the old or the new one).
  const old = `${outDir}.old-${process.pid}`;
  await rename(outDir, old).catch(() => {});
  await mkdir(path.dirname(outDir), { recursive: true });
  await rename(tmp, outDir);
  await rm(old, { recursive: true, force: true });
  return { files: Object.keys(result.metafile.outputs).length, inputs: own.length, metafile: result.metafile, tmp };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await compile(process.argv[2] ? path.resolve(process.argv[2]) : ROOT);
  console.log(`lib/: ${r.files} files bundled from ${r.inputs} of warraq's own`);
}
