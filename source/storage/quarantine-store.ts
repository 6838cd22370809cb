/**
 * The quarantine list: rows that failed the gate (core/remote-row.ts, validate-entry.ts).
 * Nothing here is ever merged into the history; it is what `status` reports, so a bad row
 * is visible instead of silently stopping sync or silently vanishing.
 */
import type Database from 'better-sqlite3';
import type { QuarantineItem } from '../core/sync-ports.js';
import type { QuarantinedRow } from '../core/types.js';

export type { QuarantinedRow };

/** The list's key: one row per uuid and direction, or per change number without a uuid. */
function keyOf(item: QuarantineItem): string {
  return `${item.direction}:${item.uuid ?? `seq:${item.seq ?? '?'}`}`;
}

const byDatabase = new WeakMap<Database.Database, QuarantineStore>();

export class QuarantineStore {
  readonly #sql;

  /** The store for this connection (statements are prepared once per connection). */
  static of(db: Database.Database): QuarantineStore {
    let store = byDatabase.get(db);
    if (!store) byDatabase.set(db, (store = new QuarantineStore(db)));
    return store;
  }

  constructor(db: Database.Database) {
    this.#sql = {
      add: db.prepare(
        `INSERT OR IGNORE INTO quarantine (key, command_uuid, seq, direction, reason, seen_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      refresh: db.prepare('UPDATE quarantine SET seq = ?, reason = ?, seen_at = ? WHERE key = ?'),
      clear: db.prepare(
        `DELETE FROM quarantine WHERE direction = 'download'
           AND command_uuid IN (SELECT value FROM json_each(?))`,
      ),
      count: db.prepare('SELECT COUNT(*) AS n FROM quarantine'),
      list: db.prepare(
        `SELECT command_uuid AS uuid, seq, direction, reason, seen_at AS seenAt
         FROM quarantine ORDER BY seen_at DESC, key LIMIT ?`,
      ),
    };
  }

  /**
   * Adds or refreshes items; returns how many were not listed yet (a row out of the paged
   * range is met again on every sync, and is news only once). Call inside the transaction
   * that moves the cursor past them.
   */
  put(items: readonly QuarantineItem[], now: number): number {
    let added = 0;
    for (const item of items) {
      const key = keyOf(item);
      if (this.#sql.add.run(key, item.uuid, item.seq, item.direction, item.reason, now).changes) {
        added++;
      } else {
        this.#sql.refresh.run(item.seq, item.reason, now, key);
      }
    }
    return added;
  }

  /** A valid version of these entries arrived: their earlier bad server rows are history. */
  clearDownloads(uuids: readonly string[]): void {
    if (uuids.length > 0) this.#sql.clear.run(JSON.stringify(uuids));
  }

  count(): number {
    return (this.#sql.count.get() as { n: number }).n;
  }

  list(limit = 100): QuarantinedRow[] {
    return this.#sql.list.all(limit) as QuarantinedRow[];
  }
}
