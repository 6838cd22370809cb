/**
 * Mapping between history_cache rows and HistoryEntry values.
 */
import type { HistoryEntry } from '../core/types.js';

/** A history_cache row as better-sqlite3 returns it. */
export type HistoryRow = {
  id: string;
  command: string;
  response: string | null;
  timestamp: number;
  user_id: string | null;
  machine_id: string | null;
  session_id: string | null;
  status: string | null;
  tokens_used: number | null;
  cwd: string | null;
  version: string;
  deleted: number;
  duration_ms: number | null;
};

/** An entry's columns, in HistoryRow order: the one list every read and write builds on. */
const ENTRY_FIELDS = [
  'id',
  'command',
  'response',
  'timestamp',
  'user_id',
  'machine_id',
  'session_id',
  'status',
  'tokens_used',
  'cwd',
  'version',
  'deleted',
  'duration_ms',
] as const satisfies readonly (keyof HistoryRow)[];

/** The columns every read selects, in HistoryRow order. */
export const ENTRY_COLUMNS = ENTRY_FIELDS.join(', ');

/** The same, as the named parameters of entryToParams, for inserts. */
export const ENTRY_PARAMS = ENTRY_FIELDS.map((field) => `@${field}`).join(', ');

export function rowToEntry(row: HistoryRow): HistoryEntry {
  return {
    uuid: row.id,
    command: row.command,
    response: row.response,
    timestamp: row.timestamp,
    userId: row.user_id,
    machineId: row.machine_id ?? '',
    sessionId: row.session_id,
    status: row.status,
    tokensUsed: row.tokens_used,
    cwd: row.cwd,
    durationMs: row.duration_ms,
    version: row.version,
    deleted: row.deleted !== 0,
  };
}

/** Named parameters for the history_cache upsert statements. */
export function entryToParams(entry: HistoryEntry): Record<string, string | number | null> {
  return {
    id: entry.uuid,
    command: entry.command,
    response: entry.response,
    timestamp: entry.timestamp,
    user_id: entry.userId,
    machine_id: entry.machineId,
    session_id: entry.sessionId,
    status: entry.status,
    tokens_used: entry.tokensUsed,
    cwd: entry.cwd,
    version: entry.version,
    deleted: entry.deleted ? 1 : 0,
    duration_ms: entry.durationMs ?? null,
  };
}
