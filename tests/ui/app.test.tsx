import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CacheSyncStore } from '../../source/storage/cache-sync-store.js';
import { arriveFrom, NOW, ScriptedSync, tuiFixture } from '../helpers/tui.js';
import { waitFor } from '../helpers/wait-for.js';

const KEY = {
  down: '\u001b[B',
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
  backspace: '\u007f',
  ctrlR: '\u0012',
  ctrlS: '\u0013',
  ctrlX: '\u0018',
  ctrlY: '\u0019',
  ctrlT: '\u0014',
  pageDown: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
};

const frameOf = (view: { lastFrame(): string | undefined }) => view.lastFrame() ?? '';
const until = (view: { lastFrame(): string | undefined }, what: string, pattern: RegExp) =>
  waitFor(what, () => (pattern.test(frameOf(view)) ? frameOf(view) : null));

test('opens on the newest entries of all machines with the scope, count and badge', async (t) => {
  const f = tuiFixture(t);
  f.cache.record({ command: 'git status', timestamp: NOW - 60_000 });
  arriveFrom(f.cache, 'desktop', { command: 'cargo build' }, NOW - 120_000);
  f.cache.record({ command: 'npm test', timestamp: NOW });
  const view = f.mount();
  const frame = await until(view, 'the count', /3 entries/);
  assert.match(frame, /mcp-terminal \[all machines\] > type to search/);
  assert.match(frame, /LOCAL_ONLY/);
  const rows = frame.split('\n');
  const at = (text: string) => rows.findIndex((row) => row.includes(text));
  assert.ok(at('npm test') < at('git status') && at('git status') < at('cargo build'));
  assert.match(frame, /^> +now .*npm test/m);
  assert.match(frame, /2m desktop +cargo build/);
});

test('arrow keys move the selection; escape sequences from history are drawn as text', async (t) => {
  const f = tuiFixture(t);
  f.cache.record({ command: 'echo \u001b[31mred\u001b]0;title\u0007', timestamp: NOW - 1 });
  f.cache.record({ command: 'ls', timestamp: NOW });
  const view = f.mount();
  view.stdin.write(KEY.down);
  const frame = await until(view, 'selection on the second entry', /^> .*echo/m);
  assert.match(frame, /echo \^\[\[31mred\^\[\]0;title\^G/);
  assert.ok(!frame.includes('\u0007'));
});

test('an empty history says how to record something', async (t) => {
  const view = tuiFixture(t).mount();
  await until(view, 'the hint', /No history in all machines yet/);
});

test('typing searches with highlights, Backspace edits, Esc clears then quits', async (t) => {
  const f = tuiFixture(t);
  f.cache.record({ command: 'npm install typescript', timestamp: NOW - 1 });
  f.cache.record({ command: 'npm test', timestamp: NOW - 2 });
  f.cache.record({ command: 'ls -la', timestamp: NOW });
  const view = f.mount();
  view.stdin.write('n');
  view.stdin.write('p');
  view.stdin.write('m');
  view.stdin.write(' ');
  view.stdin.write('t');
  const frame = await until(view, 'two matches', /2 matches/);
  assert.match(frame, /\] > npm t /);
  assert.ok(!frame.includes('ls -la'));
  view.stdin.write(KEY.escape);
  await until(view, 'the full list back', /ls -la/);
  assert.match(frameOf(view), /type to search/);
  view.stdin.write('zzzq');
  await until(view, 'no match', /Nothing matches "zzzq"/);
  view.stdin.write(KEY.backspace);
  await until(view, 'the edited query', /\] > zzz /);
});

test('Ctrl-R cycles the scope: all machines, this machine, this session, this directory', async (t) => {
  const f = tuiFixture(t);
  f.cache.record({ command: 'make here', sessionId: 'term-1', cwd: '/repo', timestamp: NOW - 1 });
  f.cache.record({
    command: 'make elsewhere',
    sessionId: 'term-2',
    cwd: '/tmp',
    timestamp: NOW - 2,
  });
  arriveFrom(f.cache, 'desktop', { command: 'make remote' }, NOW - 3);
  const view = f.mount();
  await until(view, 'all three', /make remote/);
  view.stdin.write(KEY.ctrlR);
  let frame = await until(view, 'machine scope', /\[this machine\] >/);
  await until(view, 'remote entry gone', /^(?![\s\S]*make remote)/);
  frame = frameOf(view);
  assert.match(frame, /make here/);
  assert.match(frame, /make elsewhere/);
  view.stdin.write(KEY.ctrlR);
  await until(view, 'session scope', /\[this session\] >/);
  frame = await until(view, 'only this session', /^(?![\s\S]*make elsewhere)[\s\S]*make here/);
  view.stdin.write(KEY.ctrlR);
  await until(view, 'directory scope', /\[this directory\] >/);
  // Searching respects the scope too.
  view.stdin.write('make');
  frame = await until(view, 'one match in the directory', /1 match\b/);
  assert.match(frame, /make here/);
  view.stdin.write(KEY.ctrlR);
  await until(view, 'back to all', /\[all machines\] >[\s\S]*3 matches/);
});

