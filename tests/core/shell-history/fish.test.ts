/**
 * fish's YAML-like history. The cases marked "Atuin" are the inputs of Atuin's fish importer
 * tests (atuinsh/atuin, crates/atuin-client/src/import/fish.rs).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFish } from '../../../source/core/shell-history/fish.js';

const parse = (bytes: string) =>
  [...parseFish(bytes)].map((c) => [c.command, c.timestamp === null ? null : c.timestamp / 1000]);

test('Atuin parse_complex: escapes undone, corrupt lines passed over', () => {
  const bytes = [
    '- cmd: history --help',
    '  when: 1639162832',
    '- cmd: cat ~/.bash_history',
    '  when: 1639162851',
    '  paths:',
    '    - ~/.bash_history',
    '- cmd: ls ~/.local/share/fish/fish_history',
    '  when: 1639162890',
    '  paths:',
    '    - ~/.local/share/fish/fish_history',
    'ERROR',
    '- CORRUPTED: ENTRY',
    '  CONTINUE:',
    '    - AS',
    '    - NORMAL',
    String.raw`- cmd: echo "foo" \\\n'bar' baz`,
    '  when: 1639162933',
    String.raw`- cmd: echo "\\"" \\\\ "\\\\"`,
    '  when: 1639163063',
    '',
  ].join('\n');
  assert.deepEqual(parse(bytes), [
    ['history --help', 1_639_162_832],
    ['cat ~/.bash_history', 1_639_162_851],
    ['ls ~/.local/share/fish/fish_history', 1_639_162_890],
    ['echo "foo" \\\n\'bar\' baz', 1_639_162_933],
    ['echo "\\"" \\\\ "\\\\"', 1_639_163_063],
  ]);
});

test('Atuin parse_out_of_range_timestamp: a bad when keeps the entry with the time before it', () => {
  const bytes =
    '- cmd: echo before\n  when: 1639162832\n- cmd: echo corrupt\n  when: 999999999999999\n' +
    '- cmd: echo after\n  when: 1639162851\n';
  assert.deepEqual(parse(bytes), [
    ['echo before', 1_639_162_832],
    ['echo corrupt', 1_639_162_832],
    ['echo after', 1_639_162_851],
  ]);
});

test('a missing or unreadable when: the previous time; before any time, the first that follows', () => {
  const bytes =
    '- cmd: first\n- cmd: second\n  when: soon\n- cmd: third\n  when: 1700000000\n' +
    '- cmd: fourth\n- cmd: fifth\n  when: -5\n';
  assert.deepEqual(parse(bytes), [
    ['first', 1_700_000_000],
    ['second', 1_700_000_000],
    ['third', 1_700_000_000],
    ['fourth', 1_700_000_000],
    ['fifth', 1_700_000_000],
  ]);
  assert.deepEqual(parse('- cmd: never dated\n'), [['never dated', null]]);
});

test('a run of NUL bytes is damage: skipped, the entry after it read as usual', () => {
  const nuls = '\0'.repeat(4096);
  assert.deepEqual(
    parse(`- cmd: ls\n  when: 1700000000\n${nuls}- cmd: pwd\n  when: 1700000005\n${nuls}\n`),
    [
      ['ls', 1_700_000_000],
      ['pwd', 1_700_000_005],
    ],
  );
});
