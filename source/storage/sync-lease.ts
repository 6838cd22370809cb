/**
 * One syncer per machine: a lease row in sync_metadata, taken and renewed inside IMMEDIATE
 * transactions. The row names its holder's process (pid, host and pid namespace), so a
 * holder that is gone (killed with -9, crashed) is broken at once by any process of the same
 * host; a holder that cannot be judged from here (another host sharing the home, another
 * container, a row from an older version) blocks the others until its expiry. Other
 * processes read the same row to show SYNCING and its progress.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { SyncProgress } from '../core/types.js';
import type { LocalCache } from './local-cache.js';

const LEASE_KEY = 'sync_lease';
const PROGRESS_KEY = 'sync_progress';
/** The one background process of this machine waiting for a sync to fall due. */
const WAITER_KEY = 'sync_waiter';

/** Where a process runs: its pids mean something only on the same host and pid namespace. */
export type ProcessSite = {
  readonly host: string;
  /** Linux's pid namespace (`pid:[4026531836]`); null where there is none to read. */
  readonly pidNamespace: string | null;
};

/** The process that holds (or takes) a lease. */
export type LeaseHolder = ProcessSite & { readonly pid: number };

/** How a process judges a lease: where it runs, and whether a pid there is alive. */
export type LeaseJudge = ProcessSite & { readonly isAlive: (pid: number) => boolean };

export type Lease = {
  /** The process and thread holding it, e.g. `sync-1234-9f86d081` (see leaseOwner). */
  readonly owner: string;
  readonly expiresAt: number;
  /** The holder's process; absent in rows written before holders were recorded. */
  readonly pid?: number;
  readonly host?: string;
  readonly pidNamespace?: string | null;
};

/** What a lease holder says of its progress: the one progress shape. */
export type LeaseProgress = SyncProgress;

/** The kinds of lease holder, as a person would be told of them (the owner's prefix). */
export const LEASE_ROLES = {
  sync: 'a one-shot mcp-terminal sync',
  worker: 'the sync worker of an open TUI or assistant',
  repair: 'mcp-terminal repair',
  record: 'the background sync of a shell hook (record --sync-if-due)',
} as const;
export type LeaseRole = keyof typeof LEASE_ROLES;

/** A fresh owner name for one holder in this process: `<role>-<pid>-<random>`. */
export function leaseOwner(role: LeaseRole): string {
  return `${role}-${process.pid}-${randomUUID().slice(0, 8)}`;
}

/**
 * Whether a pid of this host is alive. Signal 0 only asks: ESRCH means no such process, EPERM
 * one that is alive but not ours. A zombie (dead, its parent has not reaped it yet) is dead:
 * it will never renew or release the lease.
 */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return true; // no procfs: kill's answer stands
  }
}

function readPidNamespace(): string | null {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return null;
  }
}

let here: (LeaseHolder & LeaseJudge) | undefined;

/** This process as a lease holder and judge (host and namespace read once). */
export function thisProcess(): LeaseHolder & LeaseJudge {
  here ??= {
    pid: process.pid,
    host: hostname(),
    pidNamespace: readPidNamespace(),
    isAlive: processIsAlive,
  };
  return here;
}

/**
 * Whether `lease` still keeps others out at `now`: until it expires, and no longer than its
 * holder lives when that holder is a process `judge` can see (same host, same pid namespace).
 */
export function leaseHolds(lease: Lease, now: number, judge: LeaseJudge): boolean {
  if (lease.expiresAt <= now) return false;
  const judgeable =
    lease.pid !== undefined &&
    lease.host === judge.host &&
    (lease.pidNamespace ?? null) === judge.pidNamespace;
  return !judgeable || judge.isAlive(lease.pid);
}

/** Who holds `lease`, for a person: `pid 1234, the sync worker of an open TUI or assistant`. */
export function describeLeaseHolder(lease: Lease, site: ProcessSite = thisProcess()): string {
  const prefix = lease.owner.slice(0, lease.owner.indexOf('-'));
  const role = Object.hasOwn(LEASE_ROLES, prefix)
    ? LEASE_ROLES[prefix as LeaseRole]
    : `owner ${lease.owner}`;
  if (lease.pid === undefined) return role;
  const elsewhere =
    lease.host !== undefined && lease.host !== site.host ? ` on host ${lease.host}` : '';
  return `pid ${lease.pid}${elsewhere}, ${role}`;
}

