/**
 * Builds a SyncManager for a config and an open cache: the one place that decides whether
 * the network may be used (no remote, offline_mode "always") and with which settings.
 */
import type { Config } from '../config/schema.js';
import { McpError } from '../core/errors.js';
import { CacheSyncStore } from '../storage/cache-sync-store.js';
import { LibsqlRemote } from '../storage/libsql-remote.js';
import type { LocalCache } from '../storage/local-cache.js';
import { SyncManager, type SyncManagerOptions } from './sync-manager.js';

export type SyncSession = {
  readonly manager: SyncManager;
  readonly remote: LibsqlRemote;
  close(): void;
};

/** Throws USAGE when there is no remote, REMOTE_UNREACHABLE when offline_mode is "always". */
export function openSync(
  config: Config,
  cache: LocalCache,
  extra: Pick<SyncManagerOptions, 'onProgress' | 'shouldStop' | 'sleep' | 'random' | 'now'> = {},
): SyncSession {
  if (config.remote.url === null) {
    throw new McpError(
      'USAGE',
      'no remote configured: set TURSO_DATABASE_URL (and TURSO_AUTH_TOKEN), or remote.url in config.json; try: mcp-terminal server',
    );
  }
  if (config.sync.offline_mode === 'always') {
    throw new McpError(
      'REMOTE_UNREACHABLE',
      'offline_mode is "always": sync never touches the network (change it in config.json)',
    );
  }
  const remote = new LibsqlRemote({ url: config.remote.url, authToken: config.remote.auth_token });
  const manager = new SyncManager({
    local: new CacheSyncStore(cache, extra.now),
    remote,
    batchSize: config.sync.batch_size,
    retryAttempts: config.sync.retry_attempts,
    ...extra,
  });
  return { manager, remote, close: () => remote.close() };
}
