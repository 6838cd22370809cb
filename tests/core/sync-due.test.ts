/**
 * When the hook's background process syncs: the interval since the last attempt, or a
 * full batch waiting after a successful attempt; never when sync cannot or must not run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSyncDue, nextSyncAt, type SyncDueFacts } from '../../source/core/sync-due.js';

const BASE: SyncDueFacts = {
  enabled: true,
  remoteConfigured: true,
  networkAllowed: true,
  intervalMs: 30_000,
  batchSize: 100,
  now: 1_000_000,
  lastAttemptAt: 990_000,
  lastErrorCode: null,
  pendingUpload: 1,
};

test('due after the interval, and before the first attempt', () => {
  assert.equal(isSyncDue(BASE), false);
  assert.equal(isSyncDue({ ...BASE, lastAttemptAt: 970_000 }), true);
  assert.equal(isSyncDue({ ...BASE, lastAttemptAt: 970_001 }), false);
  assert.equal(isSyncDue({ ...BASE, lastAttemptAt: null }), true);
});

test('a full batch waiting makes it due early, unless the last attempt failed', () => {
  assert.equal(isSyncDue({ ...BASE, pendingUpload: 100 }), false);
  assert.equal(isSyncDue({ ...BASE, pendingUpload: 101 }), true);
  assert.equal(
    isSyncDue({ ...BASE, pendingUpload: 101, lastErrorCode: 'REMOTE_UNREACHABLE' }),
    false,
  );
});

test('never when disabled, local only, or offline_mode "always"', () => {
  const due = { ...BASE, lastAttemptAt: null };
  assert.equal(isSyncDue({ ...due, enabled: false }), false);
  assert.equal(isSyncDue({ ...due, remoteConfigured: false }), false);
  assert.equal(isSyncDue({ ...due, networkAllowed: false }), false);
});

test('a last attempt in the future (the clock was set back) counts as long ago', () => {
  assert.equal(isSyncDue({ ...BASE, lastAttemptAt: 2_000_000 }), true);
});

test('the next sync time: now when due, else the end of the interval; null when never', () => {
  assert.equal(nextSyncAt(BASE), 1_020_000);
  assert.equal(nextSyncAt({ ...BASE, lastAttemptAt: 900_000 }), 1_000_000);
  assert.equal(nextSyncAt({ ...BASE, enabled: false }), null);
});
