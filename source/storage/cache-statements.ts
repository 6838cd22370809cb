/**
 * The cache's prepared statements, made once per connection: the hot paths (record, get,
 * counts, the import's checks) never parse SQL.
 */
import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { ENTRY_COLUMNS, ENTRY_PARAMS } from './rows.js';

type StatementName =
  | 'getMeta'
  | 'setMeta'
  | 'insertRow'
  | 'replaceRow'
  | 'enqueue'
  | 'getRow'
  | 'hasId'
  | 'sameRuns'
  | 'maxRowid'
  | 'addStats'
  | 'countLive'
  | 'foldLiveCount'
  | 'countQueue'
  | 'countConflicts';

/** One prepared statement per name (a named type, so the library's declarations can say it). */
export type CacheStatements = { readonly [K in StatementName]: Statement };

export function prepareStatements(db: Database.Database): CacheStatements {
  return {
    getMeta: db.prepare('SELECT value FROM sync_metadata WHERE key = ?'),
    setMeta: db.prepare(
      `INSERT INTO sync_metadata (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ),
    // command_uuid is the seed's column: the same value as id.
    insertRow: db.prepare(
      `INSERT INTO history_cache (${ENTRY_COLUMNS}, command_uuid) VALUES (${ENTRY_PARAMS}, @id)`,
    ),
    replaceRow: db.prepare(
      `UPDATE history_cache SET command = @command, response = @response, status = @status,
       tokens_used = @tokens_used, duration_ms = @duration_ms, version = @version, deleted = @deleted,
       sync_status = 'pending'
       WHERE id = @id`,
    ),
    enqueue: db.prepare(
      `INSERT INTO sync_queue (operation, table_name, record_id, data, created_at)
       VALUES (?, 'history_cache', ?, ?, ?)`,
    ),
    getRow: db.prepare(`SELECT ${ENTRY_COLUMNS} FROM history_cache WHERE id = ?`),
    hasId: db.prepare('SELECT 1 FROM history_cache WHERE id = ?'),
    // Runs this machine recorded itself: imported uuids have version 8 (stable-uuid.ts).
    sameRuns: db.prepare(
      `SELECT id FROM history_cache WHERE deleted = 0 AND timestamp BETWEEN @from AND @to
         AND command = @command AND machine_id = @machineId AND substr(id, 15, 1) <> '8'
         ORDER BY timestamp, id`,
    ),
    maxRowid: db.prepare('SELECT MAX(rowid) AS n FROM history_cache'),
    addStats: db.prepare(
      `INSERT INTO command_stats (command, machine_id, uses, last_used, last_uuid)
       SELECT command, COALESCE(machine_id, ''), COUNT(*), MAX(timestamp), id FROM history_cache
       WHERE rowid > ? AND rowid <= ? AND deleted = 0 GROUP BY command, COALESCE(machine_id, '')
       ON CONFLICT (command, machine_id) DO UPDATE SET uses = uses + excluded.uses,
         last_uuid = CASE WHEN excluded.last_used >= last_used THEN excluded.last_uuid ELSE last_uuid END,
         last_used = MAX(last_used, excluded.last_used)`,
    ),
    // live_base (kept by triggers, migration 3) plus the rows above its watermark.
    countLive: db.prepare(
      `SELECT CAST(base.value AS INTEGER) + (SELECT COUNT(*) FROM history_cache
         WHERE rowid > CAST(mark.value AS INTEGER) AND deleted = 0) AS n
       FROM sync_metadata base, sync_metadata mark
       WHERE base.key = 'live_base' AND mark.key = 'live_rowid'`,
    ),
    foldLiveCount: db.prepare(
      `UPDATE sync_metadata SET value = CAST(value AS INTEGER) + (SELECT COUNT(*) FROM history_cache
         WHERE rowid > @mark AND rowid <= @newest AND deleted = 0) WHERE key = 'live_base'`,
    ),
    countQueue: db.prepare(
      "SELECT CAST(value AS INTEGER) AS n FROM sync_metadata WHERE key = 'pending_count'",
    ),
    countConflicts: db.prepare('SELECT COUNT(*) AS n FROM conflicts WHERE resolved_at IS NULL'),
  };
}
