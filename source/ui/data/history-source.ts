/**
 * Where the TUI's lists come from. The app sees only this interface; run-tui gives it the
 * query worker (searches and index builds off the UI thread), tests give it the same
 * QueryService on the UI thread.
 */
import type { HistoryStats } from '../../core/types.js';
import { historyStats } from '../../storage/history-stats.js';
import type { LocalCache } from '../../storage/local-cache.js';
import { QueryService, type QueryRequest, type QueryResults } from './query-service.js';
import { watchCache } from './watch-cache.js';

export type HistorySource = {
  /**
   * Runs a query. Resolves with null when a newer request superseded this one before it
   * ran: only the latest answer matters to a person typing.
   */
  run(request: QueryRequest): Promise<QueryResults | null>;
  /** The number of live entries (slow on a big cache, so never before the first frame). */
  count(): Promise<number>;
  /** Totals, machines, top commands, busiest days (a full pass: off the UI thread). */
  stats(): Promise<HistoryStats>;
  /**
   * Calls onChange after other connections changed the history (a sync landed, another
   * terminal recorded), checking every pollMs; the source's own indexes are already marked
   * stale by then. Returns a function that stops watching.
   */
  watch(pollMs: number, onChange: () => void): () => void;
  close(): Promise<void>;
};

/** The QueryService on the calling thread. */
export class InThreadSource implements HistorySource {
  readonly #service: QueryService;
  readonly #cache: LocalCache;

  constructor(cache: LocalCache, now?: () => number) {
    this.#cache = cache;
    this.#service = new QueryService(cache, now);
  }

  run(request: QueryRequest): Promise<QueryResults | null> {
    return Promise.resolve(this.#service.run(request));
  }

  count(): Promise<number> {
    return Promise.resolve(this.#service.count());
  }

  stats(): Promise<HistoryStats> {
    return Promise.resolve(historyStats(this.#cache));
  }

  watch(pollMs: number, onChange: () => void): () => void {
    return watchCache(this.#cache, pollMs, () => {
      this.#service.invalidate();
      onChange();
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
