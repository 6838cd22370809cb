/**
 * The HistorySource backed by the query worker. At most one query is in flight; a newer
 * request replaces one still waiting, so fast typing never builds a backlog.
 *
 * It survives a worker crash (an uncaught error, an unexpected exit, a list it cannot
 * decode): every question the dead worker had not answered is rejected with an McpError,
 * the worker is started again with backoff, questions asked meanwhile (the waiting query
 * among them) go to the new one, and the watch and the list decoder start over with it.
 * After a restart the watcher is told the cache changed, so the UI asks again.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { HistoryStats } from '../../core/types.js';
import { McpError } from '../../core/errors.js';
import { DeltaDecoder } from './entry-delta.js';
import type { HistorySource } from './history-source.js';
import type { QueryCommand, QueryReply, QueryWorkerInit } from './query-protocol.js';
import type { QueryRequest, QueryResults } from './query-service.js';

/** The built query worker, wherever this module runs from (dist/, dist/chunks/, tests). */
export function defaultQueryWorkerPath(): string {
  for (const candidate of [
    './query-worker.js',
    '../query-worker.js',
    '../../../dist/query-worker.js',
  ]) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new McpError(
    'INTERNAL',
    'the query worker bundle (dist/query-worker.js) is missing; run: npm run build',
  );
}

export type WorkerSourceOptions = {
  /** The built worker file. @default dist/query-worker.js, found next to this module */
  readonly workerPath?: string;
  /**
   * Wait before restart number `n` in a row (an answer from the worker resets the count).
   * @default 200 ms doubling to 10 s
   */
  readonly restartDelayMs?: (attempt: number) => number;
};

type Waiter = { resolve(value: unknown): void; reject(error: Error): void };
type PendingQuery = {
  readonly request: QueryRequest;
  resolve(value: QueryResults | null): void;
  reject(error: Error): void;
};

export class WorkerSource implements HistorySource {
  readonly #cachePath: string;
  readonly #workerPath: string;
  readonly #restartDelayMs: (attempt: number) => number;
  /** The running worker; null while a restart waits out its backoff, and after close. */
  #worker: Worker | null = null;
  /** Every question given to the current worker (or waiting for the next) and unanswered. */
  readonly #waiters = new Map<number, Waiter>();
  /** Questions asked while no worker runs: sent, in order, to the next one. */
  #outbox: QueryCommand[] = [];
  /** Decodes the current worker's lists (a new worker's encoder starts empty: so does this). */
  #lists = new DeltaDecoder();
  #watch: { readonly pollMs: number; readonly onChange: () => void } | null = null;
  #nextId = 1;
  #queryInFlight = false;
  /** The query asked while one was in flight: sent when that one settles. */
  #pending: PendingQuery | null = null;
  #restartTimer: NodeJS.Timeout | null = null;
  /** Crashes since the worker last answered: drives the backoff. */
  #crashesInARow = 0;
  #restarts = 0;
  #closed = false;

  constructor(cachePath: string, options: WorkerSourceOptions = {}) {
    this.#cachePath = cachePath;
    this.#workerPath = options.workerPath ?? defaultQueryWorkerPath();
    this.#restartDelayMs =
      options.restartDelayMs ?? ((attempt) => Math.min(10_000, 200 * 2 ** (attempt - 1)));
    this.#spawn();
  }

  /** How many times the worker was started again after a crash. */
  get restarts(): number {
    return this.#restarts;
  }

