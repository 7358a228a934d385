/**
 * The machine-checkable failure conditions of the Matterhorn Protocol 1.1
 * (PDF Association; PDF/UA-1, ISO 14289-1) that can apply to the PDFs warraq
 * writes, checked on a file's objects: pdf-lib reads the catalog, the
 * structure tree, the ParentTree, the fonts and the annotations; pdf.js
 * interprets the page content (its operator list: marked content with its
 * MCIDs, text render modes, fonts, painting operators, forms inlined);
 * HarfBuzz reads the embedded font programs' glyph counts and advances.
 *
 * Each finding names its Matterhorn failure condition and the ISO 14289-1
 * clause (and veraPDF's PDF/UA-1 rule number, clause-test, where it has one).
 * What is not machine-checkable, or cannot occur in our files (tables,
 * forms, formulas, notes, media, optional content, encryption, embedded
 * files), is listed in docs/accessibility.md, "PDF/UA-1: what is checked".
 */
import * as hb from 'harfbuzzjs';
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  decodePDFRawStream,
} from 'pdf-lib';

export interface Finding {
  /** Matterhorn failure condition, e.g. '01-005' (or 'ISO' where the protocol has none). */
  check: string;
  /** ISO 14289-1 clause, with veraPDF's test number: '7.1-3'. */
  clause: string;
  /** Where: 'page 3', 'H2 12 0 R', 'font ABCDEF+Amiri'. */
  where: string;
  detail: string;
}

/** ISO 32000-1, 14.8.4: the standard structure types. */
export const STANDARD_TYPES = new Set(
  (
    'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 ' +
    'L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot ' +
    'Ruby RB RT RP Warichu WT WP Figure Formula Form'
  ).split(' '),
);

/** ISO 14289-1 7.2 via ISO 32000-1 14.9.2: a language tag (veraPDF 7.2-29's test). */
const LANGUAGE_TAG = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

const text = (o: PDFObject | undefined): string | undefined =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;
const nameOf = (o: PDFObject | undefined): string | undefined => (o instanceof PDFName ? o.decodeText() : undefined);

/** Everything a check found in one file; [] when it passes every check. */
export async function matterhornFindings(pdf: Uint8Array): Promise<Finding[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const out: Finding[] = [];
  const fail = (check: string, clause: string, where: string, detail: string) => out.push({ check, clause, where, detail });
  documentChecks(doc, pdf, fail);
  const tree = structureChecks(doc, fail);
  await contentChecks(doc, pdf, tree, fail);
  annotationChecks(doc, tree, fail);
  return out;
}

type Fail = (check: string, clause: string, where: string, detail: string) => void;

/** Header, catalog, XMP. */
function documentChecks(doc: PDFDocument, bytes: Uint8Array, fail: Fail): void {
  const header = new TextDecoder('latin1').decode(bytes.subarray(0, 9));
  if (!/^%PDF-1\.[0-7]$/.test(header.slice(0, 8))) fail('ISO', '6.1-1', 'header', `header ${JSON.stringify(header.slice(0, 8))} is not %PDF-1.0 … 1.7`);
  const cat = doc.catalog;
  const mark = cat.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  if (mark?.lookup(PDFName.of('Marked')) !== PDFBool.True) fail('ISO', '6.2-1', 'catalog', '/MarkInfo /Marked is not true');
  if (mark?.lookup(PDFName.of('Suspects')) === PDFBool.True) fail('01-007', '7.1-4', 'catalog', '/MarkInfo /Suspects is true');
  const lang = text(cat.lookup(PDFName.of('Lang')));
  if (!lang) fail('ISO', '7.2-34', 'catalog', 'no /Lang: the language of the text, the outline and the metadata is not determined');
  else if (!LANGUAGE_TAG.test(lang)) fail('ISO', '7.2-29', 'catalog', `/Lang ${JSON.stringify(lang)} is not a language tag`);
  const prefs = cat.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  const display = prefs?.lookup(PDFName.of('DisplayDocTitle'));
  if (!display) fail('07-001', '7.1-10', 'catalog', 'no /ViewerPreferences /DisplayDocTitle');
  else if (display !== PDFBool.True) fail('07-002', '7.1-10', 'catalog', '/DisplayDocTitle is not true');
  if (!cat.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)) fail('01-005', '7.1-11', 'catalog', 'no /StructTreeRoot');
  const meta = cat.lookup(PDFName.of('Metadata'));
  if (!(meta instanceof PDFStream)) return void fail('06-001', '7.1-8', 'catalog', 'no /Metadata stream');
  const xmp = new TextDecoder().decode(meta instanceof PDFRawStream ? decodePDFRawStream(meta).decode() : meta.getContents());
  // pdfuaid:part as an element (pdfkit) or an attribute (the PDF/X-4 packet, src/print/pdfx.ts).
  const part = /<pdfuaid:part>\s*(\d+)\s*<\/pdfuaid:part>|pdfuaid:part="(\d+)"/.exec(xmp);
  if (!part) fail('06-002', '5-1', 'XMP', 'no pdfuaid:part (PDF/UA identification schema)');
  else if ((part[1] ?? part[2]) !== '1') fail('06-002', '5-2', 'XMP', `pdfuaid:part is ${part[1] ?? part[2]}, not 1`);
  if (!/xmlns:pdfuaid="http:\/\/www\.aiim\.org\/pdfua\/ns\/id\/"/.test(xmp)) fail('06-002', '5-3', 'XMP', 'pdfuaid is not bound to http://www.aiim.org/pdfua/ns/id/');
  const title = /<dc:title>[\s\S]*?<rdf:li[^>]*>([^<]*)<\/rdf:li>/.exec(xmp);
  if (!title?.[1].trim()) fail('06-003', '7.1-9', 'XMP', 'no dc:title');
}

