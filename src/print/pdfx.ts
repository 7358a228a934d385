/**
 * PDF/X-4 identification of the press files, written by warraq itself with
 * pdf-lib (no Ghostscript): the press files are already drawn in DeviceCMYK
 * (src/print/color.ts), so what PDF/X-4 (ISO 15930-7) adds is declarations:
 *
 * - an OutputIntent (GTS_PDFX) naming the printing condition (FOGRA39) with
 *   the embedded 4-component characterisation profile in profiles/;
 * - GTS_PDFXVersion and Trapped in the Info dictionary, and the same in XMP
 *   metadata (pdfxid:GTS_PDFXVersion, pdf:Trapped) with the title, dates,
 *   producer and document/instance IDs;
 * - a trailer /ID (derived from the content, so builds stay reproducible);
 * - TrimBox and BleedBox on every page (the MediaBox where a step set none);
 * - a PDF 1.6 header (`withPdfxHeader`, on the saved bytes: pdf-lib always
 *   writes 1.7; nothing it writes here is newer than 1.5).
 *
 * `readPdfx4` reads those declarations back (tests, preflight).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { warraqRoot } from '../codeRoot.js';
import { deflatedProfile } from './profileMemo.js';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFStream,
  PDFString,
  decodePDFRawStream,
} from 'pdf-lib';

const PDFX_VERSION = 'PDF/X-4';

/**
 * profiles/ of the warraq that runs: one folder up from the bundle's chunks
 * (lib/, scripts/compile.mjs), two from this module under tsx (src/print/).
 */
/** In this warraq's profiles/ folder, found as src/codeRoot.ts finds the package, from src/ or lib/ alike. */
const PROFILE_FILE = path.join(warraqRoot, 'profiles', 'ISOcoated_v2_300_bas.icc');

/** The embedded output profile and the printing condition it characterises. */
export const OUTPUT_PROFILE = {
  file: PROFILE_FILE,
  info: 'ISO Coated v2 300% (basICColor)',
  conditionIdentifier: 'FOGRA39',
  condition: 'Offset commercial printing, coated paper, ISO 12647-2:2004 (FOGRA39), total ink 300 %',
  registry: 'http://www.color.org',
} as const;

let profileDeflated: Uint8Array | undefined;
/**
 * The profile, Flate-compressed once (1 MB: compressing it for every file
 * would cost more than drawing the file), and remembered between builds
 * (src/print/profileMemo.ts).
 */
function outputProfile(): Uint8Array {
  return (profileDeflated ??= deflatedProfile(readFileSync(OUTPUT_PROFILE.file)));
}

interface PdfxMeta {
  title: string;
  /** Creation and modification date (fixed, for reproducible files). */
  date: Date;
  /** What the file is derived from: its bytes (or any text) seed the document ID. */
  idSeed: Uint8Array | string;
  creator?: string;
  /** How the pages are finished, for preflight (Info /WarraqBinding). */
  binding?: Binding;
}

/**
 * How a print file's pages are finished: 'saddle' (pages of a folded,
 * stapled booklet: a multiple of 4), 'loose' (single pieces, e.g. leaflets),
 * 'imposed' (press sheets, front and back, each carrying several pages),
 * 'imposed-one-sided' (sheets printed on one side only, each carrying several
 * pieces: the 2-up sheet of leaflets without backs).
 */
export type Binding = 'saddle' | 'loose' | 'imposed' | 'imposed-one-sided';
export const BINDINGS: readonly Binding[] = ['saddle', 'loose', 'imposed', 'imposed-one-sided'];

