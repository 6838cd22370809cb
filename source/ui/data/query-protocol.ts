/**
 * Messages between the UI thread and the query worker.
 */
import type { HistoryStats } from '../../core/types.js';
import type { EntryDelta } from './entry-delta.js';
import type { QueryRequest } from './query-service.js';

export type QueryWorkerInit = { readonly cachePath: string };

export type QueryCommand =
  | { readonly type: 'query'; readonly id: number; readonly request: QueryRequest }
  | { readonly type: 'count'; readonly id: number }
  | { readonly type: 'stats'; readonly id: number }
  /** Poll the cache for commits by others every pollMs (0: stop) and say when it changed. */
  | { readonly type: 'watch'; readonly pollMs: number };

export type QueryReply =
  | {
      readonly type: 'results';
      readonly id: number;
      /** Deltas against the previous results (entry-delta.ts). */
      readonly entries: readonly EntryDelta[];
      readonly positions: ReadonlyMap<string, readonly number[]>;
    }
  | { readonly type: 'count'; readonly id: number; readonly count: number }
  | { readonly type: 'stats'; readonly id: number; readonly stats: HistoryStats }
  | { readonly type: 'failed'; readonly id: number; readonly message: string }
  | { readonly type: 'changed' };
