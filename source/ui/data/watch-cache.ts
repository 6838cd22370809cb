/**
 * Notices commits by other connections (the sync worker landing a batch, another terminal
 * recording) with SQLite's data_version, a counter read from shared memory. The TUI runs
 * it in the query worker, so the UI thread makes no SQLite call at all while a sync runs:
 * a read there could wait on the writer's locks.
 */
import type { LocalCache } from '../../storage/local-cache.js';

export function watchCache(cache: LocalCache, pollMs: number, onChange: () => void): () => void {
  const version = () => cache.db.pragma('data_version', { simple: true }) as number;
  let last = version();
  const timer = setInterval(() => {
    const now = version();
    if (now === last) return;
    last = now;
    onChange();
  }, pollMs);
  return () => clearInterval(timer);
}
