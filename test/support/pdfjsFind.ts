/**
 * Firefox's find bar for tests: pdf.js's own PDFFindController (pdfjs-dist's
 * web viewer, `web/pdf_find_controller.js`), not a copy of its rules. It joins
 * a page's text items as the viewer does (an item's `str`, then "\n" where
 * `hasEOL`), normalises the page with the viewer's `normalize` (NFD; a line
 * end becomes a space, «-» before a line end is dropped after a non-space,
 * diacritics kept but skipped by the query) and turns the query into the
 * viewer's regular expression (spaces allowed around punctuation, harakat
 * ignored: Firefox's default, "Match Diacritics" off).
 *
 * `findCounter(pdf)` searches what pdf.js itself reads (getTextContent with
 * `disableNormalization`, as the viewer asks); `findCounter(text)` searches
 * another reader's extraction, its pages split at form feeds and its lines at
 * "\n", handed to the same controller as text items.
 *
 * The viewer module touches `window`, `document` and `navigator` when it is
 * loaded (for its UI); they are stubbed for the import only and removed
 * again, as the find controller does not use them.
 */
type Query = { query: string; caseSensitive: boolean; entireWord: boolean; highlightAll: boolean; findPrevious: boolean; matchDiacritics: boolean };
interface TextItem {
  str: string;
  hasEOL: boolean;
}
interface FindPage {
  getTextContent(opts?: unknown): Promise<{ items: TextItem[] }>;
}
interface FindDocument {
  numPages: number;
  getPage(n: number): Promise<FindPage>;
}
interface EventBus {
  on(name: string, cb: (e: { matchesCount: { total: number } }) => void): void;
  off(name: string, cb: (e: { matchesCount: { total: number } }) => void): void;
  dispatch(name: string, e: Record<string, unknown>): void;
}
interface Viewer {
  EventBus: new () => EventBus;
  PDFFindController: new (o: { linkService: unknown; eventBus: EventBus; updateMatchesCountOnProgress: boolean }) => { setDocument(d: FindDocument): void };
}

let viewer: Promise<Viewer> | undefined;

async function loadViewer(): Promise<Viewer> {
  const g = globalThis as Record<string, unknown>;
  const stubbed = ['window', 'document', 'navigator', 'pdfjsLib'].filter((k) => !(k in g));
  // Anything the viewer's UI code asks of the DOM at load: an inert object.
  const inert = (): unknown => new Proxy(() => {}, { get: (_t, k) => (k === Symbol.toPrimitive ? () => '' : inert()), apply: () => inert(), construct: () => inert() as object });
  const set = (k: string, v: unknown) => {
    if (stubbed.includes(k)) Object.defineProperty(g, k, { value: v, configurable: true, writable: true });
  };
  set('document', inert());
  set('window', { requestAnimationFrame: (cb: () => void) => setTimeout(cb, 0), addEventListener() {}, matchMedia: () => ({ matches: false, addEventListener() {} }) });
  set('navigator', { userAgent: 'node', platform: 'Linux', language: 'en' });
  set('pdfjsLib', await import('pdfjs-dist/legacy/build/pdf.mjs'));
  try {
    // @ts-expect-error: the viewer ships no types for this path
    return (await import('pdfjs-dist/legacy/web/pdf_viewer.mjs')) as Viewer;
  } finally {
    for (const k of stubbed) delete g[k];
  }
}

/** Counts Firefox's find-bar matches of a query in a document's pages. */
export type FindCounter = ((query: string) => Promise<number>) & { close(): Promise<void> };

async function counterFor(doc: FindDocument, close: () => Promise<void>): Promise<FindCounter> {
  const { EventBus, PDFFindController } = await (viewer ??= loadViewer());
  const eventBus = new EventBus();
  const controller = new PDFFindController({ linkService: { pagesCount: doc.numPages, page: 1 }, eventBus, updateMatchesCountOnProgress: false });
  controller.setDocument(doc);
  const count = (query: string) =>
    new Promise<number>((resolve) => {
      const done = (e: { matchesCount: { total: number } }) => {
        eventBus.off('updatefindmatchescount', done);
        resolve(e.matchesCount.total);
      };
      eventBus.on('updatefindmatchescount', done);
      const state: Query = { query, caseSensitive: false, entireWord: false, highlightAll: true, findPrevious: false, matchDiacritics: false };
      eventBus.dispatch('find', { source: null, type: 'again', ...state });
    });
  return Object.assign(count, { close });
}

/** Firefox's find over what pdf.js reads of a PDF. */
export async function pdfjsFindCounter(pdf: Uint8Array): Promise<FindCounter> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  const doc = (await task.promise) as unknown as FindDocument;
  return counterFor(doc, () => task.destroy());
}

/** Firefox's find over another reader's text: pages at form feeds, one text item per line. */
export async function textFindCounter(text: string): Promise<FindCounter> {
  const pages = text.split('\f').map((p) => p.replace(/\r\n?/g, '\n').split('\n'));
  const doc: FindDocument = {
    numPages: pages.length,
    getPage: async (n) => ({ getTextContent: async () => ({ items: pages[n - 1].map((str) => ({ str, hasEOL: true })) }) }),
  };
  return counterFor(doc, async () => {});
}
