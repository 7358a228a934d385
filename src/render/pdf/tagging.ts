/**
 * Tagged PDF (PDF/UA-1) for the pages the painter draws: a structure tree
 * built with pdfkit's structure support while the blocks are painted, in
 * painting order, which the templates make the reading order.
 *
 *   Document
 *   ├─ H1                 the title ('title')
 *   ├─ P …                preamble, imprint, colophon ('p'); /Lang on a line in another language
 *   ├─ H2 + TOC/TOCI      the contents page ('heading', 'toc'): each TOCI one Reference
 *   │   └─ Reference      (TOCI's children are Lbl, Reference, NonStruct, P, TOC: ISO 32000-1
 *   │      └─ Link        Table 333; Link is inline) › Link, holding the row's title and page
 *   │                     number and its link annotation (OBJR)
 *   ├─ L                  consecutive numbered points ('item')
 *   │  └─ LI
 *   │     ├─ Lbl          the point's number ('label', or the heading's first `label` characters)
 *   │     └─ LBody        H2 (its title), P (its text and event)
 *   └─ Figure /Alt        the QR code
 *
 * Everything else (page backgrounds, rules, boxes, running heads, page
 * numbers, "continued" labels) is an /Artifact. A paragraph that continues
 * on the next page stays one element with a marked-content piece per page.
 * Headings also become the outline (bookmarks), unless the laid-out pages
 * bring an outline of their own (the booklet: LaidOutPage.outline).
 */
import type { BlockRole, TextBlock } from '../../layout/types.js';

/** The slice of pdfkit's structure API used here (pdfkit 0.20, inside react-pdf). */
export interface StructElement {
  add(child: StructElement | StructContent): StructElement;
  end(): void;
}
export type StructContent = object;

export interface TaggingDoc {
  struct(type: string, options?: { lang?: string; alt?: string; title?: string }): StructElement;
  addStructure(el: StructElement): unknown;
  markStructureContent(tag: string, options?: Record<string, unknown>): StructContent;
  markContent(tag: string, options?: Record<string, unknown> | null): unknown;
  endMarkedContent(): unknown;
  getMarkInfoDictionary(): { data: Record<string, unknown> };
  outline: { addItem(title: string): unknown };
}

const TAG: Record<Exclude<BlockRole, 'label' | 'toc'>, string> = { title: 'H1', heading: 'H2', p: 'P' };


export class Tagger {
  private readonly root: StructElement;
  private list?: { el: StructElement; item?: number; li?: StructElement; body?: StructElement };
  /** The contents: its TOC, the row being painted (`item`), that row's Reference and its open Link (`entry`). */
  private toc?: { el: StructElement; item?: number; ref?: StructElement; entry?: StructElement };
  /** Each contents entry's Link element on the page being painted, by item, until its annotation is added (`link`). */
  private links = new Map<number, StructElement>();
  /** The list last ended by something that is not a point. */
  private closed?: Tagger['list'];
  /** Headings and paragraphs by role and text, to continue one on the next page. */
  private leaves = new Map<string, StructElement>();
  private bookmarks = new Set<string>();

  constructor(
    private readonly doc: TaggingDoc,
    /** Make bookmarks from headings (off when the pages carry their own outline). */
    private readonly headingBookmarks = true,
  ) {
    doc.getMarkInfoDictionary().data.Marked = true;
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
  }

  /** Paints `draw` as an artifact (not part of the text a reader reads). */
  artifact(type: 'Pagination' | 'Layout' | 'Background', draw: () => void): void {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }

  /** Paints a text block inside its structure element, or as an artifact when it has no role. */
  text(block: TextBlock, draw: (from?: number, to?: number) => void): void {
    const role = block.role;
    if (!role) return this.artifact('Pagination', () => draw());
    if (role !== 'toc') this.toc = undefined;
    if (role === 'toc') return this.tocEntry(block, () => draw());
    // A paragraph that continues from a previous page (its first line is not
    // the paragraph's first) stays one element, past that page's footer.
    const continues = (block.lines[0]?.line.start ?? 0) > 0;
    const previous = continues && role !== 'label' ? this.leaves.get(`${role} ${block.text}`) : undefined;
    if (previous) {
      this.wrap(previous, TAG[role as keyof typeof TAG], () => draw(block.label ?? 0));
      return;
    }
    if (role === 'label') return this.mark(this.listItem(block.item), 'Lbl', block, () => draw());
    if (block.item !== undefined) {
      const label = block.label;
      if (label) this.mark(this.listItem(block.item), 'Lbl', block, () => draw(0, label));
      else this.listItem(block.item);
      return this.leaf(this.listBody(), block, () => draw(label ?? 0));
    }
    this.endList();
    this.leaf(this.root, block, () => draw());
  }

