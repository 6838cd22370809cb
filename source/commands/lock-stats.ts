/**
 * MCP_TERMINAL_LOCK_STATS=FILE: `record` appends one JSON line to FILE per write
 * transaction, `{"pid":…,"ms":…,"waitMs":…}`: the time from BEGIN IMMEDIATE to the commit
 * (or the failure), and how much of it went to waiting for SQLite's write lock. This is how
 * `npm run bench -- saturation` sees whether another process's thread held the lock while a
 * `record` waited. Off by default: unset, nothing is timed or written.
 */
import { appendFileSync } from 'node:fs';
import type { LocalCacheOptions } from '../storage/local-cache.js';

/** The cache option that writes the lines, or none when the variable is unset. */
export function lockStats(
  env: Readonly<Record<string, string | undefined>>,
): Pick<LocalCacheOptions, 'onWriteLock'> {
  const file = env['MCP_TERMINAL_LOCK_STATS'];
  if (file === undefined || file.length === 0) return {};
  return {
    onWriteLock: (waitMs: number, holdMs: number) => {
      const round = (ms: number) => Math.round(ms * 1000) / 1000;
      const line = { pid: process.pid, ms: round(waitMs + holdMs), waitMs: round(waitMs) };
      appendFileSync(file, `${JSON.stringify(line)}\n`);
    },
  };
}
