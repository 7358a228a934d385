/** @jsxRuntime automatic */
/** @jsxImportSource react */
/**
 * The gallery page (dist/index.html): everything a build made, on one page
 * that works offline and from file://, in the document's language and
 * direction. Booklet pages and leaflets as thumbnails, every card by point
 * and by format (a carousel's slides in order) with its alt text and a copy
 * button, file sizes and links, and the print files with what each is for.
 *
 * Built from the model and the other jobs' output records (what the
 * manifest says of each file) and the thumbnails the build made; it never
 * reads a file. Plain HTML and CSS with one small inline script (the copy
 * buttons). Its type is the publications': the project's fonts, as web
 * fonts the gallery job writes beside the page (src/fonts/webFont.ts), then
 * system fonts, Arabic-script ones first.
 */
import type { ReactElement } from 'react';
import type { DocumentModel } from '../src/model/types.js';
import { formatNumber } from '../src/format/localize.js';
import { galleryLabelsFor, type GalleryLabels } from './galleryLabels.js';
import { pointNumber, sourceName } from './labels.js';
import { CSS, SCRIPT, fontCss, type GalleryFont } from './galleryStyle.js';
import type { GalleryFile } from './galleryFiles.js';

export type { GalleryFont };

/** The files one job of another output kind made. */
export interface GalleryOutput {
  /** The output kind that made them (src/jobs/kinds/): print files are described by it. */
  kind: string;
  files: GalleryFile[];
}

/** A thumbnail the build made of page `page` (1-based) of file `of`. */
export interface GalleryThumb {
  of: string;
  page: number;
  path: string;
  width: number;
  height: number;
}

export type GalleryModel = Pick<DocumentModel, 'title' | 'lang' | 'dir' | 'digits' | 'numbering' | 'date' | 'source' | 'points'>;

/** A path as a relative URL (each part escaped: a `#` in a name stays a name). */
const href = (p: string) => p.split('/').map(encodeURIComponent).join('/');
const stem = (p: string) => p.replace(/\.[^./]+$/, '');
const ext = (p: string) => (p.match(/\.([^./]+)$/)?.[1] ?? '').toUpperCase();

interface Ctx {
  model: GalleryModel;
  l: GalleryLabels;
  num: (n: number) => string;
  size: (bytes: number) => string;
  date: string;
  thumbs: Map<string, GalleryThumb[]>;
}

