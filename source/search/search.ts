/**
 * The `search` library entry and the one engine the CLI, the TUI and embedders share:
 * fuzzy ranking over distinct commands, filtered by scope, returning entries with the
 * positions to highlight.
 */
import { SearchEngine, type SearchHit } from '../core/search/engine.js';
import type { HistoryEntry } from '../core/types.js';
import { loadCandidates, type Scope } from '../storage/candidates.js';
import type { LocalCache } from '../storage/local-cache.js';

export type SearchOptions = {
  /** At most this many results. @default 50 */
  readonly limit?: number;
  readonly machineId?: string | undefined;
  readonly sessionId?: string | undefined;
  readonly cwd?: string | undefined;
};

export type SearchResult = {
  /** The newest entry with this command (in the scope). */
  readonly entry: HistoryEntry;
  readonly score: number;
  /** How many entries in the scope have this command. */
  readonly uses: number;
  readonly positions: number[];
};

/** The narrowest scope the options ask for (a session or directory beats a machine). */
export function scopeOf(options: SearchOptions): Scope {
  if (options.sessionId !== undefined) return { kind: 'session', sessionId: options.sessionId };
  if (options.cwd !== undefined) return { kind: 'cwd', cwd: options.cwd };
  if (options.machineId !== undefined) return { kind: 'machine', machineId: options.machineId };
  return { kind: 'all' };
}

/** Turns engine hits into entries, dropping any whose entry is gone or outside the other filters. */
export function hitsToResults(
  cache: LocalCache,
  hits: readonly SearchHit[],
  options: SearchOptions,
): SearchResult[] {
  const results: SearchResult[] = [];
  for (const hit of hits) {
    const entry = cache.get(hit.candidate.uuid);
    if (entry === null || entry.deleted) continue;
    if (options.machineId !== undefined && entry.machineId !== options.machineId) continue;
    if (options.cwd !== undefined && entry.cwd !== options.cwd) continue;
    results.push({ entry, score: hit.score, uses: hit.candidate.uses, positions: hit.positions });
  }
  return results;
}

/**
 * Fuzzy search over the cache, best first (`query` empty: newest first). Builds the engine
 * for one query; a UI that searches on every keystroke keeps a SearchEngine instead.
 */
export function search(
  cache: LocalCache,
  query: string,
  options: SearchOptions = {},
): SearchResult[] {
  const limit = options.limit ?? 50;
  const engine = new SearchEngine(loadCandidates(cache, scopeOf(options)));
  // Ask for a few more than needed: combined filters (session + machine) drop some.
  return hitsToResults(cache, engine.search(query, limit * 2), options).slice(0, limit);
}
