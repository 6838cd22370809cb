/**
 * The UI thread's longest stall while 100,000 entries are pushed and then pulled: with the
 * sync in the worker (BackgroundSync), and, as the baseline, the same sync run on the main
 * thread. A 1 ms interval timer measures the largest gap between its ticks.
 */
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../source/config/load-config.js';
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

async function inWorker(url: string, fixture: string, tag: string) {
  const results: string[] = [];
  for (const [name, source] of [
    [`${tag}-push`, fixture],
    [`${tag}-pull`, null],
  ] as const) {
    const config = home(name, url, source);
    const background = new BackgroundSync({ config });
    const meter = stallMeter();
    const start = performance.now();
    const done = new Promise<void>((resolve) => background.on('synced', () => resolve()));
    background.start();
    await done;
    const seconds = (performance.now() - start) / 1000;
    results.push(`${meter.stop().toFixed(1)} ms (${seconds.toFixed(1)} s)`);
    await background.stop();
  }
  return results;
}

async function onMainThread(url: string, fixture: string, tag: string) {
  const results: string[] = [];
  for (const [name, source] of [
    [`${tag}-push`, fixture],
    [`${tag}-pull`, null],
  ] as const) {
    const config = home(name, url, source);
    const cache = LocalCache.open(config.cachePath);
    const remote = new LibsqlRemote({ url, authToken: null });
    const manager = new SyncManager({
      local: new CacheSyncStore(cache),
      remote,
      batchSize: 100,
      retryAttempts: 3,
    });
    const meter = stallMeter();
    const start = performance.now();
    await manager.sync();
    const seconds = (performance.now() - start) / 1000;
    results.push(`${meter.stop().toFixed(1)} ms (${seconds.toFixed(1)} s)`);
    remote.close();
    cache.close();
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
      const [push, pull] = await run(
        sqld.url,
        fixture,
        label.startsWith('worker') ? 'stall-worker' : 'stall-main',
      );
      rows.push(`| ${label} | ${push} | ${pull} |`);
    } finally {
      await sqld.dispose();
    }
  }
  return rows;
}
