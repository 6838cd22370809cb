/**
 * Short relative times for the list ("now", "5m", "3h", "2d", "2025-01-31"). Older times are
 * the local calendar day, as `search` and the detail view write them.
 */
import { localDay } from '../core/local-time.js';

export function relativeTime(then: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) return 'now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (days < 30) return `${days}d`;
  return localDay(then);
}

/** For sentences: "just now", "5m ago", "on 2025-01-31". */
export function ago(then: number, now: number): string {
  const short = relativeTime(then, now);
  if (short === 'now') return 'just now';
  return short.includes('-') ? `on ${short}` : `${short} ago`;
}
