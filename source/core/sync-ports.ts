/**
 * The two small interfaces the sync engine is written against: the local side (the cache)
 * and the remote side (Turso / sqld). Types only.
 */
import type { HistoryEntry } from './types.js';
import type { ErrorCode } from './errors.js';

/** A queued local change ready to push. */
export type PushItem = {
  /** sync_queue ids this item stands for (several changes of one entry collapse to the last). */
  readonly queueIds: readonly number[];
  readonly entry: HistoryEntry;
  readonly baseVersion: string | null;
};

/** A row that failed the gate: never merged, kept in the cache's quarantine list. */
export type QuarantineItem = {
  /** The row's uuid when it has a usable one. */
  readonly uuid: string | null;
  /** The server's change number (as text: it may be out of any integer's range), or null for a local change. */
  readonly seq: string | null;
  readonly direction: 'download' | 'upload';
  readonly reason: string;
};

export type PullPage = {
  readonly rows: readonly HistoryEntry[];
  /** Rows the server sent that were not valid entries: quarantined, never merged. */
  readonly quarantined: readonly QuarantineItem[];
  /** The change number of the last row of the page (the next cursor). */
  readonly lastSeq: number;
  /** The server's highest change number. */
  readonly maxSeq: number;
  /** Whether more changes follow this page. */
  readonly more: boolean;
};

export type PullOutcome = {
  readonly applied: number;
  readonly conflicts: number;
  /** Rows of the page newly added to the quarantine list. */
  readonly quarantined: number;
};
export type PushOutcome = { readonly conflicts: number };

export interface LocalSyncPort {
  readonly machineId: string;
  /** The oldest queued changes with an id above `afterId`, at most `limit` queue rows. */
  readQueue(limit: number, afterId?: number): PushItem[];
  /** Records what the server had before the push; deletes the pushed queue rows. One transaction. */
  completePush(
    items: readonly PushItem[],
    serverBefore: readonly (HistoryEntry | null)[],
  ): PushOutcome;
  /** Merges a pulled page and moves the cursor, in one transaction. */
  applyPull(page: PullPage): PullOutcome;
  pullCursor(): number;
  /** Queued changes not yet confirmed by the server. */
  pendingCount(): number;
  /** Remembers how the last attempt ended (null: success) and when. */
  recordAttempt(error: { code: ErrorCode; message: string } | null, remoteSeq?: number): void;
}

export interface RemotePort {
  /** Creates or checks the remote schema; throws SCHEMA_MISMATCH for a newer one. */
  ensureSchema(): Promise<void>;
  /** Applies the entries (newer versions only) and returns the server's rows from just before. */
  push(items: readonly PushItem[]): Promise<(HistoryEntry | null)[]>;
  /**
   * The changes after `cursor`, at most `limit`, oldest first. With `first`, the same round
   * trip also checks the schema version and reads the server's highest change number;
   * otherwise `maxSeq` is the page's own last change number.
   */
  pull(cursor: number, limit: number, first: boolean): Promise<PullPage>;
  /** HTTP requests made so far (for benchmarks and tests). */
  readonly roundTrips: number;
  close(): void;
}
