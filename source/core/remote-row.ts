/**
 * The one gate for whole entries that come from outside this process's own write path:
 * rows from the server, rows salvaged by `repair`. Each is checked field by field; a bad
 * one is quarantined with a reason (never merged) and the rest go on.
 */
import { decodeHlc } from './hlc.js';
import type { HistoryEntry } from './types.js';
import { MAX_TIMESTAMP_MS } from './validate-entry.js';

/**
 * Limits for rows from outside, in UTF-8 bytes: the server's own check (remote-schema.ts)
 * uses SQLite's octet_length with the same numbers, so the server and every client agree on
 * which rows are valid. Everything `record` accepts is well inside them.
 */
export const ROW_LIMITS = {
  command: 1_048_576,
  // sqld stores no value over 5,000,000 bytes anyway.
  response: 5_000_000,
  short: 16_384,
} as const;

/** Uuids as any client writes them (v7 here, v4 or v5 from imports): 36 hex-and-dash characters. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Admitted = { readonly ok: true; readonly entry: HistoryEntry };
export type Refused = {
  readonly ok: false;
  /** The row's uuid when it has a usable one (so a later good version can clear it). */
  readonly uuid: string | null;
  readonly reason: string;
};

class Bad extends Error {}

function text(row: Record<string, unknown>, name: string, max: number): string | null {
  const value = row[name];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') {
    const kind =
      value instanceof ArrayBuffer || ArrayBuffer.isView(value) ? 'binary blob' : typeof value;
    throw new Bad(`${name} is ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}, not text`);
  }
  // Cheap first: a UTF-8 byte is at most 3 per UTF-16 unit.
  if (value.length * 3 > max) {
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > max) throw new Bad(`${name} is ${bytes} bytes (limit ${max})`);
  }
  return value;
}

function whole(row: Record<string, unknown>, name: string, max: number): number | null {
  const value = row[name];
  if (value === null || value === undefined) return null;
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > max) {
    throw new Bad(`${name} ${String(value).slice(0, 40)} is not a whole number in [0, ${max}]`);
  }
  return n;
}

function required<T>(value: T | null, name: string): T {
  if (value === null) throw new Bad(`${name} is missing`);
  return value;
}

/** Admits a server row (column name → value) as an entry, or says why not. */
export function admitRemoteRow(row: Record<string, unknown>): Admitted | Refused {
  const rawUuid = row['command_uuid'];
  const uuid = typeof rawUuid === 'string' && UUID_PATTERN.test(rawUuid) ? rawUuid : null;
  try {
    if (uuid === null) throw new Bad('command_uuid is not a uuid');
    const version = required(text(row, 'version', 128), 'version');
    if (decodeHlc(version) === null) {
      throw new Bad(`version ${JSON.stringify(version.slice(0, 40))} is not a valid clock`);
    }
    const deleted = whole(row, 'deleted', 1);
    const entry: HistoryEntry = {
      uuid,
      command: required(text(row, 'command', ROW_LIMITS.command), 'command'),
      response: text(row, 'response', ROW_LIMITS.response),
      timestamp: required(whole(row, 'timestamp', MAX_TIMESTAMP_MS - 1), 'timestamp'),
      userId: text(row, 'user_id', ROW_LIMITS.short),
      machineId: text(row, 'machine_id', ROW_LIMITS.short) ?? '',
      sessionId: text(row, 'session_id', ROW_LIMITS.short),
      status: text(row, 'status', ROW_LIMITS.short),
      tokensUsed: whole(row, 'tokens_used', Number.MAX_SAFE_INTEGER),
      cwd: text(row, 'cwd', ROW_LIMITS.short),
      // Servers set up before the column existed answer without it: unknown, not invalid.
      durationMs: whole(row, 'duration_ms', Number.MAX_SAFE_INTEGER),
      version,
      deleted: required(deleted, 'deleted') === 1,
    };
    return { ok: true, entry };
  } catch (error) {
    if (!(error instanceof Bad)) throw error;
    return { ok: false, uuid, reason: error.message };
  }
}

/** Checks a whole entry (from a salvaged cache, or any other outside source) the same way. */
export function checkEntry(entry: HistoryEntry): Admitted | Refused {
  return admitRemoteRow({
    command_uuid: entry.uuid,
    command: entry.command,
    response: entry.response,
    timestamp: entry.timestamp,
    user_id: entry.userId,
    machine_id: entry.machineId,
    session_id: entry.sessionId,
    status: entry.status,
    tokens_used: entry.tokensUsed,
    cwd: entry.cwd,
    duration_ms: entry.durationMs ?? null,
    version: entry.version,
    deleted: entry.deleted ? 1 : 0,
  });
}

/** The entry a server row describes, or null when the row is not a valid entry. */
export function parseRemoteRow(row: Record<string, unknown>): HistoryEntry | null {
  const result = admitRemoteRow(row);
  return result.ok ? result.entry : null;
}
