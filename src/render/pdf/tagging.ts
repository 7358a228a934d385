/**
 * Tagged PDF (PDF/UA-1) for the pages the painter draws: a structure tree
 * built with pdfkit's structure support while the blocks are painted, in
 * painting order, which the templates make the reading order.
 *
 *   Document
 *   ├─ H1                 the title ('title')
 *   ├─ P …                preamble, imprint, colophon ('p'); /Lang on a line in another language
 *   ├─ H2 + TOC/TOCI      the contents page ('heading', 'toc')
 *   ├─ L                  consecutive numbered points ('item')
 *   │  └─ LI
 *   │     ├─ Lbl          the point's number ('label', or the heading's first `label` characters)
 *   │     └─ LBody        H2 (its title), P (its text and event)
 *   └─ Figure /Alt        the QR code
 *
 * Everything else (page backgrounds, rules, boxes, running heads, page
 * numbers, "continued" labels) is an /Artifact. A paragraph that continues
 * on the next page stays one element with a marked-content piece per page.
 * Headings also become the outline (bookmarks).
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

interface Leaf {
  el: StructElement;
  role: BlockRole;
  text: string;
  page: number;
}

export class Tagger {
  private readonly root: StructElement;
  private list?: { el: StructElement; item?: number; li?: StructElement; body?: StructElement };
  private toc?: { el: StructElement; item?: number; entry?: StructElement };
  private last?: Leaf;
  private bookmarks = new Set<string>();
  page = 0;

  constructor(private readonly doc: TaggingDoc) {
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
    if (role === 'label') return this.mark(this.listItem(block.item), 'Lbl', block, () => draw());
    if (block.item !== undefined) {
      const label = block.label;
      if (label) this.mark(this.listItem(block.item), 'Lbl', block, () => draw(0, label));
      else this.listItem(block.item);
      return this.leaf(this.listBody(), block, () => draw(label ?? 0));
    }
    this.list = undefined;
    this.leaf(this.root, block, () => draw());
  }

  /** The QR code: a Figure with alternative text. */
  figure(alt: string, draw: () => void): void {
    this.list = undefined;
    this.toc = undefined;
    this.mark(this.root, 'Figure', { alt }, draw);
  }

  /** The list item of a numbered point (a new L after anything that is not a point). */
  private listItem(item: number | undefined): StructElement {
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

  /** The item's LBody, added after its Lbl on first use. */
  private listBody(): StructElement {
    const list = this.list!;
    if (!list.body) list.li!.add((list.body = this.doc.struct('LBody')));
    return list.body;
  }

  private tocEntry(block: TextBlock, draw: () => void): void {
    this.list = undefined;
    if (!this.toc) {
      this.toc = { el: this.doc.struct('TOC') };
      this.root.add(this.toc.el);
    }
    if (this.toc.item !== block.item || !this.toc.entry) {
      this.toc.entry = this.doc.struct('TOCI');
      this.toc.item = block.item;
      this.toc.el.add(this.toc.entry);
    }
    this.mark(this.toc.entry, 'P', block, draw);
  }

  /** A heading or paragraph: one element, continued across a page break. */
  private leaf(parent: StructElement, block: TextBlock, draw: () => void): void {
    const role = block.role as 'title' | 'heading' | 'p';
    const tag = TAG[role];
    const last = this.last;
    const continued = last !== undefined && last.role === role && last.text === block.text && last.page === this.page - 1;
    let el: StructElement;
    if (continued) el = last.el;
    else {
      el = this.doc.struct(tag, block.lang ? { lang: block.lang } : {});
      parent.add(el);
      if ((role === 'title' || (role === 'heading' && block.item !== undefined)) && !this.bookmarks.has(block.text)) {
        this.bookmarks.add(block.text);
        this.doc.outline.addItem(block.text);
      }
    }
    this.wrap(el, tag, draw);
    this.last = { el, role, text: block.text, page: this.page };
  }

  /** A piece that is its own element (Lbl, a TOCI's parts, Figure). */
  private mark(parent: StructElement, tag: string, o: { lang?: string; alt?: string }, draw: () => void): void {
    const el = this.doc.struct(tag, { ...(o.lang ? { lang: o.lang } : {}), ...(o.alt ? { alt: o.alt } : {}) });
    parent.add(el);
    this.wrap(el, tag, draw);
    this.last = undefined;
  }

  private wrap(el: StructElement, tag: string, draw: () => void): void {
    const content = this.doc.markStructureContent(tag);
    draw();
    this.doc.endMarkedContent();
    el.add(content);
  }
}
