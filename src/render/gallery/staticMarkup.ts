/**
 * HTML from a React element tree, as react-dom/server's renderToStaticMarkup
 * writes it, for the elements and props the gallery page uses
 * (templates/gallery.tsx). Why not react-dom: loading it was 47–91 ms of a
 * one-point edit's main thread, for one page whose template uses no state,
 * hooks or context — plain functions of the model, walked here.
 *
 * What the page uses is what this writes: text and attributes escaped as
 * react-dom escapes them, `className` and `tabIndex` under their HTML names,
 * other props under their own (react-dom keeps `charSet` and `dateTime`),
 * void elements closed with `/>`, `dangerouslySetInnerHTML` as is. A prop
 * outside that list, a boolean prop or an image react-dom would preload (one
 * not lazily loaded) throws instead of writing other bytes than react-dom
 * would: test/render/gallery/staticMarkup.test.ts compares the two.
 */
import { Fragment, type ReactNode } from 'react';

const VOID = new Set(['meta', 'img', 'link', 'br', 'hr', 'input']);

/** Props react-dom writes under another name. */
const RENAMED: Record<string, string> = { className: 'class', tabIndex: 'tabindex' };

/** Props react-dom writes under their own name, their value a string or a number. */
const AS_IS = new Set([
  'lang', 'dir', 'id', 'href', 'src', 'alt', 'width', 'height', 'loading', 'decoding', 'charSet', 'name', 'content',
  'role', 'type', 'translate', 'download', 'dateTime',
]);

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

interface Element {
  type: unknown;
  props: Record<string, unknown> & { children?: ReactNode; dangerouslySetInnerHTML?: { __html: string } };
}

const isElement = (n: unknown): n is Element => typeof n === 'object' && n !== null && 'type' in n && 'props' in n;

function attributes(tag: string, props: Element['props']): string {
  let out = '';
  for (const [key, value] of Object.entries(props)) {
    if (key === 'children' || key === 'dangerouslySetInnerHTML' || value === undefined || value === null) continue;
    const name = RENAMED[key] ?? (AS_IS.has(key) || key.startsWith('aria-') || key.startsWith('data-') ? key : undefined);
    if (name === undefined || (typeof value !== 'string' && typeof value !== 'number')) {
      throw new Error(`staticMarkup: <${tag} ${key}=${JSON.stringify(value)}> is not a prop it writes as react-dom does (src/render/gallery/staticMarkup.ts)`);
    }
    out += ` ${name}="${escape(String(value))}"`;
  }
  if (tag === 'img' && props.loading !== 'lazy') throw new Error('staticMarkup: react-dom would preload an image not loaded lazily (src/render/gallery/staticMarkup.ts)');
  return out;
}

function write(node: ReactNode, out: string[]): void {
  if (node === null || node === undefined || typeof node === 'boolean') return;
  if (typeof node === 'string') return void out.push(escape(node));
  if (typeof node === 'number') return void out.push(String(node));
  if (Array.isArray(node)) {
    for (const child of node) write(child, out);
    return;
  }
  if (!isElement(node)) throw new Error(`staticMarkup: cannot write ${String(node)}`);
  const { type, props } = node;
  if (type === Fragment) return write(props.children, out);
  if (typeof type === 'function') return write((type as (p: unknown) => ReactNode)(props), out);
  if (typeof type !== 'string') throw new Error(`staticMarkup: cannot write an element of type ${String(type)}`);
  out.push(`<${type}${attributes(type, props)}`);
  if (VOID.has(type)) return void out.push('/>');
  out.push('>');
  if (props.dangerouslySetInnerHTML) out.push(props.dangerouslySetInnerHTML.__html);
  else write(props.children, out);
  out.push(`</${type}>`);
}

/** The element's HTML, byte for byte what react-dom's renderToStaticMarkup gives for it. */
export function staticMarkup(node: ReactNode): string {
  const out: string[] = [];
  write(node, out);
  return out.join('');
}
