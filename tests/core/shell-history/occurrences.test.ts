/**
 * Identity of imported commands: every occurrence is its own entry, and identities hold
 * when the shell appends to its file or cuts it from the front.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  occurrences,
  planFile,
  UNTIMED_CONTEXT,
  undatedTimes,
} from '../../../source/core/shell-history/occurrences.js';
import type { ImportedCommand } from '../../../source/core/shell-history/types.js';

const untimed = (...commands: string[]): ImportedCommand[] =>
  commands.map((command) => ({ command, timestamp: null }));

function identities(commands: readonly ImportedCommand[]): string[] {
  const which = occurrences();
  return commands.map((command) => JSON.stringify(which(command).identity));
}

test('ls / cd a / ls / cd b / ls: five entries', () => {
  assert.equal(new Set(identities(untimed('ls', 'cd a', 'ls', 'cd b', 'ls'))).size, 5);
  assert.equal(new Set(identities(untimed('ls', 'ls', 'ls', 'ls'))).size, 4);
});

test('one command twice in one second: two entries, both dated for the hook match', () => {
  const which = occurrences();
  const a = which({ command: 'make', timestamp: 1_700_000_000_000 });
  const b = which({ command: 'make', timestamp: 1_700_000_000_000 });
  const c = which({ command: 'make', timestamp: 1_700_000_001_000 });
  assert.notDeepEqual(a.identity, b.identity);
  assert.notDeepEqual(b.identity, c.identity);
  assert.deepEqual([a.dated, b.dated, c.dated], [true, true, true]);
  assert.equal(which({ command: 'make', timestamp: null }).dated, false);
});

/** A history with repeats: a few commands used over and over, as people do. */
function history(n: number, timed: boolean): ImportedCommand[] {
  const words = ['ls', 'cd ..', 'git status', 'make', 'vim a.c', 'git diff', 'ls -la', 'make test'];
  return Array.from({ length: n }, (_, i) => ({
    command: words[(i * i + 3 * i) % 7 === 0 ? 7 : (i * 5) % 6] as string,
    timestamp: timed ? 1_700_000_000_000 + Math.floor(i / 3) * 1000 : null,
  }));
}

for (const timed of [true, false]) {
  test(`${timed ? 'timed' : 'untimed'}: appending keeps every identity; a cut from the front re-imports ${timed ? 'nothing' : `at most ${UNTIMED_CONTEXT}`}`, () => {
    const all = history(600, timed);
    const before = identities(all.slice(0, 400));
    const appended = identities(all);
    assert.deepEqual(appended.slice(0, 400), before);
    // bash at HISTFILESIZE: the oldest 150 lines are cut, the rest stay.
    const cut = identities(all.slice(150, 400));
    const known = new Set(before);
    const reimported = cut.filter((id) => !known.has(id)).length;
    assert.ok(reimported <= (timed ? 0 : UNTIMED_CONTEXT), `${reimported} re-imported`);
  });
}

test('undated commands keep the file order: after the dated one before them, else before the first', () => {
  const commands: ImportedCommand[] = [
    { command: 'a', timestamp: null },
    { command: 'b', timestamp: null },
    { command: 'c', timestamp: 5_000 },
    { command: 'd', timestamp: null },
    { command: 'e', timestamp: 9_000 },
  ];
  const time = undatedTimes(planFile(commands), 100_000);
  assert.deepEqual(
    commands.map((c) => time(c.timestamp)),
    [4_998, 4_999, 5_000, 5_001, 9_000],
  );
  const none = untimed('x', 'y');
  const atEnd = undatedTimes(planFile(none), 100_000);
  assert.deepEqual(
    none.map((c) => atEnd(c.timestamp)),
    [99_999, 100_000],
  );
});
