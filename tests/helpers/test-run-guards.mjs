// Loaded (--import, by scripts/run-tests.mjs) into every test file's process; node's runner
// itself does not load --import modules. Plain JavaScript: it must work before anything else
// is loaded. Worker threads load it too (they inherit the flags): there it does nothing,
// since a worker's process.stdin is not the parent's pipe and its tests are its file's.
import { fstatSync } from 'node:fs';
import { afterEach, beforeEach } from 'node:test';
import { isMainThread } from 'node:worker_threads';

// 1. A test file ends when node's runner does. Its stdin is a pipe from the runner that
//    nobody writes to; the kernel closes it when the runner dies, however it dies (SIGKILL
//    too), so the end of stdin means: nobody is waiting for this file any more. What the
//    file started ends with it (tests/helpers/reaper.ts).
const stdin = fstatSync(0);
if (isMainThread && (stdin.isFIFO() || stdin.isSocket())) {
  process.stdin.on('data', () => undefined);
  process.stdin.once('end', () => process.exit(1));
  process.stdin.unref(); // reading it must not keep a finished process alive
}

// 2. In a test file: a test that runs this long is hung, not slow. Node 20 has no limit per
//    test in a file's process (--test-timeout limits whole files, which a busy machine hit
//    with files that worked), so this says which test hung and ends the file. Generous on
//    purpose: the slowest test takes seconds on an idle machine, minutes on a loaded one.
//    MCP_TEST_HUNG_AFTER_MS changes it (to watch this guard work, or for a long fuzz run).
const HUNG_AFTER_MS = Number(process.env['MCP_TEST_HUNG_AFTER_MS']) || 15 * 60_000;
if (isMainThread && process.env['NODE_TEST_CONTEXT'] === 'child-v8') {
  const timers = new Map();
  beforeEach((t) => {
    const timer = setTimeout(() => {
      process.stderr.write(
        `test "${t.fullName ?? t.name}" ran for ${HUNG_AFTER_MS / 1000} s: hung; ending ${process.argv[1]}\n`,
      );
      process.exit(1);
    }, HUNG_AFTER_MS);
    timer.unref();
    timers.set(t, timer);
  });
  afterEach((t) => {
    clearTimeout(timers.get(t));
    timers.delete(t);
  });
}
