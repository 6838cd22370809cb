/**
 * Text and JSON renderings of entries for the CLI.
 */
import { sanitizeLine } from '../core/sanitize.js';
import type { HistoryEntry } from '../core/types.js';
import { localTime } from '../core/local-time.js';

/** The JSON shape of an entry in `--json` output (a contract for scripts). */
export function entryToJson(entry: HistoryEntry) {
  return {
    uuid: entry.uuid,
    command: entry.command,
    response: entry.response,
    timestamp: entry.timestamp,
    machineId: entry.machineId,
    sessionId: entry.sessionId,
    status: entry.status,
    tokensUsed: entry.tokensUsed,
    durationMs: entry.durationMs ?? null,
    cwd: entry.cwd,
    userId: entry.userId,
    version: entry.version,
  };
}

/** One line per entry: local time, machine, command; control characters neutralised. */
export function entryToLine(entry: HistoryEntry): string {
  return `${localTime(entry.timestamp)}  ${sanitizeLine(entry.machineId)}  ${sanitizeLine(entry.command)}`;
}

/** A remote URL as it may be shown: scheme, host and path; never credentials or query. */
export function displayUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}
