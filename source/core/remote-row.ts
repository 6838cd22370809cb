/**
 * Rows from the server are input like any other: each is checked, and a bad one is
 * skipped (and counted) instead of stopping the sync or reaching the cache.
 */
import { decodeHlc } from './hlc.js';
import type { HistoryEntry } from './types.js';
import { MAX_COMMAND_CHARS, MAX_RESPONSE_CHARS } from './validate-entry.js';

const SHORT = 4096;

function text(value: unknown, max: number): string | null | undefined {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

function integer(value: unknown): number | null | undefined {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'bigint' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** The entry a server row describes, or null when the row is not a valid entry. */
export function parseRemoteRow(row: Record<string, unknown>): HistoryEntry | null {
  const uuid = text(row['command_uuid'], 128);
  const command = text(row['command'], MAX_COMMAND_CHARS);
  const response = text(row['response'], MAX_RESPONSE_CHARS);
  const timestamp = integer(row['timestamp']);
  const userId = text(row['user_id'], SHORT);
  const machineId = text(row['machine_id'], SHORT);
  const sessionId = text(row['session_id'], SHORT);
  const status = text(row['status'], SHORT);
  const tokensUsed = integer(row['tokens_used']);
  const cwd = text(row['cwd'], SHORT);
  // Servers set up before the column existed answer without it: unknown, not invalid.
  const durationMs = integer(row['duration_ms']);
  const version = text(row['version'], 256);
  const deleted = integer(row['deleted']);
  if (!uuid || command == null || timestamp == null || !version || decodeHlc(version) === null)
    return null;
  if (
    [response, userId, machineId, sessionId, status, tokensUsed, cwd, deleted, durationMs].includes(
      undefined,
    )
  )
    return null;
  if (deleted !== 0 && deleted !== 1) return null;
  return {
    uuid,
    command,
    response: response ?? null,
    timestamp,
    userId: userId ?? null,
    machineId: machineId ?? '',
    sessionId: sessionId ?? null,
    status: status ?? null,
    tokensUsed: tokensUsed ?? null,
    cwd: cwd ?? null,
    durationMs: durationMs ?? null,
    version,
    deleted: deleted === 1,
  };
}
