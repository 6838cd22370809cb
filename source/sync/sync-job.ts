/**
 * One sync as a job any process may run: it takes the machine's sync lease first (so only
 * one process syncs at a time), renews it as batches complete, publishes progress in the
 * cache for other processes, and always gives the lease back.
 */
import type { Config } from '../config/schema.js';
import type { LocalCache } from '../storage/local-cache.js';
import {
  acquireLease,
  releaseLease,
  writeLeaseProgress,
  type Lease,
} from '../storage/sync-lease.js';
import { openSync } from './open-sync.js';
import type { SyncProgress, SyncReport } from './sync-manager.js';

/**
 * Long enough for any one batch. A holder that died is passed over at once by processes of
 * its host; one that cannot be judged (another host sharing the home) blocks at most this long.
 */
export const LEASE_TTL_MS = 30_000;

export type SyncJobOptions = {
  readonly config: Config;
  readonly cache: LocalCache;
  /** Identifies this process (and thread) as the lease holder (see leaseOwner). */
  readonly owner: string;
  readonly now?: () => number;
  readonly onProgress?: (progress: SyncProgress) => void;
  readonly shouldStop?: () => boolean;
};

export type SyncJobResult =
  | { readonly ran: true; readonly report: SyncReport }
  /** Another live process holds the machine's sync lease: `holder`. */
  | { readonly ran: false; readonly holder: Lease };

/** Runs one full sync if this process can take the lease; `{ ran: false }` when another holds it. */
export async function runSyncJob(options: SyncJobOptions): Promise<SyncJobResult> {
  const { cache, owner } = options;
  const now = options.now ?? Date.now;
  let lastWrite = 0;
  // Opening checks the config (no remote, offline_mode "always") before the lease is taken.
  const session = openSync(options.config, cache, {
    now,
    ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
    onProgress: (progress) => {
      options.onProgress?.(progress);
      // Renew the lease and publish progress a few times a second, not per batch.
      if (now() - lastWrite >= 250 || progress.done === progress.total) {
        lastWrite = now();
        acquireLease(cache, owner, LEASE_TTL_MS, lastWrite);
        writeLeaseProgress(cache, progress);
      }
    },
  });
  const attempt = acquireLease(cache, owner, LEASE_TTL_MS, now());
  if (!attempt.taken) {
    session.close();
    return { ran: false, holder: attempt.holder };
  }
  // Renewed on a timer too: a server that accepts a connection and never answers makes no
  // progress, and a lease left to lapse then would let a second process sync beside this one.
  const renew = setInterval(
    () => acquireLease(cache, owner, LEASE_TTL_MS, now()),
    LEASE_TTL_MS / 3,
  );
  renew.unref();
  try {
    return { ran: true, report: await session.manager.sync() };
  } finally {
    clearInterval(renew);
    session.close();
    releaseLease(cache, owner);
  }
}