test('Enter opens the whole entry with its metadata and scrolls a long response', async (t) => {
  const f = tuiFixture(t);
  const response = Array.from({ length: 60 }, (_, i) => `line ${i} \u001b[2J`).join('\n');
  f.cache.record({
    command: 'explain kubernetes',
    response,
    status: 'ok',
    tokensUsed: 321,
    sessionId: 'term-1',
    cwd: '/repo',
    timestamp: NOW - 5_000,
  });
  const view = f.mount();
  view.stdin.write(KEY.enter);
  const frame = await until(view, 'the detail', /── response/);
  assert.match(frame, /session +term-1/);
  assert.match(frame, /cwd +\/repo/);
  assert.match(frame, /status +ok +tokens 321/);
  assert.match(frame, /line 0 \^\[\[2J/);
  assert.ok(!frame.includes('line 40'));
  view.stdin.write(KEY.pageDown);
  view.stdin.write(KEY.pageDown);
  await until(view, 'scrolled', /line 40/);
  view.stdin.write(KEY.escape);
  await until(view, 'the list again', /^> .*explain kubernetes/m);
});

test('Tab hands the selected command to the caller and quits; Ctrl-Y copies', async (t) => {
  const f = tuiFixture(t);
  f.cache.record({ command: 'git push --force-with-lease', timestamp: NOW });
  const view = f.mount();
  view.stdin.write(KEY.ctrlY);
  await until(view, 'copied', /copied to the clipboard \(test-clipboard\)/);
  assert.deepEqual(f.copied, ['git push --force-with-lease']);
  view.stdin.write(KEY.tab);
  await waitFor('accepted', () => f.accepted.length === 1);
  assert.deepEqual(f.accepted, ['git push --force-with-lease']);
});

test('without a clipboard Ctrl-Y says so', async (t) => {
  const f = tuiFixture(t, { ok: false, reason: 'no clipboard here' });
  f.cache.record({ command: 'ls' });
  const view = f.mount();
  view.stdin.write(KEY.ctrlY);
  await until(view, 'the reason', /no clipboard here/);
});

test('? shows every key and Esc goes back', async (t) => {
  const f = tuiFixture(t);
  f.cache.record({ command: 'ls' });
  const view = f.mount();
  view.stdin.write('?');
  const frame = await until(view, 'help', /Keys/);
  for (const key of [
    'Enter',
    'Tab',
    'Ctrl-Y',
    'Ctrl-R',
    'Ctrl-S',
    'Ctrl-X',
    'Conflicts:',
    'Detail:',
  ])
    assert.ok(frame.includes(key), key);
  view.stdin.write(KEY.escape);
  await until(view, 'list', /^> .*ls/m);
});

test('the badge follows the worker: state, progress, the end of a sync; Ctrl-S never starts two', async (t) => {
  const f = tuiFixture(t);
  f.cache.record({ command: 'ls' });
  const sync = new ScriptedSync();
  const view = f.mount({ sync });
  await until(view, 'starting', /\[(STARTING|SYNCHRONIZED|PENDING_UPLOAD|LOCAL_ONLY)/);
  const status = f.props().store.status();
  sync.emit('state', { status: { ...status, state: 'PENDING_UPLOAD', pendingUpload: 1 } });
  await until(view, 'pending', /PENDING_UPLOAD 1 to upload/);
  view.stdin.write(KEY.ctrlS);
  await until(view, 'requested', /\[SYNCING/);
  view.stdin.write(KEY.ctrlS);
  await until(view, 'refused', /a sync is already running/);
  assert.equal(sync.syncRequests, 1);
  sync.emit('progress', { phase: 'push', done: 500, total: 1200 });
  await until(view, 'progress', /SYNCING ↑ 500\/1,200/);
  sync.finish({ uploaded: 1200, downloaded: 3, conflicts: 0, roundTrips: 4 });
  sync.emit('state', { status: { ...status, state: 'SYNCHRONIZED', pendingUpload: 0 } });
  await until(view, 'synchronized', /\[SYNCHRONIZED\]/);
  assert.match(frameOf(view), /synced: 1200 up, 3 down/);
  sync.emit('state', { status: { ...status, state: 'AUTH_FAILED' } });
  await until(view, 'auth', /AUTH_FAILED check TURSO_AUTH_TOKEN/);
  sync.emit('state', { status: { ...status, state: 'CONFLICT', conflicts: 2 } });
  await until(view, 'conflicts', /CONFLICT 2 \(Ctrl-X\)/);
});

test('entries arriving from another machine appear without moving the selection', async (t) => {
  const f = tuiFixture(t);
  for (let i = 0; i < 40; i++) f.cache.record({ command: `local ${i}`, timestamp: NOW - 100 + i });
  const view = f.mount();
  // Scrolled down: local 39 is the newest, PageDown moves a screen down.
  view.stdin.write(KEY.pageDown);
  view.stdin.write(KEY.down);
  const before = await until(view, 'a scrolled selection', /^> .*local 1[0-9]$/m);
  const selectedRow = (frame: string) =>
    frame.split('\n').findIndex((line) => line.startsWith('> '));
  const row = selectedRow(before);
  const selected = before.split('\n')[row]?.match(/local \d+/)?.[0];
  // Another connection writes, as the sync worker does.
  const other = (await import('../../source/storage/local-cache.js')).LocalCache.open(f.cache.path);
  t.after(() => other.close());
  arriveFrom(other, 'desktop', { command: 'remote newest' }, NOW + 1_000);
  const after = await until(view, 'the new count', /41 entries/);
  assert.equal(selectedRow(after), row, 'the selected row stays where it was');
  assert.match(after.split('\n')[row] ?? '', new RegExp(`${selected}$`));
  // Back at the top, the arrival is drawn first.
  view.stdin.write(KEY.home);
  await until(view, 'the arrival on top', /^> .*desktop .*remote newest/m);
});

test('the conflict list shows both versions and flips the winner', async (t) => {
  const f = tuiFixture(t);
  const mine = f.cache.record({
    command: 'deploy',
    response: 'from laptop',
    timestamp: NOW - 10_000,
  });
  arriveFrom(
    f.cache,
    'desktop',
    { uuid: mine.uuid, command: 'deploy', response: 'from desktop' },
    NOW + 1_000,
  );
  const sync = new ScriptedSync();
  const view = f.mount({ sync });
  view.stdin.write(KEY.ctrlX);
  let frame = await until(view, 'the conflict', /Conflict 1 of 1/);
  assert.match(frame, /this machine · lost/);
  assert.match(frame, /other machine · wins/);
  assert.match(frame, /from laptop/);
  assert.match(frame, /from desktop/);
  view.stdin.write('f');
  frame = await until(view, 'resolved', /kept the local version/);
  assert.match(frame, /No conflicts/);
  assert.equal(f.cache.get(mine.uuid)?.response, 'from laptop');
  assert.equal(sync.writes, 1);
  assert.equal(new CacheSyncStore(f.cache).pendingCount() > 0, true);
});

test('Ctrl-T shows the stats, counted off the keystroke; Esc goes back', async (t) => {
  const f = tuiFixture(t);
  f.cache.record({ command: 'git status', timestamp: NOW - 2 });
  f.cache.record({ command: 'git status', timestamp: NOW - 1 });
  arriveFrom(f.cache, 'desktop', { command: 'cargo build' }, NOW);
  const view = f.mount();
  view.stdin.write(KEY.ctrlT);
  const frame = await until(view, 'the stats', /most used commands/);
  assert.match(frame, /^3 entries from/m);
  assert.match(frame, /^ +2 {2}git status$/m);
  assert.match(frame, /^ +1 {2}desktop$/m);
  view.stdin.write(KEY.escape);
  await until(view, 'the list', /^> .*cargo build/m);
});

test('browsing past the loaded window brings older entries, down to the first one', async (t) => {
  const f = tuiFixture(t);
  f.cache.recordMany(
    Array.from({ length: 1200 }, (_, i) => ({ command: `cmd ${i}`, timestamp: NOW - 10_000 + i })),
  );
  const view = f.mount();
  await until(view, 'the newest', /^> .*cmd 1199$/m);
  view.stdin.write(KEY.end);
  // The first window ends at the 1,000th newest; reaching it loads the next one.
  await until(view, 'the end of the first window', /^> .*cmd 200$/m);
  // The next window loads in the background; until it lands, Down stays on cmd 200, as it
  // would for a person pressing it again.
  await waitFor('older entries below', () => {
    view.stdin.write(KEY.down);
    return /^> .*cmd 1\d\d$/m.test(frameOf(view));
  });
  view.stdin.write(KEY.end);
  await until(view, 'the oldest entry', /^> .*cmd 0$/m);
});
