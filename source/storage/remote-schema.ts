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
    seq INTEGER NOT NULL,
    duration_ms INTEGER
  )`,
  `CREATE UNIQUE INDEX IF NOT EXISTS history_by_seq ON history(seq)`,
  `INSERT OR IGNORE INTO mcp_meta (key, value) VALUES ('schema_version', '${REMOTE_SCHEMA_VERSION}')`,
];

export const REMOTE_COLUMNS =
  'command_uuid, command, response, timestamp, user_id, machine_id, session_id, status, tokens_used, cwd, version, deleted, duration_ms';

/**
 * Columns added after a server was set up, each with the statement that adds it. Additive
 * and nullable, so clients that do not know a column keep working (the schema version
 * stays: it counts changes that older clients cannot live with).
 */
export const ADDED_COLUMNS: readonly { readonly name: string; readonly add: string }[] = [
  { name: 'duration_ms', add: 'ALTER TABLE history ADD COLUMN duration_ms INTEGER' },
];

export const COLUMN_NAMES_SQL = "SELECT name FROM pragma_table_info('history')";

/**
 * Last-write-wins on the server, for a whole batch in one statement: the batch travels as
 * one JSON array parameter (one statement instead of one per row halves the server's work;
 * see BENCHMARKS.md). An incoming row replaces the stored one only if its version is newer.
 * Each row's change number is the table's maximum before the statement (a constant
 * subquery, evaluated once) plus its position in the array plus one: unique and increasing.
 */
export const UPSERT_BATCH_SQL = `INSERT INTO history (${REMOTE_COLUMNS}, seq)
  SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6,
    value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11, value ->> 12,
    (SELECT COALESCE(MAX(seq), 0) FROM history) + key + 1
  FROM json_each(?) WHERE true
  ON CONFLICT(command_uuid) DO UPDATE SET
    command = excluded.command, response = excluded.response, timestamp = excluded.timestamp,
    user_id = excluded.user_id, machine_id = excluded.machine_id, session_id = excluded.session_id,
    status = excluded.status, tokens_used = excluded.tokens_used, cwd = excluded.cwd,
    version = excluded.version, deleted = excluded.deleted, duration_ms = excluded.duration_ms,
    seq = excluded.seq
  WHERE excluded.version > history.version`;

/** The server's rows for a JSON array of uuids, read in the same transaction before the upsert. */
export const SELECT_BEFORE_SQL = `SELECT ${REMOTE_COLUMNS} FROM history
  WHERE command_uuid IN (SELECT value FROM json_each(?))`;

export const SCHEMA_VERSION_SQL = `SELECT value FROM mcp_meta WHERE key = 'schema_version'`;
export const MAX_SEQ_SQL = 'SELECT COALESCE(MAX(seq), 0) AS max_seq FROM history';
/**
 * Responses are capped (~10 MB by sqld), so a page also stops at about this many characters
 * of command + response (always at least one row).
 */
export const PAGE_MAX_CHARS = 4_000_000;

/**
 * One page of changes as a single JSON text: decoding one string is ~1.6x faster than the
 * client building a row object per row with thirteen columns (BENCHMARKS.md). Arguments:
 * cursor, limit, character budget. Returns `page` (array of [columns..., seq] arrays) and
 * `matched` (rows after the cursor before the budget cut, to tell a cut page from the end).
 */
export const PULL_PAGE_SQL = `WITH page AS (
    SELECT ${REMOTE_COLUMNS}, seq,
      SUM(length(command) + COALESCE(length(response), 0)) OVER (ORDER BY seq) AS running
    FROM history WHERE seq > ? ORDER BY seq LIMIT ?
  )
  SELECT json_group_array(json_array(${REMOTE_COLUMNS}, seq)) AS page, (SELECT COUNT(*) FROM page) AS matched
  FROM (SELECT * FROM page WHERE running <= ? OR seq = (SELECT MIN(seq) FROM page) ORDER BY seq)`;

/** The positions of the columns in a PULL_PAGE_SQL row array. */
export const PAGE_COLUMNS = [...REMOTE_COLUMNS.split(', '), 'seq'] as const;
