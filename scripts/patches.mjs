/**
 * Whether node_modules has the edits of patches/ (applied by `patch-package`,
 * npm's postinstall). Job keys hash the patches' text, not whether they are
 * applied: without them pdf-lib deflates with pako and the print files get
 * other bytes under the same keys. So the compile (scripts/compile.mjs)
 * checks that every line a patch adds is in the file it patches (a few files
 * read, a few ms) and fails otherwise.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The lines each file of a patch-package patch gains, by the file's path (relative to the project). */
export function addedLines(patchText) {
  const out = new Map();
  let file;
  for (const line of patchText.split('\n')) {
    if (line.startsWith('+++ ')) {
      file = line.slice(4).replace(/^b\//, '');
      out.set(file, []);
    } else if (file && line.startsWith('+') && line.slice(1).trim()) out.get(file).push(line.slice(1));
  }
  return out;
}

/** The patches of `root`/patches/ not applied to its node_modules, each with the first file that lacks one of its lines. */
export function unappliedPatches(root) {
  const dir = path.join(root, 'patches');
  const names = (() => {
    try {
      return readdirSync(dir).filter((n) => n.endsWith('.patch')).sort();
    } catch {
      return [];
    }
  })();
  const out = [];
  for (const name of names) {
    for (const [file, lines] of addedLines(readFileSync(path.join(dir, name), 'utf8'))) {
      let text;
      try {
        text = readFileSync(path.join(root, file), 'utf8');
      } catch {
        text = undefined;
      }
      if (text === undefined || lines.some((l) => !text.includes(l))) {
        out.push({ patch: name, file });
        break;
      }
    }
  }
  return out;
}

/** Throws, naming the patches and the fix, when a patch of `root`/patches/ is not applied. */
export function checkPatchesApplied(root) {
  const missing = unappliedPatches(root);
  if (!missing.length) return;
  const list = missing.map((m) => `  patches/${m.patch} (${m.file})`).join('\n');
  throw new Error(`node_modules lacks these patches (the outputs would differ under the same cache keys):\n${list}\nRun \`npx patch-package\` in ${root}, then compile again.`);
}
