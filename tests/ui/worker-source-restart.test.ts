/**
 * The query worker survives a crash (the built bundle, a real thread, a real cache file):
 * questions it owed are answered or rejected with an McpError, never left hanging; the
 * query waiting behind them goes to the restarted worker; lists, counts and the watch work
 * again afterwards.
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { McpError } from '../../source/core/errors.js';
import { LocalCache } from '../../source/storage/local-cache.js';
import { InThreadSource } from '../../source/ui/data/history-source.js';
import { WorkerSource } from '../../source/ui/data/worker-source.js';
import { tempHome } from '../helpers/temp-home.js';
import { NOW, tuiFixture } from '../helpers/tui.js';
import { waitFor } from '../helpers/wait-for.js';

const ALL = { kind: 'all' } as const;

/** How a promise ended, without ever leaving a rejection unhandled. */
function outcome<T>(promise: Promise<T>) {
  const seen: { value?: T; error?: unknown; done: boolean } = { done: false };
  promise.then(
    (value) => Object.assign(seen, { value, done: true }),
    (error: unknown) => Object.assign(seen, { error, done: true }),
  );
  return seen;
}

test('terminated with a query in flight and one waiting: both settle, and it works again', async (t) => {
  const path = join(tempHome(t), 'cache.db');
  const cache = LocalCache.open(path);
  t.after(() => cache.close());
  for (let i = 0; i < 300; i++)
    cache.record({ command: `deploy service ${i}`, timestamp: 1_000 + i });
  const source = new WorkerSource(path, { restartDelayMs: () => 20 });
  t.after(() => source.close());
  const local = new InThreadSource(cache);
  const commands = (entries: readonly { command: string }[]) => entries.map((e) => e.command);

  // A first list, so the UI side's decoder holds one the old worker knew.
  const before = await source.run({ query: '', scope: ALL, limit: 50 });
  assert.ok(before !== null);
  let changes = 0;
  const stop = source.watch(10, () => changes++);
  t.after(stop);

  const inFlight = outcome(source.run({ query: 'service 1', scope: ALL, limit: 50 }));
  const waiting = outcome(source.run({ query: '', scope: ALL, limit: 40 }));
  const counted = outcome(source.count());
  await source.crashForTest();

  await waitFor('every question to settle', () => inFlight.done && waiting.done && counted.done);
  // Each was answered (by the old worker before it ended, or by the new one) or rejected.
  const expected = commands((await local.run({ query: '', scope: ALL, limit: 40 }))!.entries);
  for (const [name, seen] of Object.entries({ inFlight, waiting, counted })) {
    if (seen.error !== undefined)
      assert.ok(seen.error instanceof McpError && seen.error.code === 'INTERNAL', name);
  }
  assert.ok(inFlight.error !== undefined || inFlight.value !== null);
  // The waiting query leaves only once the one in flight settled: when the crash failed
  // that one, the waiting one went to the restarted worker, and was answered.
  if (inFlight.error !== undefined) assert.equal(waiting.error, undefined);
  if (waiting.error === undefined) assert.deepEqual(commands(waiting.value!.entries), expected);
  assert.equal(source.restarts, 1);
  await waitFor('the restart to be reported as a change', () => changes > 0);

  // After the restart: lists (decoded afresh), counts, and the watch.
  const again = await source.run({ query: '', scope: ALL, limit: 50 });
  assert.deepEqual(commands(again!.entries), commands(before.entries));
  assert.equal(await source.count(), 300);
  const seenChanges = changes;
  cache.record({ command: 'after the crash', timestamp: 9_000 });
  await waitFor('the new worker to watch the cache', () => changes > seenChanges);
  const fresh = await source.run({ query: 'after the crash', scope: ALL, limit: 5 });
  assert.equal(fresh!.entries[0]!.command, 'after the crash');
});

test('a worker that dies at start: questions are rejected, not left hanging; fixed, it answers', async (t) => {
  const home = tempHome(t);
  const path = join(home, 'cache.db');
  mkdirSync(path); // a folder where the cache file should be: the worker throws as it opens it
  const source = new WorkerSource(path, { restartDelayMs: () => 20 });
  t.after(() => source.close());

  const inFlight = outcome(source.run({ query: '', scope: ALL, limit: 10 }));
  const waiting = outcome(source.run({ query: 'x', scope: ALL, limit: 10 }));
  const stats = outcome(source.stats());
  await waitFor('every question to settle', () => inFlight.done && waiting.done && stats.done);
  for (const seen of [inFlight, waiting, stats]) {
    assert.ok(seen.error instanceof McpError, String(seen.error));
    assert.equal(seen.error.code, 'INTERNAL');
    assert.match(seen.error.message, /^the query worker stopped and is being restarted \(.+\)$/);
  }
  assert.ok(source.restarts >= 1);

  rmSync(path, { recursive: true });
  const cache = LocalCache.open(path);
  t.after(() => cache.close());
  cache.record({ command: 'now it opens' });
  const answer = await waitFor('a restarted worker to answer', () =>
    source.run({ query: '', scope: ALL, limit: 10 }).catch(() => null),
  );
  assert.equal(answer.entries[0]!.command, 'now it opens');
  assert.equal(await source.count(), 1);
});

test('closed: a question still unanswered is rejected, a waiting query resolves null', async (t) => {
  const path = join(tempHome(t), 'cache.db');
  LocalCache.open(path).close();
  const source = new WorkerSource(path);
  const inFlight = outcome(source.run({ query: '', scope: ALL, limit: 10 }));
  const waiting = outcome(source.run({ query: 'y', scope: ALL, limit: 10 }));
  await source.close();
  await waitFor('both to settle', () => inFlight.done && waiting.done);
  assert.ok(inFlight.error instanceof McpError || inFlight.value !== undefined);
  assert.equal(waiting.value, null);
  await assert.rejects(source.count(), McpError);
});

test('in the TUI: a search the crashed worker failed says why, and the answer replaces it', async (t) => {
  const f = tuiFixture(t);
  f.cache.record({ command: 'ls -la', timestamp: NOW });
  // The worker's own cache path is a folder at first: every start of the worker fails.
  const path = join(tempHome(t), 'cache.db');
  mkdirSync(path);
  const source = new WorkerSource(path, { restartDelayMs: () => 20 });
  t.after(() => source.close());
  const view = f.mount({ source });
  const frame = () => view.lastFrame() ?? '';
  await waitFor('the first frame', () => frame().includes('ls -la'));
  view.stdin.write('n');
  // Any frame: the worker fails at every restart, so the message can come and go while the
  // question is asked again; what matters is that the failure was said.
  await waitFor('the failure, said', () =>
    view.frames.some((f) =>
      /search failed: the query worker stopped and is being restarted \(cannot open/.test(f),
    ),
  );

  rmSync(path, { recursive: true });
  const cache = LocalCache.open(path);
  t.after(() => cache.close());
  cache.record({ command: 'npm install typescript', timestamp: NOW - 1 });
  // No key pressed: the restarted worker reports a change, and the question is asked again.
  await waitFor('the answer', () => /1 match/.test(frame()) && frame().includes('npm install'));
  assert.doesNotMatch(frame(), /search failed/);
});
