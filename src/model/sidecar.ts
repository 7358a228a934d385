/** Where a source's metadata sits beside it (a light module: the build's up-to-date check needs it without the parser). */

/** `source/x.txt` → `source/x.meta.yaml` (other names get `.meta.yaml` appended). */
export function sidecarPath(sourcePath: string): string {
  return /\.txt$/i.test(sourcePath) ? sourcePath.replace(/\.txt$/i, '.meta.yaml') : sourcePath + '.meta.yaml';
}
