/**
 * Keeps the list in step with the query, the scope and the cache. The first frame is drawn
 * from entries read before rendering; after that every change of query or scope, and every
 * change in the cache (which the source watches for), asks the source again. Answers that arrive after a
 * newer question are dropped.
 */
import { useEffect, useRef, useState, type Dispatch } from 'react';
import type { HistorySource } from '../data/history-source.js';
import type { AppAction } from '../state/app-state.js';
import { toScope, type ScopeKind, type Whereabouts } from '../state/scope.js';

/** Search results shown for a query (the plain list's size is the app state's window). */
export const SEARCH_LIMIT = 200;

export type HistoryQueryOptions = {
  readonly source: HistorySource;
  readonly where: Whereabouts;
  readonly query: string;
  readonly scope: ScopeKind;
  /** Newest entries to hold when the query is empty. */
  readonly window: number;
  /** How often the cache is checked for changes by other connections. */
  readonly pollMs: number;
  /** Called after the cache changed (the badge and conflict list re-read then). */
  readonly onCacheChange: () => void;
  readonly dispatch: Dispatch<AppAction>;
};

export function useHistoryQuery(options: HistoryQueryOptions): void {
  const { source, where, query, scope, window, dispatch } = options;
  const [changes, setChanges] = useState(0);
  const asked = useRef({ key: JSON.stringify(['', 'all']), serial: 0 });
  const mounted = useRef(false);
  const onCacheChange = useRef(options.onCacheChange);
  onCacheChange.current = options.onCacheChange;

  // The entry count is slow on a huge cache: asked after the first frame, off the UI thread
  // when the source is the worker.
  useEffect(() => {
    void source.count().then((total) => dispatch({ type: 'total', total }));
  }, [source, changes, dispatch]);

  useEffect(
    () =>
      source.watch(options.pollMs, () => {
        setChanges((n) => n + 1);
        onCacheChange.current();
      }),
    [source, options.pollMs],
  );

  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true; // the first frame's entries are the first answer
      return;
    }
    const key = JSON.stringify([query, scope]);
    const refresh = key === asked.current.key;
    asked.current = { key, serial: asked.current.serial + 1 };
    const serial = asked.current.serial;
    const empty = query.trim().length === 0;
    void source
      .run({ query, scope: toScope(scope, where), limit: empty ? window : SEARCH_LIMIT })
      .then((results) => {
        if (results === null || serial !== asked.current.serial) return;
        dispatch({
          type: 'results',
          ...results,
          answers: { query, scope },
          keepSelection: refresh,
        });
      })
      .catch((error: unknown) =>
        dispatch({ type: 'searchFailed', message: `search failed: ${(error as Error).message}` }),
      );
  }, [source, where, query, scope, window, changes, dispatch]);
}
