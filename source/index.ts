/**
 * The library surface for an assistant that embeds mcp-terminal: the seed's components —
 * LocalCache, SyncManager (with its two adapters), ConflictResolver, BackgroundSync — plus
 * search, with their options, results, events and errors. Everything else (the sync job
 * and its lease, the worker protocol, the search engine's parts, the clock's encoding) is
 * internal and may change without notice.
 */
export { LocalCache, type LocalCacheOptions, type ListOptions } from './storage/local-cache.js';
export { loadConfig, resolveHome, type ConfigSources } from './config/load-config.js';
export type { Config, OfflineMode } from './config/schema.js';
export { McpError, EXIT_CODES, ERROR_CODES, type ErrorCode } from './core/errors.js';
export { HybridLogicalClock, type Hlc } from './core/hlc.js';
export { sanitizeLine, sanitizeBlock } from './core/sanitize.js';
export {
  ConflictResolver,
  type LocalRow,
  type PullDecision,
  type PushDecision,
} from './core/conflict-resolver.js';
export type { LocalSyncPort, RemotePort, PushItem, PullPage } from './core/sync-ports.js';
export { SyncManager, type SyncManagerOptions, type SyncReport } from './sync/sync-manager.js';
export { CacheSyncStore } from './storage/cache-sync-store.js';
export { LibsqlRemote, type LibsqlRemoteOptions } from './storage/libsql-remote.js';
export { listConflicts, resolveConflict } from './storage/conflict-store.js';
export { readSyncStatus } from './sync/sync-status.js';
export {
  BackgroundSync,
  type BackgroundSyncOptions,
  type SyncedEvent,
  type ProgressEvent,
  type ErrorEvent,
} from './worker/background-sync.js';
export type {
  HistoryEntry,
  NewEntry,
  EntryPatch,
  SyncState,
  SyncStatus,
  SyncProgress,
  Conflict,
  Scope,
} from './core/types.js';
export { search, type SearchOptions, type SearchResult } from './search/search.js';
