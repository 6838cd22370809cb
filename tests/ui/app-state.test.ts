import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SyncStatus } from '../../source/sync/sync-status.js';
import {
  appReducer,
  isSearching,
  LIST_WINDOW,
  badgeLabel,
  initialAppState,
  type AppAction,
  type AppState,
} from '../../source/ui/state/app-state.js';
import { nextScope, toScope } from '../../source/ui/state/scope.js';
import { badgeDetail } from '../../source/ui/components/sync-badge.js';
import { makeEntries, makeEntry } from '../helpers/entries.js';

const STATUS: SyncStatus = {
  state: 'SYNCHRONIZED',
  pendingUpload: 0,
  conflicts: 0,
  lastSyncedAt: null,
  machineId: 'm',
  lastError: null,
  lastErrorCode: null,
  progress: null,
  quarantined: 0,
  quarantine: [],
};

function run(actions: AppAction[], remote = true): AppState {
  return actions.reduce(
    appReducer,
    initialAppState({ entries: makeEntries(30), height: 10, remote, status: STATUS }),
  );
}

test('scopes cycle all → machine → session → directory → all, skipping a missing session', () => {
  const where = { machineId: 'm', sessionId: 's', cwd: '/r' };
  const seen = ['all'];
  let scope = nextScope('all', where);
  while (scope !== 'all') {
    seen.push(scope);
    scope = nextScope(scope, where);
  }
  assert.deepEqual(seen, ['all', 'machine', 'session', 'cwd']);
  assert.equal(nextScope('machine', { ...where, sessionId: null }), 'cwd');
  assert.deepEqual(toScope('cwd', where), { kind: 'cwd', cwd: '/r' });
  assert.deepEqual(toScope('session', { ...where, sessionId: null }), { kind: 'all' });
  const state = run([
    { type: 'scope', where },
    { type: 'scope', where },
  ]);
  assert.equal(state.scope, 'session');
});

test('new results of a new query select the best; a refresh keeps the selected entry', () => {
  const moved = run([{ type: 'list', action: { type: 'move', delta: 4 } }]);
  const hits = [makeEntry(9), makeEntry(4)];
  const fresh = appReducer(appReducer(moved, { type: 'query', query: 'g' }), {
    type: 'results',
    entries: hits,
    positions: new Map(),
    answers: { query: 'g', scope: 'all' },
    keepSelection: false,
  });
  assert.equal(fresh.list.selected, 0);
  // `x` typed and erased before its answer came: the answer to the query the list already
  // shows keeps the entry a key moved to meanwhile.
  const again = appReducer(moved, {
    type: 'results',
    entries: moved.list.entries,
    positions: new Map(),
    answers: { query: '', scope: 'all' },
    keepSelection: false,
  });
  assert.equal(again.list.entries[again.list.selected]?.uuid, 'uuid-4');
  const refreshed = appReducer(moved, {
    type: 'results',
    entries: [makeEntry(-1), ...moved.list.entries],
    positions: new Map(),
    answers: { query: '', scope: 'all' },
    keepSelection: true,
  });
  assert.equal(refreshed.list.entries[refreshed.list.selected]?.uuid, 'uuid-4');
});

test('searching lasts until results answer the current query and scope', () => {
  const typed = run([
    { type: 'query', query: 'g' },
    { type: 'query', query: 'gi' },
  ]);
  assert.equal(isSearching(typed), true);
  const answer = (query: string) =>
    ({
      type: 'results',
      entries: [],
      positions: new Map(),
      answers: { query, scope: 'all' },
      keepSelection: false,
    }) as const;
  assert.equal(isSearching(appReducer(typed, answer('g'))), true, 'an older answer');
  assert.equal(isSearching(appReducer(typed, answer('gi'))), false);
  // Typed and erased before any search ran: nothing to wait for.
  assert.equal(isSearching(appReducer(typed, { type: 'query', query: '' })), false);
  const failed = appReducer(typed, { type: 'searchFailed', message: 'search failed: x' });
  assert.deepEqual([isSearching(failed), failed.message], [false, 'search failed: x']);
});

test('detail scrolling stays within the lines; back returns to the list', () => {
  const open = run([{ type: 'openDetail', entry: makeEntry(1) }]);
  assert.equal(open.view, 'detail');
  const down = appReducer(open, { type: 'scrollDetail', delta: 50, max: 12 });
  assert.equal(down.detail?.scroll, 12);
  const up = appReducer(down, { type: 'scrollDetail', delta: -100, max: 12 });
  assert.equal(up.detail?.scroll, 0);
  const back = appReducer(up, { type: 'back' });
  assert.deepEqual([back.view, back.detail], ['list', null]);
});

