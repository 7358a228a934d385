/**
 * The files the gallery page shows, as their manifest entries describe them,
 * and which of them it shows as thumbnails. Apart from the page's JSX
 * (gallery.tsx), so that the thumbnails kind (src/jobs/kinds/thumbnails.ts),
 * loaded by a build with nothing to do, can ask which file a thumbnail shows
 * without loading React.
 */

/** One file of the build, as its manifest entry describes it. */
export interface GalleryFile {
  /** The manifest's kind: booklet, leaflet, card, alt-text, print. */
  kind: string;
  path: string;
  /** Size in bytes. */
  size: number;
  point?: number;
  format?: string;
  pages?: number;
  width?: number;
  height?: number;
  alt?: string;
  /** A carousel's slide (1-based), absent for a card that is not one. */
  slide?: { index: number; count: number };
}

/**
 * How many pages of a file the page shows as thumbnails: every page of the
 * booklet, a leaflet's first page, a card image once (its PNG; the WebP and
 * JPEG are the same picture); none for the other files.
 */
export function thumbPages(f: GalleryFile): number {
  if (f.kind === 'booklet') return Infinity;
  if (f.kind === 'leaflet' && f.point !== undefined) return 1;
  if (f.kind === 'card' && f.alt !== undefined) return 1;
  return 0;
}