/** What the structure tree says, for the content and annotation checks. */
export interface Tree {
  /** Each page's MCIDs that structure elements hold (by page index), with the element holding each. */
  mcids: Array<Map<number, PDFRef>>;
  /** Annotation (ref string) → the element whose OBJR names it. */
  objrs: Map<string, PDFRef>;
  /** ParentTree: key → its value (an array of element refs, or one element ref). */
  parents: Map<number, PDFObject>;
  /** An element's standard type (after the role map). */
  standardType: (el: PDFRef) => string | undefined;
}

/**
 * The structure tree: its role map, each element, the headings' order, the
 * ParentTree; and what the content and annotation checks need of it.
 */
function structureChecks(doc: PDFDocument, fail: Fail): Tree {
  const tree: Tree = { mcids: doc.getPages().map(() => new Map()), objrs: new Map(), parents: new Map(), standardType: () => undefined };
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return tree;
  const resolve = roleMapChecks(root, fail);
  const types = new Map<string, string>();
  tree.standardType = (el) => types.get(el.toString());
  const headings: Heading[] = [];
  const walker: Walker = { doc, tree, fail, resolve, types, headings, pageIndex: new Map(doc.getPages().map((p, i) => [p.ref.toString(), i])) };
  const top = root.get(PDFName.of('K'));
  const tops = top instanceof PDFArray ? top.asArray() : top ? [top] : [];
  for (const t of tops) if (t instanceof PDFRef) walkElement(walker, t, root, undefined);
  headingChecks(headings, fail);
  readParentTree(doc, root, tree, fail);
  return tree;
}

/**
 * 02-003, 02-004 (7.1-6, 7.1-7): the role map remaps no standard type and
 * has no cycle. Returns a type's standard type through it (undefined for
 * none, or a cycle).
 */
function roleMapChecks(root: PDFDict, fail: Fail): (type: string) => string | undefined {
  const roleMap = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
  const mapped = new Map<string, string>();
  for (const [k, v] of roleMap?.entries() ?? []) {
    const from = k.decodeText();
    const to = nameOf(v);
    if (to) mapped.set(from, to);
    if (STANDARD_TYPES.has(from)) fail('02-004', '7.1-7', 'RoleMap', `standard type ${from} is remapped to ${to}`);
  }
  for (const from of mapped.keys()) {
    const seen = new Set<string>();
    for (let t: string | undefined = from; t && !STANDARD_TYPES.has(t); t = mapped.get(t)) {
      if (seen.has(t)) {
        fail('02-003', '7.1-6', 'RoleMap', `circular mapping through ${from}`);
        break;
      }
      seen.add(t);
    }
  }
  return (type) => {
    const seen = new Set<string>();
    let t = type;
    while (!STANDARD_TYPES.has(t)) {
      if (seen.has(t)) return undefined;
      seen.add(t);
      const next = mapped.get(t);
      if (!next) return undefined;
      t = next;
    }
    return t;
  };
}

