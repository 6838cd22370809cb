import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../source/config/load-config.js';
import type { SyncState } from '../../source/core/types.js';
import { LocalCache } from '../../source/storage/local-cache.js';
import { BackgroundSync, type SyncedEvent } from '../../source/worker/background-sync.js';
import { spawnOwned } from '../helpers/reaper.js';
import { runCli } from '../helpers/run-cli.js';
import { serverHistoryCount, startSqld, type Sqld } from '../helpers/sqld.js';
import { tempHome } from '../helpers/temp-home.js';
import { waitFor } from '../helpers/wait-for.js';

const CHILD = fileURLToPath(new URL('../helpers/background-process.mjs', import.meta.url));

async function server(t: TestContext): Promise<Sqld> {
  const sqld = await startSqld();
  t.after(() => sqld.dispose());
  return sqld;
}

/** A home whose config points at `url`, and a BackgroundSync for it (stopped at the end). */
function setup(
  t: TestContext,
  url: string,
  sync: Record<string, unknown>,
  extra: { testHooks?: boolean } = {},
) {
  const home = tempHome(t);
  writeFileSync(join(home, 'config.json'), JSON.stringify({ sync, remote: { url } }), {
    mode: 0o600,
  });
  const config = loadConfig({ env: { MCP_TERMINAL_HOME: home } });
  const background = new BackgroundSync({ config, restartDelayMs: () => 50, ...extra });
  const synced: SyncedEvent[] = [];
  const states: SyncState[] = [];
  background.on('synced', (event) => synced.push(event));
  background.onState((status) => states.push(status.state));
  t.after(() => background.stop());
  const cache = LocalCache.open(config.cachePath);
  t.after(() => cache.close());
  return { home, config, background, synced, states, cache };
}

describe('BackgroundSync in a worker thread', () => {
  test('syncs on its interval: an entry from another machine arrives with no trigger', async (t) => {
    const sqld = await server(t);
    const { background, cache } = setup(t, sqld.url, { interval: 1000 });
    background.start();
    const other = tempHome(t);
    const uuid = (
      await runCli(['record', '--command', 'from elsewhere'], { home: other })
    ).stdout.trim();
    assert.equal(
      (await runCli(['sync'], { home: other, env: { TURSO_DATABASE_URL: sqld.url } })).code,
      0,
    );
    await waitFor('the periodic sync to bring the entry', () => cache.get(uuid) !== null, {
      timeoutMs: 10_000,
    });
    await waitFor('a SYNCHRONIZED state', () => background.state?.state === 'SYNCHRONIZED');
  });

  test('syncs promptly after a local write, long before its interval', async (t) => {
    const sqld = await server(t);
    const { background, cache } = setup(t, sqld.url, { interval: 3_600_000 });
    background.start();
    await waitFor(
      'the first sync',
      () => background.state?.lastSyncedAt !== null && background.state !== null,
    );
    cache.record({ command: 'written in another connection' });
    await waitFor(
      'the write on the server',
      async () => (await serverHistoryCount(sqld.url)) === 1,
      {
        timeoutMs: 5000,
      },
    );
  });

  test('a burst of 1,000 writes costs a bounded number of round trips', async (t) => {
    const sqld = await server(t);
    const { background, cache, synced } = setup(t, sqld.url, {
      interval: 3_600_000,
      batch_size: 100,
    });
    background.start();
    await waitFor('the first sync', () => synced.length >= 1);
    const before = synced.length;
    for (let i = 0; i < 1000; i++) {
      cache.record({ command: `burst ${i}` });
      background.notifyWrite();
    }
    await waitFor(
      'all 1,000 on the server',
      async () => (await serverHistoryCount(sqld.url)) === 1000,
      {
        timeoutMs: 15_000,
      },
    );
    await waitFor(
      'the sync to report',
      () => synced.slice(before).reduce((n, e) => n + e.uploaded, 0) >= 1000,
    );
    const trips = synced.slice(before).reduce((n, e) => n + e.roundTrips, 0);
    const syncs = synced.length - before;
    assert.ok(syncs <= 4, `the burst coalesced into ${syncs} syncs`);
    assert.ok(trips <= 2 * Math.ceil(1000 / 100) + 8, `round trips: ${trips}`);
  });

  test('server killed: OFFLINE soon, writes kept; server back: SYNCHRONIZED with no action', async (t) => {
    const sqld = await server(t);
    const { background, cache, states } = setup(t, sqld.url, {
      interval: 60_000,
      retry_attempts: 0,
    });
    background.start();
    await waitFor('SYNCHRONIZED', () => background.state?.state === 'SYNCHRONIZED');
    await sqld.stop(true);
    cache.record({ command: 'while the server is down' });
    await waitFor('OFFLINE', () => background.state?.state === 'OFFLINE', { timeoutMs: 5000 });
    assert.equal(cache.pendingUploadCount(), 1);
    await sqld.restart();
    await waitFor('SYNCHRONIZED again', () => background.state?.state === 'SYNCHRONIZED', {
      timeoutMs: 10_000,
    });
    assert.equal(await serverHistoryCount(sqld.url), 1);
    assert.equal(cache.pendingUploadCount(), 0);
    assert.ok(states.includes('OFFLINE'));
  });

  test('a worker that throws is restarted, and syncing goes on', async (t) => {
    const sqld = await server(t);
    const { background, cache } = setup(t, sqld.url, { interval: 3_600_000 }, { testHooks: true });
    const errors: string[] = [];
    background.on('error', (event) => errors.push(event.message));
    background.start();
    await waitFor('SYNCHRONIZED', () => background.state?.state === 'SYNCHRONIZED');
    background.crashForTest();
    await waitFor('a restart', () => background.restarts === 1);
    assert.match(errors.join('\n'), /sync worker crashed: crash requested by a test/);
    cache.record({ command: 'after the crash' });
    const report = await waitFor('a sync through the new worker', () =>
      background.syncNow().catch(() => null),
    );
    assert.ok(report === null || report.uploaded >= 0);
    await waitFor(
      'the entry on the server',
      async () => (await serverHistoryCount(sqld.url)) === 1,
    );
  });

  test('stop() during a long push: it ends, the lease is released, and nothing is lost', async (t) => {
    const sqld = await server(t);
    const { background, home, cache } = setup(t, sqld.url, { interval: 3_600_000, batch_size: 20 });
    cache.recordMany(Array.from({ length: 4000 }, (_, i) => ({ command: `long ${i}` })));
    let progressed = 0;
    background.on('progress', () => progressed++);
    background.start();
    await waitFor('the push under way', () => progressed > 3);
    await background.stop();
    const partial = await serverHistoryCount(sqld.url);
    assert.ok(partial < 4000, `stopped part way (${partial})`);
    const status = JSON.parse((await runCli(['status', '--json'], { home })).stdout);
    assert.notEqual(status.state, 'SYNCING', 'the lease was released');
    assert.equal((await runCli(['sync'], { home })).code, 0);
    assert.equal(await serverHistoryCount(sqld.url), 4000);
  });
});

