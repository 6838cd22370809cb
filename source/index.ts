/**
 * The library surface for an assistant that embeds mcp-terminal. SyncManager,
 * ConflictResolver and BackgroundSync join LocalCache here as they are built.
 */
export { LocalCache, type LocalCacheOptions, type ListOptions } from './storage/local-cache.js';
export { CACHE_SCHEMA_VERSION } from './storage/migrations.js';
export { loadConfig, resolveHome, type ConfigSources } from './config/load-config.js';
export type { Config, OfflineMode } from './config/schema.js';
export { McpError, EXIT_CODES, ERROR_CODES, type ErrorCode } from './core/errors.js';
export { HybridLogicalClock, encodeHlc, decodeHlc, compareHlc, type Hlc } from './core/hlc.js';
export { sanitizeLine, sanitizeBlock } from './core/sanitize.js';
export type { HistoryEntry, NewEntry, EntryPatch, SyncState } from './core/types.js';