/** A numbered heading in tree order (level 0: a plain H), for 14-002/14-003 and 7.4.4-2. */
interface Heading {
  level: number;
  where: string;
}

/** What walking the structure tree reads and fills. */
interface Walker {
  doc: PDFDocument;
  tree: Tree;
  fail: Fail;
  resolve: (type: string) => string | undefined;
  /** Element (ref string) → its standard type. */
  types: Map<string, string>;
  headings: Heading[];
  pageIndex: Map<string, number>;
}

/** One structure element and, depth first, its kids: the MCIDs and OBJRs it holds go into the tree. */
function walkElement(w: Walker, ref: PDFRef, parent: PDFRef | PDFDict, inheritedPage: PDFRef | undefined): void {
  const el = w.doc.context.lookup(ref, PDFDict);
  const s = nameOf(el.get(PDFName.of('S'))) ?? '';
  const where = `${s} ${ref.toString()}`;
  const std = w.resolve(s);
  if (std) w.types.set(ref.toString(), std);
  elementChecks(el, s, std, parent, where, w.fail);
  const level = std && /^H([1-6])$/.exec(std);
  if (level) w.headings.push({ level: Number(level[1]), where });
  if (std === 'H') w.headings.push({ level: 0, where });
  const page = (el.get(PDFName.of('Pg')) as PDFRef | undefined) ?? inheritedPage;
  const kids = el.lookup(PDFName.of('K'));
  const list = kids instanceof PDFArray ? kids.asArray() : kids === undefined ? [] : [el.get(PDFName.of('K'))!];
  const childTypes: string[] = [];
  for (const kid of list) {
    if (kid instanceof PDFNumber) holdMcid(w, page, kid.asNumber(), ref, where);
    else if (kid instanceof PDFRef) {
      const kd = w.doc.context.lookup(kid);
      if (kd instanceof PDFDict && kd.has(PDFName.of('S'))) {
        walkElement(w, kid, ref, page);
        childTypes.push(w.types.get(kid.toString()) ?? '?');
      } else if (kd instanceof PDFDict) kidDict(w, kd, page, ref, where);
    } else if (kid instanceof PDFDict) {
      if (kid.has(PDFName.of('S'))) w.fail('ISO', '7.1-12', where, 'a direct (not indirect) structure element: it cannot be a ParentTree entry');
      else kidDict(w, kid, page, ref, where);
    }
  }
  if (std) containment(std, childTypes, where, w.fail);
  if (childTypes.filter((t) => t === 'H').length > 1) w.fail('ISO', '7.4.4-1', where, 'more than one H child');
}

/** 02-001 (7.1-5) a standard type; 7.1-12 its /P; 7.2-29 its /Lang; 13-004 (7.3-1) a Figure's alternative text. */
function elementChecks(el: PDFDict, s: string, std: string | undefined, parent: PDFRef | PDFDict, where: string, fail: Fail): void {
  if (!std) fail('02-001', '7.1-5', where, `structure type ${s} is neither standard nor role-mapped to a standard type`);
  const p = el.get(PDFName.of('P'));
  if (!p) fail('ISO', '7.1-12', where, 'no /P (parent)');
  else if (parent instanceof PDFRef && p.toString() !== parent.toString()) fail('ISO', '7.1-12', where, `/P is ${p.toString()}, not its parent ${parent.toString()}`);
  const lang = text(el.lookup(PDFName.of('Lang')));
  if (lang !== undefined && !LANGUAGE_TAG.test(lang)) fail('ISO', '7.2-29', where, `/Lang ${JSON.stringify(lang)} is not a language tag`);
  if (std === 'Figure' && !text(el.lookup(PDFName.of('Alt'))) && !text(el.lookup(PDFName.of('ActualText')))) {
    fail('13-004', '7.3-1', where, 'Figure without /Alt or /ActualText');
  }
}

/** 01-005 (7.1-3): an MCID held on a known page, by one element only. */
function holdMcid(w: Walker, page: PDFRef | undefined, mcid: number, el: PDFRef, where: string): void {
  const i = page ? w.pageIndex.get(page.toString()) : undefined;
  if (i === undefined) return void w.fail('01-005', '7.1-3', where, `MCID ${mcid} with no page (/Pg)`);
  const held = w.tree.mcids[i].get(mcid);
  if (held) w.fail('01-005', '7.1-3', where, `page ${i + 1} MCID ${mcid} is also held by ${held.toString()}`);
  else w.tree.mcids[i].set(mcid, el);
}

