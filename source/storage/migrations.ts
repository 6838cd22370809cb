/**
 * Local cache schema, keyed by `PRAGMA user_version`. Each migration runs in the same
 * IMMEDIATE transaction as the version bump, so concurrent first opens cannot run one twice.
 */
import type Database from 'better-sqlite3';
import { McpError } from '../core/errors.js';

const MIGRATIONS: readonly string[] = [
  // 1: the seed's three tables (with every column it names), plus what sync needs.
  `
  CREATE TABLE history_cache (
    id TEXT PRIMARY KEY,
    command TEXT NOT NULL,
    response TEXT,
    timestamp INTEGER NOT NULL,
    user_id TEXT,
    machine_id TEXT,
    session_id TEXT,
    status TEXT,
    tokens_used INTEGER,
    sync_status TEXT DEFAULT 'pending',
    last_synced INTEGER,
    command_uuid TEXT UNIQUE,
    cwd TEXT,
    version TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    -- The version this machine and the server last agreed on (NULL: never synced).
    -- version <> base_version means a local change the server has not confirmed.
    base_version TEXT
  );
  CREATE INDEX history_newest ON history_cache(timestamp DESC) WHERE deleted = 0;
  CREATE INDEX history_by_session ON history_cache(session_id, timestamp DESC) WHERE deleted = 0;

  CREATE TABLE sync_queue (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    operation TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_id TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    retry_count INTEGER DEFAULT 0,
    last_error TEXT
  );

  CREATE TABLE sync_metadata (
    key TEXT PRIMARY KEY,
    value TEXT,
    updated_at INTEGER
  );

  -- The number of queued changes, kept by triggers: COUNT(*) over a million queued rows
  -- takes ~0.4 s, and status and the badge ask for it all the time.
  INSERT INTO sync_metadata (key, value, updated_at) VALUES ('pending_count', 0, 0);
  CREATE TRIGGER sync_queue_counted_insert AFTER INSERT ON sync_queue BEGIN
    UPDATE sync_metadata SET value = value + 1 WHERE key = 'pending_count';
  END;
  CREATE TRIGGER sync_queue_counted_delete AFTER DELETE ON sync_queue BEGIN
    UPDATE sync_metadata SET value = value - 1 WHERE key = 'pending_count';
  END;

  -- Losing versions of concurrent edits; the winner is whatever history_cache holds.
  CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    command_uuid TEXT NOT NULL,
    winner_version TEXT NOT NULL,
    loser_version TEXT NOT NULL,
    loser_data TEXT NOT NULL,
    loser_side TEXT NOT NULL,
    detected_at INTEGER NOT NULL,
    resolved_at INTEGER
  );
  CREATE INDEX conflicts_open ON conflicts(command_uuid) WHERE resolved_at IS NULL;
  `,
  // 2: distinct commands per machine, so search loads ~50,000 candidates instead of grouping
  // a million rows every time it starts. A derived index, caught up from a rowid watermark
  // (sync_metadata 'stats_rowid') when search loads it (LocalCache.catchUpStats): keeping it
  // current on every insert made bulk recording and downloads 2-3x slower.
  `
  CREATE TABLE command_stats (
    command TEXT NOT NULL,
    machine_id TEXT NOT NULL,
    uses INTEGER NOT NULL,
    last_used INTEGER NOT NULL,
    last_uuid TEXT NOT NULL,
    PRIMARY KEY (command, machine_id)
  ) WITHOUT ROWID;
  INSERT INTO command_stats (command, machine_id, uses, last_used, last_uuid)
    SELECT command, COALESCE(machine_id, ''), COUNT(*), MAX(timestamp), id
    FROM history_cache WHERE deleted = 0 GROUP BY command, COALESCE(machine_id, '');
  INSERT OR REPLACE INTO sync_metadata (key, value, updated_at)
    VALUES ('stats_rowid', (SELECT COALESCE(MAX(rowid), 0) FROM history_cache), 0);
  -- Changes to rows the stats already count (rowid at or below the watermark).
  CREATE TRIGGER command_stats_forget AFTER UPDATE OF command, deleted ON history_cache
    WHEN OLD.deleted = 0 AND (NEW.deleted = 1 OR NEW.command <> OLD.command)
      AND OLD.rowid <= (SELECT CAST(value AS INTEGER) FROM sync_metadata WHERE key = 'stats_rowid') BEGIN
    UPDATE command_stats SET uses = uses - 1
      WHERE command = OLD.command AND machine_id = COALESCE(OLD.machine_id, '');
    DELETE FROM command_stats
      WHERE command = OLD.command AND machine_id = COALESCE(OLD.machine_id, '') AND uses <= 0;
  END;
  CREATE TRIGGER command_stats_revive AFTER UPDATE OF command, deleted ON history_cache
    WHEN NEW.deleted = 0 AND (OLD.deleted = 1 OR NEW.command <> OLD.command)
      AND OLD.rowid <= (SELECT CAST(value AS INTEGER) FROM sync_metadata WHERE key = 'stats_rowid') BEGIN
    INSERT INTO command_stats (command, machine_id, uses, last_used, last_uuid)
      VALUES (NEW.command, COALESCE(NEW.machine_id, ''), 1, NEW.timestamp, NEW.id)
      ON CONFLICT (command, machine_id) DO UPDATE SET uses = uses + 1,
        last_uuid = CASE WHEN excluded.last_used >= last_used THEN excluded.last_uuid ELSE last_uuid END,
        last_used = MAX(last_used, excluded.last_used);
  END;
  `,
  // 3: the TUI's "this directory" scope lists the newest entries of one cwd; without an
  // index that walks the whole history when the directory is rare. And the number of live
  // entries without COUNT(*) over a million rows (~130 ms, asked after every change while a
  // sync lands): live_base counts the rows up to the rowid watermark live_rowid, kept by
  // triggers when one of them is deleted or revived; rows above the watermark are counted
  // on read and folded in by LocalCache.maintain(). No INSERT trigger: any AFTER INSERT
  // trigger on history_cache made bulk writes 2x slower (measured, BENCHMARKS.md).
  `
  CREATE INDEX history_by_cwd ON history_cache(cwd, timestamp DESC) WHERE deleted = 0;
  INSERT OR REPLACE INTO sync_metadata (key, value, updated_at)
    VALUES ('live_base', (SELECT COUNT(*) FROM history_cache WHERE deleted = 0), 0);
  INSERT OR REPLACE INTO sync_metadata (key, value, updated_at)
    VALUES ('live_rowid', (SELECT COALESCE(MAX(rowid), 0) FROM history_cache), 0);
  CREATE TRIGGER history_live_delete AFTER DELETE ON history_cache
    WHEN OLD.deleted = 0
      AND OLD.rowid <= (SELECT CAST(value AS INTEGER) FROM sync_metadata WHERE key = 'live_rowid') BEGIN
    UPDATE sync_metadata SET value = value - 1 WHERE key = 'live_base';
  END;
  CREATE TRIGGER history_live_flip AFTER UPDATE OF deleted ON history_cache
    WHEN NEW.deleted <> OLD.deleted
      AND OLD.rowid <= (SELECT CAST(value AS INTEGER) FROM sync_metadata WHERE key = 'live_rowid') BEGIN
    UPDATE sync_metadata SET value = value + (CASE WHEN NEW.deleted = 0 THEN 1 ELSE -1 END)
      WHERE key = 'live_base';
  END;
  `,
  // 4: how long a command ran (the shell hooks measure it), ms.
  `
  ALTER TABLE history_cache ADD COLUMN duration_ms INTEGER;
  `,
  // 5: rows that failed the gate (a server row that is not a valid entry, a queued change too
  // big to upload): never merged, never blocking the cursor or the queue, listed by status.
  // One row per uuid and direction (or per change number when the uuid is unusable).
  `
  CREATE TABLE quarantine (
    key TEXT PRIMARY KEY,
    command_uuid TEXT,
    seq TEXT,
    direction TEXT NOT NULL,
    reason TEXT NOT NULL,
    seen_at INTEGER NOT NULL
  );
  CREATE INDEX quarantine_by_uuid ON quarantine(command_uuid);
  `,
];

/** The schema version this build writes. */
export const CACHE_SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the cache up to CACHE_SCHEMA_VERSION; refuses a cache from a newer build. */
export function migrate(db: Database.Database, path: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current === CACHE_SCHEMA_VERSION) return;
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > CACHE_SCHEMA_VERSION) {
      throw new McpError(
        'CACHE_NEWER_SCHEMA',
        `${path} was written by a newer mcp-terminal (cache schema ${version}, this build knows ${CACHE_SCHEMA_VERSION}); upgrade mcp-terminal`,
      );
    }
    for (let next = version; next < CACHE_SCHEMA_VERSION; next++) {
      db.exec(MIGRATIONS[next] as string);
    }
    db.pragma(`user_version = ${CACHE_SCHEMA_VERSION}`);
  }).immediate();
}
