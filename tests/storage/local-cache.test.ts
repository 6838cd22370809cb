import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { McpError } from '../../source/core/errors.js';
import { compareHlc, decodeHlc } from '../../source/core/hlc.js';
import { LocalCache } from '../../source/storage/local-cache.js';
import { CACHE_SCHEMA_VERSION } from '../../source/storage/migrations.js';
import { spawnOwned } from '../helpers/reaper.js';
import { tempHome } from '../helpers/temp-home.js';
import { waitFor } from '../helpers/wait-for.js';

const WRITER = fileURLToPath(new URL('../helpers/writer-process.mjs', import.meta.url));

function openCache(
  t: Parameters<typeof tempHome>[0],
  options: Parameters<typeof LocalCache.open>[1] = {},
) {
  const path = join(tempHome(t), 'cache.db');
  const cache = LocalCache.open(path, options);
  t.after(() => cache.close());
  return cache;
}

function counter(prefix: string) {
  let n = 0;
  return () => `${prefix}-${String(++n).padStart(4, '0')}`;
}

describe('LocalCache', () => {
  test('record writes the row and its queue entry; get and list read it back', (t) => {
    let now = 1_700_000_000_000;
    const cache = openCache(t, {
      now: () => now,
      randomUUID: counter('u'),
      hostname: 'Work Laptop',
    });
    assert.equal(cache.machineId, 'work-laptop-u0001');
    const first = cache.record({
      command: 'git status',
      response: 'clean',
      cwd: '/src',
      sessionId: 's1',
    });
    now += 10;
    const second = cache.record({ command: 'npm test', tokensUsed: 12 });
    assert.equal(first.uuid, 'u-0002');
    assert.equal(first.version, `00${now - 10}-00000-work-laptop-u0001`);
    assert.deepEqual(cache.get(first.uuid), first);
    assert.deepEqual(
      cache.list({ limit: 10 }).map((e) => e.command),
      ['npm test', 'git status'],
    );
    assert.equal(cache.pendingUploadCount(), 2);
    const queued = cache.db
      .prepare('SELECT operation, record_id, data FROM sync_queue ORDER BY id')
      .all() as {
      operation: string;
      record_id: string;
      data: string;
    }[];
    assert.deepEqual(
      queued.map((q) => [q.operation, q.record_id]),
      [
        ['insert', first.uuid],
        ['insert', second.uuid],
      ],
    );
    assert.deepEqual(JSON.parse(queued[0]!.data), first);
    const row = cache.db
      .prepare('SELECT id, command_uuid, sync_status FROM history_cache WHERE id = ?')
      .get(first.uuid);
    assert.deepEqual(row, { id: first.uuid, command_uuid: first.uuid, sync_status: 'pending' });
  });

  test('list filters by machine, session, cwd and substring, newest first', (t) => {
    let now = 1000;
    const cache = openCache(t, { now: () => (now += 1000) });
    cache.record({ command: 'make build', sessionId: 'a', cwd: '/x' });
    cache.record({ command: 'make test', sessionId: 'b', cwd: '/y' });
    cache.record({ command: 'ls 100%_done', sessionId: 'a', cwd: '/y' });
    assert.deepEqual(
      cache.list({ limit: 9, sessionId: 'a' }).map((e) => e.command),
      ['ls 100%_done', 'make build'],
    );
    assert.deepEqual(
      cache.list({ limit: 9, cwd: '/y' }).map((e) => e.command),
      ['ls 100%_done', 'make test'],
    );
    assert.deepEqual(
      cache.list({ limit: 9, contains: 'MAKE' }).map((e) => e.command),
      ['make test', 'make build'],
    );
    assert.deepEqual(
      cache.list({ limit: 9, contains: '%_' }).map((e) => e.command),
      ['ls 100%_done'],
    );
    assert.equal(cache.list({ limit: 9, machineId: 'someone-else' }).length, 0);
    assert.equal(cache.list({ limit: 1 }).length, 1);
    // Session and directory scopes read their own index, never the whole history.
    const plan = (sql: string, value: string) =>
      JSON.stringify(cache.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(value));
    const newest = 'FROM history_cache WHERE deleted = 0 AND';
    assert.match(
      plan(`SELECT id ${newest} cwd = ? ORDER BY timestamp DESC LIMIT 5`, '/y'),
      /history_by_cwd/,
    );
    assert.match(
      plan(`SELECT id ${newest} session_id = ? ORDER BY timestamp DESC LIMIT 5`, 'a'),
      /history_by_session/,
    );
  });

  test('update makes a newer version and queues it; delete leaves a blank tombstone', (t) => {
    const cache = openCache(t);
    const entry = cache.record({ command: 'deploy', response: 'pending' });
    const updated = cache.update(entry.uuid, { response: 'done', status: 'ok' });
    assert.equal(updated.response, 'done');
    assert.equal(updated.status, 'ok');
    assert.equal(updated.command, 'deploy');
    assert.ok(compareHlc(decodeHlc(updated.version)!, decodeHlc(entry.version)!) > 0);
    const tombstone = cache.delete(entry.uuid);
    assert.equal(tombstone.deleted, true);
    assert.equal(tombstone.command, '');
    assert.equal(tombstone.response, null);
    assert.ok(tombstone.version > updated.version);
    assert.equal(cache.list({ limit: 10 }).length, 0);
    assert.equal(cache.countEntries(), 0);
    assert.deepEqual(
      cache.db.prepare('SELECT operation FROM sync_queue ORDER BY id').pluck().all(),
      ['insert', 'update', 'delete'],
    );
    assert.throws(
      () => cache.update(entry.uuid, { status: 'x' }),
      (e: McpError) => e.code === 'NOT_FOUND',
    );
    assert.throws(
      () => cache.delete(entry.uuid),
      (e: McpError) => e.code === 'NOT_FOUND',
    );
    assert.throws(
      () => cache.delete('no-such-uuid'),
      (e: McpError) => e.code === 'NOT_FOUND',
    );
  });

  test('the live count stays exact across bulk writes, deletes, revivals and folding', (t) => {
    const cache = openCache(t);
    const exact = () =>
      cache.db.prepare('SELECT COUNT(*) FROM history_cache WHERE deleted = 0').pluck().get();
    const saved = cache.recordMany(
      Array.from({ length: 12_000 }, (_, i) => ({ command: `c${i}`, timestamp: i })),
    );
    assert.equal(cache.countEntries(), 12_000);
    cache.delete(saved[10]!.uuid); // above the watermark
    assert.equal(cache.countEntries(), exact());
    cache.maintain(); // folds the tail into the base
    assert.equal(
      cache.getMeta('live_rowid'),
      String(cache.db.prepare('SELECT MAX(rowid) FROM history_cache').pluck().get()),
    );
    cache.delete(saved[20]!.uuid); // below it now: the trigger adjusts the base
    cache.recordMany([{ command: 'after the fold' }]);
    assert.deepEqual([cache.countEntries(), exact()], [11_999, 11_999]);
    // A tombstone revived by a pull from another machine counts again.
    cache.db.prepare('UPDATE history_cache SET deleted = 0 WHERE id = ?').run(saved[20]!.uuid);
    assert.deepEqual([cache.countEntries(), exact()], [12_000, 12_000]);
  });

  test('bad input is rejected before anything is written', (t) => {
    const cache = openCache(t);
    assert.throws(
      () => cache.record({ command: '   ' }),
      (e: McpError) => e.code === 'INPUT_INVALID',
    );
    assert.throws(() => cache.record({ command: 'x', tokensUsed: -1 }), /tokens/);
    assert.throws(
      () => cache.recordMany([{ command: 'fine' }, { command: 'x'.repeat(300_000) }]),
      /command: 300000 characters is over the limit/,
    );
    assert.throws(() => cache.update('x', {}), /nothing to change/);
    // Under the limit as given, over it once each short secret becomes a longer marker.
    assert.throws(
      () => cache.record({ command: 'grow', response: 'auth:x&'.repeat(571_000) }),
      /bytes once encoded/,
    );
    assert.equal(cache.countEntries(), 0);
    assert.equal(cache.pendingUploadCount(), 0);
  });

  test('the machine id and the clock survive reopening, even if the wall clock goes back', (t) => {
    const path = join(tempHome(t), 'cache.db');
    let now = 5_000_000;
    const first = LocalCache.open(path, { now: () => now });
    const a = first.record({ command: 'one' });
    first.close();
    now = 4_000_000; // the wall clock was stepped back between runs
    const second = LocalCache.open(path, { now: () => now });
    t.after(() => second.close());
    const b = second.record({ command: 'two' });
    assert.equal(second.machineId, first.machineId);
    assert.ok(b.version > a.version, `${b.version} > ${a.version}`);
  });

  test('a cache written by a newer version is refused with a clear message', (t) => {
    const path = join(tempHome(t), 'cache.db');
    LocalCache.open(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${CACHE_SCHEMA_VERSION + 1}`);
    raw.close();
    assert.throws(
      () => LocalCache.open(path),
      (e: McpError) =>
        e.code === 'CACHE_NEWER_SCHEMA' &&
        /written by a newer mcp-terminal.*upgrade mcp-terminal/.test(e.message),
    );
  });

  test('the cache file is in WAL mode', (t) => {
    const cache = openCache(t);
    assert.equal(cache.db.pragma('journal_mode', { simple: true }), 'wal');
  });
});

describe('LocalCache across processes', () => {
  function spawnWriter(cachePath: string, mode: 'single' | 'bulk', count = 0) {
    const child = spawnOwned(process.execPath, [WRITER, cachePath, mode, String(count)], {
      stdio: 'pipe',
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    return { child, exited, output: () => out, errors: () => err };
  }

  test('two processes recording at once both succeed, with no SQLITE_BUSY', async (t) => {
    const cachePath = join(tempHome(t), 'cache.db');
    LocalCache.open(cachePath).close();
    const writers = [spawnWriter(cachePath, 'single', 400), spawnWriter(cachePath, 'single', 400)];
    const codes = await Promise.all(writers.map((w) => w.exited));
    for (const writer of writers) assert.equal(writer.errors(), '');
    assert.deepEqual(codes, [0, 0]);
    const cache = LocalCache.open(cachePath);
    t.after(() => cache.close());
    assert.equal(cache.countEntries(), 800);
    assert.equal(cache.pendingUploadCount(), 800);
    const versions = cache.db
      .prepare('SELECT COUNT(DISTINCT version) FROM history_cache')
      .pluck()
      .get();
    assert.equal(versions, 800, 'two processes never issue the same clock value');
  });

  test('kill -9 in the middle of bulk writes never leaves a row without its queue entry', async (t) => {
    const cachePath = join(tempHome(t), 'cache.db');
    LocalCache.open(cachePath).close();
    const writer = spawnWriter(cachePath, 'bulk');
    await waitFor('three chunks written', () => writer.output().split('\n').length > 3);
    writer.child.kill('SIGKILL');
    await writer.exited;
    const cache = LocalCache.open(cachePath);
    t.after(() => cache.close());
    const rows = cache.countEntries();
    assert.ok(rows >= 1500 && rows % 500 === 0, `whole chunks only, got ${rows}`);
    assert.equal(cache.pendingUploadCount(), rows);
    const orphans = cache.db
      .prepare(
        `SELECT COUNT(*) FROM history_cache h WHERE NOT EXISTS
         (SELECT 1 FROM sync_queue q WHERE q.record_id = h.id)`,
      )
      .pluck()
      .get();
    assert.equal(orphans, 0);
    assert.equal(cache.db.pragma('quick_check', { simple: true }), 'ok');
  });
});
