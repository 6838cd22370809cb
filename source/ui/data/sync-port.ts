/**
 * What the TUI needs from the background sync: BackgroundSync provides it; tests drive the
 * badge with a small event emitter of the same shape.
 */
import type { BackgroundSync } from '../../worker/background-sync.js';

export type SyncPort = Pick<BackgroundSync, 'onState' | 'on' | 'syncNow' | 'notifyWrite'>;
