/**
 * A press file has no annotations (the booklet's contents links are for
 * reading on screen, and PDF/X-4 allows none on the page). A tagged file's
 * link annotations are also in its structure tree: each is an OBJR in its
 * Link element and has an entry in the ParentTree (its /StructParent). So
 * they are taken out of all three, and the annotation objects themselves
 * dropped: nothing in the tree points at an annotation no page has. A Link
 * element left without a link becomes a Span (still inline: a contents row
 * is TOCI › Reference › Link, and Reference holds inline elements), its text
 * unchanged.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';

export function dropAnnotations(doc: PDFDocument): void {
  const ctx = doc.context;
  const annots = new Set<PDFRef>();
  const structParents = new Set<number>();
  for (const page of doc.getPages()) {
    const list = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    page.node.delete(PDFName.of('Annots'));
    for (const item of list?.asArray() ?? []) {
      if (!(item instanceof PDFRef)) continue;
      annots.add(item);
      const n = ctx.lookupMaybe(item, PDFDict)?.lookupMaybe(PDFName.of('StructParent'), PDFNumber);
      if (n) structParents.add(n.asNumber());
    }
  }
  if (annots.size === 0) return;
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (root) {
    dropObjrs(root, annots, new Set());
    const parentTree = root.lookupMaybe(PDFName.of('ParentTree'), PDFDict);
    if (parentTree) dropNums(parentTree, structParents);
  }
  for (const ref of annots) {
    const action = ctx.lookupMaybe(ref, PDFDict)?.get(PDFName.of('A'));
    if (action instanceof PDFRef) ctx.delete(action);
    ctx.delete(ref);
  }
}

/** The OBJRs of `annots` out of every element's /K under `el`. */
function dropObjrs(el: PDFDict, annots: Set<PDFRef>, seen: Set<PDFDict>): void {
  if (seen.has(el)) return;
  seen.add(el);
  const ctx = el.context;
  const k = el.lookup(PDFName.of('K'));
  const kids = k instanceof PDFArray ? k.asArray() : k === undefined ? [] : [k];
  const dictOf = (kid: PDFObject) => (kid instanceof PDFRef ? ctx.lookupMaybe(kid, PDFDict) : kid instanceof PDFDict ? kid : undefined);
  const isDropped = (kid: PDFObject) => {
    const d = dictOf(kid);
    const obj = d?.get(PDFName.of('Obj'));
    return d?.get(PDFName.of('Type')) === PDFName.of('OBJR') && obj instanceof PDFRef && annots.has(obj);
  };
  if (kids.some(isDropped)) {
    el.set(PDFName.of('K'), ctx.obj(kids.filter((kid) => !isDropped(kid))));
    if (el.get(PDFName.of('S')) === PDFName.of('Link')) el.set(PDFName.of('S'), PDFName.of('Span'));
  }
  for (const kid of kids) {
    const d = dictOf(kid);
    if (d?.has(PDFName.of('S'))) dropObjrs(d, annots, seen);
  }
}

/** The number tree's entries for `keys` removed, and each leaf's /Limits made its keys' again. */
function dropNums(node: PDFDict, keys: Set<number>): void {
  const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray);
  if (nums) {
    const kept: PDFObject[] = [];
    const all = nums.asArray();
    for (let i = 0; i + 1 < all.length; i += 2) {
      const key = all[i];
      if (key instanceof PDFNumber && keys.has(key.asNumber())) continue;
      kept.push(all[i], all[i + 1]);
    }
    node.set(PDFName.of('Nums'), node.context.obj(kept));
    if (node.has(PDFName.of('Limits')) && kept.length > 0) node.set(PDFName.of('Limits'), node.context.obj([kept[0], kept[kept.length - 2]]));
  }
  for (const kid of node.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? []) {
    const d = kid instanceof PDFRef ? node.context.lookupMaybe(kid, PDFDict) : undefined;
    if (d) dropNums(d, keys);
  }
}
