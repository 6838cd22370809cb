/**
 * The UI thread's longest stall while 100,000 entries are pushed and then pulled: with the
 * sync in the worker (BackgroundSync), and, as the baseline, the same sync run on the main
 * thread. A 1 ms interval timer measures the largest gap between its ticks.
 */
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../source/config/load-config.js';
import type { Config } from '../source/config/schema.js';
import { CacheSyncStore } from '../source/storage/cache-sync-store.js';
import { LibsqlRemote } from '../source/storage/libsql-remote.js';
import { LocalCache } from '../source/storage/local-cache.js';
import { SyncManager } from '../source/sync/sync-manager.js';
import { BackgroundSync } from '../source/worker/background-sync.js';
import { startSqld } from '../tests/helpers/sqld.js';
import { DATA_DIR, cacheFixture, copyFixture } from './fixtures.js';

function stallMeter() {
  // Start from a clean heap: garbage left by earlier benchmarks in this process would
  // otherwise be collected during the measurement and show up as a stall.
  (globalThis as { gc?: () => void }).gc?.();
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  return { stop: () => (clearInterval(timer), worst) };
}

function home(name: string, url: string, fixture: string | null) {
  const dir = join(DATA_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ remote: { url }, sync: { interval: 3_600_000, batch_size: 100 } }),
  );
  if (fixture) copyFixture(fixture, join(name, 'cache.db'));
  return loadConfig({ env: { MCP_TERMINAL_HOME: dir } });
}

/** Runs one full sync for `config`; returns what to clean up after the measurement. */
type SyncRunner = (config: Config, url: string) => Promise<() => Promise<void>>;

const inWorker: SyncRunner = async (config) => {
  const background = new BackgroundSync({ config });
  const done = new Promise<void>((resolve) => background.on('synced', () => resolve()));
  background.start();
  await done;
  return () => background.stop();
};

const onMainThread: SyncRunner = async (config, url) => {
  const cache = LocalCache.open(config.cachePath);
  const remote = new LibsqlRemote({ url, authToken: null });
  const local = new CacheSyncStore(cache);
  await new SyncManager({ local, remote, batchSize: 100, retryAttempts: 3 }).sync();
  return async () => {
    remote.close();
    cache.close();
  };
};

/** The push (from a home holding the fixture) and then the pull (into an empty home), measured. */
async function measure(
  url: string,
  fixture: string,
  tag: string,
  run: SyncRunner,
): Promise<string[]> {
  const results: string[] = [];
  for (const [name, source] of [
    [`${tag}-push`, fixture],
    [`${tag}-pull`, null],
  ] as const) {
    const config = home(name, url, source);
    const meter = stallMeter();
    const start = performance.now();
    const cleanup = await run(config, url);
    const seconds = (performance.now() - start) / 1000;
    results.push(`${meter.stop().toFixed(1)} ms (${seconds.toFixed(1)} s)`);
    await cleanup();
  }
  return results;
}

export async function benchStall(count: number): Promise<string[]> {
  const fixture = cacheFixture(count, count / 5);
  const rows: string[] = [];
  for (const [label, run] of [
    ['worker thread (BackgroundSync)', inWorker],
    ['baseline: the same sync on the main thread', onMainThread],
  ] as const) {
    const sqld = await startSqld();
    try {
      const tag = label.startsWith('worker') ? 'stall-worker' : 'stall-main';
      const [push, pull] = await measure(sqld.url, fixture, tag, run);
      rows.push(`| ${label} | ${push} | ${pull} |`);
    } finally {
      await sqld.dispose();
    }
  }
  return rows;
}
