/**
 * Feeds the badge from the sync worker's events: state reports, progress while a sync runs,
 * and the end of every sync (ours or the loop's own). Progress comes once a batch (hundreds
 * a second on a fast link); the badge takes the latest of them at most every PROGRESS_MS,
 * so a big sync does not re-render the screen for every batch.
 */
import { useEffect, type Dispatch } from 'react';
import type { SyncPort } from '../data/sync-port.js';
import type { AppAction, SyncProgress } from '../state/app-state.js';

export const PROGRESS_MS = 100;

export function useSyncEvents(sync: SyncPort | null, dispatch: Dispatch<AppAction>): void {
  useEffect(() => {
    if (sync === null) return;
    let latest: SyncProgress | null = null;
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      if (latest !== null) dispatch({ type: 'syncProgress', progress: latest });
      latest = null;
    };
    const ended = () => {
      clearTimeout(timer);
      timer = undefined;
      latest = null;
      dispatch({ type: 'syncEnded', message: null });
    };
    const offs = [
      sync.onState((status) => dispatch({ type: 'syncState', status })),
      sync.on('progress', (event) => {
        latest = { phase: event.phase, done: event.done, total: event.total };
        if (timer === undefined) timer = setTimeout(flush, PROGRESS_MS);
      }),
      sync.on('synced', ended),
      sync.on('busy', ended),
      sync.on('error', ended),
    ];
    return () => {
      clearTimeout(timer);
      for (const off of offs) off();
    };
  }, [sync, dispatch]);
}
