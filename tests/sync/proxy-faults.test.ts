/**
 * Network faults made by our own TCP proxy between the CLI and a real sqld: every sync
 * either completes or leaves the queue intact, and a later sync converges with exactly one
 * row per entry on the server.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { createClient } from '@libsql/client/http';
import { startFaultProxy, type Fault } from '../helpers/fault-proxy.js';
import { runCli } from '../helpers/run-cli.js';
import { startSqld } from '../helpers/sqld.js';
import { tempHome } from '../helpers/temp-home.js';

const COUNT = 1500;

async function setup(t: TestContext) {
  const sqld = await startSqld();
  t.after(() => sqld.dispose());
  const proxy = await startFaultProxy(sqld.port);
  t.after(() => proxy.close());
  const home = tempHome(t);
  const input = Array.from({ length: COUNT }, (_, i) =>
    JSON.stringify({ command: `deploy ${i}`, timestamp: 1_000_000 + i }),
  ).join('\n');
  assert.equal((await runCli(['record', '--stdin'], { home, input })).code, 0);
  // Fast retries: the fault is on for the whole run, so every attempt fails.
  const viaProxy = { TURSO_DATABASE_URL: proxy.url };
  return { sqld, proxy, home, viaProxy };
}

async function pending(home: string): Promise<number> {
  return (
    JSON.parse((await runCli(['status', '--json'], { home })).stdout) as { pendingUpload: number }
  ).pendingUpload;
}

async function serverRows(url: string): Promise<{ rows: number; distinct: number }> {
  const client = createClient({ url });
  try {
    const result = await client.execute(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT command_uuid) AS d FROM history',
    );
    return { rows: Number(result.rows[0]!['n']), distinct: Number(result.rows[0]!['d']) };
  } finally {
    client.close();
  }
}

const FAULTS: [string, Fault][] = [
  [
    'the connection is cut in the middle of every response',
    { kind: 'cut-response', afterBytes: 200 },
  ],
  ['the connection closes right after the server committed', { kind: 'close-after-commit' }],
];

for (const [what, fault] of FAULTS) {
  test(`${what}: the sync fails with the queue intact; a later sync converges with no duplicates`, async (t) => {
    const { sqld, proxy, home, viaProxy } = await setup(t);
    proxy.set(fault);
    const failed = await runCli(['sync'], { home, env: viaProxy });
    assert.equal(failed.code, 5, failed.stderr);
    assert.equal(failed.stderr.trim().split('\n').length, 1, failed.stderr);
    assert.ok(proxy.cuts() > 0);
    // Only batches the server confirmed may leave the queue; with every answer cut, none did.
    assert.equal(await pending(home), COUNT);
    proxy.set({ kind: 'pass' });
    const synced = await runCli(['sync', '--json'], { home, env: viaProxy });
    assert.equal(synced.code, 0, synced.stderr);
    assert.equal(await pending(home), 0);
    assert.deepEqual(await serverRows(sqld.url), { rows: COUNT, distinct: COUNT });
    // Another machine pulls exactly the same history.
    const other = tempHome(t);
    assert.equal((await runCli(['sync'], { home: other, env: viaProxy })).code, 0);
    const stats = JSON.parse((await runCli(['stats', '--json'], { home: other })).stdout) as {
      total: number;
    };
    assert.equal(stats.total, COUNT);
  });
}

test('a slow link (every chunk delayed) still completes, and a pull whose responses are cut resumes', async (t) => {
  const { sqld, proxy, home, viaProxy } = await setup(t);
  proxy.set({ kind: 'delay', ms: 20 });
  const slow = await runCli(['sync'], { home, env: viaProxy });
  assert.equal(slow.code, 0, slow.stderr);
  assert.deepEqual(await serverRows(sqld.url), { rows: COUNT, distinct: COUNT });
  // A new machine pulls through a link that cuts every response after 20 KB.
  const other = tempHome(t);
  proxy.set({ kind: 'cut-response', afterBytes: 20_000 });
  const cutsBefore = proxy.cuts();
  const cutPull = await runCli(['sync'], { home: other, env: viaProxy });
  assert.ok(proxy.cuts() > cutsBefore, 'responses were cut');
  // Each retry opens a new connection and gets further: the pull may finish or stop; either
  // way what it applied is consistent and the next sync completes it.
  assert.ok(cutPull.code === 0 || cutPull.code === 5, cutPull.stderr);
  proxy.set({ kind: 'pass' });
  assert.equal((await runCli(['sync'], { home: other, env: viaProxy })).code, 0);
  const stats = JSON.parse((await runCli(['stats', '--json'], { home: other })).stdout) as {
    total: number;
  };
  assert.equal(stats.total, COUNT);
});
