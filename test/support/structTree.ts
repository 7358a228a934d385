/**
 * A tagged PDF's structure as Firefox gives it to screen readers: pdf.js
 * `getStructTree()` per page, with the text of each marked-content piece
 * (`getTextContent({ includeMarkedContent: true })`) put in its place.
 */
export interface StructNode {
  role: string;
  lang?: string;
  alt?: string;
  children: StructNode[];
  /** Text of the node's own marked content, in tree order (leaves only). */
  text: string;
  /** The annotations the node holds (its OBJRs), by pdf.js's id ("58R"). */
  objects: string[];
}

export interface PageStructure {
  /** The page's tree (roots: the Document element's part on this page). */
  root: StructNode | undefined;
  /** Text inside /Artifact marked content, in drawing order. */
  artifacts: string[];
  /** Text drawn outside any marked content (none in a tagged file). */
  untagged: string;
}

interface RawNode {
  role?: string;
  lang?: string;
  alt?: string;
  type?: string;
  id?: string;
  children?: RawNode[];
}

export async function readStructure(pdf: Uint8Array): Promise<PageStructure[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  const doc = await task.promise;
  const out: PageStructure[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const byId = new Map<string, string>();
      const artifacts: string[] = [];
      let untagged = '';
      const stack: Array<{ id?: string; tag?: string; text: string }> = [];
      for (const item of content.items as Array<Record<string, unknown>>) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
          // Only structure content has an id (its MCID); a /Span with ActualText has null.
          stack.push({ id: typeof item.id === 'string' ? item.id : undefined, tag: item.tag as string | undefined, text: '' });
        } else if (item.type === 'endMarkedContent') {
          const mc = stack.pop();
          if (mc?.tag === 'Artifact') artifacts.push(mc.text);
        } else if (typeof item.str === 'string') {
          const tagged = [...stack].reverse().find((m) => m.id !== undefined || m.tag === 'Artifact');
          if (!tagged) untagged += item.str;
          else if (tagged.tag === 'Artifact') tagged.text += item.str;
          else byId.set(tagged.id!, (byId.get(tagged.id!) ?? '') + item.str);
        }
      }
      const convert = (node: RawNode): StructNode => {
        const kids = node.children ?? [];
        return {
          role: node.role ?? '',
          lang: node.lang,
          alt: node.alt,
          children: kids.filter((k) => k.role !== undefined).map(convert),
          text: kids
            .filter((k) => k.type === 'content')
            .map((k) => byId.get(k.id ?? '') ?? '')
            .join(''),
          objects: kids.filter((k) => k.type === 'object' || k.type === 'annotation').map((k) => k.id ?? ''),
        };
      };
      const tree = (await page.getStructTree()) as RawNode | null;
      out.push({ root: tree ? convert(tree) : undefined, artifacts, untagged });
    }
  } finally {
    await task.destroy();
  }
  return out;
}

/** Every node of a tree, depth first (document order). */
export function nodes(root: StructNode | undefined): StructNode[] {
  if (!root) return [];
  return [root, ...root.children.flatMap(nodes)];
}

/** The text of a tree read in tree order. */
export function treeText(root: StructNode | undefined): string {
  if (!root) return '';
  return root.text + root.children.map(treeText).join('');
}

/** A link annotation as pdf.js gives it: its id, its /Contents and the page (1-based) it takes the reader to. */
export interface LinkAnnotation {
  id: string;
  contents: string;
  toPage: number;
  /** The destination's top (an XYZ destination's, PDF user space: up from the page's bottom); null for none. */
  top: number | null;
}

/** Each page's link annotations, in /Annots order. */
export async function readLinks(pdf: Uint8Array): Promise<LinkAnnotation[][]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  const doc = await task.promise;
  try {
    const out: LinkAnnotation[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const links: LinkAnnotation[] = [];
      for (const a of (await (await doc.getPage(n)).getAnnotations()) as Array<{ id: string; subtype: string; dest?: unknown; contentsObj?: { str: string } }>) {
        if (a.subtype !== 'Link') continue;
        const dest = typeof a.dest === 'string' ? await doc.getDestination(a.dest) : (a.dest as unknown[] | undefined);
        const to = dest?.[0] as { num: number; gen: number } | undefined;
        const top = dest?.[1] && (dest[1] as { name?: string }).name === 'XYZ' ? ((dest[3] as number | null) ?? null) : null;
        links.push({ id: a.id, contents: a.contentsObj?.str ?? '', toPage: to ? (await doc.getPageIndex(to)) + 1 : 0, top });
      }
      out.push(links);
    }
    return out;
  } finally {
    await task.destroy();
  }
}
