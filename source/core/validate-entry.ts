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
const MAX_SHORT_CHARS = 4096;

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
  if (ts !== undefined && (typeof ts !== 'number' || !Number.isSafeInteger(ts) || ts < 0)) {
    throw new McpError(
      'INPUT_INVALID',
      `timestamp: expected ms since the epoch, got ${JSON.stringify(ts)}`,
    );
  }
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
