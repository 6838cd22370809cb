/**
 * Search candidates from the cache: one per distinct command, with how often and how
 * recently it was used within a scope. "All machines" and "one machine" read the
 * command_stats table (kept by triggers); a session or a directory is small, so it is
 * grouped from the history rows directly.
 */
import type { Candidate } from '../core/search/engine.js';
import type { Scope } from '../core/types.js';
import type { LocalCache } from './local-cache.js';

export type { Scope };

type Row = { command: string; uses: number; last_used: number; last_uuid: string };

/**
 * Candidates newest first, the order the engine scans them in: read in that order, their
 * strings also lie in memory in that order, which made the scan 2-3x faster than reading in
 * key order and sorting afterwards (cache misses).
 */
export function loadCandidates(cache: LocalCache, scope: Scope): Candidate[] {
  cache.catchUpStats();
  let rows: Row[];
  if (scope.kind === 'all') {
    // The same command on several machines is one candidate; the bare last_uuid column
    // comes from the row holding MAX(last_used) (an SQLite guarantee for bare columns).
    rows = cache.db
      .prepare(
        `SELECT command, SUM(uses) AS uses, MAX(last_used) AS last_used, last_uuid
         FROM command_stats GROUP BY command ORDER BY last_used DESC`,
      )
      .all() as Row[];
  } else if (scope.kind === 'machine') {
    rows = cache.db
      .prepare(
        'SELECT command, uses, last_used, last_uuid FROM command_stats WHERE machine_id = ? ORDER BY last_used DESC',
      )
      .all(scope.machineId) as Row[];
  } else {
    const column = scope.kind === 'session' ? 'session_id' : 'cwd';
    const value = scope.kind === 'session' ? scope.sessionId : scope.cwd;
    rows = cache.db
      .prepare(
        `SELECT command, COUNT(*) AS uses, MAX(timestamp) AS last_used, id AS last_uuid
         FROM history_cache WHERE deleted = 0 AND ${column} = ? GROUP BY command ORDER BY last_used DESC`,
      )
      .all(value) as Row[];
  }
  return rows.map((row) => ({
    command: row.command,
    uses: row.uses,
    lastUsed: row.last_used,
    uuid: row.last_uuid,
  }));
}