  #spawn(): void {
    const init: QueryWorkerInit = { cachePath: this.#cachePath };
    const worker = new Worker(this.#workerPath, { workerData: init });
    // The UI must be able to exit while the worker idles.
    worker.unref();
    this.#worker = worker;
    this.#lists = new DeltaDecoder();
    worker.on('message', (reply: QueryReply) => {
      if (this.#worker === worker) this.#settle(worker, reply);
    });
    worker.on('error', (error) => this.#crashed(worker, error.message, error));
    worker.on('exit', (code) => this.#crashed(worker, `exit code ${code}`));
    if (this.#watch !== null) this.#post({ type: 'watch', pollMs: this.#watch.pollMs });
    for (const command of this.#outbox) worker.postMessage(command);
    this.#outbox = [];
  }

  /** The worker ended or broke: fail what it owed, and start another after the backoff. */
  #crashed(worker: Worker, reason: string, cause?: Error): void {
    if (this.#worker !== worker) return; // already handled, or closed
    this.#worker = null;
    void worker.terminate();
    const error = new McpError(
      'INTERNAL',
      `the query worker stopped and is being restarted (${reason})`,
      { cause },
    );
    for (const waiter of this.#waiters.values()) waiter.reject(error);
    this.#waiters.clear();
    this.#crashesInARow++;
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = null;
      if (this.#closed) return;
      this.#restarts++;
      this.#spawn();
      this.#watch?.onChange();
    }, this.#restartDelayMs(this.#crashesInARow));
    // Not unref'd: the questions asked meanwhile wait for the new worker (close() clears it).
  }

  #settle(worker: Worker, reply: QueryReply): void {
    if (reply.type === 'changed') {
      this.#watch?.onChange();
      return;
    }
    // Every list is decoded, even one nobody waits for: the next refers to it.
    let results: QueryResults | null = null;
    if (reply.type === 'results') {
      try {
        results = { entries: this.#lists.decode(reply.entries), positions: reply.positions };
      } catch (error) {
        // The two ends disagree about the last list: only a new worker puts them in step.
        this.#crashed(worker, (error as Error).message, error as Error);
        return;
      }
    }
    this.#crashesInARow = 0;
    const waiter = this.#waiters.get(reply.id);
    if (!waiter) return;
    this.#waiters.delete(reply.id);
    if (reply.type === 'failed') waiter.reject(new McpError('CACHE_UNAVAILABLE', reply.message));
    else if (reply.type === 'results') waiter.resolve(results);
    else waiter.resolve(reply.type === 'stats' ? reply.stats : reply.count);
  }

  /** Sends to the running worker, or keeps the command for the next one. */
  #post(command: QueryCommand): void {
    if (this.#worker !== null) this.#worker.postMessage(command);
    else if (command.type !== 'watch') this.#outbox.push(command); // the watch is re-sent anyway
  }

  #ask<T>(command: (id: number) => QueryCommand): Promise<T> {
    if (this.#closed) return Promise.reject(new McpError('INTERNAL', 'the query worker is closed'));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#waiters.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#post(command(id));
    });
  }

  run(request: QueryRequest): Promise<QueryResults | null> {
    if (!this.#queryInFlight) return this.#start(request);
    return new Promise((resolve, reject) => {
      this.#pending?.resolve(null);
      this.#pending = { request, resolve, reject };
    });
  }

  async #start(request: QueryRequest): Promise<QueryResults | null> {
    this.#queryInFlight = true;
    try {
      return await this.#ask<QueryResults>((id) => ({ type: 'query', id, request }));
    } finally {
      this.#queryInFlight = false;
      const next = this.#pending;
      this.#pending = null;
      if (next) this.#start(next.request).then(next.resolve, next.reject);
    }
  }

  count(): Promise<number> {
    return this.#ask<number>((id) => ({ type: 'count', id }));
  }

  stats(): Promise<HistoryStats> {
    return this.#ask<HistoryStats>((id) => ({ type: 'stats', id }));
  }

  /** The polling runs in the query worker: the UI thread touches no SQLite for it. */
  watch(pollMs: number, onChange: () => void): () => void {
    const watch = { pollMs, onChange };
    this.#watch = watch;
    this.#post({ type: 'watch', pollMs });
    return () => {
      if (this.#watch !== watch) return;
      this.#watch = null;
      this.#post({ type: 'watch', pollMs: 0 });
    };
  }

  /** For tests: ends the worker thread from outside, as a crash would (it is restarted). */
  async crashForTest(): Promise<void> {
    await this.#worker?.terminate();
  }

  /** Ends the worker; a waiting query resolves null, questions still unanswered are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#restartTimer !== null) clearTimeout(this.#restartTimer);
    this.#pending?.resolve(null);
    this.#pending = null;
    const worker = this.#worker;
    this.#worker = null;
    this.#outbox = [];
    const error = new McpError('INTERNAL', 'the query worker is closed');
    for (const waiter of this.#waiters.values()) waiter.reject(error);
    this.#waiters.clear();
    await worker?.terminate();
  }
}
