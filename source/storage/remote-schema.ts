/**
 * The remote schema, in plain columns any libSQL client or Turso's tools can query.
 * `seq` is a change number: every applied change gets MAX(seq) + 1 (writes to one libSQL
 * database are serialised, so it only grows), and a pull asks for `seq > cursor`, which
 * costs O(changes since the cursor), never O(history).
 */
import { wellFormedVersionSql } from '../core/hlc.js';
import { ROW_LIMITS } from '../core/remote-row.js';
import { MAX_TIMESTAMP_MS } from '../core/validate-entry.js';

export const REMOTE_SCHEMA_VERSION = 1;

/**
 * The highest change number clients use or read. Rows planted with a larger (or a
 * non-integer text) `seq` would overflow JavaScript's integers and SQLite's; they are
 * reported as quarantined instead of being paged through, and the next change number is
 * computed below this bound, so they can neither stop sync nor collide with new rows.
 */
export const MAX_SEQ = 2 ** 52;

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

const HEX = '[0-9a-fA-F]';
const UUID_GLOB = [8, 4, 4, 4, 12].map((n) => HEX.repeat(n)).join('-');
const SHORT_COLUMNS = ['user_id', 'machine_id', 'session_id', 'status', 'cwd'] as const;

function optionalText(column: string, maxBytes: number): string {
  return `typeof(${column}) IN ('null', 'text') AND ifnull(octet_length(${column}), 0) <= ${maxBytes}`;
}

function optionalCount(column: string): string {
  return `typeof(${column}) IN ('null', 'integer') AND ifnull(${column}, 0) BETWEEN 0 AND ${Number.MAX_SAFE_INTEGER}`;
}

/**
 * Whether the row `t` is one every client admits (core/remote-row.ts, same limits in bytes)
 * and pages through (a change number in range).
 * The server's "apply only if newer" treats an invalid stored row as older than anything,
 * so a row planted with a version like 'zzzz' can never keep honest edits out.
 */
export function validRowSql(t: string): string {
  return `(${wellFormedVersionSql(`${t}.version`)}
    AND typeof(${t}.command_uuid) = 'text' AND octet_length(${t}.command_uuid) = 36
    AND ${t}.command_uuid GLOB '${UUID_GLOB}'
    AND typeof(${t}.command) = 'text' AND octet_length(${t}.command) <= ${ROW_LIMITS.command}
    AND ${optionalText(`${t}.response`, ROW_LIMITS.response)}
    AND typeof(${t}.timestamp) = 'integer' AND ${t}.timestamp BETWEEN 0 AND ${MAX_TIMESTAMP_MS - 1}
    AND ${SHORT_COLUMNS.map((c) => optionalText(`${t}.${c}`, ROW_LIMITS.short)).join(' AND ')}
    AND ${optionalCount(`${t}.tokens_used`)} AND ${optionalCount(`${t}.duration_ms`)}
    AND typeof(${t}.deleted) = 'integer' AND ${t}.deleted IN (0, 1)
    AND typeof(${t}.seq) = 'integer' AND ${t}.seq BETWEEN 1 AND ${MAX_SEQ})`;
}

/** The highest change number in range (a planted huge one is ignored), by the index. */
const TOP_SEQ = `(SELECT CAST(seq AS INTEGER) FROM history WHERE seq BETWEEN 1 AND ${MAX_SEQ}
  ORDER BY seq DESC LIMIT 1)`;
const HIGH_WATER = `(SELECT CAST(value AS INTEGER) FROM mcp_meta WHERE key = 'seq_high')`;

/**
 * The next change number's base: the highest ever used. A row's number moves when it is
 * changed, so if the row holding the top number were moved away (or deleted) by hand, the
 * top of the table would go down and new changes would reuse numbers that clients' cursors
 * have passed: they would never see them. The high-water mark in mcp_meta never goes down.
 */
const NEXT_SEQ_BASE = `MAX(COALESCE(${TOP_SEQ}, 0), COALESCE(${HIGH_WATER}, 0))`;

