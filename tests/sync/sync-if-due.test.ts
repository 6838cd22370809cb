/**
 * The hooks' background sync (`record --sync-if-due`) against a real sqld and a real cache,
 * with the wait injected: one waiter per machine, a sync at the due time, a wait beyond the
 * cap not taken, and a waiter that died replaced at once.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { MAX_WAIT_MS, syncIfDue } from '../../source/commands/sync-if-due.js';
import { loadConfig } from '../../source/config/load-config.js';
import { META } from '../../source/storage/cache-sync-store.js';
import { LocalCache } from '../../source/storage/local-cache.js';
import { releaseWaiterRole, takeWaiterRole } from '../../source/storage/sync-lease.js';
import { startSqld } from '../helpers/sqld.js';
import { tempHome } from '../helpers/temp-home.js';
import { waitFor } from '../helpers/wait-for.js';

async function machine(t: TestContext, interval: number) {
  const sqld = await startSqld();
  t.after(() => sqld.dispose());
  const home = tempHome(t);
  writeFileSync(
    join(home, 'config.json'),
    JSON.stringify({ remote: { url: sqld.url }, sync: { interval } }),
  );
  const config = loadConfig({ env: { MCP_TERMINAL_HOME: home } });
  const cache = LocalCache.open(config.cachePath);
  t.after(() => cache.close());
  return { config, cache };
}

/** A sleep the test ends by hand, recording how long it was asked for. */
function heldSleep() {
  const asked: number[] = [];
  let wake = () => {};
  const sleep = (ms: number) => {
    asked.push(ms);
    return new Promise<void>((resolve) => (wake = resolve));
  };
  return { sleep, asked, wake: () => wake() };
}

test('one waiter per machine; it syncs when the sync falls due, and pulls once more an interval later', async (t) => {
  const { config, cache } = await machine(t, 60_000);
  const now = 1_000_000_000_000;
  cache.setMeta(META.lastAttemptAt, String(now - 20_000)); // due in 40 s
  cache.recordMany([{ command: 'typed before a pause' }]);
  const first = heldSleep();
  const waiting = syncIfDue(config, cache, () => now, first.sleep);
  // The first process waits for the due time; a second one leaves it to the first.
  await waitFor('the first process to wait', () => first.asked.length > 0);
  assert.deepEqual(first.asked, [40_000]);
  const second = heldSleep();
  assert.equal(await syncIfDue(config, cache, () => now, second.sleep), false);
  assert.deepEqual(second.asked, [], 'the second did not wait');
  first.wake();
  // After its sync, it waits one interval more for a follow-up pull: another machine may
  // upload a command typed before this one only at the end of its own interval.
  await waitFor('the follow-up wait', () => first.asked.length > 1);
  assert.equal(cache.pendingUploadCount(), 0, 'the waiter synced');
  assert.deepEqual(first.asked, [40_000, 60_000]);
  first.wake();
  assert.equal(await waiting, true);
  assert.equal(first.asked.length, 2, 'nothing waiting: no third round');
});

test('a sync due beyond the cap is left to a later command', async (t) => {
  const { config, cache } = await machine(t, MAX_WAIT_MS * 2);
  const now = 1_000_000_000_000;
  cache.setMeta(META.lastAttemptAt, String(now));
  cache.recordMany([{ command: 'x' }]);
  const held = heldSleep();
  assert.equal(await syncIfDue(config, cache, () => now, held.sleep), false);
  assert.deepEqual(held.asked, []);
  assert.equal(cache.pendingUploadCount(), 1);
});

test('a waiter whose process died is replaced at once; a live one is not', async (t) => {
  const { cache } = await machine(t, 60_000);
  const now = Date.now();
  const site = { host: 'this-host', pidNamespace: null };
  const DEAD = 4_000_001;
  // Each process judges the holder's pid: here the first waiter's process is gone.
  const first = { ...site, pid: DEAD, isAlive: () => true };
  const second = { ...site, pid: 4_000_002, isAlive: (pid: number) => pid !== DEAD };
  const third = { ...site, pid: 4_000_003, isAlive: (pid: number) => pid !== DEAD };
  assert.equal(takeWaiterRole(cache, 'record-1-a', now + 60_000, now, first), true);
  assert.equal(takeWaiterRole(cache, 'record-2-b', now + 60_000, now, second), true);
  assert.equal(takeWaiterRole(cache, 'record-3-c', now + 60_000, now, third), false);
  releaseWaiterRole(cache, 'record-2-b');
  assert.equal(takeWaiterRole(cache, 'record-3-c', now + 60_000, now, third), true);
});
