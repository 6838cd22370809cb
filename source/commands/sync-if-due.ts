/**
 * The background sync of `record --sync-if-due` (what the shell hooks run, detached from the
 * prompt): after the entry is saved, one full sync when one is due (see core/sync-due.ts),
 * only when no other process of this machine is syncing (the lease), and silently: a
 * failure is kept in the cache, where `status` and the badge show it, as for any sync.
 */
import type { Config } from '../config/schema.js';
import { ERROR_CODES } from '../core/errors.js';
import { isSyncDue } from '../core/sync-due.js';
import { META } from '../storage/cache-sync-store.js';
import type { LocalCache } from '../storage/local-cache.js';
import { leaseOwner } from '../storage/sync-lease.js';
import { runSyncJob } from '../sync/sync-job.js';

/** Whether a sync ran (false: not due, or another process holds the lease). */
export async function syncIfDue(
  config: Config,
  cache: LocalCache,
  now: () => number,
): Promise<boolean> {
  const lastAttempt = cache.getMeta(META.lastAttemptAt);
  const lastErrorCode = cache.getMeta(META.lastErrorCode);
  const due = isSyncDue({
    enabled: config.sync.enabled,
    remoteConfigured: config.remote.url !== null,
    networkAllowed: config.sync.offline_mode !== 'always',
    intervalMs: config.sync.interval,
    batchSize: config.sync.batch_size,
    now: now(),
    lastAttemptAt: lastAttempt === null ? null : Number(lastAttempt),
    lastErrorCode: ERROR_CODES.find((code) => code === lastErrorCode) ?? null,
    pendingUpload: cache.pendingUploadCount(),
  });
  if (!due) return false;
  try {
    const job = await runSyncJob({ config, cache, owner: leaseOwner('record'), now });
    return job.ran;
  } catch {
    // The sync manager has recorded the failure (state, last error) in the cache.
    return true;
  }
}
