/**
 * Limits and checks for entry fields, shared by the CLI, NDJSON import and the library API,
 * so every way in rejects the same things with the same words.
 */
import { McpError } from './errors.js';
import type { EntryPatch, NewEntry } from './types.js';

/** Commands are typed by people; anything larger is a mistake (a pasted file). */
export const MAX_COMMAND_CHARS = 256 * 1024;
/** AI responses can be long, but not unbounded. */
export const MAX_RESPONSE_CHARS = 4 * 1024 * 1024;
export const MAX_SHORT_CHARS = 4096;
/**
 * Timestamps are ms since the epoch before 2100-01-01: far past any real history, and far
 * inside what Date can show (a larger one made `search` and the TUI fail on every machine).
 */
export const MAX_TIMESTAMP_MS = 4_102_444_800_000;
/**
 * An entry's size once encoded as JSON (UTF-8 bytes), the form it travels in both ways.
 * sqld refuses any single value over 5,000,000 bytes (SQLITE_TOOBIG), and JSON escaping
 * can grow a control character sixfold, so the limit is on the encoded size, with room
 * for the batch around it.
 */
export const MAX_ENTRY_BYTES = 4_000_000;

/** The UTF-8 size of the entry (or its fields) encoded as JSON. */
export function encodedEntryBytes(entry: object): number {
  return Buffer.byteLength(JSON.stringify(entry), 'utf8');
}

function checkEncodedSize(entry: object): void {
  const bytes = encodedEntryBytes(entry);
  if (bytes > MAX_ENTRY_BYTES) {
    throw new McpError(
      'INPUT_INVALID',
      `the entry is ${bytes} bytes once encoded for sync (control characters, quotes and backslashes count more than once), over the limit of ${MAX_ENTRY_BYTES}; shorten the response`,
    );
  }
}

function checkText(name: string, value: unknown, max: number, nullable: boolean): void {
  if (value === undefined || (nullable && value === null)) return;
  if (typeof value !== 'string') {
    throw new McpError(
      'INPUT_INVALID',
      `${name}: expected a string, got ${value === null ? 'null' : typeof value}`,
    );
  }
  if (value.length > max) {
    throw new McpError(
      'INPUT_INVALID',
      `${name}: ${value.length} characters is over the limit of ${max}`,
    );
  }
}

function checkWholeNumber(name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new McpError(
      'INPUT_INVALID',
      `${name}: expected a whole number >= 0, got ${JSON.stringify(value)}`,
    );
  }
}

function checkTokens(value: unknown): void {
  checkWholeNumber('tokens', value);
}

/** Throws McpError('INPUT_INVALID') naming the first bad field. */
export function validateNewEntry(entry: NewEntry): void {
  checkText('command', entry.command, MAX_COMMAND_CHARS, false);
  if (typeof entry.command !== 'string' || entry.command.trim().length === 0) {
    throw new McpError('INPUT_INVALID', 'command: expected a non-empty string');
  }
  checkText('response', entry.response, MAX_RESPONSE_CHARS, true);
  checkText('status', entry.status, MAX_SHORT_CHARS, true);
  checkText('session', entry.sessionId, MAX_SHORT_CHARS, true);
  checkText('cwd', entry.cwd, MAX_SHORT_CHARS, true);
  checkText('user', entry.userId, MAX_SHORT_CHARS, true);
  checkTokens(entry.tokensUsed);
  checkWholeNumber('duration', entry.durationMs);
  const ts = entry.timestamp;
  if (
    ts !== undefined &&
    (typeof ts !== 'number' || !Number.isSafeInteger(ts) || ts < 0 || ts >= MAX_TIMESTAMP_MS)
  ) {
    throw new McpError(
      'INPUT_INVALID',
      `timestamp: expected ms since the epoch before 2100 (0 to ${MAX_TIMESTAMP_MS - 1}), got ${JSON.stringify(ts)}`,
    );
  }
  checkEncodedSize(entry);
}

/** Throws McpError('INPUT_INVALID') naming the first bad field. */
export function validatePatch(patch: EntryPatch): void {
  checkText('response', patch.response, MAX_RESPONSE_CHARS, true);
  checkText('status', patch.status, MAX_SHORT_CHARS, true);
  checkTokens(patch.tokensUsed);
  if (
    patch.response === undefined &&
    patch.status === undefined &&
    patch.tokensUsed === undefined
  ) {
    throw new McpError('INPUT_INVALID', 'nothing to change: give --response, --status or --tokens');
  }
}

/** Throws McpError('INPUT_INVALID') when a whole entry (after a patch) is too big to sync. */
export function validateEntrySize(entry: object): void {
  checkEncodedSize(entry);
}
