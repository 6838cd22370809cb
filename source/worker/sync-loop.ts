/**
 * The background sync loop, as a plain object with injected timers: testable without a
 * thread. One p-queue with concurrency 1 runs the sync jobs, so syncs never overlap; its
 * interval cap throttles starts, and a job is only queued when none is waiting, so a burst
 * of writes or key presses coalesces into one sync.
 */
import PQueue from 'p-queue';
import type { Config } from '../config/schema.js';
import { McpError, isMcpError } from '../core/errors.js';
import type { LocalCache } from '../storage/local-cache.js';
import { runSyncJob } from '../sync/sync-job.js';
import { readSyncStatus } from '../sync/sync-status.js';
import type { WorkerEvent } from './protocol.js';

/** Wait after a local write before syncing, so a burst of writes goes in one sync. */
export const WRITE_DEBOUNCE_MS = 250;
/** At most one sync start per this many ms. */
export const THROTTLE_MS = 500;
/** First wait before probing an unreachable server again; doubles up to the interval. */
export const FIRST_PROBE_MS = 1000;
/** How often the loop looks for commits by other processes (a terminal's `record`). */
export const WATCH_MS = 500;

export type Timers = {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export type SyncLoopOptions = {
  config: Config;
  readonly cache: LocalCache;
  readonly owner: string;
  readonly emit: (event: WorkerEvent) => void;
  readonly now?: () => number;
  readonly timers?: Timers;
};

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class SyncLoop {
  readonly #options: SyncLoopOptions;
  readonly #timers: Timers;
  readonly #now: () => number;
  readonly #queue = new PQueue({ concurrency: 1, interval: THROTTLE_MS, intervalCap: 1 });
  /** The next periodic (or probe) sync; exactly one is armed while running and not paused. */
  #timer: unknown = null;
  #debounce: unknown = null;
  #watch: unknown = null;
  /** SQLite's data_version: changes when another connection commits to the cache. */
  #dataVersion = -1;
  #paused = false;
  #stopping = false;
  /** Consecutive unreachable attempts; drives the probe backoff. */
  #failures = 0;

  constructor(options: SyncLoopOptions) {
    this.#options = options;
    this.#timers = options.timers ?? realTimers;
    this.#now = options.now ?? Date.now;
  }

  start(): void {
    this.#emitState();
    this.#arm(0);
    this.#watchCache();
  }

  /**
   * Other processes write to the cache (every terminal's `record`): a cheap pragma read
   * tells when anything changed, so the state is re-published and new entries are pushed
   * promptly instead of at the next interval.
   */
  #watchCache(): void {
    if (this.#stopping) return;
    const version = this.#options.cache.db.pragma('data_version', { simple: true }) as number;
    if (this.#dataVersion !== -1 && version !== this.#dataVersion) {
      this.#emitState();
      if (this.#options.cache.pendingUploadCount() > 0) this.localWrite();
    }
    this.#dataVersion = version;
    this.#watch = this.#timers.setTimeout(() => this.#watchCache(), WATCH_MS);
  }

  /** Queues a sync unless one is already waiting; resolves when that sync is done. */
  syncNow(): Promise<void> {
    if (this.#stopping) return Promise.resolve();
    if (this.#queue.size > 0) return this.#queue.onIdle();
    return this.#queue.add(() => this.#runOnce());
  }

  /** A local write happened: sync soon (debounced), not at the next tick. */
  localWrite(): void {
    if (this.#paused || this.#stopping) return;
    if (this.#debounce !== null) this.#timers.clearTimeout(this.#debounce);
    this.#debounce = this.#timers.setTimeout(() => {
      this.#debounce = null;
      void this.syncNow();
    }, WRITE_DEBOUNCE_MS);
  }

  pause(): void {
    this.#paused = true;
    this.#disarm();
  }

  resume(): void {
    this.#paused = false;
    this.#arm(0);
  }

  /** New settings apply from the next sync; queued work lives in the cache and is kept. */
  configure(sync: Config['sync']): void {
    this.#options.config = { ...this.#options.config, sync };
    this.#arm(0);
  }

  /** Finishes the batch in flight, then resolves; nothing more starts. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#disarm();
    this.#queue.clear();
    await this.#queue.onIdle();
  }

  #disarm(): void {
    if (this.#watch !== null && this.#stopping) this.#timers.clearTimeout(this.#watch);
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    if (this.#debounce !== null) this.#timers.clearTimeout(this.#debounce);
    this.#timer = null;
    this.#debounce = null;
  }

  #arm(delayMs: number): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
    const { config } = this.#options;
    if (this.#paused || this.#stopping || !config.sync.enabled || config.remote.url === null)
      return;
    if (config.sync.offline_mode === 'always') return;
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      void this.syncNow();
    }, delayMs);
  }

  #emitState(): void {
    this.#options.emit({
      type: 'state',
      status: readSyncStatus(this.#options.cache, this.#options.config, this.#now()),
    });
  }

  async #runOnce(): Promise<void> {
    const { config, cache, owner, emit } = this.#options;
    let nextDelay = config.sync.interval;
    try {
      const job = await runSyncJob({
        config,
        cache,
        owner,
        now: this.#now,
        shouldStop: () => this.#stopping,
        onProgress: (progress) => {
          emit({ type: 'progress', ...progress });
        },
      });
      this.#failures = 0;
      if (job.ran) {
        const { uploaded, downloaded, conflicts, roundTrips } = job.report;
        emit({ type: 'synced', uploaded, downloaded, conflicts, roundTrips });
      } else {
        emit({ type: 'busy' });
      }
    } catch (error) {
      const failure = isMcpError(error)
        ? error
        : new McpError('SYNC_FAILED', String(error), { cause: error });
      emit({ type: 'error', code: failure.code, message: failure.message });
      if (failure.code === 'REMOTE_UNREACHABLE' && config.sync.offline_mode === 'auto') {
        // Probe again soon, backing off, so the sync resumes as soon as the server answers.
        this.#failures++;
        nextDelay = Math.min(config.sync.interval, FIRST_PROBE_MS * 2 ** (this.#failures - 1));
      }
    } finally {
      this.#emitState();
      this.#arm(nextDelay);
    }
  }
}
