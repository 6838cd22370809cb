/**
 * The query worker (the built bundle, a real thread and its own connection to a real cache
 * file) answers what the same QueryService answers on the calling thread, list after list,
 * while the history changes underneath it (which the worker notices itself); entries that did not change come back as the
 * very objects the caller already had.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../source/config/load-config.js';
import { LocalCache } from '../../source/storage/local-cache.js';
import { InThreadSource } from '../../source/ui/data/history-source.js';
import { WorkerSource } from '../../source/ui/data/worker-source.js';
import { tempHome } from '../helpers/temp-home.js';
import { waitFor } from '../helpers/wait-for.js';

const ALL = { kind: 'all' } as const;

test('lists from the query worker match the cache and reuse unchanged entries', async (t) => {
  const config = loadConfig({ env: { MCP_TERMINAL_HOME: tempHome(t) } });
  const cache = LocalCache.open(config.cachePath);
  t.after(() => cache.close());
  const worker = new WorkerSource(config.cachePath);
  t.after(() => worker.close());
  const local = new InThreadSource(cache);
  const long = 'x'.repeat(5_000);
  for (let i = 0; i < 50; i++)
    cache.record({ command: `build step ${i}`, response: long, timestamp: 1_000 + i });

  const first = await worker.run({ query: '', scope: ALL, limit: 30 });
  assert.ok(first !== null);
  const expected = await local.run({ query: '', scope: ALL, limit: 30 });
  assert.deepEqual(
    first.entries.map((entry) => entry.command),
    expected!.entries.map((entry) => entry.command),
  );
  assert.equal(first.entries[0]!.response!.length, 200); // responses are cut for the list

  let changes = 0;
  const stop = worker.watch(10, () => changes++);
  t.after(stop);
  await worker.count(); // the worker handles messages in order: it is watching now
  const updated = first.entries[5]!;
  cache.update(updated.uuid, { status: 'failed' });
  cache.delete(first.entries[7]!.uuid);
  cache.record({ command: 'fresh one', timestamp: 9_000 });
  // The worker notices the commits itself (the UI thread makes no SQLite call for it).
  await waitFor('the query worker to see the change', () => changes > 0);
  const second = await worker.run({ query: '', scope: ALL, limit: 30 });
  assert.ok(second !== null);
  const now = (await local.run({ query: '', scope: ALL, limit: 30 }))!.entries;
  assert.deepEqual(
    second.entries.map((entry) => [entry.uuid, entry.version]),
    now.map((entry) => [entry.uuid, entry.version]),
  );
  assert.equal(second.entries[0]!.command, 'fresh one');
  const again = (uuid: string) => second.entries.find((entry) => entry.uuid === uuid);
  assert.equal(again(first.entries[1]!.uuid), first.entries[1]); // unchanged: same object
  assert.equal(again(updated.uuid)!.status, 'failed');
  assert.notEqual(again(updated.uuid), updated);

  const found = await worker.run({ query: 'step 4', scope: ALL, limit: 5 });
  assert.ok(found !== null && found.entries.length > 0);
  assert.ok(found.entries.every((entry) => entry.command.includes('step')));
  assert.ok(found.positions.get(found.entries[0]!.uuid)!.length > 0);
});
