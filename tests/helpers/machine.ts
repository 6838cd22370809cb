/**
 * A simulated machine for sync tests: its own home and cache, its own (possibly wrong)
 * clock, and a SyncManager against a real sqld.
 */
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { HistoryEntry } from '../../source/core/types.js';
import { CacheSyncStore } from '../../source/storage/cache-sync-store.js';
import { LibsqlRemote } from '../../source/storage/libsql-remote.js';
import { LocalCache } from '../../source/storage/local-cache.js';
import { SyncManager, type SyncReport } from '../../source/sync/sync-manager.js';
import { tempHome } from './temp-home.js';

export type Machine = {
  readonly name: string;
  readonly home: string;
  cache: LocalCache;
  /** Milliseconds this machine's clock is off by. */
  skewMs: number;
  sync(): Promise<SyncReport>;
  /** One sync against another URL (an unreachable one, to simulate an outage), no retries. */
  syncVia(url: string): Promise<SyncReport>;
  dump(): DumpRow[];
  close(): void;
};

export type DumpRow = Pick<
  HistoryEntry,
  'uuid' | 'version' | 'command' | 'response' | 'status' | 'tokensUsed' | 'deleted'
>;

/** Every row, tombstones included, in uuid order: what "identical histories" compares. */
export function dumpCache(cache: LocalCache): DumpRow[] {
  const rows = cache.db
    .prepare(
      `SELECT id AS uuid, version, command, response, status, tokens_used AS tokensUsed, deleted
       FROM history_cache ORDER BY id`,
    )
    .all() as (Omit<DumpRow, 'deleted'> & { deleted: number })[];
  return rows.map((row) => ({ ...row, deleted: row.deleted === 1 }));
}

export function createMachine(
  t: Pick<TestContext, 'after'>,
  name: string,
  options: {
    url: string;
    token?: string;
    batchSize?: number;
    skewMs?: number;
    clock?: () => number;
  },
): Machine {
  const home = tempHome(t, `mcp-${name}-`);
  const machine: Machine = {
    name,
    home,
    skewMs: options.skewMs ?? 0,
    cache: undefined as unknown as LocalCache,
    sync: () => syncOnce(options.url, 2),
    syncVia: (url) => syncOnce(url, 0),
    dump: () => dumpCache(machine.cache),
    close: () => machine.cache.close(),
  };
  async function syncOnce(url: string, retryAttempts: number): Promise<SyncReport> {
    const remote = new LibsqlRemote({ url, authToken: options.token ?? null });
    try {
      const manager = new SyncManager({
        local: new CacheSyncStore(machine.cache, now),
        remote,
        batchSize: options.batchSize ?? 50,
        retryAttempts,
        sleep: async () => undefined,
        now,
      });
      return await manager.sync();
    } finally {
      remote.close();
    }
  }
  const base = options.clock ?? Date.now;
  const now = () => base() + machine.skewMs;
  machine.cache = LocalCache.open(join(home, 'cache.db'), { now, hostname: name });
  t.after(() => machine.close());
  return machine;
}