/** A kid that is a marked-content reference (MCR) or an object reference (OBJR). */
function kidDict(w: Walker, kd: PDFDict, page: PDFRef | undefined, el: PDFRef, where: string): void {
  const type = nameOf(kd.get(PDFName.of('Type')));
  if (type === 'MCR') {
    const stream = kd.get(PDFName.of('Stm'));
    if (stream) w.fail('ISO', '7.1-3', where, 'an MCR into a form XObject stream (not checked here)');
    holdMcid(w, (kd.get(PDFName.of('Pg')) as PDFRef | undefined) ?? page, (kd.lookup(PDFName.of('MCID')) as PDFNumber).asNumber(), el, where);
  } else if (type === 'OBJR') {
    const obj = kd.get(PDFName.of('Obj'));
    if (obj instanceof PDFRef) w.tree.objrs.set(obj.toString(), el);
  }
}

/** 14-002/14-003 (7.4.2-1): numbered headings start at H1 and never skip a level going down; 7.4.4-2: not both H and Hn. */
function headingChecks(all: Heading[], fail: Fail): void {
  const headings = all.filter((h) => h.level > 0);
  if (headings.length && headings[0].level !== 1) fail('14-002', '7.4.2-1', headings[0].where, `the first heading is H${headings[0].level}, not H1`);
  for (let i = 1; i < headings.length; i++) {
    if (headings[i].level > headings[i - 1].level + 1) fail('14-003', '7.4.2-1', headings[i].where, `H${headings[i - 1].level} is followed by H${headings[i].level}`);
  }
  if (headings.length < all.length && headings.length) fail('ISO', '7.4.4-2', 'structure tree', 'both H and H1–H6 are used');
}

/** The ParentTree's number tree, flattened into tree.parents (7.1-3: without it no content can be found from its MCID). */
function readParentTree(doc: PDFDocument, root: PDFDict, tree: Tree, fail: Fail): void {
  const parentTree = root.lookupMaybe(PDFName.of('ParentTree'), PDFDict);
  if (!parentTree) return void fail('ISO', '7.1-3', 'StructTreeRoot', 'no /ParentTree: no content can be found from its MCID');
  const readNums = (node: PDFDict) => {
    const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray)?.asArray() ?? [];
    for (let i = 0; i + 1 < nums.length; i += 2) tree.parents.set((nums[i] as PDFNumber).asNumber(), nums[i + 1]);
    for (const kid of node.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? []) readNums(doc.context.lookup(kid, PDFDict));
  };
  readNums(parentTree);
}

/**
 * ISO 14289-1 7.2 (veraPDF 7.2-17 … 7.2-20, 7.2-26, 7.2-27): lists and
 * tables of contents hold what ISO 32000-1 Table 333 allows.
 */
function containment(type: string, kids: string[], where: string, fail: Fail): void {
  const only = (allowed: string[], clause: string) => {
    const bad = kids.filter((k) => !allowed.includes(k));
    if (bad.length) fail('ISO', clause, where, `${type} holds ${[...new Set(bad)].join(', ')} (allowed: ${allowed.join(', ')})`);
  };
  if (type === 'L') only(['L', 'LI', 'Caption'], '7.2-19');
  if (type === 'LI') only(['Lbl', 'LBody'], '7.2-20');
  if (type === 'TOC') only(['TOC', 'TOCI', 'Caption'], '7.2-27');
  if (type === 'TOCI') only(['Lbl', 'Reference', 'NonStruct', 'P', 'TOC'], '7.2-26');
  const parentOnly = (child: string, parents: string[], clause: string) => {
    if (kids.includes(child) && !parents.includes(type)) fail('ISO', clause, where, `${child} inside ${type} (must be inside ${parents.join(' or ')})`);
  };
  parentOnly('LI', ['L'], '7.2-17');
  parentOnly('LBody', ['LI'], '7.2-18');
  parentOnly('TOCI', ['TOC'], '7.2-26');
}