describe('one syncer per machine', () => {
  test('two processes with background sync on one home never sync at the same time', async (t) => {
    const sqld = await server(t);
    const home = tempHome(t);
    writeFileSync(
      join(home, 'config.json'),
      JSON.stringify({ sync: { interval: 1000, batch_size: 5 }, remote: { url: sqld.url } }),
      { mode: 0o600 },
    );
    const children = [0, 1].map(() => {
      const child = spawnOwned(process.execPath, [CHILD, '300'], {
        env: { ...process.env, MCP_TERMINAL_HOME: home },
      });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
      const exited = new Promise((resolve) => child.on('exit', resolve));
      t.after(() => child.kill('SIGKILL'));
      return {
        child,
        exited,
        lines: () =>
          out
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l)),
      };
    });
    await waitFor(
      'all 600 entries on the server',
      async () => (await serverHistoryCount(sqld.url)) === 600,
      { timeoutMs: 30_000 },
    );
    for (const c of children) c.child.stdin.write('stop\n');
    await Promise.all(children.map((c) => c.exited));
    // Each sync's window: from its first progress event to its synced event.
    const windows: { owner: string; start: number; end: number }[] = [];
    for (const c of children) {
      let start: number | null = null;
      for (const event of c.lines()) {
        if (event.type === 'progress' && start === null) start = event.at;
        if (event.type === 'synced' && start !== null) {
          windows.push({ owner: event.owner, start, end: event.at });
          start = null;
        }
      }
    }
    assert.ok(new Set(windows.map((w) => w.owner)).size >= 1);
    for (const a of windows) {
      for (const b of windows) {
        if (a.owner === b.owner) continue;
        assert.ok(a.end <= b.start || b.end <= a.start, `overlap: ${JSON.stringify([a, b])}`);
      }
    }
    const busy = children.flatMap((c) => c.lines()).filter((e) => e.type === 'busy').length;
    assert.ok(windows.length > 0 && (busy > 0 || windows.length >= 2));
  });
});
