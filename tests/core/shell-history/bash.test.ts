/**
 * bash's history file as bash reads it (readline's histfile.c). Inputs are byte strings;
 * the cases marked "Atuin" are the inputs of Atuin's bash importer tests (atuinsh/atuin,
 * crates/atuin-client/src/import/bash.rs), with what bash itself makes of them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_CONTINUATION_LINES, parseBash } from '../../../source/core/shell-history/bash.js';

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

test('starts dated, then a long untimed stretch: its lines are commands, never one entry', () => {
  // What a histfile shared with a shell without HISTTIMEFORMAT looks like.
  const untimed = Array.from({ length: 1000 }, (_, i) => `git status ${i}`);
  const bytes = `#1700000000\nls\n#1700000001\npwd\n#1700000002\nmake\n${untimed.join('\n')}\n`;
  const commands = parse(bytes);
  assert.equal(commands.length, 1003);
  assert.deepEqual(commands.slice(0, 4), [
    ['ls', 1_700_000_000_000],
    ['pwd', 1_700_000_001_000],
    ['make', 1_700_000_002_000],
    ['git status 0', null],
  ]);
  assert.deepEqual(commands.at(-1), ['git status 999', null]);
  // A time line after the stretch dates and merges again.
  assert.deepEqual(parse(`${bytes}#1700000100\nfor f in *; do\n  echo "$f"\ndone\n`).at(-1), [
    'for f in *; do\n  echo "$f"\ndone',
    1_700_000_100_000,
  ]);
});

test(`a dated entry keeps up to ${MAX_CONTINUATION_LINES} more lines; one more splits it into lines`, () => {
  const body = (n: number) => Array.from({ length: n }, (_, i) => `echo ${i}`).join('\n');
  const timed = Array.from({ length: 300 }, (_, i) => `#${1_700_000_100 + i}\nls ${i}`).join('\n');
  const kept = parse(`#1700000000\ncat <<EOF\n${body(MAX_CONTINUATION_LINES)}\n${timed}\n`);
  assert.equal(kept.length, 301);
  assert.equal(kept[0]?.[0].split('\n').length, 1 + MAX_CONTINUATION_LINES);
  const split = parse(`#1700000000\ncat <<EOF\n${body(MAX_CONTINUATION_LINES + 1)}\n${timed}\n`);
  assert.equal(split.length, 300 + 2 + MAX_CONTINUATION_LINES);
  assert.deepEqual(split.slice(0, 2), [
    ['cat <<EOF', 1_700_000_000_000],
    ['echo 0', null],
  ]);
});

test('untimed one-line commands all through a file that starts dated: no entry merges', () => {
  // Every other stretch written by a shell without HISTTIMEFORMAT: one time line per five
  // commands, too few for a file bash wrote with time lines throughout.
  const bytes = Array.from(
    { length: 20 },
    (_, i) => `#${1_700_000_000 + i}\nvim ${i}\nmake\nmake test\ngit add .\ngit commit\n`,
  ).join('');
  const commands = parse(bytes);
  assert.equal(commands.length, 100);
  assert.deepEqual(commands.slice(0, 3), [
    ['vim 0', 1_700_000_000_000],
    ['make', null],
    ['make test', null],
  ]);
});

test('a run of NUL bytes (a write lost in a crash) is damage: skipped, and it ends the entry', () => {
  const nuls = '\0'.repeat(4096);
  assert.deepEqual(
    parse(`#1700000000\nls\n#1700000005\n${nuls}git status\n${nuls}\n#1700000010\nmake\n`),
    [
      ['ls', 1_700_000_000_000],
      ['git status', null],
      ['make', 1_700_000_010_000],
    ],
  );
  assert.deepEqual(parse(`ls\ncd a${nuls}\n\0\0\nvim b\n`), [
    ['ls', null],
    ['cd a', null],
    ['vim b', null],
  ]);
});