/** pdf.js operators that paint (text, paths, images, shadings). */
const PAINTS = [
  'showText', 'showSpacedText', 'nextLineShowText', 'nextLineSetSpacingShowText',
  'stroke', 'closeStroke', 'fill', 'eoFill', 'fillStroke', 'eoFillStroke', 'closeFillStroke', 'closeEOFillStroke',
  'shadingFill', 'paintImageXObject', 'paintInlineImageXObject', 'paintImageMaskXObject', 'paintImageMaskXObjectGroup',
  'paintImageXObjectRepeat', 'paintImageMaskXObjectRepeat', 'paintSolidColorImageMask', 'paintInlineImageXObjectGroup',
] as const;
const TEXT_OPS = new Set(['showText', 'showSpacedText', 'nextLineShowText', 'nextLineSetSpacingShowText']);

interface FontInfo {
  name: string;
  embedded: boolean;
  toUnicode: boolean;
  /** CID → width (/W, /DW), for a CIDFont. */
  width?: (cid: number) => number;
  /** CID → GID. */
  gid?: (cid: number) => number;
  /** The program's glyph count and advance (in 1000ths of an em). */
  numGlyphs?: number;
  advance?: (gid: number) => number;
}

/** Every font dictionary of the file, by BaseFont (what pdf.js calls the font). */
function readFonts(doc: PDFDocument, fail: Fail): Map<string, FontInfo> {
  const fonts = new Map<string, FontInfo>();
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || nameOf(obj.get(PDFName.of('Type'))) !== 'Font') continue;
    const subtype = nameOf(obj.get(PDFName.of('Subtype')));
    if (subtype === 'CIDFontType0' || subtype === 'CIDFontType2') continue; // read through their Type0
    const name = nameOf(obj.get(PDFName.of('BaseFont'))) ?? '';
    const info: FontInfo = { name, embedded: false, toUnicode: obj.has(PDFName.of('ToUnicode')) };
    const descendant = subtype === 'Type0' ? obj.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict) : undefined;
    const descriptor = (descendant ?? obj).lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
    const file = descriptor && (['FontFile', 'FontFile2', 'FontFile3'] as const).map((k) => descriptor.lookup(PDFName.of(k))).find((f) => f instanceof PDFStream);
    info.embedded = Boolean(file) || subtype === 'Type3';
    if (descendant) {
      const widths = new Map<number, number>();
      const w = descendant.lookupMaybe(PDFName.of('W'), PDFArray)?.asArray().map((o) => doc.context.lookup(o)) ?? [];
      for (let i = 0; i < w.length; ) {
        const first = (w[i] as PDFNumber).asNumber();
        if (w[i + 1] instanceof PDFArray) {
          (w[i + 1] as PDFArray).asArray().forEach((v, k) => widths.set(first + k, (doc.context.lookup(v) as PDFNumber).asNumber()));
          i += 2;
        } else {
          for (let c = first; c <= (w[i + 1] as PDFNumber).asNumber(); c++) widths.set(c, (w[i + 2] as PDFNumber).asNumber());
          i += 3;
        }
      }
      const dw = descendant.lookupMaybe(PDFName.of('DW'), PDFNumber)?.asNumber() ?? 1000;
      info.width = (cid) => widths.get(cid) ?? dw;
      const map = descendant.lookup(PDFName.of('CIDToGIDMap'));
      if (map instanceof PDFRawStream) {
        const bytes = decodePDFRawStream(map).decode();
        info.gid = (cid) => (2 * cid + 1 < bytes.length ? (bytes[2 * cid] << 8) | bytes[2 * cid + 1] : 0);
      } else info.gid = (cid) => cid; // /Identity (or absent: checked below)
      if (subtype === 'Type0' && nameOf(descendant.get(PDFName.of('Subtype'))) === 'CIDFontType2' && !map) info.gid = undefined;
    }
    if (file instanceof PDFRawStream) {
      const bytes = decodePDFRawStream(file).decode();
      const face = new hb.Face(new hb.Blob(bytes), 0);
      const font = new hb.Font(face);
      const maxp = face.referenceTable('maxp');
      info.numGlyphs = maxp ? (maxp[4] << 8) | maxp[5] : undefined;
      const upem = face.upem;
      info.advance = (gid) => (font.glyphHAdvance(gid) * 1000) / upem;
      // 7.21.4.2-2: a CIDSet, where there is one, names every CID the program has (CIDToGIDMap /Identity: CID = GID).
      const cidSet = descriptor?.lookup(PDFName.of('CIDSet'));
      if (cidSet instanceof PDFRawStream && info.numGlyphs !== undefined && descendant?.lookup(PDFName.of('CIDToGIDMap')) === PDFName.of('Identity')) {
        const bits = decodePDFRawStream(cidSet).decode();
        const missing = [...Array(info.numGlyphs).keys()].filter((cid) => !((bits[cid >> 3] ?? 0) & (0x80 >> (cid & 7))));
        if (missing.length) fail('ISO', '7.21.4.2-2', `font ${name}`, `the CIDSet lacks ${missing.length} of the program's ${info.numGlyphs} CIDs (${missing.slice(0, 5).join(', ')}…)`);
      }
    }
    fonts.set(name, info);
  }
  return fonts;
}

