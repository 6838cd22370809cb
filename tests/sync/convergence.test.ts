import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { createClient } from '@libsql/client/http';
import { decodeHlc } from '../../source/core/hlc.js';
import { listConflicts, resolveConflict } from '../../source/storage/conflict-store.js';
import { createMachine, type Machine } from '../helpers/machine.js';
import { startSqld, type Sqld } from '../helpers/sqld.js';

async function server(t: TestContext): Promise<Sqld> {
  const sqld = await startSqld();
  t.after(() => sqld.dispose());
  return sqld;
}

async function syncAll(machines: Machine[], rounds = 2): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    for (const machine of machines) await machine.sync();
  }
}

async function serverRows(url: string): Promise<{ uuid: string; version: string }[]> {
  const client = createClient({ url });
  try {
    const result = await client.execute(
      'SELECT command_uuid AS uuid, version FROM history ORDER BY command_uuid',
    );
    return result.rows.map((row) => ({
      uuid: String(row['uuid']),
      version: String(row['version']),
    }));
  } finally {
    client.close();
  }
}

function assertConverged(machines: Machine[]): void {
  const [first, ...rest] = machines.map((m) => m.dump());
  for (const [index, dump] of rest.entries()) {
    assert.deepEqual(dump, first, `${machines[index + 1]!.name} differs from ${machines[0]!.name}`);
  }
}

describe('two and three machines converge', () => {
  test('records, updates and deletes on two machines end identical everywhere', async (t) => {
    const sqld = await server(t);
    const [a, b] = [createMachine(t, 'alpha', sqld), createMachine(t, 'beta', sqld)];
    const a1 = a.cache.record({ command: 'git status' });
    const a2 = a.cache.record({ command: 'make build' });
    b.cache.record({ command: 'npm test', response: 'ok' });
    await a.sync();
    await b.sync();
    assert.equal(b.cache.get(a1.uuid)?.command, 'git status', 'b sees a after one sync each');
    b.cache.update(a1.uuid, { status: 'ok' });
    a.cache.delete(a2.uuid);
    await syncAll([b, a]);
    assertConverged([a, b]);
    assert.equal(a.cache.get(a1.uuid)?.status, 'ok');
    assert.equal(b.cache.get(a2.uuid)?.deleted, true);
    assert.equal(a.cache.pendingUploadCount(), 0);
    assert.equal(b.cache.pendingUploadCount(), 0);
    const remote = await serverRows(sqld.url);
    assert.equal(remote.length, 3);
    assert.deepEqual(
      remote,
      a.dump().map((row) => ({ uuid: row.uuid, version: row.version })),
    );
  });

  test('three machines, syncing in every order, converge', async (t) => {
    const sqld = await server(t);
    const machines = ['one', 'two', 'three'].map((name) =>
      createMachine(t, name, { ...sqld, batchSize: 3 }),
    );
    for (const [i, machine] of machines.entries()) {
      for (let n = 0; n < 7; n++) machine.cache.record({ command: `cmd ${i}-${n}` });
    }
    await machines[2]!.sync();
    await machines[0]!.sync();
    const shared = machines[0]!.cache.list({ limit: 100 }).find((e) => e.command === 'cmd 2-3')!;
    machines[0]!.cache.update(shared.uuid, { response: 'from one' });
    await machines[1]!.sync();
    machines[1]!.cache.delete(
      machines[1]!.cache.list({ limit: 100, contains: 'cmd 0-1' })[0]!.uuid,
    );
    await syncAll([machines[1]!, machines[2]!, machines[0]!]);
    assertConverged(machines);
    assert.equal(machines[2]!.cache.countEntries(), 20);
    assert.equal(machines[2]!.cache.get(shared.uuid)?.response, 'from one');
    for (const machine of machines) assert.equal(machine.cache.pendingUploadCount(), 0);
  });

  test('a no-op sync makes one round trip and moves nothing', async (t) => {
    const sqld = await server(t);
    const a = createMachine(t, 'alpha', sqld);
    a.cache.record({ command: 'ls' });
    await a.sync();
    const report = await a.sync();
    assert.deepEqual([report.uploaded, report.downloaded, report.conflicts], [0, 0, 0]);
    assert.ok(report.roundTrips <= 2, `round trips: ${report.roundTrips}`);
  });
});

