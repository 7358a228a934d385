/** The compile's check that node_modules has the edits of patches/ (scripts/patches.mjs). */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPatchesApplied, unappliedPatches } from '../../scripts/patches.mjs';
import { tempDir } from '../support/tmp.js';

const PATCH = `diff --git a/node_modules/pkg/index.js b/node_modules/pkg/index.js
index 1111111..2222222 100644
--- a/node_modules/pkg/index.js
+++ b/node_modules/pkg/index.js
@@ -1,2 +1,2 @@
 const a = 1;
-const deflate = require("pako").deflate;
+const deflate = require("zlib").deflateSync;
`;

describe('patches applied', () => {
  it("this project's node_modules has every patch", () => {
    expect(unappliedPatches(path.resolve(__dirname, '../..'))).toEqual([]);
  });

  it('a package without its patch fails the check, naming the patch and the fix', async () => {
    const root = await tempDir();
    await mkdir(path.join(root, 'patches'));
    await mkdir(path.join(root, 'node_modules/pkg'), { recursive: true });
    await writeFile(path.join(root, 'patches/pkg+1.0.0.patch'), PATCH);
    await writeFile(path.join(root, 'node_modules/pkg/index.js'), 'const a = 1;\nconst deflate = require("pako").deflate;\n');
    expect(unappliedPatches(root)).toEqual([{ patch: 'pkg+1.0.0.patch', file: 'node_modules/pkg/index.js' }]);
    expect(() => checkPatchesApplied(root)).toThrow(/patches\/pkg\+1\.0\.0\.patch[\s\S]*npx patch-package/);

    await writeFile(path.join(root, 'node_modules/pkg/index.js'), 'const a = 1;\nconst deflate = require("zlib").deflateSync;\n');
    expect(() => checkPatchesApplied(root)).not.toThrow();
  });
});
