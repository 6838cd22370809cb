/**
 * Benchmark fixtures, built once and kept in .bench-data/ (git-ignored) between runs.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LocalCache } from '../source/storage/local-cache.js';
import { CACHE_SCHEMA_VERSION } from '../source/storage/migrations.js';
import { generateHistory } from './generate.js';

export const DATA_DIR = '.bench-data';

/** A cache with `count` entries over `distinct` commands; built once, copied per use. */
export function cacheFixture(count: number, distinct: number): string {
  mkdirSync(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, `cache-v${CACHE_SCHEMA_VERSION}-${count}-${distinct}.db`);
  if (existsSync(path)) return path;
  const building = `${path}.building`;
  rmSync(building, { force: true });
  const cache = LocalCache.open(building, { hostname: 'bench' });
  const started = performance.now();
  let chunk = [];
  for (const entry of generateHistory(count, distinct)) {
    chunk.push({
      command: entry.command,
      response: entry.response,
      sessionId: entry.session,
      cwd: entry.cwd,
      timestamp: entry.timestamp,
      tokensUsed: entry.tokens,
    });
    if (chunk.length === 10_000) {
      cache.recordMany(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) cache.recordMany(chunk);
  // A machine that has searched before has its stats caught up; the first catch-up after a
  // bulk import is a one-off cost, reported here.
  const catchUpStart = performance.now();
  cache.catchUpStats();
  process.stderr.write(
    `search stats caught up over ${count} rows in ${(performance.now() - catchUpStart).toFixed(0)} ms\n`,
  );
  cache.db.pragma('wal_checkpoint(TRUNCATE)');
  cache.close();
  renameSync(building, path);
  process.stderr.write(`built ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return path;
}

/** A private copy of a fixture, so a benchmark may write to it. */
export function copyFixture(path: string, name: string): string {
  const target = join(DATA_DIR, name);
  for (const suffix of ['', '-wal', '-shm']) rmSync(target + suffix, { force: true });
  copyFileSync(path, target);
  return target;
}
