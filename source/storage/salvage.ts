/**
 * Reads what it can from a damaged cache file: its machine id, every history row on pages
 * that still read (with the version the server had confirmed), and the queued changes.
 * Rows are read in small rowid ranges so one bad page loses one range, not the rest.
 */
import type Database from 'better-sqlite3';
import type { HistoryEntry } from '../core/types.js';
import { scanTableRows } from './page-scan.js';
import { ENTRY_COLUMNS, rowToEntry, type HistoryRow } from './rows.js';
import { openReadOnly } from './sqlite-file.js';

const RANGE = 500;

export type SalvagedRow = { readonly entry: HistoryEntry; readonly baseVersion: string | null };

export type Salvage = {
  readonly machineId: string | null;
  readonly rows: readonly SalvagedRow[];
  /** Rowid ranges that could not be read (rows lost unless the server has them). */
  readonly unreadableRanges: number;
};

function tryGet<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function* ranges(db: Database.Database, table: string): Generator<[number, number]> {
  const max = tryGet(
    () => db.prepare(`SELECT MAX(rowid) FROM ${table}`).pluck().get() as number | null,
  );
  // When even the maximum cannot be read, walk far enough to pass any real history.
  const top = max ?? 5_000_000;
  for (let from = 1; from <= top; from += RANGE) yield [from, from + RANGE - 1];
}

function isEntry(value: unknown): value is HistoryEntry {
  const e = value as Partial<HistoryEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.uuid === 'string' &&
    typeof e.command === 'string' &&
    typeof e.timestamp === 'number' &&
    typeof e.version === 'string' &&
    typeof e.machineId === 'string'
  );
}

/**
 * Keeps the best copy of each row: the newest version, then the most recently confirmed one
 * (free pages still hold older copies, from before an edit or before the server confirmed).
 */
function keepNewest(rows: Map<string, SalvagedRow>, row: SalvagedRow): void {
  const rank = (r: SalvagedRow) => `${r.entry.version}\u0000${r.baseVersion ?? ''}`;
  const known = rows.get(row.entry.uuid);
  if (known === undefined || rank(known) < rank(row)) rows.set(row.entry.uuid, row);
}

/** A queued change carries the whole entry: it recovers unsynced work whose row was lost. */
function keepQueued(rows: Map<string, SalvagedRow>, data: string): void {
  const entry = tryGet(() => JSON.parse(data) as unknown);
  if (isEntry(entry))
    keepNewest(rows, { entry, baseVersion: rows.get(entry.uuid)?.baseVersion ?? null });
}

function salvageCache(path: string): Salvage {
  const db = tryGet(() => openReadOnly(path));
  if (db === undefined) return { machineId: null, rows: [], unreadableRanges: 0 };
  try {
    const machineId =
      tryGet(
        () =>
          db.prepare("SELECT value FROM sync_metadata WHERE key = 'machine_id'").pluck().get() as
            string | undefined,
      ) ?? null;
    const rows = new Map<string, SalvagedRow>();
    let unreadableRanges = 0;
    const history = tryGet(() =>
      db.prepare(
        `SELECT ${ENTRY_COLUMNS}, base_version FROM history_cache WHERE rowid BETWEEN ? AND ?`,
      ),
    );
    for (const [from, to] of history ? ranges(db, 'history_cache') : []) {
      const found = tryGet(
        () => history?.all(from, to) as (HistoryRow & { base_version: string | null })[],
      );
      if (found === undefined) unreadableRanges++;
      for (const row of found ?? [])
        keepNewest(rows, { entry: rowToEntry(row), baseVersion: row.base_version });
    }
    const queue = tryGet(() =>
      db.prepare('SELECT data FROM sync_queue WHERE rowid BETWEEN ? AND ?'),
    );
    for (const [from, to] of queue ? ranges(db, 'sync_queue') : []) {
      const found = tryGet(() => queue?.pluck().all(from, to) as string[]);
      if (found === undefined) unreadableRanges++;
      for (const data of found ?? []) keepQueued(rows, data);
    }
    return { machineId, rows: [...rows.values()], unreadableRanges };
  } finally {
    db.close();
  }
}

const HLC_TEXT = /^\d{15}-\d{5}-/;

/** A history_cache record as the page scan sees it (columns in CREATE TABLE order). */
function scannedHistoryRow(values: readonly unknown[]): SalvagedRow | null {
  // 16 columns, 17 since cache schema 4 added duration_ms.
  if (values.length !== 16 && values.length !== 17) return null;
  const [id, command, response, timestamp, userId, machineId, sessionId, status, tokens] = values;
  const [cwd, version, deleted, base] = values.slice(12);
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  if (typeof id !== 'string' || id.length !== 36 || typeof command !== 'string') return null;
  if (typeof timestamp !== 'number' || typeof version !== 'string' || !HLC_TEXT.test(version))
    return null;
  return {
    entry: {
      uuid: id,
      command,
      response: text(response),
      timestamp,
      userId: text(userId),
      machineId: text(machineId) ?? '',
      sessionId: text(sessionId),
      status: text(status),
      tokensUsed: typeof tokens === 'number' ? tokens : null,
      cwd: text(cwd),
      durationMs: typeof values[16] === 'number' ? values[16] : null,
      version,
      deleted: deleted === 1,
    },
    baseVersion: text(base),
  };
}

/** The rows of the damaged file read page by page, merged into `found` (newest version wins). */
function scanPages(path: string, found: Map<string, SalvagedRow>): string | null {
  let machineId: string | null = null;
  for (const { values } of scanTableRows(path)) {
    const history = scannedHistoryRow(values);
    if (history !== null) keepNewest(found, history);
    else if (values.length === 3 && values[0] === 'machine_id' && typeof values[1] === 'string')
      machineId = values[1];
    else if (values.length === 8 && values[2] === 'history_cache' && typeof values[4] === 'string')
      keepQueued(found, values[4]);
  }
  return machineId;
}

/**
 * What a damaged cache still yields: SQL reads first; when parts of the file do not read,
 * the pages themselves (a truncated file or a lost interior page hides rows from SQL).
 */
export function salvageDamaged(path: string): Salvage {
  const read = salvageCache(path);
  const sqlSawEverything = read.unreadableRanges === 0 && read.rows.length > 0;
  if (sqlSawEverything) return read;
  const rows = new Map(read.rows.map((row) => [row.entry.uuid, row]));
  const scannedMachine = tryGet(() => scanPages(path, rows)) ?? null;
  return {
    machineId: read.machineId ?? scannedMachine,
    rows: [...rows.values()],
    unreadableRanges: read.unreadableRanges,
  };
}
