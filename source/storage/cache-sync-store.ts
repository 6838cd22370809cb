/**
 * The local side of sync (LocalSyncPort) on the cache: reads the queue, and merges push
 * results and pulled pages, each in one transaction together with its bookkeeping, so a
 * crash at any point either kept all of a step or none of it.
 */
import {
  ConflictResolver,
  compareVersions,
  type LocalRow,
  type Side,
} from '../core/conflict-resolver.js';
import type { ErrorCode } from '../core/errors.js';
import type {
  LocalSyncPort,
  PullOutcome,
  PullPage,
  PushItem,
  PushOutcome,
} from '../core/sync-ports.js';
import type { HistoryEntry } from '../core/types.js';
import type { LocalCache } from './local-cache.js';
import { QuarantineStore } from './quarantine-store.js';
import {
  insertRemoteArgs,
  prepareSyncStatements,
  updateRemoteArgs,
  type SyncStatements,
} from './sync-statements.js';

export const META = {
  pullCursor: 'pull_cursor',
  remoteSeq: 'remote_seq',
  lastSyncedAt: 'last_synced_at',
  lastAttemptAt: 'last_attempt_at',
  lastError: 'last_error',
  lastErrorCode: 'last_error_code',
} as const;

type QueueRow = { id: number; record_id: string; data: string };

/**
 * Bytes of queued data (the entries as JSON, a little more than they take in the batch's
 * one JSON parameter) per push batch: sqld refuses a parameter over 5,000,000 bytes.
 */
const PUSH_MAX_BYTES = 4_200_000;

export class CacheSyncStore implements LocalSyncPort {
  readonly #cache: LocalCache;
  readonly #resolver: ConflictResolver;
  readonly #now: () => number;
  readonly #quarantine: QuarantineStore;
  readonly #sql: SyncStatements;

  constructor(cache: LocalCache, now: () => number = Date.now) {
    this.#cache = cache;
    this.#now = now;
    this.#resolver = new ConflictResolver(cache.machineId);
    const db = cache.db;
    this.#quarantine = QuarantineStore.of(db);
    this.#sql = prepareSyncStatements(db);
  }

  get machineId(): string {
    return this.#cache.machineId;
  }

