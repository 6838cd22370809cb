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

export function stallMeter() {
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

export function syncHome(name: string, url: string, fixture: string | null) {
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

/**
 * Sets up one full sync for `config` (not measured: opening files, starting threads, the
 * first frame); `sync` then runs it under the meter.
 */
export type SyncRunner = (
  config: Config,
  url: string,
) => Promise<{ sync(): Promise<void>; cleanup(): Promise<void> }>;

/** Resolves at the end of the next sync the background loop reports. */
export function nextSync(background: BackgroundSync): Promise<void> {
  return new Promise<void>((resolve) => background.on('synced', () => resolve()));
}

export const inWorker: SyncRunner = async (config) => {
  const background = new BackgroundSync({ config });
  return {
    sync: async () => {
      const done = nextSync(background);
      background.start();
      await done;
    },
    cleanup: () => background.stop(),
  };
};

const onMainThread: SyncRunner = async (config, url) => {
  const cache = LocalCache.open(config.cachePath);
  const remote = new LibsqlRemote({ url, authToken: null });
  const local = new CacheSyncStore(cache);
  return {
    sync: async () => {
      await new SyncManager({ local, remote, batchSize: 100, retryAttempts: 3 }).sync();
    },
    cleanup: async () => {
      remote.close();
      cache.close();
    },
  };
};

/** The push (from a home holding the fixture) and then the pull (into an empty home), measured. */
export async function measure(
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
    const runner = await run(syncHome(name, url, source), url);
    const meter = stallMeter();
    const start = performance.now();
    await runner.sync();
    const seconds = (performance.now() - start) / 1000;
    results.push(`${meter.stop().toFixed(1)} ms (${seconds.toFixed(1)} s)`);
    await runner.cleanup();
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
