/**
 * Domain types shared by every layer. Pure data: no behaviour, no I/O.
 */
import type { Side } from './conflict-resolver.js';
import type { ErrorCode } from './errors.js';
import type { QuarantineItem } from './sync-ports.js';

/** One history entry as the rest of the program sees it. */
export type HistoryEntry = {
  /** The entry's identity on every machine (also stored as `id`). */
  readonly uuid: string;
  readonly command: string;
  readonly response: string | null;
  /** When the command was first recorded, in ms since the epoch (wall clock of the recorder). */
  readonly timestamp: number;
  readonly userId: string | null;
  readonly machineId: string;
  readonly sessionId: string | null;
  readonly status: string | null;
  readonly tokensUsed: number | null;
  readonly cwd: string | null;
  /** How long the command ran, ms (shell hooks); null when unknown. Absent reads as null. */
  readonly durationMs?: number | null;
  /** Encoded hybrid logical clock of the last change; decides last-write-wins. */
  readonly version: string;
  /** A tombstone: the entry was deleted; its content is blanked. */
  readonly deleted: boolean;
};

/** The fields a caller supplies to record a new entry. */
export type NewEntry = {
  readonly command: string;
  readonly response?: string | null | undefined;
  readonly status?: string | null | undefined;
  readonly tokensUsed?: number | null | undefined;
  readonly sessionId?: string | null | undefined;
  readonly cwd?: string | null | undefined;
  readonly userId?: string | null | undefined;
  /** How long it ran, ms. */
  readonly durationMs?: number | null | undefined;
  /** When the command ran, ms since the epoch; defaults to now (bulk imports keep their times). */
  readonly timestamp?: number | undefined;
};

/** The fields `update` may change; an absent field keeps its value. */
export type EntryPatch = {
  readonly response?: string | null | undefined;
  readonly status?: string | null | undefined;
  readonly tokensUsed?: number | null | undefined;
};

/** Sync states shown by the badge and `status`. */
export const SYNC_STATES = [
  'SYNCHRONIZED',
  'PENDING_UPLOAD',
  'PENDING_DOWNLOAD',
  'SYNCING',
  'CONFLICT',
  'OFFLINE',
  'AUTH_FAILED',
  'SCHEMA_MISMATCH',
  /** The last sync attempt failed for another reason (the server refused a batch, …). */
  'SYNC_FAILED',
  /** No remote configured: everything stays on this machine. */
  'LOCAL_ONLY',
] as const;
export type SyncState = (typeof SYNC_STATES)[number];

/** Operations a sync_queue entry can carry. */
export type QueueOperation = 'insert' | 'update' | 'delete';

/** The two halves of a sync: upload the queue, then download what changed. */
export type SyncPhase = 'push' | 'pull';

/** How far a sync is: the badge, `status`, `sync`'s progress line and the worker's events. */
export type SyncProgress = {
  readonly phase: SyncPhase;
  readonly done: number;
  readonly total: number;
};

/** Where a search or a list looks: every machine, one machine, one session, one directory. */
export type Scope =
  | { readonly kind: 'all' }
  | { readonly kind: 'machine'; readonly machineId: string }
  | { readonly kind: 'session'; readonly sessionId: string }
  | { readonly kind: 'cwd'; readonly cwd: string };

/** A concurrent edit: last-write-wins chose one version; the other is kept here. */
export type Conflict = {
  readonly id: number;
  readonly uuid: string;
  readonly detectedAt: number;
  /** Which side lost the automatic last-write-wins: 'local' = this machine's version. */
  readonly loserSide: Side;
  /** The version that is current now (null if the entry is gone from the cache). */
  readonly current: HistoryEntry | null;
  readonly loser: HistoryEntry;
};

/** A server row that failed the gate (never merged), as `status` lists it. */
export type QuarantinedRow = QuarantineItem & { readonly seenAt: number };

/** The sync status as the cache records it: what `status` prints and the badge starts from. */
export type SyncStatus = {
  readonly state: SyncState;
  readonly pendingUpload: number;
  readonly conflicts: number;
  readonly lastSyncedAt: number | null;
  readonly machineId: string;
  readonly lastError: string | null;
  readonly lastErrorCode: ErrorCode | null;
  /** While a process of this machine syncs: how far it is. */
  readonly progress: SyncProgress | null;
  /** Rows that failed the gate (never merged), and the newest of them with their reasons. */
  readonly quarantined: number;
  readonly quarantine: readonly QuarantinedRow[];
};

/** Numbers about the history: `stats` and the TUI's stats view. */
export type HistoryStats = {
  readonly total: number;
  readonly machines: readonly { readonly machineId: string; readonly entries: number }[];
  readonly topCommands: readonly { readonly command: string; readonly uses: number }[];
  /** Local calendar days (the TZ of the process), most entries first. */
  readonly busiestDays: readonly { readonly day: string; readonly entries: number }[];
  readonly first: number | null;
  readonly last: number | null;
};
