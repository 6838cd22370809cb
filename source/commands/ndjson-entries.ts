/**
 * Reads NDJSON entries for `record --stdin`: every line is parsed and checked before the
 * caller writes anything, and a bad line is reported with its number.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { McpError } from '../core/errors.js';
import type { NewEntry } from '../core/types.js';
import { validateNewEntry } from '../core/validate-entry.js';

export const NDJSON_FIELDS = [
  'command',
  'response',
  'status',
  'tokens',
  'session',
  'cwd',
  'timestamp',
  'duration',
] as const;
const KNOWN = new Set<string>(NDJSON_FIELDS);

function toEntry(value: unknown, defaults: { sessionId: string | null }): NewEntry {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new McpError('INPUT_INVALID', 'expected a JSON object');
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN.has(key)) {
      throw new McpError(
        'INPUT_INVALID',
        `unknown field "${key.slice(0, 40)}" (fields: ${NDJSON_FIELDS.join(', ')})`,
      );
    }
  }
  const entry = {
    command: record['command'],
    response: record['response'],
    status: record['status'],
    tokensUsed: record['tokens'],
    durationMs: record['duration'],
    sessionId: record['session'] ?? defaults.sessionId,
    cwd: record['cwd'],
    timestamp: record['timestamp'],
  } as NewEntry;
  validateNewEntry(entry);
  return entry;
}

/** Parses every non-blank line; throws INPUT_INVALID naming the first bad line. */
export async function readNdjsonEntries(
  input: Readable,
  defaults: { sessionId: string | null },
): Promise<NewEntry[]> {
  const entries: NewEntry[] = [];
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim().length === 0) continue;
    try {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new McpError('INPUT_INVALID', 'not valid JSON');
      }
      entries.push(toEntry(value, defaults));
    } catch (error) {
      const reason = error instanceof McpError ? error.message : String(error);
      throw new McpError(
        'INPUT_INVALID',
        `record --stdin: line ${lineNumber}: ${reason}; nothing was recorded`,
        { cause: error },
      );
    }
  }
  return entries;
}