const xmlEscape = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
const isoDate = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The XMP packet: title, dates, tools, IDs, trapping and the PDF/X version. */
function xmp(meta: PdfxMeta, id: string, ua: boolean): string {
  const date = isoDate(meta.date);
  const uuid = `uuid:${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about=""',
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    '    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"',
    '    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"',
    // A tagged source (the press files) stays PDF/UA-1 as well (docs/accessibility.md).
    ...(ua ? ['    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"'] : []),
    `    xmp:CreateDate="${date}" xmp:ModifyDate="${date}" xmp:MetadataDate="${date}"`,
    `    xmp:CreatorTool="${xmlEscape(meta.creator ?? 'warraq')}"`,
    '    pdf:Producer="warraq" pdf:Trapped="False"',
    `    xmpMM:DocumentID="${uuid}" xmpMM:InstanceID="${uuid}" xmpMM:VersionID="1" xmpMM:RenditionClass="default"`,
    `    pdfxid:GTS_PDFXVersion="${PDFX_VERSION}">`,
    '   <dc:format>application/pdf</dc:format>',
    `   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(meta.title)}</rdf:li></rdf:Alt></dc:title>`,
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}

/** Adds the PDF/X-4 declarations to `doc` (call just before saving). */
export function markPdfx4(doc: PDFDocument, meta: PdfxMeta): void {
  const ctx = doc.context;
  if (meta.title !== '') doc.setTitle(meta.title);
  doc.setProducer('warraq');
  if (meta.creator !== undefined) doc.setCreator(meta.creator);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  const info = ctx.lookup(ctx.trailerInfo.Info, PDFDict);
  info.set(PDFName.of('GTS_PDFXVersion'), PDFString.of(PDFX_VERSION));
  info.set(PDFName.of('Trapped'), PDFName.of('False'));
  if (meta.binding) info.set(PDFName.of('WarraqBinding'), PDFName.of(meta.binding));

  for (const page of doc.getPages()) {
    const media = page.getMediaBox();
    if (page.node.TrimBox() === undefined) page.setTrimBox(media.x, media.y, media.width, media.height);
    if (page.node.BleedBox() === undefined) page.setBleedBox(media.x, media.y, media.width, media.height);
  }

  const deflated = outputProfile();
  const profile = ctx.register(PDFRawStream.of(ctx.obj({ N: 4, Filter: 'FlateDecode', Length: deflated.length }), deflated));
  const intent = ctx.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFX',
    OutputConditionIdentifier: PDFString.of(OUTPUT_PROFILE.conditionIdentifier),
    OutputCondition: PDFString.of(OUTPUT_PROFILE.condition),
    RegistryName: PDFString.of(OUTPUT_PROFILE.registry),
    Info: PDFString.of(OUTPUT_PROFILE.info),
    DestOutputProfile: profile,
  });
  doc.catalog.set(PDFName.of('OutputIntents'), ctx.obj([ctx.register(intent)]));

  const seed = createHash('md5').update(meta.idSeed).update(meta.title).update(isoDate(meta.date)).digest('hex').toUpperCase();
  const metadata = ctx.stream(Buffer.from(xmp(meta, seed.toLowerCase(), doc.catalog.has(PDFName.of('StructTreeRoot'))), 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), ctx.register(metadata));
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of(seed), PDFHexString.of(seed)]);
}

/** The saved file with a %PDF-1.6 header (PDF/X-4 is PDF 1.6); same length, so offsets stay valid. */
export function withPdfxHeader(pdf: Uint8Array): Uint8Array {
  const head = Buffer.from(pdf.subarray(0, 8)).toString('latin1');
  if (!/^%PDF-1\.[0-9]$/.test(head)) throw new Error(`not a PDF header: ${JSON.stringify(head)}`);
  const out = new Uint8Array(pdf);
  out.set(Buffer.from('%PDF-1.6', 'latin1'), 0);
  return out;
}

export interface Pdfx4Report {
  version: string | null;
  trapped: string | null;
  outputIntent: { identifier: string; components: number | null } | null;
  xmpTitle: string | null;
  xmpVersion: string | null;
  hasId: boolean;
  /** The finishing the file declares (warraq's Info /WarraqBinding), if any. */
  binding: Binding | null;
  /** 1-based numbers of pages without a TrimBox or BleedBox. */
  pagesWithoutBoxes: number[];
}

function text(v: unknown): string | null {
  return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : v instanceof PDFName ? v.decodeText() : null;
}

function streamBytes(s: PDFStream): Uint8Array {
  return s instanceof PDFRawStream ? decodePDFRawStream(s).decode() : s.getContents();
}

/** What a PDF declares of PDF/X-4 (nothing is judged here; see preflight). */
export async function readPdfx4(bytes: Uint8Array): Promise<Pdfx4Report> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const ctx = doc.context;
  const info = ctx.lookupMaybe(ctx.trailerInfo.Info, PDFDict);
  let outputIntent: Pdfx4Report['outputIntent'] = null;
  const intents = doc.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray);
  for (let i = 0; intents && i < intents.size(); i++) {
    const oi = intents.lookup(i, PDFDict);
    if (text(oi.get(PDFName.of('S'))) !== 'GTS_PDFX') continue;
    const profile = oi.lookupMaybe(PDFName.of('DestOutputProfile'), PDFStream);
    const n = profile?.dict.get(PDFName.of('N'));
    // The profile header says its colour space at bytes 16–19 ('CMYK').
    const space = profile ? Buffer.from(streamBytes(profile).subarray(16, 20)).toString('latin1') : '';
    outputIntent = {
      identifier: text(oi.get(PDFName.of('OutputConditionIdentifier'))) ?? '',
      components: n !== undefined && space === 'CMYK' ? Number(n.toString()) : null,
    };
  }
  const meta = doc.catalog.lookupMaybe(PDFName.of('Metadata'), PDFStream);
  const xml = meta ? Buffer.from(streamBytes(meta)).toString('utf8') : '';
  const attr = (name: string) => new RegExp(`${name}(?:="([^"]*)"|>([^<]*)<)`).exec(xml);
  const version = attr('pdfxid:GTS_PDFXVersion');
  const title = /<dc:title>[\s\S]*?<rdf:li[^>]*>([^<]*)<\/rdf:li>/.exec(xml);
  return {
    version: text(info?.get(PDFName.of('GTS_PDFXVersion'))),
    trapped: text(info?.get(PDFName.of('Trapped'))),
    outputIntent,
    xmpTitle: title ? title[1].replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c))) : null,
    xmpVersion: version ? (version[1] ?? version[2]) : null,
    hasId: ctx.trailerInfo.ID !== undefined,
    binding: (BINDINGS as readonly string[]).includes(text(info?.get(PDFName.of('WarraqBinding'))) ?? '') ? (text(info?.get(PDFName.of('WarraqBinding'))) as Binding) : null,
    pagesWithoutBoxes: doc
      .getPages()
      .map((p, i) => (p.node.TrimBox() === undefined || p.node.BleedBox() === undefined ? i + 1 : 0))
      .filter((n) => n > 0),
  };
}
