/**
 * When a process that just recorded a command (the shell hook's `record --sync-if-due`)
 * should start a background sync: the rule that lets a machine with only the hook installed
 * keep in sync, without a sync per command. Pure: the caller reads the facts from the cache.
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
 * Due when `interval` has passed since the last attempt (so pulls happen too), or when more
 * than a batch waits and the last attempt succeeded (a failing server is retried at the
 * interval, not at every command).
 */
export function isSyncDue(facts: SyncDueFacts): boolean {
  if (!facts.enabled || !facts.remoteConfigured || !facts.networkAllowed) return false;
  if (facts.lastAttemptAt === null) return true;
  // A clock set back leaves a last attempt "in the future": treat it as long ago.
  const since = facts.now - facts.lastAttemptAt;
  if (since < 0 || since >= facts.intervalMs) return true;
  return facts.lastErrorCode === null && facts.pendingUpload > facts.batchSize;
}
