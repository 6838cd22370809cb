import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXIT_CODES, isMcpError } from '../../source/core/errors.js';
import { screenStream } from '../../source/ui/terminal-check.js';

const tty = { isTTY: true, name: 'tty' };
const file = { isTTY: false, name: 'file' };

test('the TUI draws on stdout, or on stderr when stdout is captured', () => {
  assert.equal(screenStream({ stdin: tty, stdout: tty, stderr: file }).name, 'tty');
  const screen = screenStream({ stdin: tty, stdout: file, stderr: { isTTY: true, name: 'err' } });
  assert.equal(screen.name, 'err');
});

test('without a terminal it refuses with a usage error that says what to use instead', () => {
  for (const [streams, reason] of [
    [{ stdin: file, stdout: tty, stderr: tty }, /stdin is not one/],
    [{ stdin: tty, stdout: file, stderr: file }, /neither stdout nor stderr is one/],
  ] as const) {
    assert.throws(
      () => screenStream(streams),
      (error: unknown) =>
        isMcpError(error) &&
        EXIT_CODES[error.code] === 2 &&
        reason.test(error.message) &&
        /needs a terminal.*use mcp-terminal search/.test(error.message) &&
        !error.message.includes('\n'),
    );
  }
});
