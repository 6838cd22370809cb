/**
 * A real terminal for end-to-end tests: a tmux server on its own socket, one pane, keys
 * sent with send-keys and the screen read with capture-pane. The server is listed with the
 * test process's watchdog (reaper.ts): tmux detaches from whoever starts it, so nothing
 * else would end it, or the shell and program in its pane, if the test process is killed.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { ownTmuxServer } from './reaper.js';
import { waitFor } from './wait-for.js';

export type Terminal = {
  /**
   * Sends `text` as typed, control characters included ('\u0015' is Ctrl-U), in one
   * send-keys: the program reads it as one chunk, as keys arriving together over ssh.
   */
  type(text: string): void;
  /**
   * Writes `text` to the program in one write (tmux paste-buffer, without paste marks or
   * newline translation), so the program reads it as one chunk: keys that arrived together.
   */
  send(text: string): void;
  /**
   * Pastes `text` as a terminal does: wrapped in bracketed-paste marks when the program
   * asked for them (tmux paste-buffer -p), newlines sent as carriage returns.
   */
  paste(text: string): void;
  /** A tmux format of the pane, e.g. '#{wrap_flag}' (1 while the terminal wraps lines). */
  display(format: string): string;
  /** Sends tmux key names: 'Enter', 'Escape', 'Down', 'C-c'. */
  keys(...names: string[]): void;
  /**
   * Sends `first`, then `rest` in a separate write ~10 ms later from one shell, as a slow
   * link splits an escape sequence: `split('\u001b', '[B')`.
   */
  split(first: string, rest: string): void;
  /** The visible screen as text. */
  screen(): string;
  /** Resizes the window, as a person dragging the terminal's corner. */
  resize(width: number, height: number): void;
  /** Waits until the screen matches. */
  waitForScreen(pattern: RegExp, timeoutMs?: number): Promise<string>;
  close(): void;
};

let serial = 0;

export function openTerminal(
  options: {
    width?: number;
    height?: number;
    env?: Record<string, string>;
    /** The program in the pane. @default bash without rc files */
    shell?: string;
  } = {},
): Terminal {
  const socket = `mcp-test-${process.pid}-${serial++}`;
  const tmux = (...args: string[]) =>
    execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  // Listed before it starts: a kill between the two would otherwise leave it running.
  const disown = ownTmuxServer(socket);
  const envArgs = Object.entries(options.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  const assignments = Object.entries(options.env ?? {})
    .map(([k, v]) => `${k}='${v.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  tmux(
    'new-session',
    '-d',
    '-s',
    'main',
    '-x',
    String(options.width ?? 80),
    '-y',
    String(options.height ?? 24),
    ...envArgs,
    // A person's terminal, not a CI job: Ink draws only the final frame when it sees CI
    // variables, so the shell in the pane starts without them.
    // The variables are also given on the command line: tmux keeps its own PATH otherwise.
    `env -u CI -u CONTINUOUS_INTEGRATION ${assignments} ${options.shell ?? 'bash --norc --noprofile'}`,
  );
  tmux('set-option', '-g', 'status', 'off');
  // tmux leaves its socket file behind when killed; a run of the suite would add dozens.
  const socketPath = tmux('display-message', '-p', '#{socket_path}').trim();
  const terminal: Terminal = {
    type: (text) => void tmux('send-keys', '-t', 'main', '-l', text),
    keys: (...names) => void tmux('send-keys', '-t', 'main', ...names),
    split: (first, rest) => {
      const hex = (text: string) => [...Buffer.from(text)].map((b) => b.toString(16)).join(' ');
      const send = (text: string) => `tmux -L ${socket} send-keys -t main -H ${hex(text)}`;
      execFileSync('sh', ['-c', `${send(first)}; sleep 0.01; ${send(rest)}`]);
    },
    send: (text) => {
      execFileSync('tmux', ['-L', socket, 'load-buffer', '-b', 'test-send', '-'], { input: text });
      tmux('paste-buffer', '-r', '-d', '-b', 'test-send', '-t', 'main');
    },
    paste: (text) => {
      execFileSync('tmux', ['-L', socket, 'load-buffer', '-b', 'test-paste', '-'], { input: text });
      tmux('paste-buffer', '-p', '-d', '-b', 'test-paste', '-t', 'main');
    },
    display: (format) => tmux('display-message', '-p', '-t', 'main', format).trim(),
    screen: () => tmux('capture-pane', '-p', '-t', 'main'),
    resize: (width, height) =>
      void tmux('resize-window', '-t', 'main', '-x', String(width), '-y', String(height)),
    waitForScreen: (pattern, timeoutMs = 15_000) =>
      waitFor(
        `screen to match ${pattern}`,
        () => {
          const text = terminal.screen();
          return pattern.test(text) ? text : null;
        },
        { timeoutMs, intervalMs: 25 },
      ),
    close: () => {
      try {
        tmux('kill-server');
      } catch {
        // Already gone.
      }
      rmSync(socketPath, { force: true });
      disown();
    },
  };
  return terminal;
}