  /** The QR code: a Figure with alternative text. */
  figure(alt: string, draw: () => void): void {
    this.endList();
    this.toc = undefined;
    this.mark(this.root, 'Figure', { alt }, draw);
  }

  /** The list item of a numbered point (a new L after anything that is not a point). */
  private listItem(item: number | undefined): StructElement {
    // A point's blocks after the page's footer (the rest of a leaflet's event) go back into its item.
    if (!this.list && this.closed?.item === item) this.list = this.closed;
    if (!this.list) {
      this.list = { el: this.doc.struct('L') };
      this.root.add(this.list.el);
    }
    if (this.list.item !== item || !this.list.li) {
      const li = this.doc.struct('LI');
      this.list.el.add(li);
      Object.assign(this.list, { item, li, body: undefined });
    }
    return this.list.li!;
  }

  private endList(): void {
    if (this.list) this.closed = this.list;
    this.list = undefined;
  }

  /** The item's LBody, added after its Lbl on first use. */
  private listBody(): StructElement {
    const list = this.list!;
    if (!list.body) list.li!.add((list.body = this.doc.struct('LBody')));
    return list.body;
  }

  private tocEntry(block: TextBlock, draw: () => void): void {
    this.endList();
    if (!this.toc) {
      this.toc = { el: this.doc.struct('TOC') };
      this.root.add(this.toc.el);
    }
    if (this.toc.item !== block.item || !this.toc.ref) {
      const toci = this.doc.struct('TOCI');
      this.toc.el.add(toci);
      toci.add((this.toc.ref = this.doc.struct('Reference')));
      this.toc.item = block.item;
      this.toc.entry = undefined;
    }
    // A row's Link is ended once its annotation is added (`link`); more of the
    // same row (on another page) gets a Link of its own in the same Reference.
    if (!this.toc.entry) {
      this.toc.ref.add((this.toc.entry = this.doc.struct('Link', block.lang ? { lang: block.lang } : {})));
      if (block.item !== undefined) this.links.set(block.item, this.toc.entry);
    }
    this.wrap(this.toc.entry, 'Link', draw);
  }

  /**
   * A link annotation, made by `annotate` with the structure element it
   * belongs to (pdfkit adds an OBJR to it, /StructParent to the annotation,
   * and the ParentTree entry): a contents entry's Link (`item`), else a Link
   * of its own. Called on the annotation's page, after its entry's text: the
   * element is ended here, so pdfkit writes the OBJR with this page.
   */
  link(item: number | undefined, annotate: (structParent: StructElement) => void): void {
    let el = item === undefined ? undefined : this.links.get(item);
    if (el) this.links.delete(item!);
    else this.root.add((el = this.doc.struct('Link')));
    annotate(el);
    el.end();
    if (this.toc?.entry === el) this.toc.entry = undefined;
  }

  /** A heading or paragraph: one element, continued across a page break. */
  private leaf(parent: StructElement, block: TextBlock, draw: () => void): void {
    const role = block.role as keyof typeof TAG;
    const tag = TAG[role];
    const el = this.doc.struct(tag, { ...(block.lang ? { lang: block.lang } : {}), ...(block.alt ? { alt: block.alt } : {}) });
    parent.add(el);
    // A heading with alternative words (an untitled point's number alone, templates/leaflet.ts) is bookmarked by them.
    const bookmark = block.alt ?? block.text;
    if (this.headingBookmarks && (role === 'title' || (role === 'heading' && block.item !== undefined)) && !this.bookmarks.has(bookmark)) {
      this.bookmarks.add(bookmark);
      this.doc.outline.addItem(bookmark);
    }
    this.wrap(el, tag, draw);
    this.leaves.set(`${role} ${block.text}`, el);
  }

  /** A piece that is its own element (Lbl, Figure). */
  private mark(parent: StructElement, tag: string, o: { lang?: string; alt?: string }, draw: () => void): void {
    const el = this.doc.struct(tag, { ...(o.lang ? { lang: o.lang } : {}), ...(o.alt ? { alt: o.alt } : {}) });
    parent.add(el);
    this.wrap(el, tag, draw);
  }

  private wrap(el: StructElement, tag: string, draw: () => void): void {
    const content = this.doc.markStructureContent(tag);
    draw();
    this.doc.endMarkedContent();
    el.add(content);
  }
}
