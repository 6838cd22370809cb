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
  /** Whether any sync has completed: before the first, what the server holds is unknown. */
  readonly everSynced?: boolean;
};

export function computeSyncState(facts: SyncFacts): SyncState {
  if (!facts.remoteConfigured) return 'LOCAL_ONLY';
  switch (facts.lastErrorCode) {
    case null:
      break;
    case 'AUTH_FAILED':
    case 'SCHEMA_MISMATCH':
      return facts.lastErrorCode;
    case 'REMOTE_UNREACHABLE':
      return 'OFFLINE';
    default:
      // Whatever else stopped the last attempt, the machine is not known to be in sync.
      return 'SYNC_FAILED';
  }
  if (facts.openConflicts > 0) return 'CONFLICT';
  if (facts.pendingUpload > 0) return 'PENDING_UPLOAD';
  if (facts.remoteSeq > facts.pullCursor || facts.everSynced === false) return 'PENDING_DOWNLOAD';
  return 'SYNCHRONIZED';
}