/**
 * Page content, through pdf.js's operator list: every painting operator
 * inside tagged content (a marked-content sequence whose MCID a structure
 * element holds) or an Artifact, never one inside the other; every MCID once
 * per page and held by the element the ParentTree names; every glyph shown
 * with an embedded font, a Unicode value, not .notdef, and (when it is
 * painted: render mode other than 3) a /W width that is the program's.
 */
async function contentChecks(doc: PDFDocument, bytes: Uint8Array, tree: Tree, fail: Fail): Promise<void> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const names = new Map(Object.entries(pdfjs.OPS).map(([k, v]) => [v as number, k]));
  const fonts = readFonts(doc, fail);
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, fontExtraProperties: true, verbosity: 0 });
  const pdf = await task.promise;
  const pages = doc.getPages();
  try {
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const ops = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
      const tags = pageTags(doc, pages[n - 1].node, tree.parents, tree.mcids[n - 1], `page ${n}`, fail);
      const fontNameOf = (id: string) => (page.commonObjs.get(id) as { name: string }).name;
      pageContentChecks(ops.fnArray.map((fn: number) => names.get(fn) ?? ''), ops.argsArray as unknown[][], fontNameOf, fonts, tags, fail);
    }
  } finally {
    await task.destroy();
  }
}

/** What a page's content is checked against: the MCIDs its elements hold and its ParentTree entry. */
interface PageTags {
  where: string;
  /** The page's /StructParents. */
  key: number | undefined;
  /** ParentTree[key]: the element holding each MCID of the page. */
  parentArray: PDFObject | undefined;
  /** MCID → the element holding it (from the structure tree). */
  held: Map<number, PDFRef>;
}

/** 01-005 (7.1-3): a page with tagged content has /StructParents and a ParentTree array for it. */
function pageTags(doc: PDFDocument, node: PDFDict, parents: Tree['parents'], held: Map<number, PDFRef>, where: string, fail: Fail): PageTags {
  const key = node.lookupMaybe(PDFName.of('StructParents'), PDFNumber)?.asNumber();
  const entry = key === undefined ? undefined : parents.get(key);
  const parentArray = entry instanceof PDFRef ? doc.context.lookup(entry) : entry;
  if (held.size && key === undefined) fail('01-005', '7.1-3', where, 'the page has tagged content but no /StructParents');
  if (held.size && !(parentArray instanceof PDFArray)) fail('01-005', '7.1-3', where, `no ParentTree array for /StructParents ${key}`);
  return { where, key, parentArray, held };
}

/** A marked-content sequence open at an operator: its tag and MCID (if it has one). */
interface Marked {
  tag: string;
  mcid?: number;
}

/** The graphics state the glyph checks read: text render mode and font (pdf.js's name). */
interface TextState {
  mode: number;
  font?: string;
}

