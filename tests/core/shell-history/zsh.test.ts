/**
 * zsh's history file as zsh reads it (Src/hist.c readhistline). Inputs are bytes; the cases
 * marked "Atuin" are the inputs of Atuin's zsh importer tests (atuinsh/atuin,
 * crates/atuin-client/src/import/zsh.rs).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseZsh } from '../../../source/core/shell-history/zsh.js';

const parse = (bytes: string | Buffer) =>
  [...parseZsh(typeof bytes === 'string' ? Buffer.from(bytes) : bytes)].map(
    (c) => [c.command, c.timestamp, c.durationMs ?? null] as const,
  );

test('Atuin test_parse_file: a typed backslash continuation comes back as typed', () => {
  const zalgo = 'cargo :b̷i̶t̴r̵o̴t̴ ̵i̷s̴ ̷r̶e̵a̸l̷';
  const bytes =
    ': 1613322469:0;cargo install atuin\n' +
    ': 1613322469:10;cargo install atuin; \\\\\ncargo update\n' +
    `: 1613322469:10;${zalgo}\n`;
  assert.deepEqual(parse(bytes), [
    ['cargo install atuin', 1_613_322_469_000, 0],
    ['cargo install atuin; \\\ncargo update', 1_613_322_469_000, 10_000],
    [zalgo, 1_613_322_469_000, 10_000],
  ]);
});

test('Atuin test_parse_metafied: bytes >= 0x83 are stored as 0x83, byte ^ 0x20', () => {
  const bytes = Buffer.from([
    ...Buffer.from('echo '),
    0xe4,
    0xbd,
    0x83,
    0x80,
    0xe5,
    0xa5,
    0xbd,
    0x0a,
    ...Buffer.from('ls ~/'),
    0xe9,
    0x83,
    0xbf,
    0xb3,
    0xe4,
    0xb9,
    0x83,
    0xb0,
    0x0a,
  ]);
  assert.deepEqual(parse(bytes), [
    ['echo 你好', null, null],
    ['ls ~/音乐', null, null],
  ]);
});

test('Atuin colon-prefixed lines that are not extended history stay whole commands', () => {
  assert.deepEqual(parse(': > file\n: 1613322469:no semicolon here\n: foo:bar;baz\n'), [
    [': > file', null, null],
    [': 1613322469:no semicolon here', null, null],
    [': foo:bar;baz', null, null],
  ]);
});

test('docker run \\ typed over two lines: saved with two backslashes, one entry', () => {
  // What zsh writes: the typed "\" and then "\" + newline for the newline itself.
  assert.deepEqual(parse(': 1700000005:2;docker run \\\\\n  --rm alpine\n: 1700000009:0;ls\n'), [
    ['docker run \\\n  --rm alpine', 1_700_000_005_000, 2000],
    ['ls', 1_700_000_009_000, 0],
  ]);
});

test('a multi-line command (each newline saved as \\ + newline) and a \\: escaped plain line', () => {
  assert.deepEqual(parse('for f in *\\\ndo\\\n  echo $f\\\ndone\n\\: not a time\nuptime'), [
    ['for f in *\ndo\n  echo $f\ndone', null, null],
    [': not a time', null, null],
    ['uptime', null, null],
  ]);
});

test('a run of NUL bytes is damage: skipped, and it ends an entry that asked to continue', () => {
  const nuls = '\0'.repeat(4096);
  assert.deepEqual(
    parse(`: 1700000000:0;for f in *\\\n${nuls}: 1700000005:0;ls\n${nuls}\n: 1700000009:0;pwd\n`),
    [
      ['for f in *\\', 1_700_000_000_000, 0],
      ['ls', 1_700_000_005_000, 0],
      ['pwd', 1_700_000_009_000, 0],
    ],
  );
});
