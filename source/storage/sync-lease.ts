/**
 * One syncer per machine: a lease row in sync_metadata, taken and renewed inside IMMEDIATE
 * transactions, with an expiry so a holder killed with -9 blocks nobody for longer than the
 * lease lasts. Other processes read the same row to show SYNCING and its progress.
 */
import type { LocalCache } from './local-cache.js';

const LEASE_KEY = 'sync_lease';
const PROGRESS_KEY = 'sync_progress';

export type Lease = { readonly owner: string; readonly expiresAt: number };
export type LeaseProgress = {
  readonly phase: 'push' | 'pull';
  readonly done: number;
  readonly total: number;
};

function readLease(cache: LocalCache): Lease | null {
  const text = cache.getMeta(LEASE_KEY);
  if (!text) return null;
  try {
    const lease = JSON.parse(text) as Lease;
    return typeof lease.owner === 'string' && typeof lease.expiresAt === 'number' ? lease : null;
  } catch {
    return null;
  }
}

/** The current holder, if its lease has not expired. */
export function activeLease(cache: LocalCache, now: number): Lease | null {
  const lease = readLease(cache);
  return lease && lease.expiresAt > now ? lease : null;
}

/** Takes (or renews) the lease for `owner`; false when another live holder has it. */
export function acquireLease(
  cache: LocalCache,
  owner: string,
  ttlMs: number,
  now: number,
): boolean {
  return cache.db
    .transaction(() => {
      const lease = readLease(cache);
      if (lease && lease.owner !== owner && lease.expiresAt > now) return false;
      cache.setMeta(LEASE_KEY, JSON.stringify({ owner, expiresAt: now + ttlMs }));
      return true;
    })
    .immediate();
}

/** Gives the lease back (only if `owner` still holds it) and clears the progress. */
export function releaseLease(cache: LocalCache, owner: string): void {
  cache.db
    .transaction(() => {
      if (readLease(cache)?.owner === owner) cache.setMeta(LEASE_KEY, null);
      cache.setMeta(PROGRESS_KEY, null);
    })
    .immediate();
}

export function writeLeaseProgress(cache: LocalCache, progress: LeaseProgress): void {
  cache.setMeta(PROGRESS_KEY, JSON.stringify(progress));
}

export function readLeaseProgress(cache: LocalCache): LeaseProgress | null {
  const text = cache.getMeta(PROGRESS_KEY);
  if (!text) return null;
  try {
    return JSON.parse(text) as LeaseProgress;
  } catch {
    return null;
  }
}