/** One page's operators (pdf.js names and arguments), in order: marked content, painting, glyphs. */
function pageContentChecks(ops: string[], argsArray: unknown[][], fontNameOf: (id: string) => string, fonts: Map<string, FontInfo>, tags: PageTags, fail: Fail): void {
  const { where, held } = tags;
  const seen = new Set<number>();
  const stack: Marked[] = [];
  const saved: TextState[] = [];
  let gs: TextState = { mode: 0 };
  const untagged = new Map<string, number>();
  const glyphs = new GlyphIssues();
  ops.forEach((op, i) => {
    const args = argsArray[i];
    if (op === 'save') saved.push({ ...gs });
    else if (op === 'restore') gs = saved.pop() ?? gs;
    else if (op === 'setTextRenderingMode') gs.mode = args[0] as number;
    else if (op === 'setFont') gs.font = fontNameOf(args[0] as string);
    else if (op === 'beginMarkedContent' || op === 'beginMarkedContentProps') {
      const tag = op === 'beginMarkedContent' ? (args[0] as { name: string }).name : (args[0] as string);
      const mcid = op === 'beginMarkedContentProps' && Number.isInteger(args[1]) ? (args[1] as number) : undefined;
      markedContentChecks({ tag, mcid }, stack, seen, tags, fail);
      stack.push({ tag, mcid });
    } else if (op === 'endMarkedContent') stack.pop();
    else if ((PAINTS as readonly string[]).includes(op)) {
      if (!stack.some((m) => m.tag === 'Artifact' || (m.mcid !== undefined && held.has(m.mcid)))) untagged.set(op, (untagged.get(op) ?? 0) + 1);
      if (TEXT_OPS.has(op)) glyphChecks(args[0] as unknown[], gs, fonts, glyphs);
    }
  });
  for (const [op, count] of untagged) fail('01-005', '7.1-3', where, `${count} × ${op} neither in tagged content nor in an Artifact`);
  for (const [mcid, el] of held) if (!seen.has(mcid)) fail('01-005', '7.1-3', where, `${el.toString()} holds MCID ${mcid}, which the page content does not have`);
  glyphs.report(where, fail);
}

/**
 * 01-003 (7.1-1) no Artifact inside tagged content; 01-004 (7.1-2) no tagged
 * content inside an Artifact; 01-005 (7.1-3) an MCID marks one sequence, is
 * held by an element, and the ParentTree names that element.
 */
function markedContentChecks(m: Marked, stack: Marked[], seen: Set<number>, tags: PageTags, fail: Fail): void {
  const { where, key, parentArray, held } = tags;
  const { tag, mcid } = m;
  const inArtifact = stack.some((o) => o.tag === 'Artifact');
  const inTagged = stack.some((o) => o.mcid !== undefined);
  if (tag === 'Artifact' && inTagged) fail('01-003', '7.1-1', where, 'an Artifact inside tagged content');
  if (mcid !== undefined && inArtifact) fail('01-004', '7.1-2', where, `tagged content (MCID ${mcid}) inside an Artifact`);
  if (mcid === undefined) return;
  if (seen.has(mcid)) fail('01-005', '7.1-3', where, `MCID ${mcid} marks two sequences`);
  seen.add(mcid);
  const el = held.get(mcid);
  if (!el) fail('01-005', '7.1-3', where, `MCID ${mcid} (${tag}) is held by no structure element`);
  const entry = parentArray instanceof PDFArray ? parentArray.get(mcid) : undefined;
  if (el && entry?.toString() !== el.toString()) {
    fail('01-005', '7.1-3', where, `ParentTree[${key}][${mcid}] is ${entry?.toString() ?? 'missing'}, not ${el.toString()}, the element holding it`);
  }
}

/** A page's glyph findings, counted per condition, font and kind (one example kept), reported once each. */
class GlyphIssues {
  private readonly issues = new Map<string, { check: string; clause: string; count: number; example: string }>();

  add(check: string, clause: string, font: string, detail: string): void {
    const k = `${check} ${font} ${detail.replace(/ \(.*$/, '')}`;
    const g = this.issues.get(k) ?? { check, clause, count: 0, example: detail };
    g.count++;
    this.issues.set(k, g);
  }

  report(where: string, fail: Fail): void {
    for (const [k, g] of this.issues) fail(g.check, g.clause, `${where} font ${k.split(' ')[1]}`, `${g.count} × ${g.example}`);
  }
}

/**
 * 7.21 (fonts), for one text-showing operator's glyphs: the font embedded
 * (7.21.4.1-1) and with /ToUnicode (7.21.7-1); each code a usable Unicode
 * value (7.21.7-2), a CIDToGIDMap (7.21.3.2-1), not .notdef (7.21.8-1); a
 * painted glyph in the program (7.21.4.1-2) with the program's width (7.21.5-1).
 */
