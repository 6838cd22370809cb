/**
 * SyncManager: one full sync — push the queue in batches, then pull every change after the
 * cursor in pages — written against the two ports, so it runs the same on the main thread,
 * in the worker, and in tests. Push comes first so that the pull also brings back the
 * change numbers of what was just pushed and the cursor ends level with the server.
 */
import { McpError, isMcpError } from '../core/errors.js';
import type { LocalSyncPort, PullPage, PushItem, RemotePort } from '../core/sync-ports.js';
import type { SyncPhase, SyncProgress } from '../core/types.js';
import { withRetry, type RetryOptions } from './retry.js';

export type { SyncPhase, SyncProgress };

export type SyncReport = {
  readonly uploaded: number;
  readonly downloaded: number;
  readonly conflicts: number;
  /** Rows from the server newly found invalid: quarantined, never merged. */
  readonly quarantined: number;
  readonly roundTrips: number;
  readonly durationMs: number;
};

export type SyncManagerOptions = {
  readonly local: LocalSyncPort;
  readonly remote: RemotePort;
  /** Entries per push batch and per pull page. */
  readonly batchSize: number;
  /** Retries per batch after the first try (the config's retry_attempts). */
  readonly retryAttempts: number;
  readonly now?: () => number;
  readonly sleep?: RetryOptions['sleep'];
  readonly random?: RetryOptions['random'];
  readonly onProgress?: (progress: SyncProgress) => void;
  /** Checked between batches: a stop request ends the sync after the batch in flight. */
  readonly shouldStop?: () => boolean;
};

function validateOptions(options: SyncManagerOptions): void {
  if (!Number.isSafeInteger(options.batchSize) || options.batchSize < 1) {
    throw new RangeError(`Expected \`batchSize\` to be an integer >= 1, got ${options.batchSize}`);
  }
  if (!Number.isSafeInteger(options.retryAttempts) || options.retryAttempts < 0) {
    throw new RangeError(
      `Expected \`retryAttempts\` to be an integer >= 0, got ${options.retryAttempts}`,
    );
  }
}

export class SyncManager {
  readonly #options: SyncManagerOptions;

  constructor(options: SyncManagerOptions) {
    validateOptions(options);
    this.#options = options;
  }

  #retry<T>(operation: () => Promise<T>): Promise<T> {
    return withRetry(operation, {
      // retry_attempts counts retries after the first try.
      attempts: this.#options.retryAttempts + 1,
      ...(this.#options.sleep ? { sleep: this.#options.sleep } : {}),
      ...(this.#options.random ? { random: this.#options.random } : {}),
    });
  }

  /**
   * Pushes the queue batch by batch. One write is in flight at a time (the server is written
   * serially), but the local work overlaps it: the next batch is read and sent before the
   * previous one's results are written to the cache.
   */
  async #push(): Promise<{ uploaded: number; conflicts: number }> {
    const { local, remote, batchSize, onProgress, shouldStop } = this.#options;
    const total = local.pendingCount();
    const lastId = (items: readonly PushItem[]) =>
      Math.max(0, ...items.flatMap((item) => item.queueIds));
    let done = 0;
    let uploaded = 0;
    let conflicts = 0;
    let items = local.readQueue(batchSize);
    let inFlight = items.length > 0 ? this.#retry(() => remote.push(items)) : null;
    while (inFlight !== null) {
      const before = await inFlight;
      const next = shouldStop?.() ? [] : local.readQueue(batchSize, lastId(items));
      inFlight = next.length > 0 ? this.#retry(() => remote.push(next)) : null;
      // A failed next batch must not leave this one's confirmed results unrecorded.
      inFlight?.catch(() => undefined);
      conflicts += local.completePush(items, before).conflicts;
      uploaded += items.length;
      done += items.reduce((sum, item) => sum + item.queueIds.length, 0);
      onProgress?.({ phase: 'push', done, total: Math.max(total, done) });
      items = next;
    }
    return { uploaded, conflicts };
  }

  /**
   * Pulls every change after the cursor, page by page; the next page is requested before
   * the current one is merged, so the network and the cache work overlap. Each merge
   * commits the page and its cursor together.
   */
  async #pull(): Promise<{
    downloaded: number;
    conflicts: number;
    quarantined: number;
    remoteSeq: number;
  }> {
    const { local, remote, batchSize, onProgress, shouldStop } = this.#options;
    let downloaded = 0;
    let conflicts = 0;
    let quarantined = 0;
    let start = local.pullCursor();
    let first = await this.#retry(() => remote.pull(start, batchSize, true));
    if (first.maxSeq < start) {
      // The server's history is behind our cursor: it was replaced or restored. Start over
      // from the beginning; merging is idempotent, so nothing is doubled.
      start = 0;
      first = await this.#retry(() => remote.pull(0, batchSize, true));
    }
    const remoteSeq = first.maxSeq;
    let page: PullPage | null = first;
    while (page !== null && page.rows.length + page.quarantined.length > 0) {
      const cursor: number = page.lastSeq;
      const nextPage: Promise<PullPage> | null =
        page.more && !shouldStop?.()
          ? this.#retry(() => remote.pull(cursor, batchSize, false))
          : null;
      nextPage?.catch(() => undefined);
      const outcome = local.applyPull({ ...page, maxSeq: Math.max(remoteSeq, page.lastSeq) });
      downloaded += outcome.applied;
      conflicts += outcome.conflicts;
      quarantined += outcome.quarantined;
      onProgress?.({
        phase: 'pull',
        done: cursor - start,
        total: Math.max(remoteSeq - start, cursor - start),
      });
      page = nextPage === null ? null : await nextPage;
    }
    return { downloaded, conflicts, quarantined, remoteSeq };
  }

  /** One full push + pull. Throws McpError (after recording it in the cache) when it could not complete. */
  async sync(): Promise<SyncReport> {
    const { local, remote } = this.#options;
    const now = this.#options.now ?? Date.now;
    const started = now();
    const tripsBefore = remote.roundTrips;
    try {
      const pushed = await this.#push();
      const pulled = await this.#pull();
      local.recordAttempt(null, pulled.remoteSeq);
      return {
        uploaded: pushed.uploaded,
        downloaded: pulled.downloaded,
        conflicts: pushed.conflicts + pulled.conflicts,
        quarantined: pulled.quarantined,
        roundTrips: remote.roundTrips - tripsBefore,
        durationMs: now() - started,
      };
    } catch (error) {
      const failure = isMcpError(error)
        ? error
        : new McpError('SYNC_FAILED', `sync failed: ${(error as Error).message ?? String(error)}`, {
            cause: error,
          });
      local.recordAttempt({ code: failure.code, message: failure.message });
      throw failure;
    }
  }
}
