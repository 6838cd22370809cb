/**
 * The sync lease through the real binary, a real sqld and real processes: a holder that
 * is gone (a `sync` killed with -9 mid-push, or a planted lease naming a pid that was
 * killed) is passed over at once and `status` stops showing SYNCING; a live holder makes
 * `sync` say once whom it waits for, and sync as soon as that holder is gone.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { LocalCache } from '../../source/storage/local-cache.js';
import {
  acquireLease,
  activeLease,
  thisProcess,
  writeLeaseProgress,
} from '../../source/storage/sync-lease.js';
import { LEASE_TTL_MS } from '../../source/sync/sync-job.js';
import { spawnOwned } from '../helpers/reaper.js';
import { CLI_PATH, runCli } from '../helpers/run-cli.js';
import { serverHistoryCount, startSqld, type Sqld } from '../helpers/sqld.js';
import { tempHome } from '../helpers/temp-home.js';
import { waitFor } from '../helpers/wait-for.js';

const WAITING = /waiting for another mcp-terminal process to finish syncing this home/g;

async function server(t: TestContext): Promise<Sqld> {
  const sqld = await startSqld();
  t.after(() => sqld.dispose());
  return sqld;
}

function homeWith(t: TestContext, config: object): string {
  const home = tempHome(t);
  writeFileSync(join(home, 'config.json'), JSON.stringify(config), { mode: 0o600 });
  return home;
}

function withCache<T>(home: string, use: (cache: LocalCache) => T): T {
  const cache = LocalCache.open(join(home, 'cache.db'));
  try {
    return use(cache);
  } finally {
    cache.close();
  }
}

async function record(home: string, count: number): Promise<void> {
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({ command: `lease test ${i}`, timestamp: 1_000_000 + i }),
  ).join('\n');
  assert.equal((await runCli(['record', '--stdin'], { home, input: lines })).code, 0);
}

async function stateOf(home: string, url: string): Promise<{ state: string; progress: unknown }> {
  const result = await runCli(['status', '--json'], { home, env: { TURSO_DATABASE_URL: url } });
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

/** `mcp-terminal sync` in the background, its stderr collected. */
function startSync(home: string, url: string) {
  const env: Record<string, string | undefined> = { ...process.env };
  delete env['TURSO_AUTH_TOKEN'];
  const child = spawnOwned(process.execPath, [CLI_PATH, 'sync'], {
    env: { ...env, MCP_TERMINAL_HOME: home, TURSO_DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const output = { stderr: '' };
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output };
}

/** A process that lives until killed (a stand-in lease holder). */
async function liveProcess(t: TestContext) {
  const child = spawnOwned(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], {
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  t.after(() => child.kill('SIGKILL'));
  await new Promise((resolve, reject) => child.once('spawn', resolve).once('error', reject));
  return { pid: child.pid!, kill: () => (child.kill('SIGKILL'), exited) };
}

/** Plants the lease of a `sync` run by `pid` on this host, mid-push, for ten minutes. */
function plantLease(home: string, pid: number): void {
  withCache(home, (cache) => {
    const owner = `sync-${pid}-planted0`;
    const self = { ...thisProcess(), pid };
    assert.ok(acquireLease(cache, owner, 600_000, Date.now(), self).taken);
    writeLeaseProgress(cache, { phase: 'push', done: 100, total: 1000 });
  });
}

describe('the sync lease across processes', () => {
  test('a sync killed with -9 mid-push: its lease names it, and the next sync passes it over at once', async (t) => {
    const sqld = await server(t);
    const home = homeWith(t, { sync: { batch_size: 50 } });
    const total = 8000;
    await record(home, total);
    const push = startSync(home, sqld.url);
    await waitFor(
      'part of the push on the server',
      async () => (await serverHistoryCount(sqld.url)) >= 200,
    );
    push.child.kill('SIGKILL');
    await push.exited;
    assert.ok((await serverHistoryCount(sqld.url)) < total, 'killed mid-push');

    const left = withCache(home, (cache) =>
      activeLease(cache, Date.now(), { ...thisProcess(), isAlive: () => true }),
    );
    assert.equal(left?.pid, push.child.pid, 'the lease left behind records its holder');
    assert.notEqual((await stateOf(home, sqld.url)).state, 'SYNCING');

    const resumed = await runCli(['sync'], { home, env: { TURSO_DATABASE_URL: sqld.url } });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.doesNotMatch(resumed.stderr, WAITING);
    assert.equal(await serverHistoryCount(sqld.url), total);
    assert.equal((await stateOf(home, sqld.url)).state, 'SYNCHRONIZED');
  });

  test('a planted lease of a killed pid: no SYNCING, and sync completes without waiting', async (t) => {
    const sqld = await server(t);
    const home = homeWith(t, {});
    await record(home, 20);
    const holder = await liveProcess(t);
    await holder.kill(); // a real pid, now without a process
    plantLease(home, holder.pid);
    const status = await stateOf(home, sqld.url);
    assert.equal(status.state, 'PENDING_UPLOAD');
    assert.equal(status.progress, null);

    const started = performance.now();
    const result = await runCli(['sync'], { home, env: { TURSO_DATABASE_URL: sqld.url } });
    const elapsed = performance.now() - started;
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, WAITING);
    // The planted lease lasts ten minutes; even its usual 30 s would show here.
    assert.ok(elapsed < LEASE_TTL_MS / 2, `sync took ${Math.round(elapsed)} ms`);
    assert.equal(await serverHistoryCount(sqld.url), 20);
    assert.equal((await stateOf(home, sqld.url)).state, 'SYNCHRONIZED');
  });

  test('a live holder: sync says once whom it waits for, and syncs once the holder is gone', async (t) => {
    const sqld = await server(t);
    const home = homeWith(t, {});
    await record(home, 20);
    const holder = await liveProcess(t);
    plantLease(home, holder.pid);
    assert.equal((await stateOf(home, sqld.url)).state, 'SYNCING');

    const sync = startSync(home, sqld.url);
    t.after(() => sync.child.kill('SIGKILL'));
    await waitFor('the waiting line', () => sync.output.stderr.includes('\n'));
    assert.equal(
      sync.output.stderr,
      `waiting for another mcp-terminal process to finish syncing this home (pid ${holder.pid}, a one-shot mcp-terminal sync)…\n`,
    );
    // While `status` runs (a whole process), the waiting sync retries the lease many times.
    assert.equal((await stateOf(home, sqld.url)).state, 'SYNCING');
    assert.equal(sync.child.exitCode, null, 'still waiting while the holder lives');
    assert.equal(await serverHistoryCount(sqld.url), 0);

    await holder.kill();
    const code = await sync.exited;
    assert.equal(code, 0, sync.output.stderr);
    assert.equal(sync.output.stderr.match(WAITING)?.length, 1, 'said once, not per retry');
    assert.equal(await serverHistoryCount(sqld.url), 20);
    assert.equal((await stateOf(home, sqld.url)).state, 'SYNCHRONIZED');
  });
});
