/**
 * The remote schema, in plain columns any libSQL client or Turso's tools can query.
 * `seq` is a change number: every applied change gets MAX(seq) + 1 (writes to one libSQL
 * database are serialised, so it only grows), and a pull asks for `seq > cursor`, which
 * costs O(changes since the cursor), never O(history).
 */
export const REMOTE_SCHEMA_VERSION = 1;

export const REMOTE_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS mcp_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS history (
    command_uuid TEXT PRIMARY KEY,
    command TEXT NOT NULL,
    response TEXT,
    timestamp INTEGER NOT NULL,
    user_id TEXT,
    machine_id TEXT,
    session_id TEXT,
    status TEXT,
    tokens_used INTEGER,
    cwd TEXT,
    version TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    seq INTEGER NOT NULL
  )`,
  `CREATE UNIQUE INDEX IF NOT EXISTS history_by_seq ON history(seq)`,
  `INSERT OR IGNORE INTO mcp_meta (key, value) VALUES ('schema_version', '${REMOTE_SCHEMA_VERSION}')`,
];

export const REMOTE_COLUMNS =
  'command_uuid, command, response, timestamp, user_id, machine_id, session_id, status, tokens_used, cwd, version, deleted';

/** Last-write-wins on the server: an incoming row replaces the stored one only if its version is newer. */
export const UPSERT_SQL = `INSERT INTO history (${REMOTE_COLUMNS}, seq)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM history))
  ON CONFLICT(command_uuid) DO UPDATE SET
    command = excluded.command, response = excluded.response, timestamp = excluded.timestamp,
    user_id = excluded.user_id, machine_id = excluded.machine_id, session_id = excluded.session_id,
    status = excluded.status, tokens_used = excluded.tokens_used, cwd = excluded.cwd,
    version = excluded.version, deleted = excluded.deleted, seq = excluded.seq
  WHERE excluded.version > history.version`;

export const SCHEMA_VERSION_SQL = `SELECT value FROM mcp_meta WHERE key = 'schema_version'`;
export const MAX_SEQ_SQL = 'SELECT COALESCE(MAX(seq), 0) AS max_seq FROM history';
export const PULL_SQL = `SELECT ${REMOTE_COLUMNS}, seq FROM history WHERE seq > ? ORDER BY seq LIMIT ?`;