function glyphChecks(shown: unknown[], gs: TextState, fonts: Map<string, FontInfo>, issues: GlyphIssues): void {
  const font = gs.font ? fonts.get(gs.font) : undefined;
  const fontName = gs.font ?? '?';
  if (!font) return issues.add('ISO', '7.21.4.1-1', fontName, 'text in a font whose dictionary was not found');
  const rendered = gs.mode !== 3;
  if (rendered && !font.embedded) issues.add('ISO', '7.21.4.1-1', fontName, 'font program not embedded');
  if (!font.toUnicode) issues.add('ISO', '7.21.7-1', fontName, 'no /ToUnicode');
  const glyphs = shown.filter((g): g is { originalCharCode: number; unicode: string; width: number } => typeof g === 'object' && g !== null);
  for (const g of glyphs) {
    const cid = g.originalCharCode;
    const u = g.unicode ?? '';
    if (!u || /[\u0000\uFEFF\uFFFE]/.test(u)) issues.add('ISO', '7.21.7-2', fontName, `code ${cid} maps to no usable Unicode value (${JSON.stringify(u)})`);
    const gid = font.gid?.(cid);
    if (font.width && gid === undefined) issues.add('ISO', '7.21.3.2-1', fontName, 'CIDFontType2 without /CIDToGIDMap');
    if (gid === 0) issues.add('ISO', '7.21.8-1', fontName, `code ${cid} shows .notdef (render mode ${gs.mode})`);
    if (!rendered || gid === undefined) continue;
    if (font.numGlyphs !== undefined && gid >= font.numGlyphs) issues.add('ISO', '7.21.4.1-2', fontName, `code ${cid}: glyph ${gid} is not in the font program`);
    else if (font.width && font.advance) {
      const dict = font.width(cid);
      const program = font.advance(gid);
      if (Math.abs(dict - program) > 1) issues.add('ISO', '7.21.5-1', fontName, `painted glyph with /W ≠ program advance (code ${cid}: /W ${dict}, program ${program.toFixed(1)}, mode ${gs.mode})`);
    }
  }
}

/** Annotations: /Tabs /S, a Link tagged as Link through an OBJR and its ParentTree entry, with /Contents. */
function annotationChecks(doc: PDFDocument, tree: Tree, fail: Fail): void {
  doc.getPages().forEach((page, i) => {
    const where = `page ${i + 1}`;
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? [];
    if (!annots.length) return;
    const tabs = nameOf(page.node.get(PDFName.of('Tabs')));
    if (!tabs) fail('28-008', '7.18.3-1', where, 'a page with annotations has no /Tabs');
    else if (tabs !== 'S') fail('28-009', '7.18.3-1', where, `/Tabs is /${tabs}, not /S`);
    for (const ref of annots) {
      const a = doc.context.lookup(ref, PDFDict);
      const subtype = nameOf(a.get(PDFName.of('Subtype')));
      const at = `${where} ${subtype} ${ref.toString()}`;
      const hidden = ((a.lookupMaybe(PDFName.of('F'), PDFNumber)?.asNumber() ?? 0) & 2) === 2;
      if (subtype === 'Popup' || hidden) continue;
      const el = tree.objrs.get(ref.toString());
      const type = el ? tree.standardType(el) : undefined;
      if (subtype === 'Link' && type !== 'Link') fail('28-011', '7.18.5-1', at, `not in a Link element (${type ?? 'no OBJR'})`);
      if (subtype !== 'Link' && subtype !== 'Widget' && subtype !== 'PrinterMark' && type !== 'Annot') fail('ISO', '7.18.1-1', at, 'not in an Annot element');
      if (subtype === 'TrapNet') fail('ISO', '7.18.2-1', at, 'TrapNet annotation');
      if (!text(a.lookup(PDFName.of('Contents')))?.trim() && subtype !== 'Widget') fail(subtype === 'Link' ? '28-012' : 'ISO', subtype === 'Link' ? '7.18.5-2' : '7.18.1-2', at, 'no /Contents');
      const sp = a.lookupMaybe(PDFName.of('StructParent'), PDFNumber)?.asNumber();
      if (el && (sp === undefined || tree.parents.get(sp)?.toString() !== el.toString())) {
        fail('28-011', '7.18.5-1', at, `/StructParent ${sp} does not lead back to ${el.toString()} in the ParentTree`);
      }
    }
  });
}
