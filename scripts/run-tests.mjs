// Runs every tests/**/*.test.ts(x) with node's own test runner, TypeScript loaded by tsx.
// Files run two at a time (the machine has two cores); each test waits on conditions,
// never on fixed sleeps, so parallel files do not make each other flaky.
//
// No time limit per file (--test-timeout): a file's time grows with its tests and with the
// machine's load, and a busy machine hit the limit with files that worked. A test that runs
// for many minutes is reported as hung instead (tests/helpers/test-run-guards.mjs), and
// --test-force-exit ends a file whose tests are done even if something was left open.
//
// Nothing outlives this process, however it ends (SIGKILL too): node's runner leads its own
// process group, with the test files in it, and a watchdog (tests/helpers/reaper.sh) kills
// that group when this process's pipe to it closes. Each test file ends what it started
// (tests/helpers/reaper.ts), and ends itself if node's runner is killed (test-run-guards.mjs).
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GUARDS = new URL('../tests/helpers/test-run-guards.mjs', import.meta.url).href;
const REAPER = fileURLToPath(new URL('../tests/helpers/reaper.sh', import.meta.url));

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return /\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const filter = process.argv.slice(2);
const files = findTests('tests')
  .filter((file) => filter.length === 0 || filter.some((f) => file.includes(f)))
  .sort();
if (files.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(1);
}
const runner = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--import',
    GUARDS,
    '--test',
    '--test-concurrency=2',
    '--test-force-exit',
  ].concat(files),
  {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  },
);
const reaper = spawn('sh', [REAPER], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
reaper.stdin.write(`+group ${runner.pid}\n`);
reaper.unref();
// A Ctrl-C reaches this process only (the runner has its own group), and ends it: the
// watchdog then ends the run.
runner.on('exit', (code, signal) => {
  try {
    process.kill(-runner.pid, 'SIGKILL'); // a test file left behind, if any
  } catch {
    // The group ended with the runner, as it should.
  }
  reaper.stdin.end(`-group ${runner.pid}\n`);
  process.exitCode = code ?? (signal ? 1 : 0);
});
