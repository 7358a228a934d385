// `node --import …/loadLog.mjs`: records the URL of every module the process
// imports (after any other loader's mapping), every file a require() loads
// (the module hooks see ES modules only) and every bundle file (`.cjs`) read
// to be run as a script (scripts/vendor.mjs), into the file named by
// WARRAQ_LOAD_LOG, one per line (test/cli/startup.test.ts).
import { appendFileSync } from 'node:fs';
import fs from 'node:fs';
import Module, { register, syncBuiltinESMExports } from 'node:module';
import { pathToFileURL } from 'node:url';

const log = process.env.WARRAQ_LOAD_LOG;
register('./loadLogHooks.mjs', import.meta.url, { data: { log } });

if (log) {
  const note = (file) => appendFileSync(log, `${pathToFileURL(file).href}\n`);
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    const exports = load.call(this, request, parent, isMain);
    if (!request.startsWith('node:') && !Module.isBuiltin(request)) note(Module._resolveFilename(request, parent, isMain));
    return exports;
  };
  const read = fs.readFileSync;
  fs.readFileSync = function (file, ...rest) {
    if (typeof file === 'string' && file.endsWith('.cjs')) note(file);
    return read.call(this, file, ...rest);
  };
  // ES modules' `import { readFileSync } from 'node:fs'` see the wrapper too.
  syncBuiltinESMExports();
}
