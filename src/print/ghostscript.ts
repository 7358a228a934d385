/** Where Ghostscript is: a light module (no pdf-lib), so a build can ask without loading the PDF/X code. */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Absolute path of the Ghostscript executable on `pathEnv`, or null. */
export function findGhostscript(pathEnv: string = process.env.PATH ?? ''): string | null {
  const names = process.platform === 'win32' ? ['gswin64c.exe', 'gswin32c.exe', 'gs.exe'] : ['gs'];
  for (const dir of pathEnv.split(delimiter)) {
    if (dir === '') continue;
    for (const name of names) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}
