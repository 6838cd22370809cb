/**
 * Numbers about the history for `stats` and the TUI's stats view: how many entries, per
 * machine, the most used commands and the busiest days (local calendar days). It first catches the command stats
 * up (a small write when rows were added); then, on a million entries, one pass for the days
 * (~0.3 s) and index reads for the rest.
 */
import type { HistoryStats } from '../core/types.js';
import type { LocalCache } from './local-cache.js';

export function historyStats(cache: LocalCache, top = 10): HistoryStats {
  cache.catchUpStats();
  const db = cache.db;
  const machines = db
    .prepare(
      `SELECT COALESCE(machine_id, '') AS machineId, SUM(uses) AS entries FROM command_stats
        GROUP BY machine_id ORDER BY entries DESC`,
    )
    .all() as { machineId: string; entries: number }[];
  const topCommands = db
    .prepare(
      `SELECT command, SUM(uses) AS uses FROM command_stats GROUP BY command
        ORDER BY uses DESC, command LIMIT ?`,
    )
    .all(top) as { command: string; uses: number }[];
  const busiestDays = db
    .prepare(
      `SELECT date(timestamp / 1000, 'unixepoch', 'localtime') AS day, COUNT(*) AS entries FROM history_cache
        WHERE deleted = 0 GROUP BY day ORDER BY entries DESC, day DESC LIMIT ?`,
    )
    .all(Math.min(top, 7)) as { day: string; entries: number }[];
  const span = db
    .prepare(
      'SELECT MIN(timestamp) AS first, MAX(timestamp) AS last FROM history_cache WHERE deleted = 0',
    )
    .get() as { first: number | null; last: number | null };
  return { total: cache.countEntries(), machines, topCommands, busiestDays, ...span };
}
