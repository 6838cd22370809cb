/**
 * The background sync of `record --sync-if-due` (what the shell hooks run, detached from the
 * prompt). After the entry is saved: when a sync is due (core/sync-due.ts), one full sync,
 * unless another process of this machine is syncing (the lease). When one falls due later
 * (within `interval`), one process per machine stays to run it then, so the last command
 * typed before a pause still leaves the machine, and the next pull comes on time. Silent:
 * a failure is kept in the cache, where `status` and the badge show it, as for any sync.
 */
import type { Config } from '../config/schema.js';
import { asErrorCode } from '../core/errors.js';
import { nextSyncAt } from '../core/sync-due.js';
import { META } from '../storage/cache-sync-store.js';
import type { LocalCache } from '../storage/local-cache.js';
import { leaseOwner, releaseWaiterRole, takeWaiterRole } from '../storage/sync-lease.js';

function dueAt(config: Config, cache: LocalCache, now: number): number | null {
  const lastAttempt = cache.getMeta(META.lastAttemptAt);
  return nextSyncAt({
    enabled: config.sync.enabled,
    remoteConfigured: config.remote.url !== null,
    networkAllowed: config.sync.offline_mode !== 'always',
    intervalMs: config.sync.interval,
    batchSize: config.sync.batch_size,
    now,
    lastAttemptAt: lastAttempt === null ? null : Number(lastAttempt),
    lastErrorCode: asErrorCode(cache.getMeta(META.lastErrorCode)),
    pendingUpload: cache.pendingUploadCount(),
  });
}

/**
 * Syncs one background process runs at most: the one due, a follow-up one interval later
 * (another machine may upload a command typed before this one only at the end of its own
 * interval: the follow-up pull brings it), and one more when commands are still waiting.
 */
const MAX_ROUNDS = 3;
/**
 * The longest a background process waits for a sync to fall due. With a longer `interval`
 * a hook-only machine syncs at the first command after it, instead of keeping a process
 * asleep for hours.
 */
export const MAX_WAIT_MS = 5 * 60_000;

/** Whether this process ran a sync (false: never due, another waits or syncs, or it was done). */
export async function syncIfDue(
  config: Config,
  cache: LocalCache,
  now: () => number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<boolean> {
  const owner = leaseOwner('record');
  let ran = false;
  // The sync code (and the libSQL client under it) loads only when a sync is due: most
  // recorded commands find none due, and module loading is most of a short process's time.
  let job: typeof import('../sync/sync-job.js') | undefined;
  const loadJob = async () => (job ??= await import('../sync/sync-job.js'));
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // Round 1 is the follow-up pull; later rounds only send what is still waiting.
    if (round > 1 && cache.pendingUploadCount() === 0) break;
    const at = dueAt(config, cache, now());
    if (at === null) break;
    if (at > now()) {
      if (at - now() > MAX_WAIT_MS) break;
      const lastAttempt = cache.getMeta(META.lastAttemptAt);
      const { LEASE_TTL_MS } = await loadJob();
      if (!takeWaiterRole(cache, owner, at + LEASE_TTL_MS, now())) break;
      try {
        await sleep(at - now());
        // Another process (an open TUI's worker, `sync`) synced meanwhile and left nothing
        // to send: its pull was the one this wait was for. (Not so for the follow-up, which
        // waits for a pull later than the last one.)
        const synced = cache.getMeta(META.lastAttemptAt) !== lastAttempt;
        if (synced && round !== 1 && cache.pendingUploadCount() === 0) break;
      } finally {
        releaseWaiterRole(cache, owner);
      }
    }
    try {
      const { runSyncJob } = await loadJob();
      if (!(await runSyncJob({ config, cache, owner, now })).ran) break;
    } catch {
      // The sync manager has recorded the failure (state, last error) in the cache.
      return true;
    }
    ran = true;
  }
  return ran;
}
