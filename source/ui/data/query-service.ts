/**
 * What the TUI asks of the history: the newest entries of a scope, or the best matches of a
 * query in it. One implementation, run either on the UI thread (tests, small caches) or in
 * the query worker, so both paths give the same answers.
 */
import { SearchEngine } from '../../core/search/engine.js';
import type { HistoryEntry } from '../../core/types.js';
import { hitsToResults } from '../../search/search.js';
import { loadCandidates, type Scope } from '../../storage/candidates.js';
import type { LocalCache } from '../../storage/local-cache.js';

export type QueryRequest = {
  readonly query: string;
  readonly scope: Scope;
  readonly limit: number;
};

export type QueryResults = {
  readonly entries: readonly HistoryEntry[];
  /** Matched character positions by uuid (empty for a plain list). */
  readonly positions: ReadonlyMap<string, readonly number[]>;
};

/** An index older than this is rebuilt on the next query once the history changed. */
const REBUILD_AFTER_MS = 3_000;

function scopeKey(scope: Scope): string {
  return JSON.stringify(scope);
}

export class QueryService {
  readonly #cache: LocalCache;
  readonly #now: () => number;
  readonly #engines = new Map<string, { engine: SearchEngine; builtAt: number }>();
  #changedSince = 0;

  constructor(cache: LocalCache, now: () => number = Date.now) {
    this.#cache = cache;
    this.#now = now;
  }

  /** The history changed: indexes built before now are rebuilt when next needed. */
  invalidate(): void {
    this.#changedSince = this.#now();
  }

  run(request: QueryRequest): QueryResults {
    if (request.query.trim().length === 0) {
      const { scope } = request;
      return {
        entries: this.#cache.list({
          limit: request.limit,
          machineId: scope.kind === 'machine' ? scope.machineId : undefined,
          sessionId: scope.kind === 'session' ? scope.sessionId : undefined,
          cwd: scope.kind === 'cwd' ? scope.cwd : undefined,
        }),
        positions: new Map(),
      };
    }
    const results = hitsToResults(
      this.#cache,
      this.#engine(request.scope).search(request.query, request.limit),
      {},
    );
    return {
      entries: results.map((r) => r.entry),
      positions: new Map(results.map((r) => [r.entry.uuid, r.positions])),
    };
  }

  count(): number {
    return this.#cache.countEntries();
  }

  /**
   * The scope's index. A changed history rebuilds it, but not more often than every few
   * seconds: while a big sync lands, typing keeps answering from the slightly older index.
   */
  #engine(scope: Scope): SearchEngine {
    const key = scopeKey(scope);
    const cached = this.#engines.get(key);
    const now = this.#now();
    if (
      cached &&
      (cached.builtAt >= this.#changedSince || now - cached.builtAt < REBUILD_AFTER_MS)
    ) {
      return cached.engine;
    }
    const engine = new SearchEngine(loadCandidates(this.#cache, scope));
    this.#engines.set(key, { engine, builtAt: now });
    return engine;
  }
}
