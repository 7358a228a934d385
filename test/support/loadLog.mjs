// `node --import …/loadLog.mjs`: records the URL of every module the process
// imports (after any other loader's mapping) into the file named by
// WARRAQ_LOAD_LOG, one per line (test/cli/startup.test.ts).
import { register } from 'node:module';

register('./loadLogHooks.mjs', import.meta.url, { data: { log: process.env.WARRAQ_LOAD_LOG } });
