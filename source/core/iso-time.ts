/**
 * ISO 8601 text for a time in ms, or '?' when Date cannot hold it: a cache written before
 * the timestamp gate may hold one, and one bad row must not stop a listing or the TUI.
 */
export function isoTime(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? '?' : date.toISOString();
}
