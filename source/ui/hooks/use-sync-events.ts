/**
 * Feeds the badge from the sync worker's events: state reports, progress while a sync runs,
 * and the end of every sync (ours or the loop's own).
 */
import { useEffect, type Dispatch } from 'react';
import type { SyncPort } from '../data/sync-port.js';
import type { AppAction } from '../state/app-state.js';

export function useSyncEvents(sync: SyncPort | null, dispatch: Dispatch<AppAction>): void {
  useEffect(() => {
    if (sync === null) return;
    const offs = [
      sync.onState((status) => dispatch({ type: 'syncState', status })),
      sync.on('progress', (event) =>
        dispatch({
          type: 'syncProgress',
          progress: { phase: event.phase, done: event.done, total: event.total },
        }),
      ),
      sync.on('synced', () => dispatch({ type: 'syncEnded', message: null })),
      sync.on('busy', () => dispatch({ type: 'syncEnded', message: null })),
      sync.on('error', () => dispatch({ type: 'syncEnded', message: null })),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, [sync, dispatch]);
}
