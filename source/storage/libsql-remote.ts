/**
 * The remote store on @libsql/client's HTTP transport (Turso: libsql:// URLs; self-hosted
 * sqld: http://). One batch per push or pull page, so each is one round trip and one
 * transaction on the server.
 */
import { createClient, type Client, type InStatement, type Row } from '@libsql/client/http';
import { McpError } from '../core/errors.js';
import { classifyRemoteError, redact } from './remote-errors.js';
import { admitRemoteRow, parseRemoteRow, type Admitted, type Refused } from '../core/remote-row.js';
import type { PullPage, PushItem, QuarantineItem, RemotePort } from '../core/sync-ports.js';
import type { HistoryEntry } from '../core/types.js';
import {
  BIG_ROW_SQL,
  BUMP_HIGH_WATER_SQL,
  MAX_SEQ_SQL,
  OUT_OF_RANGE_SQL,
  PAGE_COLUMNS,
  PAGE_MAX_BYTES,
  PULL_PAGE_SQL,
  REMOTE_SCHEMA,
  ADDED_COLUMNS,
  COLUMN_NAMES_SQL,
  REMOTE_SCHEMA_VERSION,
  SCHEMA_VERSION_SQL,
  SELECT_BEFORE_SQL,
  UPSERT_BATCH_SQL,
  MAX_SEQ,
} from './remote-schema.js';

export type LibsqlRemoteOptions = {
  readonly url: string;
  readonly authToken: string | null;
  /** Per-request timeout. @default 30000 */
  readonly timeoutMs?: number;
};

/** A server set up by an older version: the table or one of the newer columns is missing. */
function isMissingTable(error: unknown): boolean {
  return /no such (table|column)/i.test(String((error as Error)?.message ?? error));
}

function entryArgs(entry: HistoryEntry) {
  return [
    entry.uuid,
    entry.command,
    entry.response,
    entry.timestamp,
    entry.userId,
    entry.machineId,
    entry.sessionId,
    entry.status,
    entry.tokensUsed,
    entry.cwd,
    entry.version,
    entry.deleted ? 1 : 0,
    entry.durationMs ?? null,
  ];
}

export class LibsqlRemote implements RemotePort {
  readonly #client: Client;
  readonly #secret: string | null;
  #roundTrips = 0;
  #schemaChecked = false;