describe('conflicts', () => {
  test('the same entry edited on two machines: last write wins, the loser is listed and can be restored', async (t) => {
    let now = 1_800_000_000_000;
    const clock = () => now;
    const sqld = await server(t);
    const a = createMachine(t, 'alpha', { ...sqld, clock });
    const b = createMachine(t, 'beta', { ...sqld, clock });
    const entry = a.cache.record({ command: 'deploy', response: 'v0' });
    await a.sync();
    await b.sync();
    now += 1000;
    a.cache.update(entry.uuid, { response: 'from alpha' });
    now += 1000;
    b.cache.update(entry.uuid, { response: 'from beta' }); // later: wins
    await a.sync();
    await b.sync(); // b meets alpha's version on push: a conflict, b's is newer
    await a.sync();
    assertConverged([a, b]);
    assert.equal(a.cache.get(entry.uuid)?.response, 'from beta');
    const conflicts = [...listConflicts(a.cache), ...listConflicts(b.cache)];
    assert.equal(conflicts.length, 1);
    assert.equal(conflicts[0]!.loser.response, 'from alpha');
    assert.equal(conflicts[0]!.current?.response, 'from beta');

    // Flip it on the machine that recorded it: alpha's version becomes current everywhere.
    const holder = listConflicts(a.cache).length > 0 ? a : b;
    const keep = listConflicts(holder.cache)[0]!.loserSide;
    now += 1000;
    resolveConflict(holder.cache, entry.uuid, keep, clock);
    assert.equal(listConflicts(holder.cache).length, 0);
    await syncAll([holder, holder === a ? b : a]);
    assertConverged([a, b]);
    assert.equal(b.cache.get(entry.uuid)?.response, 'from alpha');
  });

  test('a conflict found on pull keeps the newer version and drops the stale queued one', async (t) => {
    let now = 1_800_000_000_000;
    const clock = () => now;
    const sqld = await server(t);
    const a = createMachine(t, 'alpha', { ...sqld, clock });
    const b = createMachine(t, 'beta', { ...sqld, clock });
    const entry = a.cache.record({ command: 'x' });
    await a.sync();
    await b.sync();
    now += 10;
    b.cache.update(entry.uuid, { status: 'beta-early' });
    now += 10;
    a.cache.update(entry.uuid, { status: 'alpha-late' });
    await a.sync(); // server: alpha-late
    await b.sync(); // b pushes beta-early: server keeps alpha-late; conflict recorded on b
    await a.sync();
    assertConverged([a, b]);
    assert.equal(b.cache.get(entry.uuid)?.status, 'alpha-late');
    const [conflict] = listConflicts(b.cache);
    assert.equal(conflict?.loserSide, 'local');
    assert.equal(conflict?.loser.status, 'beta-early');
    assert.equal(b.cache.pendingUploadCount(), 0);
  });
});

describe('tombstones and clocks', () => {
  test('an older copy never resurrects a deleted entry', async (t) => {
    let now = 1_800_000_000_000;
    const clock = () => now;
    const sqld = await server(t);
    const a = createMachine(t, 'alpha', { ...sqld, clock });
    const b = createMachine(t, 'beta', { ...sqld, clock });
    const entry = a.cache.record({ command: 'secret-ish' });
    await a.sync();
    await b.sync();
    now += 10;
    b.cache.update(entry.uuid, { status: 'old edit' }); // older than the delete
    now += 10;
    a.cache.delete(entry.uuid);
    await a.sync();
    await b.sync();
    await a.sync();
    assertConverged([a, b]);
    assert.equal(a.cache.get(entry.uuid)?.deleted, true);
    assert.equal(b.cache.get(entry.uuid)?.command, '');
    assert.equal(b.cache.list({ limit: 10 }).length, 0);
  });

  test('a machine whose clock is an hour ahead cannot make its edits win over later edits', async (t) => {
    let now = 1_800_000_000_000;
    const clock = () => now;
    const sqld = await server(t);
    const fast = createMachine(t, 'fast', { ...sqld, clock, skewMs: 3_600_000 });
    const right = createMachine(t, 'right', { ...sqld, clock });
    const entry = fast.cache.record({ command: 'job', status: 'fast says' });
    await fast.sync();
    await right.sync();
    now += 60_000; // a minute later in real time, the correct machine edits it
    right.cache.update(entry.uuid, { status: 'right says' });
    await right.sync();
    await fast.sync();
    assertConverged([fast, right]);
    assert.equal(fast.cache.get(entry.uuid)?.status, 'right says');
  });

  test('a row stamped absurdly far in the future is kept, but does not drag the local clock', async (t) => {
    const sqld = await server(t);
    const future = createMachine(t, 'future', { ...sqld, skewMs: 50 * 365 * 86_400_000 });
    const normal = createMachine(t, 'normal', sqld);
    const stamped = future.cache.record({ command: 'from the future' });
    await future.sync();
    await normal.sync();
    assert.equal(normal.cache.get(stamped.uuid)?.command, 'from the future', 'the row is not lost');
    const mine = normal.cache.record({ command: 'now' });
    const wall = decodeHlc(mine.version)!.wall;
    assert.ok(Math.abs(wall - Date.now()) < 60_000, `local clock stays near real time (${wall})`);
  });
});

