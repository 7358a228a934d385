/**
 * A separate process for the lock tests (test/safety/lock.test.ts), driven
 * over IPC: `take` tries to lock an output folder once and answers whether
 * it holds it; `release` gives it back; `hold-until-signal` takes the lock
 * and waits to be ended by a signal.
 */
import { lockOutput, type Lock } from '../../src/output/writeOutputs.js';
import { WarraqError } from '../../src/diagnostics.js';

let lock: Lock | undefined;

process.on('message', async (m: { cmd: string; out?: string; round?: number }) => {
  if (m.cmd === 'take') {
    try {
      lock = await lockOutput(m.out!);
      process.send!({ round: m.round, held: true });
    } catch (e) {
      process.send!({ round: m.round, held: false, code: e instanceof WarraqError ? e.diagnostics[0].code : String(e) });
    }
  } else if (m.cmd === 'release') {
    await lock?.release();
    lock = undefined;
    process.send!({ round: m.round, released: true });
  } else if (m.cmd === 'exit') process.disconnect();
});
process.send!({ ready: true });
