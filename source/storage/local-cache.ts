/**
 * The local cache: one better-sqlite3 file in WAL mode shared by every process of a machine.
 *
 * Every change writes the history row, its sync_queue entry and the clock in one IMMEDIATE
 * transaction, so a crash can never leave a row without its queue entry (or the reverse),
 * and two processes can never issue the same clock value. Nothing here touches the network.
 */
import { statSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import type Database from 'better-sqlite3';
import { McpError } from '../core/errors.js';
import { compareHlc, decodeHlc, encodeHlc, nextChange, receiveHlc, type Hlc } from '../core/hlc.js';
import { v7 as uuidV7 } from 'uuid';
import type { EntryPatch, HistoryEntry, NewEntry, QueueOperation } from '../core/types.js';
import { applySecretPolicy, DEFAULT_SECRET_POLICY, type SecretPolicy } from '../core/secrets.js';
import { validateEntrySize, validateNewEntry, validatePatch } from '../core/validate-entry.js';
import { checkEntry } from '../core/remote-row.js';
import { checkCacheFile, corruptCache, isCorruptionError } from './cache-integrity.js';
import { makeMachineId } from './machine-id.js';
import { migrate } from './migrations.js';
import { ENTRY_COLUMNS, ENTRY_PARAMS, entryToParams, rowToEntry, type HistoryRow } from './rows.js';
import { prepareStatements } from './cache-statements.js';
import { openDatabase } from './sqlite-file.js';

export type LocalCacheOptions = {
  /** Wall clock in ms. @default Date.now */
  readonly now?: () => number;
  /** Source of new entry uuids. @default uuid v7: time-ordered, so new rows append to the
   * primary-key B-trees instead of landing on random pages (5x faster bulk inserts at 1M). */
  readonly randomUUID?: () => string;
  /** Used once, to name this machine when the cache is created. @default os.hostname() */
  readonly hostname?: string;
  /** The machine id for a new cache (repair keeps the old one). @default derived from hostname */
  readonly machineId?: string;
  /** How long a writer waits for another process's transaction. @default 5000 */
  readonly busyTimeoutMs?: number;
  /** What new entries and updates go through before they are stored. @default redact the built-in rules */
  readonly secrets?: SecretPolicy;
  /** Told when a secret was found in an entry being recorded (index in the batch) or updated. */
  readonly onSecret?: (found: readonly string[], skipped: boolean, index: number) => void;
  /** Told, for each recordMany transaction, how long it waited for the write lock (BEGIN
   * IMMEDIATE) and then held it until its commit or failure, in ms. For MCP_TERMINAL_LOCK_STATS. */
  readonly onWriteLock?: (waitMs: number, holdMs: number) => void;
};

export type ListOptions = {
  readonly limit: number;
  readonly machineId?: string | undefined;
  readonly sessionId?: string | undefined;
  readonly cwd?: string | undefined;
  /** Only entries whose command is exactly one of these. */
  readonly commands?: readonly string[] | undefined;
  /** Case-insensitive substring of the command. */
  readonly contains?: string | undefined;
};

const META_MACHINE_ID = 'machine_id';
/** A WAL larger than this is checkpointed by maintain() (SQLite's own default is ~4 MB). */
const WAL_CHECKPOINT_BYTES = 4 * 1024 * 1024;
/** Writes between two scheduled WAL size checks. */
const WRITES_PER_CHECK = 256;
const META_CLOCK = 'hlc_last';
const META_STATS_ROWID = 'stats_rowid';
const META_LIVE_ROWID = 'live_rowid';
/** Rows above the live-count watermark that make maintain() fold them in (a count of the
 * tail then costs well under a millisecond). */
const FOLD_LIVE_AFTER = 5000;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export class LocalCache {
  readonly path: string;
  readonly db: Database.Database;
  readonly machineId: string;
  readonly #now: () => number;
  readonly #randomUUID: () => string;
  readonly #secrets: SecretPolicy;
  readonly #onSecret: NonNullable<LocalCacheOptions['onSecret']>;
  readonly #onWriteLock: LocalCacheOptions['onWriteLock'];
  readonly #statements: ReturnType<typeof prepareStatements>;
  /** Writes since the last WAL size check; a check is scheduled when it reaches WRITES_PER_CHECK. */
  #writesSinceCheck = 0;

  private constructor(path: string, db: Database.Database, options: LocalCacheOptions) {
    this.path = path;
    this.db = db;
    this.#now = options.now ?? Date.now;
    this.#randomUUID = options.randomUUID ?? uuidV7;
    this.#secrets = options.secrets ?? DEFAULT_SECRET_POLICY;
    this.#onSecret = options.onSecret ?? (() => undefined);
    this.#onWriteLock = options.onWriteLock;
    this.#statements = prepareStatements(db);
    this.machineId = this.#ensureMachineId(options.hostname ?? osHostname(), options.machineId);
  }

  /** Opens (creating and migrating as needed) the cache file at `path`. */
  static open(path: string, options: LocalCacheOptions = {}): LocalCache {
    checkCacheFile(path);
    const db = openDatabase(path, options.busyTimeoutMs ?? 5000);
    try {
      migrate(db, path);
      return new LocalCache(path, db, options);
    } catch (error) {
      db.close();
      if (isCorruptionError(error)) throw corruptCache(path, (error as Error).message, error);
      throw error;
    }
  }

  /** Checkpoints and closes; safe to call twice. */
  close(): void {
    if (!this.db.open) return;
    this.maintain();
    this.db.close();
  }

  /**
   * Moves the WAL back into the database file when it has grown past a few MB. PASSIVE:
   * never waits for readers or writers of other processes, it does what it can now.
   */
  maintain(): void {
    if (!this.db.open) return;
    this.#writesSinceCheck = 0;
    this.#foldLiveCount();
    let walBytes = 0;
    try {
      walBytes = statSync(`${this.path}-wal`).size;
    } catch {
      return; // No WAL file: nothing to do.
    }
    if (walBytes > WAL_CHECKPOINT_BYTES) this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  /** Moves the live-count watermark up once many rows were added above it. */
  #foldLiveCount(): void {
    const newest = () => (this.#statements.maxRowid.get() as { n: number | null }).n ?? 0;
    if (newest() - Number(this.getMeta(META_LIVE_ROWID) ?? 0) < FOLD_LIVE_AFTER) return;
    this.db
      .transaction(() => {
        const mark = Number(this.getMeta(META_LIVE_ROWID) ?? 0);
        const top = newest();
        this.#statements.foldLiveCount.run({ mark, newest: top });
        this.setMeta(META_LIVE_ROWID, String(top));
      })
      .immediate();
  }

  /** Counts a write; now and then schedules maintain() for after the current task. */
  #wrote(count: number): void {
    this.#writesSinceCheck += count;
    if (this.#writesSinceCheck < WRITES_PER_CHECK) return;
    this.#writesSinceCheck = -Infinity; // one scheduled check at a time
    setImmediate(() => this.maintain()).unref();
  }

  #ensureMachineId(hostname: string, wanted?: string): string {
    const existing = this.getMeta(META_MACHINE_ID);
    if (existing) return existing;
    return this.db
      .transaction(() => {
        // Re-read inside the write lock: another process may have just created it.
        const again = this.getMeta(META_MACHINE_ID);
        if (again) return again;
        const id =
          wanted ?? makeMachineId(hostname, this.#randomUUID().replace(/-/g, '').slice(-8));
        this.setMeta(META_MACHINE_ID, id);
        return id;
      })
      .immediate();
  }

  getMeta(key: string): string | null {
    const row = this.#statements.getMeta.get(key) as { value: string | null } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string | null): void {
    this.#statements.setMeta.run(key, value, this.#now());
  }

  /**
   * Runs `write` with a clock source for the changes it makes. The clock is read from the
   * cache once and stored back once, so it is shared by every process and a bulk write does
   * not pay two statements per entry. Call inside a write transaction.
   */
  withClock<T>(write: (nextVersion: (rowVersion: string | null) => string) => T): T {
    let last: Hlc | null = decodeHlc(this.getMeta(META_CLOCK) ?? '');
    const nextVersion = (rowVersion: string | null): string => {
      const row = rowVersion === null ? null : decodeHlc(rowVersion);
      const next = nextChange(last, row, this.#now(), this.machineId);
      last = next.last;
      return encodeHlc(next.version);
    };
    const result = write(nextVersion);
    if (last !== null) this.setMeta(META_CLOCK, encodeHlc(last));
    return result;
  }

  /** Folds versions seen from other machines into the clock (within the drift bound). Call inside a write transaction. */
  observeVersions(versions: Iterable<string>): void {
    let last: Hlc | null = decodeHlc(this.getMeta(META_CLOCK) ?? '');
    const before = last;
    for (const text of versions) {
      const remote = decodeHlc(text);
      if (remote && (last === null || compareHlc(remote, last) > 0)) {
        last = receiveHlc(last, remote, this.#now(), this.machineId).clock;
      }
    }
    if (last !== null && last !== before) this.setMeta(META_CLOCK, encodeHlc(last));
  }

  /**
   * Writes a new local version of an existing entry and queues it for upload. For callers
   * outside this class (conflict resolution): call inside a write transaction, with a
   * version from withClock().
   */
  writeChange(entry: HistoryEntry, operation: QueueOperation): void {
    this.#writeEntry(entry, operation, false);
  }

  #writeEntry(entry: HistoryEntry, operation: QueueOperation, insert: boolean): void {
    const params = entryToParams(entry);
    if (insert) this.#statements.insertRow.run(params);
    else this.#statements.replaceRow.run(params);
    this.#statements.enqueue.run(operation, entry.uuid, JSON.stringify(entry), this.#now());
    this.#wrote(1);
  }

  #newEntry(input: NewEntry, version: string, uuid = this.#randomUUID()): HistoryEntry {
    return {
      uuid,
      command: input.command,
      response: input.response ?? null,
      timestamp: input.timestamp ?? this.#now(),
      userId: input.userId ?? null,
      machineId: this.machineId,
      sessionId: input.sessionId ?? null,
      status: input.status ?? null,
      tokensUsed: input.tokensUsed ?? null,
      cwd: input.cwd ?? null,
      durationMs: input.durationMs ?? null,
      version,
      deleted: false,
    };
  }

  /**
   * Saves one new entry locally (row + queue entry, one transaction) and returns it as
   * stored (secrets replaced by markers). In the secrets "skip" mode an entry holding a
   * secret is refused with INPUT_INVALID.
   */
  record(input: NewEntry): HistoryEntry {
    const [entry] = this.recordMany([input]);
    if (entry === undefined) {
      const { found } = applySecretPolicy(this.#secrets, input);
      throw new McpError(
        'INPUT_INVALID',
        `not saved: the entry holds a secret (${found.join(', ')}) and secrets.mode is "skip"`,
      );
    }
    return entry;
  }

  /** The entry as the secret policy lets it be stored (null: left out), said to onSecret. */
  #admit<T extends NewEntry>(input: T, index: number): T | null {
    const { entry, found } = applySecretPolicy(this.#secrets, input);
    if (found.length > 0) this.#onSecret(found, entry === null, index);
    return entry;
  }

  /**
   * Saves many entries in one transaction: all or nothing. Every entry is validated before
   * anything is written. Secrets are handled by the policy first: replaced by markers, or
   * the entry left out ("skip"); the result holds the entries stored. Callers with very
   * many entries pass chunks, so other processes are not kept waiting on the write lock.
   */
  recordMany(inputs: readonly NewEntry[]): HistoryEntry[] {
    for (const input of inputs) validateNewEntry(input);
    const kept = inputs.flatMap((input, index) => {
      const admitted = this.#admit(input, index);
      // A redaction marker can be longer than what it replaced: check the size it will sync at.
      if (admitted !== null && admitted !== input) validateEntrySize(admitted);
      return admitted ?? [];
    });
    const timed = this.#onWriteLock !== undefined;
    const started = timed ? performance.now() : 0;
    let locked: number | null = null;
    try {
      return this.db
        .transaction(() => {
          if (timed) locked = performance.now();
          return this.withClock((nextVersion) =>
            kept.map((input) => {
              const entry = this.#newEntry(input, nextVersion(null));
              this.#writeEntry(entry, 'insert', true);
              return entry;
            }),
          );
        })
        .immediate();
    } finally {
      if (timed) {
        const ended = performance.now();
        this.#onWriteLock?.((locked ?? ended) - started, ended - (locked ?? ended));
      }
    }
  }

  /**
   * Brings in entries from another tool's history, each with a uuid derived from its source
   * (so importing the same file twice adds nothing). Left out: an entry whose uuid is
   * already here, even deleted (a deleted import stays deleted), and a run this machine
   * recorded itself (the shell hook saw the run the history file also holds): a dated
   * command of the file claims the earliest entry this machine recorded with that text
   * within a second of its time, not counting imported ones (stable-uuid.ts marks them) nor
   * ones an earlier command of the same import claimed. One for one, also across
   * neighbouring seconds: two runs in the file and one hook record make one new entry.
   * `claimed` is shared by every chunk of one import. Entries are expected valid; secrets
   * are handled as for recordMany. One transaction: callers pass chunks.
   */
  importMany(
    inputs: readonly (NewEntry & {
      readonly uuid: string;
      /** False for an undated command: it can claim no hook record. */
      readonly dated?: boolean;
    })[],
    claimed: Set<string> = new Set(),
  ): {
    added: number;
    present: number;
  } {
    let added = 0;
    let present = 0;
    this.db
      .transaction(() =>
        this.withClock((nextVersion) => {
          inputs.forEach((input, index) => {
            const known =
              this.#statements.hasId.get(input.uuid) !== undefined ||
              this.#recordedHere(input, claimed);
            if (known) {
              present++;
              return;
            }
            const clean = this.#admit(input, index);
            if (clean === null) return;
            this.#writeEntry(this.#newEntry(clean, nextVersion(null), input.uuid), 'insert', true);
            added++;
          });
        }),
      )
      .immediate();
    return { added, present };
  }

  /** Whether an unclaimed record of this machine, within a second, covers this run (claims it). */
  #recordedHere(input: NewEntry & { readonly dated?: boolean }, claimed: Set<string>): boolean {
    if (input.dated !== true || input.timestamp === undefined) return false;
    const runs = this.#statements.sameRuns.all({
      from: input.timestamp - 999,
      to: input.timestamp + 999,
      command: input.command,
      machineId: this.machineId,
    }) as { id: string }[];
    const run = runs.find(({ id }) => !claimed.has(id));
    if (run === undefined) return false;
    claimed.add(run.id);
    return true;
  }

  /**
   * Brings in whole entries another home exported (`import ndjson`), keeping their identity:
   * uuid, machine, version. Per uuid: not here, inserted; here with an older version,
   * replaced (last-write-wins, as a pull does); here with the same or a newer version, left
   * alone, so a second import, or an older export, changes nothing. What is written is queued
   * for upload like any local write (with the version it came with, so the machine that made
   * it and this one agree), and the clock moves past every version seen. Secrets: an entry
   * the policy changes is stored as a new version made here (it then wins everywhere);
   * "skip" leaves it out. Entries are expected valid. One transaction: callers pass chunks.
   */
  importEntries(entries: readonly HistoryEntry[]): {
    added: number;
    updated: number;
    present: number;
  } {
    const counts = { added: 0, updated: 0, present: 0 };
    const isNewer = (incoming: string, current: string) => {
      const [a, b] = [decodeHlc(incoming), decodeHlc(current)];
      return a !== null && (b === null || compareHlc(a, b) > 0);
    };
    this.db
      .transaction(() => {
        this.observeVersions(entries.map((entry) => entry.version));
        this.withClock((nextVersion) => {
          entries.forEach((incoming, index) => {
            const current = this.get(incoming.uuid);
            if (current !== null && !isNewer(incoming.version, current.version)) {
              counts.present++;
              return;
            }
            const admitted = this.#admit(incoming, index);
            if (admitted === null) return;
            if (admitted !== incoming) validateEntrySize(admitted);
            const entry =
              admitted === incoming
                ? incoming
                : { ...admitted, version: nextVersion(incoming.version) };
            this.#writeEntry(entry, current === null ? 'insert' : 'update', current === null);
            if (current === null) counts.added++;
            else counts.updated++;
          });
        });
      })
      .immediate();
    return counts;
  }

  /**
   * Puts back rows saved from a damaged cache (repair): each with the version it had and
   * the version the server had confirmed (null: never). Rows the server had not confirmed
   * are queued again, so they upload on the next sync; the clock moves past every version.
   */
  restore(
    salvaged: readonly { readonly entry: HistoryEntry; readonly baseVersion: string | null }[],
  ): number {
    // Salvaged rows pass the same gate as the server's: a damaged page can hold anything.
    const rows = salvaged.filter((row) => checkEntry(row.entry).ok);
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO history_cache (${ENTRY_COLUMNS}, command_uuid, base_version, sync_status)
       VALUES (${ENTRY_PARAMS}, @id, @base_version, @sync_status)`,
    );
    return this.db
      .transaction(() => {
        let queued = 0;
        for (const { entry, baseVersion } of rows) {
          const unsynced = baseVersion !== entry.version;
          const params = {
            ...entryToParams(entry),
            base_version: baseVersion,
            sync_status: unsynced ? 'pending' : 'synced',
          };
          if (insert.run(params).changes === 0 || !unsynced) continue;
          const operation = entry.deleted ? 'delete' : baseVersion === null ? 'insert' : 'update';
          this.#statements.enqueue.run(operation, entry.uuid, JSON.stringify(entry), this.#now());
          queued++;
        }
        this.observeVersions(rows.map((row) => row.entry.version));
        return queued;
      })
      .immediate();
  }

  /**
   * Brings the search stats (command_stats) up to date: adds the history rows inserted since
   * the watermark, in one statement, and moves the watermark. Cheap when nothing is new.
   */
  catchUpStats(): void {
    const last = (this.#statements.maxRowid.get() as { n: number | null }).n ?? 0;
    if (last <= Number(this.getMeta(META_STATS_ROWID) ?? 0)) return;
    this.db
      .transaction(() => {
        const watermark = Number(this.getMeta(META_STATS_ROWID) ?? 0);
        const newest = (this.#statements.maxRowid.get() as { n: number | null }).n ?? 0;
        if (newest <= watermark) return;
        this.#statements.addStats.run(watermark, newest);
        this.setMeta(META_STATS_ROWID, String(newest));
      })
      .immediate();
  }

  #requireLive(uuid: string): HistoryEntry {
    const entry = this.get(uuid);
    if (entry === null || entry.deleted) {
      throw new McpError(
        'NOT_FOUND',
        `no entry ${uuid}; list entries with: mcp-terminal search --json`,
      );
    }
    return entry;
  }

  /** Changes response/status/tokens of an entry as a new version. */
  update(uuid: string, input: EntryPatch): HistoryEntry {
    validatePatch(input);
    const { entry: patch, found } = applySecretPolicy(this.#secrets, input);
    if (found.length > 0 && patch !== null) this.#onSecret(found, false, 0);
    if (patch === null) {
      throw new McpError(
        'INPUT_INVALID',
        `not saved: the change holds a secret (${found.join(', ')}) and secrets.mode is "skip"`,
      );
    }
    return this.db
      .transaction(() => {
        const current = this.#requireLive(uuid);
        const version = this.withClock((nextVersion) => nextVersion(current.version));
        const next: HistoryEntry = {
          ...current,
          response: patch.response === undefined ? current.response : patch.response,
          status: patch.status === undefined ? current.status : patch.status,
          tokensUsed: patch.tokensUsed === undefined ? current.tokensUsed : patch.tokensUsed,
          version,
        };
        validateEntrySize(next);
        this.#writeEntry(next, 'update', false);
        return next;
      })
      .immediate();
  }

  /**
   * Deletes entries everywhere in one transaction: all of them, or none when one is missing
   * or already deleted (NOT_FOUND names it).
   */
  deleteMany(uuids: readonly string[]): HistoryEntry[] {
    return this.db.transaction(() => uuids.map((uuid) => this.delete(uuid))).immediate();
  }

  /** Deletes an entry everywhere: a tombstone with its content blanked. */
  delete(uuid: string): HistoryEntry {
    return this.db
      .transaction(() => {
        const current = this.#requireLive(uuid);
        const version = this.withClock((nextVersion) => nextVersion(current.version));
        const tombstone: HistoryEntry = {
          ...current,
          command: '',
          response: null,
          status: null,
          tokensUsed: null,
          durationMs: null,
          version,
          deleted: true,
        };
        this.#writeEntry(tombstone, 'delete', false);
        return tombstone;
      })
      .immediate();
  }

  /** The entry with this uuid, tombstones included, or null. */
  get(uuid: string): HistoryEntry | null {
    const row = this.#statements.getRow.get(uuid) as HistoryRow | undefined;
    return row ? rowToEntry(row) : null;
  }

  /** Live entries, newest first, optionally filtered. Uses the newest-first index and stops at `limit`. */
  list(options: ListOptions): HistoryEntry[] {
    const where = ['deleted = 0'];
    const params: Record<string, string | number> = { limit: options.limit };
    if (options.machineId !== undefined) {
      where.push('machine_id = @machineId');
      params['machineId'] = options.machineId;
    }
    if (options.sessionId !== undefined) {
      where.push('session_id = @sessionId');
      params['sessionId'] = options.sessionId;
    }
    if (options.cwd !== undefined) {
      where.push('cwd = @cwd');
      params['cwd'] = options.cwd;
    }
    if (options.commands !== undefined) {
      // One pass over the table for any number of commands (there is no index on command).
      where.push('command IN (SELECT value FROM json_each(@commands))');
      params['commands'] = JSON.stringify(options.commands);
    }
    if (options.contains !== undefined && options.contains.length > 0) {
      where.push("command LIKE @contains ESCAPE '\\'");
      params['contains'] = `%${escapeLike(options.contains)}%`;
    }
    const sql = `SELECT ${ENTRY_COLUMNS} FROM history_cache WHERE ${where.join(' AND ')}
      ORDER BY timestamp DESC LIMIT @limit`;
    return (this.db.prepare(sql).all(params) as HistoryRow[]).map(rowToEntry);
  }

  /**
   * Every live entry, oldest first, one row at a time (a read transaction holds a steady
   * view meanwhile; writers are not blocked in WAL mode). For export: memory stays flat.
   */
  *iterateAll(): Generator<HistoryEntry> {
    const rows = this.db
      .prepare(
        `SELECT ${ENTRY_COLUMNS} FROM history_cache WHERE deleted = 0 ORDER BY timestamp, id`,
      )
      .iterate() as IterableIterator<HistoryRow>;
    for (const row of rows) yield rowToEntry(row);
  }

  /** Number of live entries. */
  countEntries(): number {
    return (this.#statements.countLive.get() as { n: number }).n;
  }

  /** Number of changes waiting to be uploaded. */
  pendingUploadCount(): number {
    return (this.#statements.countQueue.get() as { n: number }).n;
  }

  /** Number of conflicts not yet looked at and resolved by the user. */
  openConflictCount(): number {
    return (this.#statements.countConflicts.get() as { n: number }).n;
  }
}