function readLease(cache: LocalCache, key = LEASE_KEY): Lease | null {
  const text = cache.getMeta(key);
  if (!text) return null;
  try {
    const row = JSON.parse(text) as Record<string, unknown>;
    if (typeof row['owner'] !== 'string' || typeof row['expiresAt'] !== 'number') return null;
    const lease: Lease = { owner: row['owner'], expiresAt: row['expiresAt'] };
    const { pid, host, pidNamespace } = row;
    // A pid of 0 or below would name a process group to kill(): such a holder is not judged.
    if (!Number.isSafeInteger(pid) || (pid as number) <= 0 || typeof host !== 'string')
      return lease;
    return {
      ...lease,
      pid: pid as number,
      host,
      pidNamespace: typeof pidNamespace === 'string' ? pidNamespace : null,
    };
  } catch {
    return null;
  }
}

/** The current holder, if its lease still holds (see leaseHolds). */
export function activeLease(
  cache: LocalCache,
  now: number,
  judge: LeaseJudge = thisProcess(),
): Lease | null {
  const lease = readLease(cache);
  return lease && leaseHolds(lease, now, judge) ? lease : null;
}

/** The stored row of a lease (or the waiter role) held by `owner` in process `self`. */
function heldBy(owner: string, expiresAt: number, self: LeaseHolder): string {
  const row: Lease = {
    owner,
    expiresAt,
    pid: self.pid,
    host: self.host,
    pidNamespace: self.pidNamespace,
  };
  return JSON.stringify(row);
}

export type LeaseAttempt =
  { readonly taken: true } | { readonly taken: false; readonly holder: Lease };

/**
 * Takes (or renews) the lease for `owner`, held by process `self`; when another holder's
 * lease still holds, returns that holder instead. A lease whose holder expired or died is
 * taken over, and its progress cleared.
 */
export function acquireLease(
  cache: LocalCache,
  owner: string,
  ttlMs: number,
  now: number,
  self: LeaseHolder & LeaseJudge = thisProcess(),
): LeaseAttempt {
  return cache.db
    .transaction((): LeaseAttempt => {
      const lease = readLease(cache);
      if (lease && lease.owner !== owner) {
        if (leaseHolds(lease, now, self)) return { taken: false, holder: lease };
        cache.setMeta(PROGRESS_KEY, null);
      }
      cache.setMeta(LEASE_KEY, heldBy(owner, now + ttlMs, self));
      return { taken: true };
    })
    .immediate();
}

/** Gives the lease back and clears its progress, if `owner` still holds it. */
export function releaseLease(cache: LocalCache, owner: string): void {
  cache.db
    .transaction(() => {
      if (readLease(cache)?.owner !== owner) return; // taken over after it expired
      cache.setMeta(LEASE_KEY, null);
      cache.setMeta(PROGRESS_KEY, null);
    })
    .immediate();
}

/**
 * Makes `owner` the machine's one waiter for a sync due at `until` (see sync-if-due.ts),
 * unless a live waiter holds the role; false then. Judged as the lease is: a waiter that was
 * killed is replaced at once.
 */
export function takeWaiterRole(
  cache: LocalCache,
  owner: string,
  until: number,
  now: number,
  self: LeaseHolder & LeaseJudge = thisProcess(),
): boolean {
  return cache.db
    .transaction((): boolean => {
      const waiter = readLease(cache, WAITER_KEY);
      if (waiter && waiter.owner !== owner && leaseHolds(waiter, now, self)) return false;
      cache.setMeta(WAITER_KEY, heldBy(owner, until, self));
      return true;
    })
    .immediate();
}

export function releaseWaiterRole(cache: LocalCache, owner: string): void {
  cache.db
    .transaction(() => {
      if (readLease(cache, WAITER_KEY)?.owner === owner) cache.setMeta(WAITER_KEY, null);
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
