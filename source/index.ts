/**
 * The library surface for an assistant that embeds mcp-terminal: the seed's components
 * (LocalCache, SyncManager, ConflictResolver; BackgroundSync as it is built) and their types.
 */
export { LocalCache, type LocalCacheOptions, type ListOptions } from './storage/local-cache.js';
export { CACHE_SCHEMA_VERSION } from './storage/migrations.js';
export { loadConfig, resolveHome, type ConfigSources } from './config/load-config.js';
export type { Config, OfflineMode } from './config/schema.js';
export { McpError, EXIT_CODES, ERROR_CODES, type ErrorCode } from './core/errors.js';
export { HybridLogicalClock, encodeHlc, decodeHlc, compareHlc, type Hlc } from './core/hlc.js';
export { sanitizeLine, sanitizeBlock } from './core/sanitize.js';
export {
  ConflictResolver,
  compareVersions,
  type LocalRow,
  type PullDecision,
  type PushDecision,
} from './core/conflict-resolver.js';
export type { LocalSyncPort, RemotePort, PushItem, PullPage } from './core/sync-ports.js';
export {
  SyncManager,
  type SyncManagerOptions,
  type SyncReport,
  type SyncProgress,
} from './sync/sync-manager.js';
export { CacheSyncStore } from './storage/cache-sync-store.js';
export { LibsqlRemote, type LibsqlRemoteOptions } from './storage/libsql-remote.js';
export { listConflicts, resolveConflict, type Conflict } from './storage/conflict-store.js';
export { readSyncStatus, type SyncStatus } from './sync/sync-status.js';
export {
  BackgroundSync,
  defaultWorkerPath,
  type BackgroundSyncOptions,
  type SyncedEvent,
  type ProgressEvent,
  type ErrorEvent,
} from './worker/background-sync.js';
export type { WorkerCommand, WorkerEvent } from './worker/protocol.js';
export { runSyncJob, LEASE_TTL_MS, type SyncJobResult } from './sync/sync-job.js';
export type { HistoryEntry, NewEntry, EntryPatch, SyncState } from './core/types.js';
export { search, scopeOf, type SearchOptions, type SearchResult } from './search/search.js';
export { SearchEngine, type Candidate, type SearchHit } from './core/search/engine.js';
export { parseQuery, type Term, type TermKind } from './core/search/query.js';
export { loadCandidates, type Scope } from './storage/candidates.js';
