/**
 * What the shell hook costs per recorded command. Three figures, each against a baseline
 * from the same run:
 * - the prompt: an interactive bash (HISTCONTROL=ignoreboth) runs N commands with the hook
 *   and without; the hook's program is a no-op here, so the difference is the hook's own
 *   work before the next prompt (reading the history, the background fork);
 * - the background process the hook starts: `record --sync-if-due` in a local-only home, its
 *   CPU (user + system, from bash's `times`) and wall time, against a bare `node -e 0`;
 * - the alternative a long-lived per-user process would allow: the same fields written by
 *   bash itself to a TCP listener (bash's /dev/tcp, no process started).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { DATA_DIR } from './fixtures.js';

const CLI = resolve('dist/cli.js');

/** Runs `script` in bash; returns wall ms and the children's CPU ms (bash's `times`). */
function bashTimed(script: string, env: NodeJS.ProcessEnv): { wallMs: number; cpuMs: number } {
  const start = performance.now();
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', `${script}\ntimes`], {
    env,
    encoding: 'utf8',
  });
  const wallMs = performance.now() - start;
  if (result.status !== 0) throw new Error(`bench hook: ${result.stderr}`);
  // `times` prints the shell's, then its children's, user and system time: 0m0.123s 0m0.045s
  const lines = result.stdout.trim().split('\n');
  const children = lines[lines.length - 1] ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map(
    (m) => Number(m[1]) * 60 + Number(m[2]),
  );
  return { wallMs, cpuMs: seconds.reduce((a, b) => a + b, 0) * 1000 };
}

/** Wall ms per command of an interactive bash fed `runs` commands, with or without the hook. */
function promptMs(dir: string, runs: number, hook: boolean): number {
  const bin = join(dir, 'bin');
  const rc = join(dir, hook ? 'rc-hook' : 'rc-plain');
  writeFileSync(
    rc,
    [
      'HISTCONTROL=ignoreboth',
      `PATH=${bin}:$PATH`,
      hook ? `eval "$(${process.execPath} ${CLI} init bash)"` : '',
    ].join('\n'),
  );
  const input = Array.from({ length: runs }, (_, i) => `true ${i}\n`).join('');
  const start = performance.now();
  const result = spawnSync('bash', ['--rcfile', rc, '-i'], { input, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`bench hook: bash exited ${result.status}`);
  return (performance.now() - start) / runs;
}

async function tcpWriteMs(runs: number): Promise<{ wallMs: number; received: number }> {
  let received = 0;
  const server = createServer((socket) => socket.on('data', (d) => (received += d.length)));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as { port: number }).port;
  const script =
    `for i in $(seq ${runs}); do ` +
    `printf '%s\\0%s\\0%s\\0' "echo command $i" 0 "$PWD" > /dev/tcp/127.0.0.1/${port}; done`;
  const start = performance.now();
  // Asynchronous, so the listener in this process can read while bash writes.
  await new Promise<void>((done, fail) => {
    const child = spawn('bash', ['--norc', '--noprofile', '-c', script], { stdio: 'ignore' });
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`bash ${code}`))));
  });
  const wallMs = (performance.now() - start) / runs;
  server.close();
  return { wallMs, received };
}

export async function benchHook(runs: number): Promise<string[]> {
  const dir = join(DATA_DIR, 'hook');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'bin'), { recursive: true });
  const noop = join(dir, 'bin', 'mcp-terminal');
  writeFileSync(noop, '#!/bin/sh\nexit 0\n');
  chmodSync(noop, 0o755);

  promptMs(dir, 20, true); // warm-up
  const plain = promptMs(dir, runs, false);
  const hooked = promptMs(dir, runs, true);

  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  // NODE_EXTRA_CA_CERTS, set on this machine, costs Node 50-150 ms at every start (see the
  // start-up table): unset, as on a person's machine.
  const env = {
    ...process.env,
    MCP_TERMINAL_HOME: home,
    TURSO_DATABASE_URL: '',
    NODE_EXTRA_CA_CERTS: '',
  };
  const recordRuns = Math.max(10, Math.floor(runs / 10));
  const record = bashTimed(
    `for i in $(seq ${recordRuns}); do ${process.execPath} ${CLI} record --command="echo $i" --status=0 --sync-if-due >/dev/null; done`,
    env,
  );
  const bare = bashTimed(`for i in $(seq ${recordRuns}); do ${process.execPath} -e 0; done`, env);
  const tcp = await tcpWriteMs(runs);

  const ms = (value: number) => `${value.toFixed(2)} ms`;
  return [
    `| hook's work before the next prompt (bash, ignoreboth), per command | ${ms(hooked - plain)} | bash without the hook: ${ms(plain)} a command |`,
    `| background \`record --sync-if-due\` (local-only home): CPU per command | ${ms(record.cpuMs / recordRuns)} | \`node -e 0\`: ${ms(bare.cpuMs / recordRuns)} |`,
    `| background \`record --sync-if-due\`: wall per command (off the prompt) | ${ms(record.wallMs / recordRuns)} | \`node -e 0\`: ${ms(bare.wallMs / recordRuns)} |`,
    `| alternative, a per-user daemon: bash writes the fields to /dev/tcp, per command | ${ms(tcp.wallMs)} | ${tcp.received} bytes received |`,
  ];
}
