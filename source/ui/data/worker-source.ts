/**
 * The HistorySource backed by the query worker. At most one query is in flight; a newer
 * request replaces one still waiting, so fast typing never builds a backlog.
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

type Waiter = { resolve(value: unknown): void; reject(error: Error): void };

export class WorkerSource implements HistorySource {
  readonly #worker: Worker;
  readonly #waiters = new Map<number, Waiter>();
  readonly #lists = new DeltaDecoder();
  #onChange: (() => void) | null = null;
  #nextId = 1;
  #queryInFlight = false;
  #pending: { request: QueryRequest; resolve(value: QueryResults | null): void } | null = null;

  constructor(cachePath: string, workerPath: string = defaultQueryWorkerPath()) {
    const init: QueryWorkerInit = { cachePath };
    this.#worker = new Worker(workerPath, { workerData: init });
    this.#worker.unref();
    this.#worker.on('message', (reply: QueryReply) => this.#settle(reply));
    this.#worker.on('error', (error) => this.#failAll(error));
  }

  #settle(reply: QueryReply): void {
    if (reply.type === 'changed') {
      this.#onChange?.();
      return;
    }
    // Every list is decoded, even one nobody waits for: the next refers to it.
    const results: QueryResults | null =
      reply.type === 'results'
        ? { entries: this.#lists.decode(reply.entries), positions: reply.positions }
        : null;
    const waiter = this.#waiters.get(reply.id);
    if (!waiter) return;
    this.#waiters.delete(reply.id);
    if (reply.type === 'failed') waiter.reject(new McpError('CACHE_UNAVAILABLE', reply.message));
    else if (reply.type === 'results') waiter.resolve(results);
    else waiter.resolve(reply.type === 'stats' ? reply.stats : reply.count);
  }

  #failAll(error: Error): void {
    for (const waiter of this.#waiters.values()) waiter.reject(error);
    this.#waiters.clear();
  }

  #ask<T>(command: (id: number) => QueryCommand): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#waiters.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage(command(id));
    });
  }

  run(request: QueryRequest): Promise<QueryResults | null> {
    if (!this.#queryInFlight) return this.#start(request);
    return new Promise((resolve) => {
      this.#pending?.resolve(null);
      this.#pending = { request, resolve };
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
      if (next) this.#start(next.request).then(next.resolve, () => next.resolve(null));
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
    this.#onChange = onChange;
    this.#worker.postMessage({ type: 'watch', pollMs } satisfies QueryCommand);
    return () => {
      if (this.#onChange !== onChange) return;
      this.#onChange = null;
      this.#worker.postMessage({ type: 'watch', pollMs: 0 } satisfies QueryCommand);
    };
  }

  async close(): Promise<void> {
    this.#pending?.resolve(null);
    this.#pending = null;
    await this.#worker.terminate();
  }
}