describe('idempotent push', () => {
  test('a batch sent twice leaves one row per uuid and the same versions', async (t) => {
    const sqld = await server(t);
    const a = createMachine(t, 'alpha', sqld);
    for (let i = 0; i < 5; i++) a.cache.record({ command: `c${i}` });
    const { LibsqlRemote } = await import('../../source/storage/libsql-remote.js');
    const { CacheSyncStore } = await import('../../source/storage/cache-sync-store.js');
    const remote = new LibsqlRemote({ url: sqld.url, authToken: null });
    t.after(() => remote.close());
    const store = new CacheSyncStore(a.cache);
    const items = store.readQueue(100);
    await remote.push(items); // committed, but "the response was lost"
    const again = await remote.push(items);
    assert.equal(again.filter((row) => row !== null).length, 5, 'the retry sees its own rows');
    store.completePush(items, again);
    assert.equal(listConflicts(a.cache).length, 0, 'a replay of our own push is not a conflict');
    const rows = await serverRows(sqld.url);
    assert.equal(rows.length, 5);
    await a.sync();
    assert.equal(a.cache.pendingUploadCount(), 0);
    assert.equal((await serverRows(sqld.url)).length, 5);
  });
});

describe('what the server sends', () => {
  test('large responses travel in pages under the server response cap', async (t) => {
    const sqld = await server(t);
    const a = createMachine(t, 'alpha', { ...sqld, batchSize: 100 });
    const b = createMachine(t, 'beta', { ...sqld, batchSize: 100 });
    const big = 'x'.repeat(1_500_000);
    for (let i = 0; i < 12; i++)
      a.cache.record({ command: `cat big-${i}.log`, response: `${i}${big}` });
    await a.sync(); // 18 MB in all: several requests, each under the cap
    const report = await b.sync();
    assert.equal(report.downloaded, 12);
    assertConverged([a, b]);
    assert.equal(b.cache.list({ limit: 1, contains: 'big-11' })[0]?.response?.length, 1_500_002);
  });

  test('rows with wrong types or absurd values are skipped and counted, the rest arrive', async (t) => {
    const sqld = await server(t);
    const a = createMachine(t, 'alpha', sqld);
    const b = createMachine(t, 'beta', sqld);
    a.cache.record({ command: 'good one' });
    await a.sync();
    const client = createClient({ url: sqld.url });
    await client.batch(
      [
        `INSERT INTO history (command_uuid, command, timestamp, version, deleted, seq)
         VALUES ('bad-version', 'x', 1, 'not a clock', 0, 100)`,
        `INSERT INTO history (command_uuid, command, timestamp, version, deleted, seq)
         VALUES ('bad-time', 'x', -5, '001700000000000-00000-evil', 0, 101)`,
        `INSERT INTO history (command_uuid, command, timestamp, version, deleted, seq)
         VALUES ('bad-deleted', 'x', 1, '001700000000000-00000-evil', 7, 102)`,
      ],
      'write',
    );
    client.close();
    a.cache.record({ command: 'good two' });
    await a.sync();
    const report = await b.sync();
    assert.equal(report.quarantined, 3);
    assert.equal(report.downloaded, 2);
    assert.deepEqual(
      b.cache
        .list({ limit: 10 })
        .map((e) => e.command)
        .sort(),
      ['good one', 'good two'],
    );
  });
});
