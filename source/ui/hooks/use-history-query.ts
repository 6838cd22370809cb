/**
 * Keeps the list in step with the query, the scope and the cache. The first frame is drawn
 * from entries read before rendering; after that every change of query or scope, and every
 * change in the cache (which the source watches for), asks the source again. Answers and
 * failures that arrive after a newer question are dropped. A failure of the latest question
 * is the message until an answer comes (a query worker restarted after a crash reports a
 * cache change, so the question is asked again by itself).
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
  /** The message shows a failed answer: the next answer clears it. */
  const failed = useRef(false);
  const onCacheChange = useRef(options.onCacheChange);
  onCacheChange.current = options.onCacheChange;

  // The entry count is slow on a huge cache: asked after the first frame, off the UI thread
  // when the source is the worker.
  useEffect(() => {
    // A failed count keeps the last total: the next change of the cache asks again.
    source.count().then(
      (total) => dispatch({ type: 'total', total }),
      () => undefined,
    );
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
        if (failed.current) dispatch({ type: 'message', text: null });
        failed.current = false;
      })
      .catch((error: unknown) => {
        if (serial !== asked.current.serial) return; // a newer question is on its way
        failed.current = true;
        dispatch({ type: 'searchFailed', message: `search failed: ${(error as Error).message}` });
      });
  }, [source, where, query, scope, window, changes, dispatch]);
}
