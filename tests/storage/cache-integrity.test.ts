/**
 * The open-time truncation check, against a state SQLite itself produces in WAL mode and
 * against a file really cut short.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { checkCacheFile } from '../../source/storage/cache-integrity.js';
import { LocalCache } from '../../source/storage/local-cache.js';
import { tempHome } from '../helpers/temp-home.js';

const entries = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => ({ command: `${prefix} ${i} ${'x'.repeat(200)}` }));

/** The size the file's header claims, in bytes. */
function claimed(path: string): number {
  const header = readFileSync(path).subarray(0, 100);
  return header.readUInt32BE(28) * header.readUInt16BE(16);
}

test('a checkpoint held back by a reader leaves the header ahead of the file: not damage', (t) => {
  const path = join(tempHome(t), 'cache.db');
  const writer = LocalCache.open(path);
  writer.recordMany(entries(2000, 'old'));
  writer.db.pragma('wal_checkpoint(TRUNCATE)');
  // The file grows (page 1 says so), a reader's snapshot starts, then the last page changes.
  const grown = writer.recordMany(entries(50, 'grown'));
  const reader = new Database(path, { readonly: true });
  t.after(() => reader.close());
  reader.exec('BEGIN');
  reader.prepare('SELECT COUNT(*) FROM history_cache').get();
  writer.update(grown.at(-1)!.uuid, { status: 'ok' });
  writer.db.pragma('wal_checkpoint(PASSIVE)');
  assert.ok(claimed(path) > statSync(path).size, 'the header is ahead of the file');

  assert.doesNotThrow(() => checkCacheFile(path));
  const other = LocalCache.open(path);
  assert.equal(other.countEntries(), 2050);
  other.close();
  writer.close();
});

test('a file cut short with no WAL beside it is damage', (t) => {
  const path = join(tempHome(t), 'cache.db');
  const cache = LocalCache.open(path);
  cache.recordMany(entries(2000, 'old'));
  cache.close();
  truncateSync(path, Math.floor(statSync(path).size / 2));
  assert.throws(() => checkCacheFile(path), /it is cut short/);
});
