/**
 * When a process that just recorded a command (the shell hook's `record --sync-if-due`)
 * should sync: the rule that lets a machine with only the hook installed keep in sync,
 * without a sync per command. Pure: the caller reads the facts from the cache.
 */
import type { ErrorCode } from './errors.js';

export type SyncDueFacts = {
  readonly enabled: boolean;
  readonly remoteConfigured: boolean;
  /** offline_mode "always" never touches the network. */
  readonly networkAllowed: boolean;
  /** sync.interval and sync.batch_size. */
  readonly intervalMs: number;
  readonly batchSize: number;
  readonly now: number;
  /** When the last attempt (any process's) ended, or null before the first. */
  readonly lastAttemptAt: number | null;
  readonly lastErrorCode: ErrorCode | null;
  readonly pendingUpload: number;
};

/**
 * When the next sync is due, or null when this machine must not sync in the background.
 * Due `interval` after the last attempt (so pulls happen too), or at once before the first
 * attempt, or when more than a batch waits and the last attempt succeeded (a failing server
 * is retried at the interval, not at every command).
 */
export function nextSyncAt(facts: SyncDueFacts): number | null {
  if (!facts.enabled || !facts.remoteConfigured || !facts.networkAllowed) return null;
  const { now, lastAttemptAt } = facts;
  // A clock set back leaves a last attempt "in the future": treat it as long ago.
  if (lastAttemptAt === null || lastAttemptAt > now) return now;
  if (facts.lastErrorCode === null && facts.pendingUpload > facts.batchSize) return now;
  return Math.max(now, lastAttemptAt + facts.intervalMs);
}

export function isSyncDue(facts: SyncDueFacts): boolean {
  const at = nextSyncAt(facts);
  return at !== null && at <= facts.now;
}
