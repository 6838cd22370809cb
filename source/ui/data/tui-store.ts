/**
 * The UI thread's few direct uses of the cache: reading one whole entry, the conflict list
 * and resolving a conflict, deleting an entry, and the local sync status. All are small
 * indexed reads or one small transaction.
 */
import type { Config } from '../../config/schema.js';
import type { Side } from '../../core/conflict-resolver.js';
import type { HistoryEntry } from '../../core/types.js';
import { listConflicts, resolveConflict, type Conflict } from '../../storage/conflict-store.js';
import type { LocalCache } from '../../storage/local-cache.js';
import { readSyncStatus, type SyncStatus } from '../../sync/sync-status.js';

export type TuiStore = {
  get(uuid: string): HistoryEntry | null;
  conflicts(): Conflict[];
  resolve(uuid: string, keep: Side): HistoryEntry;
  /** Deletes an entry everywhere: the tombstone `mcp-terminal delete UUID` writes, queued to sync. */
  remove(uuid: string): HistoryEntry;
  status(): SyncStatus;
};

export function cacheStore(
  cache: LocalCache,
  config: Pick<Config, 'remote' | 'sync'>,
  now: () => number,
): TuiStore {
  return {
    get: (uuid) => cache.get(uuid),
    conflicts: () => listConflicts(cache),
    resolve: (uuid, keep) => resolveConflict(cache, uuid, keep, now),
    remove: (uuid) => cache.delete(uuid),
    status: () => readSyncStatus(cache, config, now()),
  };
}
