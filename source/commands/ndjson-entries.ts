/**
 * The NDJSON vocabulary of entries, defined once: `export --format ndjson` writes it (each
 * line has the `search --json` shape, format.ts entryToJson), and `record --stdin` and
 * `import ndjson` read it, so `export | record --stdin` and `export > f; import ndjson f`
 * work. Every line is parsed and checked before the caller writes anything; a bad line is
 * reported with its number.
 *
 * The two readers differ in identity only: `record --stdin` makes new entries (this
 * machine, a new uuid, a new version), so it passes over uuid, machineId and version;
 * `import ndjson` keeps them, so it requires them.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { McpError } from '../core/errors.js';
import { checkEntry } from '../core/remote-row.js';
import type { HistoryEntry, NewEntry } from '../core/types.js';
import { validateNewEntry } from '../core/validate-entry.js';
import type { entryToJson } from './format.js';

type EntryJson = ReturnType<typeof entryToJson>;
type FieldName = keyof EntryJson;

type FieldSpec = {
  /** The short name record --stdin read before it read export's lines; still accepted. */
  readonly alias?: string;
  /** Part of the entry's identity: kept by import ndjson, passed over by record --stdin. */
  readonly identity?: true;
};

/**
 * Every field export writes, each once: adding a field to entryToJson without saying here
 * how it is read (or the reverse) does not compile.
 */
export const ENTRY_FIELDS = {
  uuid: { identity: true },
  command: {},
  response: {},
  timestamp: {},
  machineId: { identity: true },
  sessionId: { alias: 'session' },
  status: {},
  tokensUsed: { alias: 'tokens' },
  durationMs: { alias: 'duration' },
  cwd: {},
  userId: {},
  version: { identity: true },
} as const satisfies { readonly [K in FieldName]-?: FieldSpec };

/** The field name each accepted key stands for (the names themselves, and the aliases). */
const FIELD_OF = new Map<string, FieldName>(
  (Object.entries(ENTRY_FIELDS) as [FieldName, FieldSpec][]).flatMap(([name, spec]) =>
    spec.alias === undefined
      ? [[name, name] as const]
      : [[name, name] as const, [spec.alias, name] as const],
  ),
);

/** Every key a line may have. */
export const NDJSON_FIELDS: readonly string[] = [...FIELD_OF.keys()];

type Fields = Partial<Record<FieldName, unknown>>;

/** The line's fields under their export names; unknown keys and a field given twice are refused. */
function readFields(value: unknown): Fields {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new McpError('INPUT_INVALID', 'expected a JSON object');
  }
  const fields: Fields = {};
  const keyOf = new Map<FieldName, string>();
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    const name = FIELD_OF.get(key);
    if (name === undefined) {
      throw new McpError(
        'INPUT_INVALID',
        `unknown field "${key.slice(0, 40)}" (fields: ${NDJSON_FIELDS.join(', ')})`,
      );
    }
    const other = keyOf.get(name);
    if (other !== undefined) {
      throw new McpError('INPUT_INVALID', `"${other}" and "${key}" are the same field: give one`);
    }
    keyOf.set(name, key);
    fields[name] = field;
  }
  return fields;
}

/** A new entry from a line (record --stdin): identity fields are passed over. */
function toNewEntry(fields: Fields, defaults: { sessionId: string | null }): NewEntry {
  const entry = {
    command: fields.command,
    response: fields.response,
    status: fields.status,
    tokensUsed: fields.tokensUsed,
    durationMs: fields.durationMs,
    // An explicit null (export writes one for "no session") is kept.
    sessionId: Object.hasOwn(fields, 'sessionId') ? fields.sessionId : defaults.sessionId,
    cwd: fields.cwd,
    userId: fields.userId,
    timestamp: fields.timestamp,
  } as NewEntry;
  validateNewEntry(entry);
  return entry;
}

/** The entry a line describes, identity kept (import ndjson). */
function toWholeEntry(fields: Fields): HistoryEntry {
  for (const name of ['uuid', 'machineId', 'version', 'timestamp'] as const) {
    if (fields[name] === undefined || fields[name] === null) {
      throw new McpError(
        'INPUT_INVALID',
        `${name} is missing: import ndjson keeps each entry's identity as export wrote it (uuid, machineId, version, timestamp); to add new entries, use record --stdin`,
      );
    }
  }
  const entry = {
    uuid: fields.uuid,
    command: fields.command,
    response: fields.response ?? null,
    timestamp: fields.timestamp,
    userId: fields.userId ?? null,
    machineId: fields.machineId,
    sessionId: fields.sessionId ?? null,
    status: fields.status ?? null,
    tokensUsed: fields.tokensUsed ?? null,
    cwd: fields.cwd ?? null,
    durationMs: fields.durationMs ?? null,
    version: fields.version,
    deleted: false,
  } as HistoryEntry;
  // The gate for whole entries from outside (uuid, version, byte limits), then the limits
  // every new entry meets.
  const checked = checkEntry(entry);
  if (!checked.ok) throw new McpError('INPUT_INVALID', checked.reason);
  if (typeof entry.machineId !== 'string' || entry.machineId.length === 0) {
    throw new McpError('INPUT_INVALID', 'machineId: expected a non-empty string');
  }
  validateNewEntry(entry);
  return entry;
}

/** Parses every non-blank line with `toValue`; throws INPUT_INVALID naming the first bad line. */
async function readLines<T>(
  input: Readable,
  verb: string,
  outcome: string,
  toValue: (value: unknown) => T,
): Promise<T[]> {
  const values: T[] = [];
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
      values.push(toValue(value));
    } catch (error) {
      const reason = error instanceof McpError ? error.message : String(error);
      throw new McpError('INPUT_INVALID', `${verb}: line ${lineNumber}: ${reason}; ${outcome}`, {
        cause: error,
      });
    }
  }
  return values;
}

/** The new entries of `record --stdin`. */
export function readNdjsonEntries(
  input: Readable,
  defaults: { sessionId: string | null },
): Promise<NewEntry[]> {
  return readLines(input, 'record --stdin', 'nothing was recorded', (value) =>
    toNewEntry(readFields(value), defaults),
  );
}

/** The whole entries of `import ndjson`, identity kept. */
export function readNdjsonWholeEntries(input: Readable): Promise<HistoryEntry[]> {
  return readLines(input, 'import ndjson', 'nothing was imported', (value) =>
    toWholeEntry(readFields(value)),
  );
}