test('the badge: local only without a remote; SYNCING while asked or progressing; the report afterwards', () => {
  assert.equal(badgeLabel(run([], false).badge), 'LOCAL_ONLY');
  const requested = run([{ type: 'syncRequested' }]);
  assert.equal(badgeLabel(requested.badge), 'SYNCING');
  const progressing = appReducer(requested, {
    type: 'syncProgress',
    progress: { phase: 'pull', done: 2000, total: 100000 },
  });
  assert.equal(badgeDetail(progressing.badge), '↓ 2,000/100,000');
  const ended = appReducer(progressing, {
    type: 'syncEnded',
    message: 'synced: 0 up, 100000 down',
  });
  assert.equal(badgeLabel(ended.badge), 'SYNCHRONIZED');
  assert.equal(ended.message, 'synced: 0 up, 100000 down');
  const offline = appReducer(ended, {
    type: 'syncState',
    status: { ...STATUS, state: 'OFFLINE', pendingUpload: 7 },
  });
  assert.deepEqual(
    [badgeLabel(offline.badge), badgeDetail(offline.badge)],
    ['OFFLINE', '7 to upload'],
  );
  // A failed attempt shows as what it is, with the start of the reason, made safe to draw.
  const failed = appReducer(offline, {
    type: 'syncState',
    status: {
      ...STATUS,
      state: 'SYNC_FAILED',
      lastError:
        'the server failed the request (SQLITE_CONSTRAINT: \u001b[2Jwrites are refused by a trigger)',
    },
  });
  assert.equal(badgeLabel(failed.badge), 'SYNC_FAILED');
  // Cut by columns after the escape is made visible: 30 columns, never more.
  assert.equal(badgeDetail(failed.badge), 'SQLITE_CONSTRAINT: ^[[2Jwri...');
  const failedEscape = appReducer(offline, {
    type: 'syncState',
    status: { ...STATUS, state: 'SYNC_FAILED', lastError: '\u001b[2J bad' },
  });
  assert.ok(!badgeDetail(failedEscape.badge).includes('\u001b'));
});

test('conflict selection is clamped to the list, also when the list shrinks', () => {
  const conflict = (id: number) => ({
    id,
    uuid: `u${id}`,
    detectedAt: 0,
    loserSide: 'local' as const,
    current: makeEntry(id),
    loser: makeEntry(id),
  });
  const open = run([{ type: 'openConflicts', items: [conflict(1), conflict(2), conflict(3)] }]);
  const last = appReducer(open, { type: 'moveConflict', delta: 10 });
  assert.equal(last.conflicts.selected, 2);
  const shrunk = appReducer(last, { type: 'openConflicts', items: [conflict(1)] });
  assert.equal(shrunk.conflicts.selected, 0);
});

test('the list window grows when the selection nears the end of a full window, not before', () => {
  const full = (count: number) =>
    initialAppState({ entries: makeEntries(count), height: 10, remote: false, status: STATUS });
  const last = { type: 'list', action: { type: 'last' } } as const;
  const first = { type: 'list', action: { type: 'first' } } as const;
  const window = LIST_WINDOW;
  assert.equal(appReducer(full(window), first).window, window, 'far from the end');
  assert.equal(appReducer(full(window), last).window, window * 2, 'at the end of a full window');
  assert.equal(appReducer(full(30), last).window, window, 'a short list holds everything');
  const typed = appReducer(full(window), { type: 'query', query: 'git' });
  assert.equal(appReducer(typed, last).window, window, 'search results have their own limit');
});

test('the delete question: asked, kept, or answered by the deletion', () => {
  const start = appReducer(run([]), { type: 'total', total: 30 });
  const entry = start.list.entries[0]!;
  const asked = appReducer(start, { type: 'askDelete', entry });
  assert.equal(asked.confirmDelete, entry);
  const kept = appReducer(asked, { type: 'keepEntry' });
  assert.equal(kept.confirmDelete, null);
  assert.equal(kept.list.entries.length, 30);
  const deleted = appReducer(asked, { type: 'deleted', uuid: entry.uuid, message: 'deleted' });
  assert.deepEqual(
    [deleted.confirmDelete, deleted.total, deleted.list.entries.length, deleted.message],
    [null, 29, 29, 'deleted'],
  );
  assert.ok(!deleted.list.entries.some((e) => e.uuid === entry.uuid));
});
