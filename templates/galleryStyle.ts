/** The gallery page's style sheet and its one script (templates/gallery.tsx inlines both: the page needs no other file). */

/**
 * Copy buttons: the alt text to the clipboard (navigator.clipboard, which
 * Chromium and Firefox offer on file:// too; else a selection and
 * execCommand), and a word in the status line for every reader.
 */
export const SCRIPT = `
document.addEventListener('click', async (e) => {
  const b = e.target.closest('button[data-copy]');
  if (!b) return;
  const el = document.getElementById(b.dataset.copy);
  const status = document.getElementById('status');
  let ok = false;
  try {
    await navigator.clipboard.writeText(el.textContent);
    ok = true;
  } catch {
    const range = document.createRange();
    range.selectNodeContents(el);
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    try { ok = document.execCommand('copy'); } catch { ok = false; }
  }
  status.textContent = ok ? status.dataset.copied : status.dataset.failed;
  status.classList.add('shown');
  clearTimeout(status.timer);
  status.timer = setTimeout(() => status.classList.remove('shown'), 4000);
});
`;

/** A web font of the page: a copy of one of the project's fonts, written by the gallery job beside the page. */
export interface GalleryFont {
  /** The CSS family: the n-th font of the theme's chains is "warraq n" (body at 400, heading at 700). */
  family: string;
  weight: 400 | 700;
  /** Where the page finds it, relative to the page. */
  path: string;
}

/** The system fonts after the project's own: Arabic-script ones first, for a character none of the project's fonts has. */
const SYSTEM_FONTS = `"Noto Naskh Arabic", "Noto Sans Arabic", "Segoe UI", Tahoma, "Geeza Pro", "Vazirmatn", system-ui, sans-serif`;

/** The page's fonts: the project's (the publications' faces, `fonts`), then the system's. */
export function fontCss(fonts: readonly GalleryFont[]): string {
  const faces = fonts.map(
    (f) => `@font-face { font-family: "${f.family}"; src: url("${f.path.split('/').map(encodeURIComponent).join('/')}") format("woff"); font-weight: ${f.weight}; font-style: normal; font-display: swap; }\n`,
  );
  const families = [...new Set(fonts.map((f) => `"${f.family}"`))];
  return `${faces.join('')}:root { font-family: ${[...families, SYSTEM_FONTS].join(', ')}; }\n`;
}

/**
 * Logical properties throughout (inline-start, not left), so right-to-left
 * and left-to-right documents lay out alike. Colours meet WCAG AA (text at
 * least 4.5:1, the accent 7:1 on the paper).
 */
export const CSS = `
:root {
  --paper: #fbfaf7; --ink: #1c1b19; --muted: #55514b; --accent: #8c1d18; --line: #d9d4ca; --card: #ffffff; --focus: #0b57d0;
  font-size: 17px; line-height: 1.6; color: var(--ink); background: var(--paper);
}
* { box-sizing: border-box; }
body { margin: 0; }
header, main, footer { max-width: 72rem; margin-inline: auto; padding-inline: 1rem; }
header { padding-block: 1.5rem 0.5rem; border-block-end: 3px solid var(--accent); }
h1 { font-size: 1.8rem; line-height: 1.3; margin: 0 0 0.3rem; color: var(--accent); }
h2 { font-size: 1.45rem; margin: 2.2rem 0 0.6rem; padding-block-end: 0.2rem; border-block-end: 1px solid var(--line); }
h3 { font-size: 1.2rem; margin: 1.8rem 0 0.4rem; color: var(--accent); }
h4 { font-size: 1rem; margin: 1rem 0 0.4rem; }
p { margin: 0.2rem 0; }
a { color: var(--accent); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
main:focus { outline: none; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85em; unicode-bidi: isolate; }
.skip { position: absolute; inset-inline-start: 0.5rem; top: -3rem; background: var(--card); padding: 0.4rem 0.8rem; z-index: 2; }
.skip:focus { top: 0.5rem; }
.facts { display: flex; flex-wrap: wrap; gap: 0.3rem 1.5rem; margin: 0.6rem 0; }
.facts div { display: flex; gap: 0.4rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; padding: 0; margin: 0.6rem 0 0.4rem; }
.meta { color: var(--muted); font-size: 0.9rem; }
.size { color: var(--muted); font-size: 0.9em; unicode-bidi: isolate; }
.file { white-space: nowrap; unicode-bidi: isolate; }
.file > span { unicode-bidi: isolate; }
.grid { list-style: none; padding: 0; margin: 0.6rem 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); }
.formats { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); align-items: start; }
.slides { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.8rem; }
.grid.leaflets li, .slides figure { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 0.6rem; margin: 0; height: 100%; }
.thumb { display: block; line-height: 0; }
.thumb img { width: 100%; height: auto; border: 1px solid var(--line); background: #fff; }
.pages .thumb img { box-shadow: 0 1px 3px rgb(0 0 0 / 0.15); }
/* Never wider than the thumbnail's own pixels (240 px), a story frame narrower still. */
.slides .thumb img { max-width: 15rem; }
.format.story .thumb img { max-width: 9rem; }
.caption { display: block; text-align: center; color: var(--muted); font-size: 0.85rem; margin-block-start: 0.2rem; }
.title { font-weight: 700; margin-block-start: 0.4rem; }
.slide { font-size: 0.85rem; color: var(--muted); margin-block-end: 0.3rem; }
details { margin-block-start: 0.4rem; }
summary { cursor: pointer; color: var(--muted); font-size: 0.9rem; }
.alt { white-space: pre-line; unicode-bidi: plaintext; font-size: 0.95rem; }
.copy { font: inherit; font-size: 0.9rem; margin-block-start: 0.5rem; padding: 0.3rem 0.9rem; color: #fff; background: var(--accent); border: 0; border-radius: 4px; cursor: pointer; }
.copy:hover { background: #6e1612; }
.print { list-style: none; padding: 0; }
.print li { padding-block: 0.6rem; border-block-end: 1px solid var(--line); }
.use { color: var(--ink); }
footer { color: var(--muted); font-size: 0.9rem; padding-block: 2rem; }
#status { position: fixed; inset-block-end: 1rem; inset-inline-start: 1rem; margin: 0; padding: 0.5rem 1rem; background: var(--ink); color: #fff; border-radius: 4px; opacity: 0; transition: opacity 0.2s; pointer-events: none; }
#status.shown { opacity: 1; }
@media (prefers-reduced-motion: reduce) { #status { transition: none; } }
@media (max-width: 30rem) { h1 { font-size: 1.45rem; } }
`;