  constructor(options: LibsqlRemoteOptions) {
    this.#secret = options.authToken;
    const timeoutMs = options.timeoutMs ?? 30_000;
    // sqld gzips responses by default; decompressing cost more than the bytes saved on
    // every link we measured (BENCHMARKS.md), so ask for the plain body.
    const countingFetch = (request: Request) => {
      this.#roundTrips++;
      request.headers.set('accept-encoding', 'identity');
      return fetch(request, { signal: AbortSignal.timeout(timeoutMs) });
    };
    try {
      this.#client = createClient({
        url: options.url,
        ...(options.authToken ? { authToken: options.authToken } : {}),
        fetch: countingFetch,
        intMode: 'number',
      });
    } catch (error) {
      throw new McpError(
        'CONFIG_INVALID',
        `remote.url: ${redact(String((error as Error).message), this.#secret)}`,
        {
          cause: error,
        },
      );
    }
  }

  get roundTrips(): number {
    return this.#roundTrips;
  }

  async #batch(statements: InStatement[], mode: 'read' | 'write') {
    try {
      return await this.#client.batch(statements, mode);
    } catch (error) {
      if (isMissingTable(error)) throw error;
      throw classifyRemoteError(error, this.#secret);
    }
  }

  async #execute(statement: InStatement) {
    try {
      return await this.#client.execute(statement);
    } catch (error) {
      throw classifyRemoteError(error, this.#secret);
    }
  }

  /** Runs `statements` after making sure the schema exists (created on first contact). */
  async #withSchema(statements: InStatement[], mode: 'read' | 'write') {
    try {
      return await this.#batch(statements, mode);
    } catch (error) {
      if (!isMissingTable(error)) throw error;
      await this.ensureSchema();
      return this.#batch(statements, mode);
    }
  }

  async ensureSchema(): Promise<void> {
    const results = await this.#batch([...REMOTE_SCHEMA, SCHEMA_VERSION_SQL], 'write').catch(
      (error: unknown) => {
        throw classifyRemoteError(error, this.#secret);
      },
    );
    this.#checkSchemaVersion(results[results.length - 1]?.rows[0]);
    await this.#addMissingColumns();
  }

  /** Brings a server set up by an older version up to the columns this one writes. */
  async #addMissingColumns(): Promise<void> {
    const [names] = await this.#batch([COLUMN_NAMES_SQL], 'read');
    const present = new Set(names?.rows.map((row) => String(row['name'])) ?? []);
    for (const column of ADDED_COLUMNS) {
      if (present.has(column.name)) continue;
      await this.#batch([column.add], 'write').catch((error: unknown) => {
        // Another client added it at the same moment.
        if (!/duplicate column/i.test(String((error as Error)?.message))) {
          throw classifyRemoteError(error, this.#secret);
        }
      });
    }
  }

  #checkSchemaVersion(row: Row | undefined): void {
    const version = Number(row?.['value'] ?? 0);
    if (version > REMOTE_SCHEMA_VERSION) {
      throw new McpError(
        'SCHEMA_MISMATCH',
        `the server's history schema is version ${version}, newer than this mcp-terminal knows (${REMOTE_SCHEMA_VERSION}); upgrade mcp-terminal`,
      );
    }
    this.#schemaChecked = true;
  }

  async push(items: readonly PushItem[]): Promise<(HistoryEntry | null)[]> {
    if (items.length === 0) return [];
    const before: InStatement = {
      sql: SELECT_BEFORE_SQL,
      args: [JSON.stringify(items.map((item) => item.entry.uuid))],
    };
    const upsert: InStatement = {
      sql: UPSERT_BATCH_SQL,
      args: [JSON.stringify(items.map((item) => entryArgs(item.entry)))],
    };
    // Check the schema before the first write of this process: a newer schema must stop us
    // before we write rows in the old shape.
    if (!this.#schemaChecked) await this.ensureSchema();
    const results = await this.#withSchema([before, upsert, BUMP_HIGH_WATER_SQL], 'write');
    const beforeRows = results[0]?.rows ?? [];
    const byUuid = new Map<string, HistoryEntry>();
    for (const row of beforeRows) {
      const entry = parseRemoteRow(row as unknown as Record<string, unknown>);
      if (entry) byUuid.set(entry.uuid, entry);
    }
    return items.map((item) => byUuid.get(item.entry.uuid) ?? null);
  }

  async pull(cursor: number, limit: number, first: boolean): Promise<PullPage> {
    const page: InStatement = { sql: PULL_PAGE_SQL, args: [cursor, limit, PAGE_MAX_BYTES] };
    // Later pages are one statement: a plain execute, without the batch's transaction steps.
    const results = first
      ? await this.#withSchema([SCHEMA_VERSION_SQL, MAX_SEQ_SQL, OUT_OF_RANGE_SQL, page], 'read')
      : [await this.#execute(page)];
    if (first) this.#checkSchemaVersion(results[0]?.rows[0]);
    const result = results[first ? 3 : 0]?.rows[0];
    const matched = Number(result?.['matched'] ?? 0);
    const rows: HistoryEntry[] = [];
    const quarantined: QuarantineItem[] = first ? outOfRange(results[2]?.rows[0]?.['rows']) : [];
    let lastSeq = cursor;
    let count = 0;
    for (const values of parsePage(result?.['page'])) {
      count++;
      const seq = Array.isArray(values) ? Number(values[values.length - 1]) : NaN;
      // Change numbers are paged in (0, MAX_SEQ]; a fraction planted by hand still moves the
      // cursor (and its row is quarantined: only whole numbers are valid).
      if (Number.isFinite(seq) && seq > lastSeq) lastSeq = seq;
      // Rows too big for a page come alone, in their own round trip (rare).
      const admitted =
        Array.isArray(values) && values[0] === 'big' && values.length === 2
          ? admitAt(await this.#bigRow(seq), seq)
          : admitAt(
              Array.isArray(values)
                ? Object.fromEntries(PAGE_COLUMNS.map((name, i) => [name, values[i]]))
                : {},
              seq,
            );
      if (admitted.ok) rows.push(admitted.entry);
      else {
        quarantined.push({
          uuid: admitted.uuid,
          seq: Number.isFinite(seq) ? String(seq) : null,
          direction: 'download',
          reason: admitted.reason,
        });
      }
    }
    const maxSeq = first ? Number(results[1]?.rows[0]?.['max_seq'] ?? 0) : lastSeq;
    return {
      rows: lastOfEachUuid(rows),
      quarantined,
      lastSeq,
      maxSeq,
      more: count > 0 && (matched >= limit || count < matched),
    };
  }

  /** A row too big for a page, fetched alone; its columns by name (empty when it is gone). */
  async #bigRow(seq: number): Promise<Record<string, unknown>> {
    const result = await this.#execute({ sql: BIG_ROW_SQL, args: [seq] });
    const row = result.rows[0];
    if (!row) return {};
    // Blobs arrive as ArrayBuffers: the gate refuses them by type.
    return Object.fromEntries(PAGE_COLUMNS.map((name) => [name, row[name]]));
  }

  close(): void {
    this.#client.close();
  }
}

function parsePage(text: unknown): unknown[] {
  try {
    const raw: unknown = JSON.parse(String(text ?? '[]'));
    return Array.isArray(raw) ? raw : [];
  } catch (error) {
    throw new McpError('SYNC_FAILED', 'the server sent a page that is not valid JSON', {
      cause: error,
    });
  }
}

/** Rows whose change number is out of range, as quarantine items. */
function outOfRange(text: unknown): QuarantineItem[] {
  return parsePage(text).flatMap((values) => {
    if (!Array.isArray(values)) return [];
    const [uuid, seq] = values as unknown[];
    return [
      {
        uuid: typeof uuid === 'string' ? uuid : null,
        seq: typeof seq === 'string' ? seq : null,
        direction: 'download' as const,
        reason: `change number ${String(seq)} is out of range (1 to ${MAX_SEQ})`,
      },
    ];
  });
}

/** A server row at change number `seq` through the gate: only whole numbers are valid. */
function admitAt(row: Record<string, unknown>, seq: number): Admitted | Refused {
  const admitted = admitRemoteRow(row);
  if (!admitted.ok || Number.isSafeInteger(seq)) return admitted;
  return {
    ok: false,
    uuid: admitted.entry.uuid,
    reason: `change number ${seq} is not a whole number`,
  };
}

/**
 * A server whose table lost its primary key can send one uuid twice: the later change (the
 * page is in change order) is the one that stands, and merging both would fail the page.
 */
function lastOfEachUuid(rows: HistoryEntry[]): HistoryEntry[] {
  const byUuid = new Map<string, HistoryEntry>();
  for (const row of rows) {
    byUuid.delete(row.uuid);
    byUuid.set(row.uuid, row);
  }
  return byUuid.size === rows.length ? rows : [...byUuid.values()];
}
