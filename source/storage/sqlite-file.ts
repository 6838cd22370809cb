/**
 * Opening SQLite files with the one better-sqlite3 addon: the cache (WAL, its pragmas, a
 * clear error when it cannot be opened) and other files read-only.
 */
import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import { McpError } from '../core/errors.js';
import { prepareCacheFile } from './file-modes.js';

// Loaded with require(): better-sqlite3 is CommonJS, and going through the ESM loader's
// CommonJS translation costs several ms of every command's start.
const require = createRequire(import.meta.url);
const BetterSqlite3 = require('better-sqlite3') as typeof Database;
/** The addon's path, resolved once: without it, better-sqlite3 asks the `bindings` package,
 * which probes a dozen directories on every start. */
const NATIVE_BINDING = (() => {
  try {
    return require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return undefined;
  }
})();

/**
 * Another SQLite file, or a cache, opened read-only with the same addon and binding path as
 * the cache (an Atuin database to import, a damaged cache to check or salvage).
 */
export function openReadOnly(path: string): Database.Database {
  return new BetterSqlite3(path, {
    readonly: true,
    fileMustExist: true,
    ...(NATIVE_BINDING ? { nativeBinding: NATIVE_BINDING } : {}),
  });
}

/** The cache file, created 0600 when new, in WAL mode with the pragmas every process uses. */
export function openDatabase(path: string, busyTimeoutMs: number): Database.Database {
  try {
    // 0600 before SQLite opens it: SQLite gives the -wal and -shm files the same mode.
    prepareCacheFile(path);
    const db = new BetterSqlite3(path, {
      timeout: busyTimeoutMs,
      ...(NATIVE_BINDING ? { nativeBinding: NATIVE_BINDING } : {}),
    });
    // WAL is a property of the file: set once when the cache is new, not on every start.
    if (db.pragma('user_version', { simple: true }) === 0) db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a process crash (kill -9); only power loss can drop the
    // last commits. That is the trade every shell history makes for sub-ms writes.
    db.pragma('synchronous = NORMAL');
    // SQLite's automatic checkpoint runs inside whichever commit crosses the threshold: a
    // 15 ms stall on a random `record`. Checkpoints run in maintain() instead, off the write.
    db.pragma('wal_autocheckpoint = 0');
    return db;
  } catch (error) {
    throw new McpError(
      'CACHE_UNAVAILABLE',
      `cannot open the cache ${path}: ${(error as Error).message}${whyNotWritable(path)}`,
      { cause: error },
    );
  }
}

/** The usual reason a cache cannot be opened, said plainly (empty when it is not that). */
function whyNotWritable(path: string): string {
  for (const target of [dirname(path), path]) {
    try {
      accessSync(target, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue;
      return ` (${target} is not writable: ${code}); the cache keeps its journal next to it, so its folder must be writable; fix the permissions or set MCP_TERMINAL_HOME to another folder`;
    }
  }
  return '';
}
