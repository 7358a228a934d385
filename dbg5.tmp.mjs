import * as mupdf from 'mupdf';
import { readFileSync } from 'node:fs';
const doc = mupdf.Document.openDocument(readFileSync(process.argv[2]), 'application/pdf');
const o = doc.loadOutline();
console.log(JSON.stringify(o?.slice(0,1).map(x=>({...x, down: x.down?.slice(0,3)})), null, 0));
console.log('top', o.length, 'children', o[0].down?.length);
const p = doc.loadPage(1);
const links = p.getLinks();
console.log(links.length, links.slice(0,2).map(l => [l.getBounds(), l.getURI(), doc.resolveLink(l.getURI())]));
