/**
 * The statements the local side of sync (CacheSyncStore) runs, prepared once per store: the
 * queue, versions, remote rows in and out, bases, conflicts.
 */
import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import type { HistoryEntry } from '../core/types.js';

type SyncStatementName =
  | 'queue'
  | 'versions'
  | 'insertRemote'
  | 'updateRemote'
  | 'setBase'
  | 'setBaseOnly'
  | 'deleteQueued'
  | 'deleteQueuedFor'
  | 'deleteQueuedId'
  | 'conflict';

/** One prepared statement per name (a named type, so the library's declarations can say it). */
export type SyncStatements = { readonly [K in SyncStatementName]: Statement };

export function prepareSyncStatements(db: Database.Database): SyncStatements {
  return {
    queue: db.prepare(
      'SELECT id, record_id, data FROM sync_queue WHERE id > ? ORDER BY id LIMIT ?',
    ),
    versions: db.prepare(
      'SELECT id, version, base_version FROM history_cache WHERE id IN (SELECT value FROM json_each(?))',
    ),
    // New rows and changed rows take separate statements: an upsert compiles the update
    // triggers into every insert, which made fresh downloads ~30% slower.
    insertRemote: db.prepare(
      `INSERT INTO history_cache (id, command, response, timestamp, user_id, machine_id, session_id, status,
       tokens_used, command_uuid, cwd, version, deleted, base_version, sync_status, last_synced,
       duration_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'synced', ?, ?)`,
    ),
    updateRemote: db.prepare(
      `UPDATE history_cache SET command = ?, response = ?, timestamp = ?, user_id = ?, machine_id = ?,
       session_id = ?, status = ?, tokens_used = ?, cwd = ?, version = ?, deleted = ?, base_version = ?,
       sync_status = 'synced', last_synced = ?, duration_ms = ?
     WHERE id = ?`,
    ),
    setBase: db.prepare(
      `UPDATE history_cache SET base_version = @base,
       sync_status = CASE WHEN version = @base THEN 'synced' ELSE sync_status END,
       last_synced = CASE WHEN version = @base THEN @now ELSE last_synced END
     WHERE id = @id`,
    ),
    setBaseOnly: db.prepare('UPDATE history_cache SET base_version = ? WHERE id = ?'),
    deleteQueued: db.prepare('DELETE FROM sync_queue WHERE id IN (SELECT value FROM json_each(?))'),
    deleteQueuedFor: db.prepare('DELETE FROM sync_queue WHERE record_id = ?'),
    deleteQueuedId: db.prepare('DELETE FROM sync_queue WHERE id = ?'),
    conflict: db.prepare(
      `INSERT INTO conflicts (command_uuid, winner_version, loser_version, loser_data, loser_side, detected_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
    ),
  };
}

// Positional parameters, in the statements' column order: binding an object by name cost
// more than the insert itself on a pull.

/** The fields both remote-row statements set, in their order. */
function sharedFields(e: HistoryEntry) {
  return [
    e.command,
    e.response,
    e.timestamp,
    e.userId,
    e.machineId,
    e.sessionId,
    e.status,
    e.tokensUsed,
  ];
}

/** insertRemote's parameters: the server's version as a new row, synced now. */
export function insertRemoteArgs(e: HistoryEntry, now: number) {
  return [
    e.uuid,
    ...sharedFields(e),
    e.uuid,
    e.cwd,
    e.version,
    e.deleted ? 1 : 0,
    e.version,
    now,
    e.durationMs ?? null,
  ];
}

/** updateRemote's parameters: the server's version over the row, synced now. */
export function updateRemoteArgs(e: HistoryEntry, now: number) {
  return [
    ...sharedFields(e),
    e.cwd,
    e.version,
    e.deleted ? 1 : 0,
    e.version,
    now,
    e.durationMs ?? null,
    e.uuid,
  ];
}