function context(model: GalleryModel, thumbs: GalleryThumb[]): Ctx {
  const locale = `${model.lang}-u-nu-${model.digits}`;
  // Units as readers write them: ICU's short forms are «م.ب» in Arabic and Latin «MB» in Persian, so a
  // right-to-left document spells the unit out («١٧٫٩ ميغابايت», «۱۷٫۹ مگابایت»); English keeps «17.9 MB».
  const unitDisplay = model.dir === 'rtl' ? 'long' : 'short';
  const kb = new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', unitDisplay, maximumFractionDigits: 0 });
  const mb = new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', unitDisplay, maximumFractionDigits: 1 });
  const byFile = new Map<string, GalleryThumb[]>();
  for (const t of thumbs) byFile.set(t.of, [...(byFile.get(t.of) ?? []), t].sort((a, b) => a.page - b.page));
  return {
    model,
    l: galleryLabelsFor(model.lang),
    num: (n) => formatNumber(n, model.lang, model.digits),
    size: (b) => (b >= 1e6 ? mb.format(b / 1e6) : kb.format(Math.max(1, Math.round(b / 1e3)))),
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${model.date}T00:00:00Z`)),
    thumbs: byFile,
  };
}

/** A link to a file with its type and size: «PDF · ١١٠ كيلوبايت». */
function FileLink({ c, f, label, download }: { c: Ctx; f: GalleryFile; label?: string; download?: boolean }) {
  return (
    <a href={href(f.path)} download={download ? '' : undefined} className="file">
      <span>{label ?? ext(f.path)}</span> <span className="size">{c.size(f.size)}</span>
    </a>
  );
}

function FileName({ path }: { path: string }) {
  return (
    <code dir="ltr" translate="no">
      {path}
    </code>
  );
}

function Thumb({ t, alt, link }: { t: GalleryThumb; alt: string; link: string }) {
  return (
    <a href={link} className="thumb">
      <img src={href(t.path)} width={t.width} height={t.height} alt={alt} loading="lazy" decoding="async" />
    </a>
  );
}

function Booklet({ c, files }: { c: Ctx; files: GalleryFile[] }) {
  if (!files.length) return null;
  return (
    <section id="booklet" aria-labelledby="booklet-h">
      <h2 id="booklet-h">{c.l.booklet}</h2>
      {files.map((f) => (
        <div key={f.path}>
          <p className="meta">
            <FileName path={f.path} /> <FileLink c={c} f={f} download />
            {f.pages ? ` · ${c.l.pages}: ${c.num(f.pages)}` : null}
          </p>
          <ol className="grid pages">
            {(c.thumbs.get(f.path) ?? []).map((t) => (
              <li key={t.path}>
                <Thumb t={t} alt={`${c.l.page} ${c.num(t.page)}`} link={`${href(f.path)}#page=${t.page}`} />
                <span className="caption" aria-hidden="true">
                  {c.num(t.page)}
                </span>
              </li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}

const pointTitle = (c: Ctx, n: number | undefined) => {
  if (n === undefined) return c.l.documentCard;
  const p = c.model.points.find((x) => x.number === n);
  return `${pointNumber(c.model, n)} ${p?.title ?? ''}`.trim();
};

function Leaflets({ c, files }: { c: Ctx; files: GalleryFile[] }) {
  if (!files.length) return null;
  const each = files.filter((f) => f.point !== undefined).sort((a, b) => a.point! - b.point!);
  const together = files.filter((f) => f.point === undefined);
  return (
    <section id="leaflets" aria-labelledby="leaflets-h">
      <h2 id="leaflets-h">{c.l.leaflets}</h2>
      {together.map((f) => (
        <p key={f.path} className="meta">
          {c.l.allLeaflets}: <FileName path={f.path} /> <FileLink c={c} f={f} download />
          {f.pages ? ` · ${c.l.pages}: ${c.num(f.pages)}` : null}
        </p>
      ))}
      <ul className="grid leaflets">
        {each.map((f) => {
          const title = pointTitle(c, f.point);
          const t = c.thumbs.get(f.path)?.[0];
          return (
            <li key={f.path}>
              {t ? <Thumb t={t} alt={title} link={href(f.path)} /> : null}
              <p className="title" lang={c.model.lang}>
                {title}
              </p>
              <p className="meta">
                <FileLink c={c} f={f} download />
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** One card (or one slide of a carousel): its image in each encoding and its alt-text file. */
interface Slide {
  stem: string;
  image: GalleryFile;
  others: GalleryFile[];
}

/** Cards by point (the document card first), then by format in plan order, slides in order. */
function cardGroups(files: GalleryFile[]) {
  const slides = new Map<string, Slide>();
  const extra: GalleryFile[] = [];
  for (const f of files) {
    if (f.kind === 'card' && f.alt !== undefined) slides.set(stem(f.path), { stem: stem(f.path), image: f, others: [] });
    else extra.push(f);
  }
  for (const f of extra) slides.get(stem(f.path))?.others.push(f);
  const points = new Map<number | undefined, Map<string, Slide[]>>();
  for (const s of slides.values()) {
    const byFormat = points.get(s.image.point) ?? new Map<string, Slide[]>();
    points.set(s.image.point, byFormat);
    const key = s.image.format ?? '';
    byFormat.set(key, [...(byFormat.get(key) ?? []), s]);
  }
  const order = (s: Slide) => s.image.slide?.index ?? 0;
  for (const byFormat of points.values()) for (const list of byFormat.values()) list.sort((a, b) => order(a) - order(b) || (a.stem < b.stem ? -1 : 1));
  return [...points.entries()].sort(([a], [b]) => (a ?? 0) - (b ?? 0));
}

function Card({ c, s, id }: { c: Ctx; s: Slide; id: string }) {
  const t = c.thumbs.get(s.image.path)?.[0];
  const alt = s.image.alt ?? '';
  const altFile = s.others.find((f) => f.kind === 'alt-text');
  const images = [s.image, ...s.others.filter((f) => f.kind !== 'alt-text')];
  return (
    <li>
      <figure>
        {s.image.slide ? <p className="slide">{c.l.slide(c.num(s.image.slide.index), c.num(s.image.slide.count))}</p> : null}
        {t ? <Thumb t={t} alt={alt} link={href(s.image.path)} /> : null}
        <figcaption>
          <p className="meta">
            {images.map((f, i) => (
              <span key={f.path}>
                {i ? ' · ' : null}
                <FileLink c={c} f={f} download />
              </span>
            ))}
            {altFile ? (
              <>
                {' · '}
                <FileLink c={c} f={altFile} label={c.l.altFile} download />
              </>
            ) : null}
          </p>
          <details>
            <summary>{c.l.alt}</summary>
            <p className="alt" id={id} lang={c.model.lang}>
              {alt}
            </p>
          </details>
          <button type="button" className="copy" data-copy={id}>
            {c.l.copy}
          </button>
        </figcaption>
      </figure>
    </li>
  );
}

function Cards({ c, files }: { c: Ctx; files: GalleryFile[] }) {
  const groups = cardGroups(files);
  if (!groups.length) return null;
  let n = 0;
  return (
    <section id="cards" aria-labelledby="cards-h">
      <h2 id="cards-h">{c.l.cards}</h2>
      {groups.map(([point, byFormat]) => {
        const gid = `cards-${point ?? 0}`;
        return (
          <section key={gid}>
            <h3 id={gid} lang={c.model.lang}>
              {pointTitle(c, point)}
            </h3>
            <div className="formats">
            {[...byFormat.entries()].map(([format, slides]) => {
              const { width, height } = slides[0].image;
              const fid = `${gid}-${format}`;
              return (
                <section key={fid} className={`format ${format}`}>
                  <h4 id={fid}>
                    {c.l.formats[format] ?? format}{' '}
                    {width && height ? (
                      <span className="size">
                        {c.num(width)}×{c.num(height)}
                      </span>
                    ) : null}
                  </h4>
                  <ol className="slides">
                    {slides.map((s) => (
                      <Card key={s.stem} c={c} s={s} id={`alt-${++n}`} />
                    ))}
                  </ol>
                </section>
              );
            })}
            </div>
          </section>
        );
      })}
    </section>
  );
}

function PrintFiles({ c, outputs }: { c: Ctx; outputs: GalleryOutput[] }) {
  if (!outputs.length) return null;
  return (
    <section id="print" aria-labelledby="print-h">
      <h2 id="print-h">{c.l.print}</h2>
      <ul className="print">
        {outputs.flatMap((o) =>
          o.files.map((f) => (
            <li key={f.path}>
              <p>
                <FileName path={f.path} /> <FileLink c={c} f={f} download />
                {f.pages ? ` · ${c.l.pages}: ${c.num(f.pages)}` : null}
              </p>
              {c.l.printUse[o.kind] ? <p className="use">{c.l.printUse[o.kind]}</p> : null}
            </li>
          )),
        )}
      </ul>
    </section>
  );
}

/** The page as a React element (src/render/gallery renders it to HTML). */
export function galleryPage(model: GalleryModel, outputs: GalleryOutput[], thumbs: GalleryThumb[], fonts: readonly GalleryFont[] = []): ReactElement {
  const c = context(model, thumbs);
  const { l } = c;
  const files = outputs.flatMap((o) => o.files);
  const ofKind = (k: string) => files.filter((f) => f.kind === k);
  const print = outputs.filter((o) => o.files.some((f) => f.kind === 'print'));
  const cards = files.filter((f) => f.kind === 'card' || f.kind === 'alt-text');
  const total = files.reduce((s, f) => s + f.size, 0);
  const nav: Array<[string, string, boolean]> = [
    ['booklet', l.booklet, ofKind('booklet').length > 0],
    ['leaflets', l.leaflets, ofKind('leaflet').length > 0],
    ['cards', l.cards, cards.length > 0],
    ['print', l.print, print.length > 0],
  ];
  return (
    <html lang={model.lang} dir={model.dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="warraq" />
        <title>{`${model.title} — ${l.pageTitle}`}</title>
        <style dangerouslySetInnerHTML={{ __html: fontCss(fonts) + CSS }} />
      </head>
      <body>
        <a className="skip" href="#main" lang={l.lang}>
          {l.skip}
        </a>
        <header>
          <h1>{model.title}</h1>
          <p lang={l.lang}>{l.intro}</p>
          <dl className="facts" lang={l.lang}>
            <div>
              <dt>{l.source}</dt>
              <dd>
                <FileName path={sourceName(model)} />
              </dd>
            </div>
            <div>
              <dt>{l.built}</dt>
              <dd>
                <time dateTime={model.date}>{c.date}</time>
              </dd>
            </div>
            <div>
              <dt>{l.files}</dt>
              <dd>{c.num(files.length)}</dd>
            </div>
            <div>
              <dt>{l.total}</dt>
              <dd>{c.size(total)}</dd>
            </div>
          </dl>
          <nav aria-label={l.sections} lang={l.lang}>
            <ul>
              {nav
                .filter(([, , shown]) => shown)
                .map(([id, name]) => (
                  <li key={id}>
                    <a href={`#${id}`}>{name}</a>
                  </li>
                ))}
              <li>
                <a href="manifest.json">{l.manifest}</a>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          <Booklet c={c} files={ofKind('booklet')} />
          <Leaflets c={c} files={ofKind('leaflet')} />
          <Cards c={c} files={cards} />
          <PrintFiles c={c} outputs={print} />
        </main>
        <footer lang={l.lang}>
          <p>{l.footer}</p>
        </footer>
        <p id="status" role="status" aria-live="polite" data-copied={l.copied} data-failed={l.copyFailed} lang={l.lang}></p>
        <script dangerouslySetInnerHTML={{ __html: SCRIPT }} />
      </body>
    </html>
  );
}
