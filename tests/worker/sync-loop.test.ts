import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../source/config/load-config.js';
import { LocalCache } from '../../source/storage/local-cache.js';
import type { WorkerEvent } from '../../source/worker/protocol.js';
import { SyncLoop, WRITE_DEBOUNCE_MS, type Timers } from '../../source/worker/sync-loop.js';
import { startSqld } from '../helpers/sqld.js';
import { tempHome } from '../helpers/temp-home.js';
import { waitFor } from '../helpers/wait-for.js';

/** Timers that fire only when the test says so. */
function manualTimers() {
  let next = 1;
  const pending = new Map<number, { fn: () => void; ms: number }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      pending.set(next, { fn, ms });
      return next++;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  const fire = (predicate: (ms: number) => boolean) => {
    for (const [id, timer] of [...pending]) {
      if (predicate(timer.ms)) {
        pending.delete(id);
        timer.fn();
      }
    }
  };
  return { timers, pending, fire };
}

test('a burst of local writes arms one debounced sync, and one sync runs', async (t) => {
  const sqld = await startSqld();
  t.after(() => sqld.dispose());
  const home = tempHome(t);
  writeFileSync(
    join(home, 'config.json'),
    JSON.stringify({ remote: { url: sqld.url }, sync: { interval: 3_600_000 } }),
  );
  const config = loadConfig({ env: { MCP_TERMINAL_HOME: home } });
  const cache = LocalCache.open(config.cachePath);
  t.after(() => cache.close());
  const events: WorkerEvent[] = [];
  const clock = manualTimers();
  const loop = new SyncLoop({
    config,
    cache,
    owner: 'test',
    emit: (e) => events.push(e),
    timers: clock.timers,
  });
  loop.start();
  clock.fire((ms) => ms === 0); // the initial sync
  await waitFor('the first sync', () => events.some((e) => e.type === 'synced'));
  const before = events.filter((e) => e.type === 'synced').length;

  for (let i = 0; i < 100; i++) {
    cache.record({ command: `write ${i}` });
    loop.localWrite();
  }
  const debounces = [...clock.pending.values()].filter((timer) => timer.ms === WRITE_DEBOUNCE_MS);
  assert.equal(debounces.length, 1, 'one debounce timer for the whole burst');
  clock.fire((ms) => ms === WRITE_DEBOUNCE_MS);
  await waitFor(
    'the burst synced',
    () => events.filter((e) => e.type === 'synced').length > before,
  );
  const burst = events
    .filter((e): e is Extract<WorkerEvent, { type: 'synced' }> => e.type === 'synced')
    .slice(before);
  assert.equal(burst.length, 1);
  assert.equal(burst[0]!.uploaded, 100);
  assert.equal(cache.pendingUploadCount(), 0);
  await loop.stop();
  assert.equal(
    [...clock.pending.values()].filter((timer) => timer.ms !== 500).length,
    0,
    'nothing armed after stop',
  );
});

test('pause disarms the loop and resume arms it again', async (t) => {
  const home = tempHome(t);
  writeFileSync(
    join(home, 'config.json'),
    JSON.stringify({ remote: { url: 'http://127.0.0.1:9' } }),
  );
  const config = loadConfig({ env: { MCP_TERMINAL_HOME: home } });
  const cache = LocalCache.open(config.cachePath);
  t.after(() => cache.close());
  const clock = manualTimers();
  const loop = new SyncLoop({
    config,
    cache,
    owner: 'test',
    emit: () => undefined,
    timers: clock.timers,
  });
  loop.start();
  assert.equal([...clock.pending.values()].filter((timer) => timer.ms === 0).length, 1);
  loop.pause();
  loop.localWrite();
  assert.equal([...clock.pending.values()].filter((timer) => timer.ms !== 500).length, 0);
  loop.resume();
  assert.equal([...clock.pending.values()].filter((timer) => timer.ms === 0).length, 1);
  await loop.stop();
});
