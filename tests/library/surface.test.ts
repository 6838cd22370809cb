/**
 * The library's runtime surface is the documented one (docs/LIBRARY.md): the seed's
 * components, search, the config loader, errors, sanitizers. An internal that leaks into
 * source/index.ts becomes an API people depend on.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as library from '../../source/index.js';

test('source/index.ts exports the documented names and nothing else', () => {
  assert.deepEqual(Object.keys(library).sort(), [
    'BackgroundSync',
    'CacheSyncStore',
    'ConflictResolver',
    'ERROR_CODES',
    'EXIT_CODES',
    'HybridLogicalClock',
    'LibsqlRemote',
    'LocalCache',
    'McpError',
    'SyncManager',
    'listConflicts',
    'loadConfig',
    'readSyncStatus',
    'resolveConflict',
    'resolveHome',
    'sanitizeBlock',
    'sanitizeLine',
    'search',
  ]);
});
