/**
 * Keys typed ahead of the screen: a key that acts on the selected entry, typed right after
 * the query, acts on what that query selects (the search answers later than the keys
 * arrive); an escape sequence split over two reads is one key; a paste that never ends
 * gives the keys back. Each `stdin.write` is one read, as the terminal hands it over.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { HistoryEntry } from '../../source/core/types.js';
import { InThreadSource, type HistorySource } from '../../source/ui/data/history-source.js';
import type { QueryRequest } from '../../source/ui/data/query-service.js';
import { ESCAPE_TIMEOUT_MS, PASTE_TIMEOUT_MS } from '../../source/ui/input/split-keys.js';
import { NOW, tuiFixture, type TuiFixture } from '../helpers/tui.js';
import { waitFor } from '../helpers/wait-for.js';

type View = { lastFrame(): string | undefined };
const frameOf = (view: View) => view.lastFrame() ?? '';
const until = (view: View, what: string, pattern: RegExp) =>
  waitFor(what, () => (pattern.test(frameOf(view)) ? frameOf(view) : null));
/** Lets Ink hand over a lone ESC it held to the end of its read (a setImmediate). */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** The cache's own source, its answers held back until `release` (a slow query worker). */
class HeldSource implements HistorySource {
  readonly #inner: HistorySource;
  #gate: Promise<void> = Promise.resolve();
  #open: () => void = () => undefined;
  /** Queries for these fail, as a crashed worker's do. */
  failing = new Set<string>();

  constructor(inner: HistorySource) {
    this.#inner = inner;
  }

  hold(): void {
    this.#gate = new Promise((resolve) => (this.#open = resolve));
  }

  release(): void {
    this.#open();
  }

  async run(request: QueryRequest) {
    await this.#gate;
    if (this.failing.has(request.query)) throw new Error('the query worker stopped');
    return this.#inner.run(request);
  }
  count = () => this.#inner.count();
  stats = () => this.#inner.stats();
  watch = (pollMs: number, onChange: () => void) => this.#inner.watch(pollMs, onChange);
  close = () => this.#inner.close();
}

/** `foo bar`, `rm -rf build && make`, `git push --force` (the newest, selected first). */
function threeEntries(f: TuiFixture): Record<string, HistoryEntry> {
  const commands = ['foo bar', 'rm -rf build && make', 'git push --force'];
  return Object.fromEntries(
    commands.map((command, i) => [command, f.cache.record({ command, timestamp: NOW - 10 + i })]),
  );
}

const live = (f: TuiFixture) =>
  f.cache
    .list({ limit: 10 })
    .map((e) => e.command)
    .sort();

test('foo, Ctrl-D, y in one read delete "foo bar", the entry foo selects', async (t) => {
  const f = tuiFixture(t);
  threeEntries(f);
  const view = f.mount();
  await until(view, 'the list', /^> .*git push --force/m);
  view.stdin.write('foo\u0004y');
  await until(view, 'deleted', /deleted "foo bar"/);
  assert.deepEqual(live(f), ['git push --force', 'rm -rf build && make']);
});

test('Tab, Enter and Ctrl-Y typed after a query act on its match, not the old selection', async (t) => {
  const mountWith = (t: TestContext) => {
    const f = tuiFixture(t);
    f.cache.record({ command: 'echo zzqx', timestamp: NOW - 1 });
    f.cache.record({ command: 'sudo reboot', timestamp: NOW });
    return { f, view: f.mount() };
  };
  await t.test('Tab', async (t) => {
    const { f, view } = mountWith(t);
    await until(view, 'the list', /^> .*sudo reboot/m);
    view.stdin.write('zzqx\t');
    await waitFor('the app to quit', () => !view.isReadingKeys());
    assert.deepEqual(f.accepted, ['echo zzqx']);
  });
  await t.test('Enter', async (t) => {
    const { view } = mountWith(t);
    await until(view, 'the list', /^> .*sudo reboot/m);
    view.stdin.write('zzqx\r');
    await until(view, 'its detail', /── command\s+echo zzqx/);
  });
  await t.test('Ctrl-Y', async (t) => {
    const { f, view } = mountWith(t);
    await until(view, 'the list', /^> .*sudo reboot/m);
    view.stdin.write('zzqx\u0019');
    await until(view, 'copied', /copied to the clipboard/);
    assert.deepEqual(f.copied, ['echo zzqx']);
  });
});

