/**
 * bash's history file as bash reads it (readline's histfile.c). Inputs are byte strings;
 * the cases marked "Atuin" are the inputs of Atuin's bash importer tests (atuinsh/atuin,
 * crates/atuin-client/src/import/bash.rs), with what bash itself makes of them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBash } from '../../../source/core/shell-history/bash.js';

const parse = (bytes: string) =>
  [...parseBash(bytes)].map((c) => [c.command, c.timestamp] as const);

test('every line is a command, repeats included', () => {
  assert.deepEqual(parse('ls\ncd a\nls\ncd b\nls\n'), [
    ['ls', null],
    ['cd a', null],
    ['ls', null],
    ['cd b', null],
    ['ls', null],
  ]);
});

test('Atuin no_timestamps: three plain lines, combining marks kept', () => {
  const zalgo = 'cargo :b̷i̶t̴r̵o̴t̴ ̵i̷s̴ ̷r̶e̵a̸l̷';
  assert.deepEqual(parse(`cargo install atuin\ncargo update\n${zalgo}\n`), [
    ['cargo install atuin', null],
    ['cargo update', null],
    [zalgo, null],
  ]);
});

test('Atuin parse_with_timestamps: each #epoch line dates the next command', () => {
  assert.deepEqual(
    parse('#1672918999\ngit reset\n#1672919006\ngit clean -dxf\n#1672919020\ncd ../\n'),
    [
      ['git reset', 1_672_918_999_000],
      ['git clean -dxf', 1_672_919_006_000],
      ['cd ../', 1_672_919_020_000],
    ],
  );
});

test('Atuin partial_timestamps: a file that does not start dated has one command per line', () => {
  assert.deepEqual(parse('git reset\n#1672919006\ngit clean -dxf\ncd ../\n'), [
    ['git reset', null],
    ['git clean -dxf', 1_672_919_006_000],
    ['cd ../', null],
  ]);
});

test('Atuin backfill case: "#-" is no time line for bash, so it is a command (a comment)', () => {
  assert.deepEqual(parse('cargo install atuin\n#-377705116800\ncargo update\n'), [
    ['cargo install atuin', null],
    ['#-377705116800', null],
    ['cargo update', null],
  ]);
});

test('a file that starts dated has multi-line entries; blank lines inside are dropped', () => {
  const bytes =
    '#1700000000\nfor f in *; do\n  echo "$f"\n\ndone\n#1700000060\nls -la\n#1700000060\nls -la\n';
  assert.deepEqual(parse(bytes), [
    ['for f in *; do\n  echo "$f"\ndone', 1_700_000_000_000],
    ['ls -la', 1_700_000_060_000],
    ['ls -la', 1_700_000_060_000],
  ]);
});

test('dated later in life: the untimed lines before the first time stay separate commands', () => {
  const bytes = 'make\nmake test\nvim notes\n#1700000000\ngit push\ngit status\n#1700000010\nls\n';
  assert.deepEqual(parse(bytes), [
    ['make', null],
    ['make test', null],
    ['vim notes', null],
    ['git push', 1_700_000_000_000],
    ['git status', null],
    ['ls', 1_700_000_010_000],
  ]);
});

test('CRLF line ends, two time lines in a row, a time beyond 2100, no final newline', () => {
  assert.deepEqual(parse('#1700000000\r\n#1700000005\r\necho hi\r\n#99999999999\r\nuptime'), [
    ['echo hi', 1_700_000_005_000],
    ['uptime', null],
  ]);
});
