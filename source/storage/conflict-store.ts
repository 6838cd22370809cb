/**
 * The conflict list: losing versions of concurrent edits, and overriding the automatic
 * choice. Restoring a loser is a new local change (a new version), so it syncs everywhere
 * and wins on every machine like any later edit.
 */
import type { Side } from '../core/conflict-resolver.js';
import { McpError } from '../core/errors.js';
import type { Conflict, HistoryEntry } from '../core/types.js';
import type { LocalCache } from './local-cache.js';

export type { Conflict };

type ConflictRow = {
  id: number;
  command_uuid: string;
  loser_data: string;
  loser_side: Side;
  detected_at: number;
};

/** Open conflicts, newest first. */
export function listConflicts(cache: LocalCache, limit = 1000): Conflict[] {
  const rows = cache.db
    .prepare(
      `SELECT id, command_uuid, loser_data, loser_side, detected_at FROM conflicts
       WHERE resolved_at IS NULL ORDER BY id DESC LIMIT ?`,
    )
    .all(limit) as ConflictRow[];
  return rows.map((row) => ({
    id: row.id,
    uuid: row.command_uuid,
    detectedAt: row.detected_at,
    loserSide: row.loser_side,
    current: cache.get(row.command_uuid),
    loser: JSON.parse(row.loser_data) as HistoryEntry,
  }));
}

/**
 * Keeps `keep`'s version of the entry: if that is the losing side, it becomes current as a
 * new version; either way the entry's open conflicts are closed. Returns the current entry.
 */
export function resolveConflict(
  cache: LocalCache,
  uuid: string,
  keep: Side,
  now: () => number,
): HistoryEntry {
  return cache.db
    .transaction(() => {
      const row = cache.db
        .prepare(
          `SELECT id, command_uuid, loser_data, loser_side, detected_at FROM conflicts
           WHERE command_uuid = ? AND resolved_at IS NULL ORDER BY id DESC LIMIT 1`,
        )
        .get(uuid) as ConflictRow | undefined;
      const current = cache.get(uuid);
      if (!row || !current) {
        throw new McpError(
          'NOT_FOUND',
          `no open conflict for ${uuid}; list them with: mcp-terminal conflicts`,
        );
      }
      let result = current;
      if (keep === row.loser_side) {
        const loser = JSON.parse(row.loser_data) as HistoryEntry;
        const version = cache.withClock((nextVersion) => nextVersion(current.version));
        result = { ...loser, uuid, version };
        cache.writeChange(result, loser.deleted ? 'delete' : 'update');
      }
      cache.db
        .prepare(
          'UPDATE conflicts SET resolved_at = ? WHERE command_uuid = ? AND resolved_at IS NULL',
        )
        .run(now(), uuid);
      return result;
    })
    .immediate();
}
