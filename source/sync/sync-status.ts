/**
 * The sync status as the cache records it: what `status` prints and the badge starts from.
 * Reads only the cache (a handful of key lookups), never the network.
 */
import type { Config } from '../config/schema.js';
import { asErrorCode } from '../core/errors.js';
import { computeSyncState } from '../core/sync-state.js';
import type { SyncStatus } from '../core/types.js';
import { META } from '../storage/cache-sync-store.js';
import type { LocalCache } from '../storage/local-cache.js';
import { activeLease, readLeaseProgress } from '../storage/sync-lease.js';
import { QuarantineStore } from '../storage/quarantine-store.js';

export type { SyncStatus };

/** How many quarantined rows `status` lists (the count covers all of them). */
const QUARANTINE_LISTED = 100;

export function readSyncStatus(
  cache: LocalCache,
  config: Pick<Config, 'remote' | 'sync'>,
  now: number = Date.now(),
  withList = false,
): SyncStatus {
  const quarantine = QuarantineStore.of(cache.db);
  const pendingUpload = cache.pendingUploadCount();
  const conflicts = cache.openConflictCount();
  const lastSynced = cache.getMeta(META.lastSyncedAt);
  const lastErrorCode = asErrorCode(cache.getMeta(META.lastErrorCode));
  const remoteConfigured = config.remote.url !== null;
  let state = computeSyncState({
    remoteConfigured,
    pendingUpload,
    openConflicts: conflicts,
    remoteSeq: Number(cache.getMeta(META.remoteSeq) ?? 0),
    pullCursor: Number(cache.getMeta(META.pullCursor) ?? 0),
    lastErrorCode,
    everSynced: lastSynced !== null,
  });
  // offline_mode "always": the network is never touched, so the honest state is OFFLINE.
  if (
    remoteConfigured &&
    config.sync.offline_mode === 'always' &&
    (state === 'SYNCHRONIZED' || state === 'PENDING_UPLOAD')
  ) {
    state = 'OFFLINE';
  }
  const syncing = activeLease(cache, now) !== null;
  if (syncing) state = 'SYNCING';
  return {
    state,
    pendingUpload,
    conflicts,
    lastSyncedAt: lastSynced === null ? null : Number(lastSynced),
    machineId: cache.machineId,
    lastError: remoteConfigured ? cache.getMeta(META.lastError) : null,
    lastErrorCode: remoteConfigured ? lastErrorCode : null,
    progress: syncing ? readLeaseProgress(cache) : null,
    quarantined: quarantine.count(),
    quarantine: withList ? quarantine.list(QUARANTINE_LISTED) : [],
  };
}
