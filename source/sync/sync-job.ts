/**
 * One sync as a job any process may run: it takes the machine's sync lease first (so only
 * one process syncs at a time), renews it as batches complete, publishes progress in the
 * cache for other processes, and always gives the lease back.
 */
import type { Config } from '../config/schema.js';
import type { LocalCache } from '../storage/local-cache.js';
import { acquireLease, releaseLease, writeLeaseProgress } from '../storage/sync-lease.js';
import { openSync } from './open-sync.js';
import type { SyncProgress, SyncReport } from './sync-manager.js';

/** Long enough for any one batch; a killed holder blocks others at most this long. */
export const LEASE_TTL_MS = 30_000;

export type SyncJobOptions = {
  readonly config: Config;
  readonly cache: LocalCache;
  /** Identifies this process (and thread) as the lease holder. */
  readonly owner: string;
  readonly now?: () => number;
  readonly onProgress?: (progress: SyncProgress) => void;
  readonly shouldStop?: () => boolean;
};

export type SyncJobResult =
  { readonly ran: true; readonly report: SyncReport } | { readonly ran: false };

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
  if (!acquireLease(cache, owner, LEASE_TTL_MS, now())) {
    session.close();
    return { ran: false };
  }
  try {
    return { ran: true, report: await session.manager.sync() };
  } finally {
    session.close();
    releaseLease(cache, owner);
  }
}