test('while the search runs typing shows at once; Ctrl-D and what follows wait for it', async (t) => {
  const f = tuiFixture(t);
  threeEntries(f);
  const source = new HeldSource(new InThreadSource(f.cache, () => NOW));
  const view = f.mount({ source });
  await until(view, 'the list', /^> .*git push --force/m);
  source.hold();
  view.stdin.write('foo');
  await until(view, 'the query, before its answer', /\] > foo +\[[\s\S]*searching\.\.\./);
  view.stdin.write('\u0004y');
  for (let i = 0; i < 5; i++) await nextTurn();
  assert.doesNotMatch(frameOf(view), /y\/n|deleted/, 'Ctrl-D waits for the answer');
  assert.equal(live(f).length, 3);
  source.release();
  await until(view, 'deleted', /deleted "foo bar"/);
  assert.deepEqual(live(f), ['git push --force', 'rm -rf build && make']);
});

test('keys waiting for a search that fails are dropped, never run on the old list', async (t) => {
  const f = tuiFixture(t);
  threeEntries(f);
  const source = new HeldSource(new InThreadSource(f.cache, () => NOW));
  source.failing.add('foo');
  const view = f.mount({ source });
  await until(view, 'the list', /^> .*git push --force/m);
  view.stdin.write('foo\u0004y');
  await until(view, 'the failure', /search failed: the query worker stopped; keys typed after/);
  assert.doesNotMatch(frameOf(view), /y\/n/);
  assert.equal(live(f).length, 3);
});

test('ESC, then the rest of the sequence in a later read, is one key (Down), not Esc', async (t) => {
  const f = tuiFixture(t);
  threeEntries(f);
  const view = f.mount();
  await until(view, 'the list', /^> .*git push --force/m);
  t.mock.timers.enable({ apis: ['setTimeout'] });
  view.stdin.write('\u001b');
  await nextTurn();
  view.stdin.write('[B');
  t.mock.timers.reset();
  await until(view, 'the second entry selected', /^> .*rm -rf build/m);
  assert.ok(view.isReadingKeys(), 'still running: the ESC was not Esc');
  assert.match(frameOf(view), /\] > type to search/, 'nothing typed');
});

test('a lone ESC is Esc once ESCAPE_TIMEOUT_MS pass with nothing after it', async (t) => {
  const f = tuiFixture(t);
  threeEntries(f);
  const view = f.mount();
  view.stdin.write('abc');
  await until(view, 'the query', /\] > abc +\[/);
  t.mock.timers.enable({ apis: ['setTimeout'] });
  view.stdin.write('\u001b');
  for (let i = 0; i < 5; i++) await nextTurn();
  t.mock.timers.tick(ESCAPE_TIMEOUT_MS - 1);
  for (let i = 0; i < 5; i++) await nextTurn();
  assert.match(frameOf(view), /\] > abc +\[/, 'still waiting for the rest');
  t.mock.timers.tick(1);
  t.mock.timers.reset();
  await until(view, 'the query cleared', /\] > type to search/);
});

test('a paste with no end marker ends when input stops; keys after it are keys', async (t) => {
  const f = tuiFixture(t);
  threeEntries(f);
  const view = f.mount();
  await until(view, 'the list', /^> .*git push --force/m);
  t.mock.timers.enable({ apis: ['setTimeout'] });
  view.stdin.write('\u001b[200~abc');
  t.mock.timers.tick(PASTE_TIMEOUT_MS);
  t.mock.timers.reset();
  await until(view, 'the pasted query', /\] > abc +\[/);
  // Down and x are keys again (not "[B" typed); Esc clears the query, a second one quits.
  view.stdin.write('\u001b[Bx');
  await until(view, 'the query abcx', /\] > abcx +\[/);
  view.stdin.write('\u001b');
  await until(view, 'the query cleared', /\] > type to search/);
  view.stdin.write('\u001b');
  await waitFor('the app to quit', () => !view.isReadingKeys());
});