  /** Version and base version for many uuids in one query (a page or a batch at a time). */
  #localVersions(uuids: readonly string[]): Map<string, LocalRow> {
    const rows = this.#sql.versions.all(JSON.stringify(uuids)) as {
      id: string;
      version: string;
      base_version: string | null;
    }[];
    return new Map(
      rows.map((row) => [row.id, { version: row.version, baseVersion: row.base_version }]),
    );
  }

  readQueue(limit: number, afterId = 0): PushItem[] {
    const rows = this.#sql.queue.all(afterId, limit) as QueueRow[];
    // Several changes of one entry collapse into its latest: the server keeps only the
    // newest version anyway, and one row per entry keeps the batch small. A batch also stops
    // at about PUSH_MAX_BYTES of data (at least one row): the server caps each value.
    const byUuid = new Map<string, { queueIds: number[]; entry: HistoryEntry }>();
    let bytes = 0;
    for (const row of rows) {
      // Cheap bound first: a UTF-16 unit is at most 3 UTF-8 bytes.
      const size =
        row.data.length * 3 <= 65_536 ? row.data.length * 3 : Buffer.byteLength(row.data);
      if (size > PUSH_MAX_BYTES) {
        // Only a cache written before the size gate can hold one: it could never upload,
        // so it leaves the queue for the quarantine list instead of blocking it for good.
        this.#quarantineUpload(row, size);
        continue;
      }
      bytes += size;
      if (bytes > PUSH_MAX_BYTES && byUuid.size > 0) break;
      const entry = JSON.parse(row.data) as HistoryEntry;
      const item = byUuid.get(row.record_id);
      if (item) {
        item.queueIds.push(row.id);
        if (entry.version > item.entry.version) item.entry = entry;
      } else {
        byUuid.set(row.record_id, { queueIds: [row.id], entry });
      }
    }
    const local = this.#localVersions([...byUuid.keys()]);
    return [...byUuid.entries()].map(([uuid, item]) => ({
      ...item,
      baseVersion: local.get(uuid)?.baseVersion ?? null,
    }));
  }

  #quarantineUpload(row: QueueRow, bytes: number): void {
    this.#cache.db
      .transaction(() => {
        this.#quarantine.put(
          [
            {
              uuid: row.record_id,
              seq: null,
              direction: 'upload',
              reason: `a local change of ${bytes} bytes is too big to upload (limit ${PUSH_MAX_BYTES}); the entry stays on this machine`,
            },
          ],
          this.#now(),
        );
        this.#sql.deleteQueuedId.run(row.id);
      })
      .immediate();
  }

  #recordConflict(uuid: string, winnerVersion: string, loser: HistoryEntry, loserSide: Side): void {
    this.#sql.conflict.run(
      uuid,
      winnerVersion,
      loser.version,
      JSON.stringify(loser),
      loserSide,
      this.#now(),
    );
  }

  /** Makes the server's version this machine's row (`exists`: the row is already here). */
  #takeRemote(entry: HistoryEntry, exists: boolean): void {
    if (exists) this.#sql.updateRemote.run(...updateRemoteArgs(entry, this.#now()));
    else this.#sql.insertRemote.run(...insertRemoteArgs(entry, this.#now()));
  }

  /**
   * Queues this machine's version of an entry again, as if just changed. `base` (the
   * server's current valid version, or null) keeps the push from reporting a conflict.
   */
  #sendAgain(uuid: string, local: LocalRow, base: string | null): void {
    // Not confirmed by the server yet: it is queued and goes up anyway.
    if (local.version !== local.baseVersion) return;
    const entry = this.#cache.get(uuid);
    if (entry === null) return;
    this.#cache.writeChange(entry, entry.deleted ? 'delete' : 'update');
    this.#sql.setBaseOnly.run(base, uuid);
  }

  #setBase(uuid: string, base: string): void {
    this.#sql.setBase.run({ id: uuid, base, now: this.#now() });
  }

  completePush(
    items: readonly PushItem[],
    serverBefore: readonly (HistoryEntry | null)[],
  ): PushOutcome {
    let conflicts = 0;
    this.#cache.db
      .transaction(() => {
        items.forEach((item, index) => {
          const server = serverBefore[index] ?? null;
          const decision = this.#resolver.onPush(item.entry, item.baseVersion, server);
          const uuid = item.entry.uuid;
          if (decision.kind === 'conflict' && server !== null) {
            conflicts++;
            if (decision.winner === 'local') {
              this.#recordConflict(uuid, item.entry.version, server, 'remote');
              this.#setBase(uuid, item.entry.version);
            } else {
              this.#recordConflict(uuid, server.version, item.entry, 'local');
              const current = this.#cache.get(uuid);
              if (current?.version === item.entry.version) this.#takeRemote(server, true);
              else this.#setBase(uuid, server.version);
            }
          } else {
            this.#setBase(uuid, item.entry.version);
          }
        });
        this.#sql.deleteQueued.run(JSON.stringify(items.flatMap((item) => item.queueIds)));
      })
      .immediate();
    return { conflicts };
  }

  applyPull(page: PullPage): PullOutcome {
    let applied = 0;
    let conflicts = 0;
    let quarantined = 0;
    this.#cache.db
      .transaction(() => {
        const locals = this.#localVersions(page.rows.map((row) => row.uuid));
        for (const remote of page.rows) {
          const local = locals.get(remote.uuid) ?? null;
          const decision = this.#resolver.onPull(local, remote);
          switch (decision.kind) {
            case 'insert':
            case 'apply':
              this.#takeRemote(remote, decision.kind === 'apply');
              applied++;
              break;
            case 'agree':
              // Usually already agreed (our own push coming back); only a crash between a
              // push and its bookkeeping leaves the base behind.
              if (local?.baseVersion !== remote.version) this.#setBase(remote.uuid, remote.version);
              break;
            case 'keep':
              // The server went back to a version older than one it had confirmed (a
              // restore, or a row put back by hand): send ours again so it heals.
              if (
                local &&
                local.baseVersion !== null &&
                compareVersions(remote.version, local.baseVersion) < 0
              ) {
                this.#sendAgain(remote.uuid, local, remote.version);
              }
              break;
            case 'conflict': {
              conflicts++;
              const localEntry = this.#cache.get(remote.uuid);
              if (decision.winner === 'remote' && localEntry) {
                this.#recordConflict(remote.uuid, remote.version, localEntry, 'local');
                this.#takeRemote(remote, true);
                // The queued local versions lost; their content is kept in conflicts.
                this.#sql.deleteQueuedFor.run(remote.uuid);
                applied++;
              } else if (localEntry) {
                this.#recordConflict(remote.uuid, localEntry.version, remote, 'remote');
                // Seen: the local version, which wins, is now based on the remote one.
                this.#sql.setBaseOnly.run(remote.version, remote.uuid);
              }
              break;
            }
          }
        }
        this.#cache.observeVersions(page.rows.map((row) => row.version));
        if (page.quarantined.length > 0) {
          quarantined = this.#quarantine.put(page.quarantined, this.#now());
          // A bad row took the place of an entry this machine holds: the server replaces an
          // invalid row with any valid one, so sending ours again heals it for everyone.
          const held = this.#localVersions(page.quarantined.flatMap((item) => item.uuid ?? []));
          for (const [uuid, row] of held) this.#sendAgain(uuid, row, null);
        }
        if (this.#quarantine.count() > 0)
          this.#quarantine.clearDownloads(page.rows.map((r) => r.uuid));
        this.#cache.setMeta(META.pullCursor, String(page.lastSeq));
        this.#cache.setMeta(META.remoteSeq, String(page.maxSeq));
      })
      .immediate();
    return { applied, conflicts, quarantined };
  }

  pendingCount(): number {
    return this.#cache.pendingUploadCount();
  }

  pullCursor(): number {
    return Number(this.#cache.getMeta(META.pullCursor) ?? 0);
  }

  recordAttempt(error: { code: ErrorCode; message: string } | null, remoteSeq?: number): void {
    const now = String(this.#now());
    this.#cache.db
      .transaction(() => {
        this.#cache.setMeta(META.lastAttemptAt, now);
        this.#cache.setMeta(META.lastError, error?.message ?? null);
        this.#cache.setMeta(META.lastErrorCode, error?.code ?? null);
        if (error === null) this.#cache.setMeta(META.lastSyncedAt, now);
        if (remoteSeq !== undefined) this.#cache.setMeta(META.remoteSeq, String(remoteSeq));
      })
      .immediate();
  }
}
