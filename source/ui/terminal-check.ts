/**
 * Whether the TUI can run here, decided before anything is written. It reads keys from
 * stdin and draws on stdout, or on stderr when stdout is captured (`$(mcp-terminal)`: Tab's
 * command goes to stdout, the screen to the terminal). Without a terminal to read from or
 * draw on it stops with one line on stderr and exit code 2 (USAGE), and writes nothing to
 * stdout: no screen-control codes land in a file or a pipe.
 */
import { McpError } from '../core/errors.js';

type Stream = { readonly isTTY?: boolean };

export type TerminalStreams<S extends Stream> = {
  readonly stdin: Stream;
  readonly stdout: S;
  readonly stderr: S;
};

const ADVICE = 'use mcp-terminal search in scripts';

/** The stream to draw on; throws a USAGE error when there is no terminal for the TUI. */
export function screenStream<S extends Stream>(streams: TerminalStreams<S>): S {
  if (streams.stdin.isTTY !== true)
    throw new McpError(
      'USAGE',
      `the history browser needs a terminal, and stdin is not one; ${ADVICE}`,
    );
  if (streams.stdout.isTTY === true) return streams.stdout;
  if (streams.stderr.isTTY === true) return streams.stderr;
  throw new McpError(
    'USAGE',
    `the history browser needs a terminal, and neither stdout nor stderr is one; ${ADVICE}`,
  );
}
