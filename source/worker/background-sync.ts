/**
 * BackgroundSync: the main-thread side of the sync worker. Starts the worker, turns its
 * messages into subscriptions and promises, and restarts it with backoff if it crashes.
 * Nothing is lost in a crash: queued work lives in the cache, not in the worker.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config/schema.js';
import { McpError } from '../core/errors.js';
import { leaseOwner } from '../storage/sync-lease.js';
import type { SyncStatus } from '../core/types.js';
import type { WorkerCommand, WorkerEvent, WorkerInit } from './protocol.js';

type EventOf<T extends WorkerEvent['type']> = Extract<WorkerEvent, { type: T }>;
export type SyncedEvent = EventOf<'synced'>;
export type ProgressEvent = EventOf<'progress'>;
export type ErrorEvent = EventOf<'error'>;

export type BackgroundSyncOptions = {
  readonly config: Config;
  /** The built worker file. @default dist/worker.js, found next to this module */
  readonly workerPath?: string;
  /** Allows the `crash` command (tests). @default false */
  readonly testHooks?: boolean;
  /** Wait before restart number `n` after a crash. @default 200 ms doubling to 10 s */
  readonly restartDelayMs?: (attempt: number) => number;
};

/** The worker bundle, wherever this module runs from (dist/, dist/chunks/, or source/ in tests). */
export function defaultWorkerPath(): string {
  for (const candidate of ['./worker.js', '../worker.js', '../../dist/worker.js']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new McpError(
    'INTERNAL',
    'the sync worker bundle (dist/worker.js) is missing; run: npm run build',
  );
}

type Listeners = { [K in WorkerEvent['type']]: Set<(event: EventOf<K>) => void> };

export class BackgroundSync {
  readonly #options: BackgroundSyncOptions;
  readonly #owner = leaseOwner('worker');
  readonly #listeners: Listeners = {
    ready: new Set(),
    state: new Set(),
    progress: new Set(),
    error: new Set(),
    synced: new Set(),
    busy: new Set(),
    stopped: new Set(),
  };
  #worker: Worker | null = null;
  #stopping = false;
  #restartTimer: NodeJS.Timeout | null = null;
  #state: SyncStatus | null = null;
  /** Crashes since start; drives the restart backoff. */
  #crashes = 0;

  constructor(options: BackgroundSyncOptions) {
    this.#options = options;
  }

  /** The last state the worker reported (null before its first report). */
  get state(): SyncStatus | null {
    return this.#state;
  }

  /** How many times the worker was restarted after a crash. */
  get restarts(): number {
    return this.#crashes;
  }

  start(): void {
    if (this.#worker !== null) return;
    this.#stopping = false;
    const init: WorkerInit = {
      config: this.#options.config,
      owner: this.#owner,
      testHooks: this.#options.testHooks ?? false,
    };
    const worker = new Worker(this.#options.workerPath ?? defaultWorkerPath(), {
      workerData: init,
    });
    this.#worker = worker;
    worker.on('message', (event: WorkerEvent) => this.#dispatch(event));
    worker.on('error', (error) => {
      this.#dispatch({
        type: 'error',
        code: 'INTERNAL',
        message: `sync worker crashed: ${error.message}`,
      });
    });
    worker.on('exit', () => {
      if (this.#worker === worker) this.#worker = null;
      if (!this.#stopping) this.#scheduleRestart();
    });
    // The UI must be able to exit while the worker idles.
    worker.unref();
  }

  #scheduleRestart(): void {
    this.#crashes++;
    const delay =
      this.#options.restartDelayMs?.(this.#crashes) ??
      Math.min(10_000, 200 * 2 ** (this.#crashes - 1));
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = null;
      if (!this.#stopping) this.start();
    }, delay);
    this.#restartTimer.unref();
  }

  #dispatch(event: WorkerEvent): void {
    if (event.type === 'state') this.#state = event.status;
    for (const listener of this.#listeners[event.type] as Set<(event: WorkerEvent) => void>)
      listener(event);
  }

  #send(command: WorkerCommand): void {
    this.#worker?.postMessage(command);
  }

  on<K extends WorkerEvent['type']>(type: K, listener: (event: EventOf<K>) => void): () => void {
    const set = this.#listeners[type] as Set<(event: EventOf<K>) => void>;
    set.add(listener);
    return () => set.delete(listener);
  }

  onState(listener: (status: SyncStatus) => void): () => void {
    return this.on('state', (event) => listener(event.status));
  }

  /**
   * Asks for a sync now (coalesced with one already waiting). Resolves with the report, or
   * null when another process of this machine was syncing; rejects with the sync's error.
   */
  syncNow(): Promise<SyncedEvent | null> {
    return new Promise((resolve, reject) => {
      const offs = [
        this.on('synced', (event) => settle(() => resolve(event))),
        this.on('busy', () => settle(() => resolve(null))),
        this.on('error', (event) => settle(() => reject(new McpError(event.code, event.message)))),
      ];
      const settle = (finish: () => void) => {
        for (const off of offs) off();
        finish();
      };
      this.#send({ type: 'syncNow' });
    });
  }

  /** Tells the loop a local write happened (it syncs after a short debounce). */
  notifyWrite(): void {
    this.#send({ type: 'localWrite' });
  }

  pause(): void {
    this.#send({ type: 'pause' });
  }

  resume(): void {
    this.#send({ type: 'resume' });
  }

  configure(sync: Config['sync']): void {
    this.#send({ type: 'configure', sync });
  }

  /** For tests: makes the worker throw, to exercise the restart path (needs testHooks). */
  crashForTest(): void {
    this.#send({ type: 'crash' });
  }

  /**
   * Stops the loop: the batch in flight finishes (or, after `timeoutMs`, the worker is
   * terminated, which is safe: every step commits atomically and resumes next time).
   */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.#stopping = true;
    if (this.#restartTimer !== null) clearTimeout(this.#restartTimer);
    const worker = this.#worker;
    if (worker === null) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'stop' } satisfies WorkerCommand);
    const timer = setTimeout(() => void worker.terminate(), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}
