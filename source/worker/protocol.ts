/**
 * The messages between the UI thread and the sync worker: discriminated unions, so both
 * sides switch on `type` and the compiler checks every case.
 */
import type { Config } from '../config/schema.js';
import type { ErrorCode } from '../core/errors.js';
import type { SyncProgress, SyncStatus } from '../core/types.js';

/** What the worker needs to start: plain data (it crosses the thread boundary). */
export type WorkerInit = {
  readonly config: Config;
  /** Identifies the worker as the holder of the machine's sync lease. */
  readonly owner: string;
  /** Enables the `crash` command (tests exercise the restart path with it). */
  readonly testHooks: boolean;
};

export type WorkerCommand =
  | { readonly type: 'syncNow' }
  | { readonly type: 'localWrite' }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'configure'; readonly sync: Config['sync'] }
  | { readonly type: 'stop' }
  | { readonly type: 'crash' };

export type WorkerEvent =
  | { readonly type: 'ready' }
  | { readonly type: 'state'; readonly status: SyncStatus }
  | ({ readonly type: 'progress' } & SyncProgress)
  | { readonly type: 'error'; readonly code: ErrorCode; readonly message: string }
  | {
      readonly type: 'synced';
      readonly uploaded: number;
      readonly downloaded: number;
      readonly conflicts: number;
      readonly roundTrips: number;
    }
  /** A sync was asked for, but another process of this machine holds the sync lease. */
  | { readonly type: 'busy' }
  | { readonly type: 'stopped' };
