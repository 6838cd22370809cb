/**
 * Builds HistoryEntry values for tests that do not need a cache.
 */
import type { HistoryEntry } from '../../source/core/types.js';

export function makeEntry(index: number, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    uuid: `uuid-${index}`,
    command: `command ${index}`,
    response: null,
    timestamp: 1_700_000_000_000 - index * 60_000,
    userId: null,
    machineId: 'laptop-1234',
    sessionId: null,
    status: null,
    tokensUsed: null,
    cwd: null,
    version: `${String(1_700_000_000_000 - index).padStart(15, '0')}-00000-laptop-1234`,
    deleted: false,
    ...overrides,
  };
}

export function makeEntries(count: number): HistoryEntry[] {
  return Array.from({ length: count }, (_, i) => makeEntry(i));
}
