/**
 * The App on a real cache file for component tests (ink-testing-library, sized by
 * ink-render.ts): the same QueryService the query worker runs, on the test's thread, and a
 * hand-driven sync port for the badge.
 */
import { EventEmitter } from 'node:events';
import type { TestContext } from 'node:test';
import { loadConfig } from '../../source/config/load-config.js';
import { encodeHlc } from '../../source/core/hlc.js';
import type { HistoryEntry } from '../../source/core/types.js';
import { CacheSyncStore } from '../../source/storage/cache-sync-store.js';
import { LocalCache } from '../../source/storage/local-cache.js';
import type { SyncStatus } from '../../source/sync/sync-status.js';
import { App, type AppProps } from '../../source/ui/app.js';
import type { CopyResult } from '../../source/ui/clipboard.js';
import { InThreadSource } from '../../source/ui/data/history-source.js';
import type { SyncPort } from '../../source/ui/data/sync-port.js';
import { cacheStore } from '../../source/ui/data/tui-store.js';
import type { SyncedEvent } from '../../source/worker/background-sync.js';
import type { WorkerEvent } from '../../source/worker/protocol.js';
import { renderSized, type TerminalSize } from './ink-render.js';
import { tempHome } from './temp-home.js';

export const NOW = 1_700_000_000_000;

/** Events as the worker would send them, sent by the test. */
export class ScriptedSync implements SyncPort {
  readonly events = new EventEmitter();
  syncRequests = 0;
  writes = 0;
  #finish: ((report: SyncedEvent | null) => void) | null = null;

  onState(listener: (status: SyncStatus) => void): () => void {
    return this.on('state', (event) => listener(event.status));
  }

  on<K extends WorkerEvent['type']>(
    type: K,
    listener: (event: Extract<WorkerEvent, { type: K }>) => void,
  ): () => void {
    this.events.on(type, listener);
    return () => this.events.off(type, listener);
  }

  emit(type: string, event: object = {}): void {
    this.events.emit(type, { type, ...event });
  }

  syncNow(): Promise<SyncedEvent | null> {
    this.syncRequests++;
    return new Promise((resolve) => {
      this.#finish = resolve;
    });
  }

  /** Ends the sync the key asked for, as the worker would. */
  finish(report: Omit<SyncedEvent, 'type'>): void {
    this.emit('synced', report);
    this.#finish?.({ type: 'synced', ...report });
  }

  notifyWrite(): void {
    this.writes++;
  }
}

export type TuiFixture = {
  readonly cache: LocalCache;
  readonly accepted: string[];
  readonly copied: string[];
  props(overrides?: Partial<AppProps>): AppProps;
  /** Renders the App in a terminal of `size` (ink-testing-library's 100 columns and 24 rows by default). */
  mount(overrides?: Partial<AppProps>, size?: TerminalSize): ReturnType<typeof renderSized>;
};

export function tuiFixture(t: TestContext, copyResult?: CopyResult): TuiFixture {
  const home = tempHome(t);
  const config = loadConfig({ env: { MCP_TERMINAL_HOME: home } });
  const cache = LocalCache.open(config.cachePath, { now: () => NOW });
  t.after(() => cache.close());
  const accepted: string[] = [];
  const copied: string[] = [];
  const props = (overrides: Partial<AppProps> = {}): AppProps => ({
    initialEntries: cache.list({ limit: 1000 }),
    source: new InThreadSource(cache, () => NOW),
    store: cacheStore(cache, config, () => NOW),
    where: { machineId: cache.machineId, sessionId: 'term-1', cwd: '/repo' },
    sync: null,
    copy: (text) => {
      copied.push(text);
      return Promise.resolve(copyResult ?? { ok: true, via: 'test-clipboard' });
    },
    onAccept: (command) => accepted.push(command),
    now: () => NOW,
    pollMs: 20,
    ...overrides,
  });
  return {
    cache,
    accepted,
    copied,
    props,
    mount: (overrides, size = { columns: 100, rows: 24 }) => {
      const view = renderSized(<App {...props(overrides)} />, size);
      t.after(() => view.unmount());
      return view;
    },
  };
}

/** An entry written as another machine's change arriving by sync. */
export function arriveFrom(
  cache: LocalCache,
  machine: string,
  entry: Partial<HistoryEntry> & { command: string },
  at = NOW,
): HistoryEntry {
  const full: HistoryEntry = {
    uuid: entry.uuid ?? `${machine}-${entry.command}`.replace(/\W/g, '-'),
    response: null,
    timestamp: at,
    userId: null,
    machineId: machine,
    sessionId: null,
    status: null,
    tokensUsed: null,
    cwd: null,
    deleted: false,
    ...entry,
    version: encodeHlc({ wall: at, counter: 0, node: machine }),
  };
  new CacheSyncStore(cache, () => NOW).applyPull({
    rows: [full],
    quarantined: [],
    lastSeq: 1,
    maxSeq: 1,
    more: false,
  });
  return full;
}
