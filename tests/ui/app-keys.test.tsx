/**
 * Keys that reach the TUI together, in one read: a paste, keys typed over ssh, keys pressed
 * while the program was busy. Each `stdin.write` below is one chunk, as the terminal hands
 * it over; every key in it must count, in order.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stripVTControlCharacters as stripStyles } from 'node:util';
import { CacheSyncStore } from '../../source/storage/cache-sync-store.js';
import { NOW, ScriptedSync, tuiFixture } from '../helpers/tui.js';
import { waitFor } from '../helpers/wait-for.js';

type View = { lastFrame(): string | undefined };
const frameOf = (view: View) => view.lastFrame() ?? '';
const until = (view: View, what: string, pattern: RegExp) =>
  waitFor(what, () => (pattern.test(frameOf(view)) ? frameOf(view) : null));
/** The query as the header shows it (the cursor block after it). */
const header = (view: View) => frameOf(view).split('\n')[0] ?? '';

test('x, Ctrl-U, y sent at once leave the query "y"', async (t) => {
  const f = tuiFixture(t);
  f.cache.record({ command: 'yarn build', timestamp: NOW });
  const view = f.mount();
  await until(view, 'the list', /yarn build/);
  view.stdin.write('x\u0015y');
  await until(view, 'the query y', /\] > y +\[/);
  await until(view, 'its answer', /1 match\b/);
});

test('abc, two Backspaces and Z sent at once leave the query "aZ"', async (t) => {
  const view = tuiFixture(t).mount();
  view.stdin.write('abc\u007f\u007fZ');
  await until(view, 'the query aZ', /\] > aZ +\[/);
  // Backspace takes a whole character: an accent typed as a combining mark goes with it.
  view.stdin.write('e\u0301\u007f');
  await until(view, 'the query aZ again', /\] > aZ +\[/);
});

test('two Ctrl-R at once cycle the scope twice and type nothing', async (t) => {
  const f = tuiFixture(t);
  f.cache.record({ command: 'make', sessionId: 'term-1', timestamp: NOW });
  const view = f.mount();
  await until(view, 'the list', /make/);
  view.stdin.write('\u0012\u0012');
  await until(view, 'the session scope', /\[this session\] > type to search/);
  // eslint-disable-next-line no-control-regex
  assert.ok(!/[\u0000-\u001f]/.test(stripStyles(header(view))));
});

test('arrow keys, Enter and text in one chunk act in order, in every view', async (t) => {
  const f = tuiFixture(t);
  for (const [i, command] of ['first', 'second', 'third'].entries())
    f.cache.record({ command: `echo ${command}`, response: 'done', timestamp: NOW - i });
  const view = f.mount();
  await until(view, 'the list', /^> .*echo first/m);
  // Down, Down, Enter: the third entry's detail; Down scrolls it; q goes back.
  view.stdin.write('\u001b[B\u001b[B\r\u001b[Bq');
  await until(view, 'the list again, on the third', /^> .*echo third/m);
  assert.ok(!frameOf(view).includes('── command'));
  // `?` on an empty query opens the help; what follows it goes to the help: Esc closes it,
  // then "ls" is typed into the query.
  view.stdin.write('?\u001bls');
  await until(view, 'the query ls', /\] > ls +\[/);
});

test('Esc alone clears the query; an escape sequence is a key, never an Esc', async (t) => {
  const f = tuiFixture(t);
  f.cache.record({ command: 'ls -la', timestamp: NOW });
  const view = f.mount();
  view.stdin.write('abc');
  await until(view, 'the query', /\] > abc +\[/);
  view.stdin.write('\u001b[A\u001b[B\u001b[5~');
  view.stdin.write('d');
  await until(view, 'the query kept', /\] > abcd +\[/);
  view.stdin.write('\u001b');
  await until(view, 'the query cleared', /\] > type to search/);
  // Esc and a key typed right after it arrive together: both count.
  view.stdin.write('xyz\u001bq');
  await until(view, 'cleared, then q', /\] > q +\[/);
});

test('a bracketed paste lands in the query as text, its controls made spaces', async (t) => {
  const f = tuiFixture(t);
  f.cache.record({ command: 'git status', timestamp: NOW });
  const view = f.mount();
  await until(view, 'the list', /git status/);
  view.stdin.write('\u001b[200~git\r\nstat\tus\u001b[31m\n\u001b[201~');
  await until(view, 'the pasted query', /\] > git stat us \[31m +\[/);
  assert.ok(!frameOf(view).includes('── command'), 'the newline in the paste is not Enter');
  assert.ok(!frameOf(view).includes('\u001b[31m'));
});

test('Ctrl-D asks first; y deletes the entry everywhere (a tombstone that syncs), n keeps it', async (t) => {
  const f = tuiFixture(t);
  const keep = f.cache.record({ command: 'ls', timestamp: NOW - 1 });
  const gone = f.cache.record({ command: 'rm -rf build', timestamp: NOW });
  const sync = new ScriptedSync();
  const view = f.mount({ sync });
  await until(view, 'the list', /^> .*rm -rf build/m);
  const queued = new CacheSyncStore(f.cache).pendingCount();

  view.stdin.write('\u0004');
  await until(view, 'the question', /delete this entry everywhere\? y\/n: rm -rf build/);
  view.stdin.write('n');
  await until(view, 'kept', /kept it: nothing deleted/);
  assert.equal(f.cache.get(gone.uuid)?.deleted, false);
  assert.match(frameOf(view), /2 entries/);

  // The key and its answer in one chunk.
  view.stdin.write('\u0004y');
  const frame = await until(view, 'deleted', /deleted "rm -rf build"; other machines drop it/);
  assert.ok(!/^> .*rm -rf build/m.test(frame));
  assert.match(frame, /^> .*ls$/m);
  assert.match(frame, /1 entry\b/);
  assert.equal(f.cache.get(gone.uuid)?.deleted, true);
  assert.equal(f.cache.get(keep.uuid)?.deleted, false);
  assert.equal(new CacheSyncStore(f.cache).pendingCount(), queued + 1, 'queued to sync');
  assert.equal(sync.writes, 1, 'the sync worker was told');
  assert.deepEqual(
    f.cache.list({ limit: 10 }).map((e) => e.command),
    ['ls'],
  );
});

test('the delete question takes any other key as no, Esc included', async (t) => {
  const f = tuiFixture(t);
  const entry = f.cache.record({ command: 'ls', timestamp: NOW });
  const view = f.mount();
  await until(view, 'the list', /^> .*ls/m);
  view.stdin.write('\u0004\u001b');
  await until(view, 'kept', /kept it: nothing deleted/);
  assert.match(frameOf(view), /^> .*ls/m, 'Esc answered the question; it did not quit');
  view.stdin.write('\u0004\u001b[200~y\u001b[201~');
  const frame = await until(view, 'kept after a paste', /^(?![\s\S]*y\/n)[\s\S]*kept it/);
  assert.match(frame, /\] > type to search/, 'the pasted y answered; it was not typed');
  assert.equal(f.cache.get(entry.uuid)?.deleted, false);
});

test('Ctrl-C among other keys still quits', async (t) => {
  const f = tuiFixture(t);
  f.cache.record({ command: 'ls', timestamp: NOW });
  const view = f.mount();
  await until(view, 'the list', /^> .*ls/m);
  // Ink itself quits only on a read that is Ctrl-C alone.
  assert.ok(view.isReadingKeys());
  view.stdin.write('ab\u0003');
  await waitFor('the app to quit (Ink stops reading keys)', () => !view.isReadingKeys());
  assert.deepEqual(f.accepted, []);
});
