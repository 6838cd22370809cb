/**
 * Sync throughput against one real sqld, each figure next to a bare @libsql/client loop
 * doing the same transfer in the same run: upload of 100,000 entries, download of 100,000,
 * and a no-op sync on a 1,000,000-entry cache (time and round trips).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client/http';
import { CacheSyncStore } from '../source/storage/cache-sync-store.js';
import { LibsqlRemote } from '../source/storage/libsql-remote.js';
import { LocalCache } from '../source/storage/local-cache.js';
import { SyncManager } from '../source/sync/sync-manager.js';
import { startSqld } from '../tests/helpers/sqld.js';
import { DATA_DIR, cacheFixture, copyFixture } from './fixtures.js';

const BATCH = 100;

function manager(cache: LocalCache, url: string) {
  const remote = new LibsqlRemote({ url, authToken: null });
  return {
    remote,
    manager: new SyncManager({
      local: new CacheSyncStore(cache),
      remote,
      batchSize: BATCH,
      retryAttempts: 3,
    }),
  };
}

const COLUMNS =
  'id, command, response, timestamp, machine_id, session_id, status, tokens_used, cwd, version';

async function bareUpload(client: Client, cache: LocalCache): Promise<number> {
  await client.execute(`CREATE TABLE bare (id TEXT PRIMARY KEY, command TEXT, response TEXT, timestamp INTEGER,
    machine_id TEXT, session_id TEXT, status TEXT, tokens_used INTEGER, cwd TEXT, version TEXT)`);
  const rows = cache.db.prepare(`SELECT ${COLUMNS} FROM history_cache`).raw().all() as unknown[][];
  const start = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((args) => ({
      sql: `INSERT INTO bare (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      args: args as never,
    }));
    await client.batch(batch, 'write');
  }
  return performance.now() - start;
}

async function barePaging(client: Client): Promise<{ ms: number; rows: number }> {
  const start = performance.now();
  let cursor = 0;
  let rows = 0;
  for (;;) {
    const page = await client.execute({
      sql: 'SELECT command_uuid, command, response, timestamp, user_id, machine_id, session_id, status, tokens_used, cwd, version, deleted, seq FROM history WHERE seq > ? ORDER BY seq LIMIT ?',
      args: [cursor, BATCH],
    });
    if (page.rows.length === 0) break;
    rows += page.rows.length;
    cursor = Number(page.rows[page.rows.length - 1]!['seq']);
  }
  return { ms: performance.now() - start, rows };
}

const perSecond = (count: number, ms: number) =>
  Math.round(count / (ms / 1000)).toLocaleString('en');

export async function benchSync(count: number): Promise<string[]> {
  const sqld = await startSqld();
  const rows: string[] = [];
  try {
    const plain = createClient({ url: sqld.url });
    const identity = createClient({
      url: sqld.url,
      fetch: (request: Request) => {
        request.headers.set('accept-encoding', 'identity');
        return fetch(request);
      },
    });

    // Upload: our push vs the bare batch insert loop, same rows, same batch size.
    const source = LocalCache.open(copyFixture(cacheFixture(count, count / 5), 'sync-upload.db'));
    const bareUploadMs = await bareUpload(plain, source);
    const up = manager(source, sqld.url);
    const pushStart = performance.now();
    const pushed = await up.manager.sync();
    const pushMs = performance.now() - pushStart;
    up.remote.close();
    rows.push(
      `| upload ${count.toLocaleString('en')} entries (batches of ${BATCH}) | ${perSecond(pushed.uploaded, pushMs)} entries/s | bare client batch inserts: ${perSecond(count, bareUploadMs)} rows/s | ${((bareUploadMs / pushMs) * 100).toFixed(0)}% |`,
    );

    // Download into an empty home: our pull vs bare keyset paging over the same table.
    const target = join(DATA_DIR, 'sync-download.db');
    for (const suffix of ['', '-wal', '-shm']) rmSync(target + suffix, { force: true });
    const fresh = LocalCache.open(target);
    const barePlain = await barePaging(plain);
    const bareIdentity = await barePaging(identity);
    const down = manager(fresh, sqld.url);
    const pullStart = performance.now();
    const pulled = await down.manager.sync();
    const pullMs = performance.now() - pullStart;
    down.remote.close();
    fresh.close();
    const bestBare = Math.min(barePlain.ms, bareIdentity.ms);
    rows.push(
      `| download ${pulled.downloaded.toLocaleString('en')} entries (pages of ${BATCH}) | ${perSecond(pulled.downloaded, pullMs)} entries/s | bare keyset paging: ${perSecond(barePlain.rows, barePlain.ms)} rows/s (gzip, the default), ${perSecond(bareIdentity.rows, bareIdentity.ms)} rows/s (identity) | ${((bestBare / pullMs) * 100).toFixed(0)}% of the faster |`,
    );

    // No-op sync on a 1M-entry cache that is level with the server.
    const big = LocalCache.open(copyFixture(cacheFixture(1_000_000, 50_000), 'sync-noop.db'));
    big.db.exec(
      "DELETE FROM sync_queue; UPDATE sync_metadata SET value = 0 WHERE key = 'pending_count'",
    );
    big.setMeta('pull_cursor', String(count));
    const idle = manager(big, sqld.url);
    await idle.manager.sync(); // first contact: schema check
    const times: number[] = [];
    let trips = 0;
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      const report = await idle.manager.sync();
      times.push(performance.now() - start);
      trips = Math.max(trips, report.roundTrips);
    }
    idle.remote.close();
    big.close();
    source.close();
    times.sort((a, b) => a - b);
    rows.push(
      `| no-op sync, 1,000,000-entry cache (20 runs) | p50 ${times[10]!.toFixed(1)} ms, max ${times[19]!.toFixed(1)} ms | ${trips} round trip(s) | bar: < 20 ms, <= 2 |`,
    );
    plain.close();
    identity.close();
  } finally {
    await sqld.dispose();
  }
  return rows;
}
