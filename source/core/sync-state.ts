/**
 * The sync state shown by the badge and `status`, derived from facts the cache holds.
 * Errors that need a person (auth, schema) outrank everything; then reachability; then
 * what is waiting.
 */
import type { ErrorCode } from './errors.js';
import type { SyncState } from './types.js';

export type SyncFacts = {
  readonly remoteConfigured: boolean;
  readonly pendingUpload: number;
  readonly openConflicts: number;
  /** The server's highest change number at last contact, and how far this machine has pulled. */
  readonly remoteSeq: number;
  readonly pullCursor: number;
  /** The code of the last sync attempt's error, null when it succeeded. */
  readonly lastErrorCode: ErrorCode | null;
};

export function computeSyncState(facts: SyncFacts): SyncState {
  if (facts.remoteConfigured) {
    if (facts.lastErrorCode === 'AUTH_FAILED') return 'AUTH_FAILED';
    if (facts.lastErrorCode === 'SCHEMA_MISMATCH') return 'SCHEMA_MISMATCH';
    if (facts.lastErrorCode === 'REMOTE_UNREACHABLE') return 'OFFLINE';
  }
  if (facts.openConflicts > 0) return 'CONFLICT';
  if (facts.pendingUpload > 0) return 'PENDING_UPLOAD';
  if (facts.remoteSeq > facts.pullCursor) return 'PENDING_DOWNLOAD';
  return 'SYNCHRONIZED';
}