/** Run after each push, in its transaction: moves the high-water mark up to the top. */
export const BUMP_HIGH_WATER_SQL = `INSERT INTO mcp_meta (key, value)
  VALUES ('seq_high', CAST(${NEXT_SEQ_BASE} AS TEXT))
  ON CONFLICT(key) DO UPDATE SET value = CAST(MAX(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)`;

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
    -- NULL (so NOT NULL fails the whole batch, loudly) rather than a number past the range
    -- clients page: a row planted at the top of the range must not make new changes invisible.
    CASE WHEN base + key + 1 <= ${MAX_SEQ} THEN base + key + 1 END
  FROM json_each(?) JOIN (SELECT ${NEXT_SEQ_BASE} AS base) WHERE true
  ON CONFLICT(command_uuid) DO UPDATE SET
    command = excluded.command, response = excluded.response, timestamp = excluded.timestamp,
    user_id = excluded.user_id, machine_id = excluded.machine_id, session_id = excluded.session_id,
    status = excluded.status, tokens_used = excluded.tokens_used, cwd = excluded.cwd,
    version = excluded.version, deleted = excluded.deleted, duration_ms = excluded.duration_ms,
    seq = excluded.seq
  WHERE excluded.version > history.version OR NOT ${validRowSql('history')}`;

/**
 * The columns for a plain (non-JSON) read. The client refuses to turn an integer beyond
 * 2^53 into a number and fails the whole request, so such a value (planted by hand) comes
 * as text, which the gate then refuses for that row alone.
 */
const SAFE_COLUMNS = REMOTE_COLUMNS.split(', ')
  .map((c) =>
    ['timestamp', 'tokens_used', 'deleted', 'duration_ms'].includes(c)
      ? `CASE WHEN typeof(${c}) = 'integer' AND ${c} NOT BETWEEN -${Number.MAX_SAFE_INTEGER} AND ${Number.MAX_SAFE_INTEGER}
          THEN CAST(${c} AS TEXT) ELSE ${c} END AS ${c}`
      : c,
  )
  .join(', ');

/** The server's rows for a JSON array of uuids, read in the same transaction before the upsert. */
export const SELECT_BEFORE_SQL = `SELECT ${SAFE_COLUMNS} FROM history
  WHERE command_uuid IN (SELECT value FROM json_each(?))`;

export const SCHEMA_VERSION_SQL = `SELECT value FROM mcp_meta WHERE key = 'schema_version'`;
export const MAX_SEQ_SQL = `SELECT COALESCE((SELECT seq FROM history WHERE seq <= ${MAX_SEQ}
  ORDER BY seq DESC LIMIT 1), 0) AS max_seq`;

/**
 * A page is one JSON text built by the server, and sqld refuses any value over 5,000,000
 * bytes, so a page stops at this many bytes of encoded rows (always at least one row).
 */
export const PAGE_MAX_BYTES = 4_200_000;
/**
 * A row whose columns hold more than this many raw bytes could exceed the page's limit once
 * JSON escaping has grown it (up to 6x for control characters): it is not put in a page but
 * fetched alone (BIG_ROW_SQL). Blobs, which JSON cannot hold, go the same way.
 */
export const BIG_ROW_BYTES = 700_000;

const ALL_COLUMNS = [...REMOTE_COLUMNS.split(', '), 'seq'];
const RAW_BYTES = ALL_COLUMNS.map((c) => `ifnull(octet_length(${c}), 0)`).join(' + ');
const HAS_BLOB = `'blob' IN (${ALL_COLUMNS.map((c) => `typeof(${c})`).join(', ')})`;

/**
 * One page of changes as a single JSON text: decoding one string is ~1.6x faster than the
 * client building a row object per row with thirteen columns (BENCHMARKS.md). Arguments:
 * cursor, limit, byte budget. Returns `page` (an array of [columns..., seq] arrays, or
 * ['big', seq] for a row to fetch alone) and `matched` (rows after the cursor before the
 * budget cut, to tell a cut page from the end). The size of a small row is bounded by 6x its
 * raw bytes (no string is built to measure it); a larger one is measured exactly.
 */
export const PULL_PAGE_SQL = `WITH rows AS (
    SELECT ${REMOTE_COLUMNS}, seq, ${RAW_BYTES} AS raw, ${HAS_BLOB} AS blob
    FROM history WHERE seq > ? AND seq <= ${MAX_SEQ} ORDER BY seq LIMIT ?
  ), page AS (
    SELECT *, SUM(size) OVER (ORDER BY seq) AS running FROM (
      SELECT *, CASE WHEN blob OR raw > ${BIG_ROW_BYTES} THEN 0
        WHEN raw <= 4096 THEN 6 * raw + 64
        ELSE octet_length(json_array(${REMOTE_COLUMNS}, seq)) END AS size
      FROM rows)
  )
  SELECT json_group_array(CASE WHEN blob OR raw > ${BIG_ROW_BYTES} THEN json_array('big', seq)
      ELSE json_array(${REMOTE_COLUMNS}, seq) END) AS page,
    (SELECT COUNT(*) FROM page) AS matched
  FROM (SELECT * FROM page WHERE running <= ? OR seq = (SELECT MIN(seq) FROM page) ORDER BY seq)`;

/** One row by change number, as plain columns (a row too big for a page). */
export const BIG_ROW_SQL = `SELECT ${SAFE_COLUMNS}, seq FROM history WHERE seq = ?`;

/**
 * Rows whose change number is out of the range clients page through (planted by hand or by
 * a broken client): listed so they can be reported, never paged. Indexed: two range scans.
 */
export const OUT_OF_RANGE_SQL = `SELECT json_group_array(json_array(
    CASE WHEN typeof(command_uuid) = 'text' AND command_uuid GLOB '${UUID_GLOB}' THEN command_uuid END,
    substr(CAST(seq AS TEXT), 1, 40)))
  AS rows FROM (SELECT command_uuid, seq FROM history WHERE seq > ${MAX_SEQ} OR seq < 1 LIMIT 100)`;

/** The positions of the columns in a PULL_PAGE_SQL row array. */
export const PAGE_COLUMNS = ALL_COLUMNS;
