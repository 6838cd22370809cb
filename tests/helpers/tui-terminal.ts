/**
 * The built TUI in a real terminal (tmux) for end-to-end tests: homes with entries, a
 * terminal closed after the test, and the program started in it.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { CLI_PATH, runCli } from './run-cli.js';
import { tempHome } from './temp-home.js';
import { openTerminal, type Terminal } from './tmux.js';

/** A home holding `commands`, oldest first (the TUI lists the last one first). */
export async function homeWith(t: TestContext, commands: readonly string[]): Promise<string> {
  const home = tempHome(t);
  const input = commands
    .map((command, i) => JSON.stringify({ command, timestamp: 1000 + i }))
    .join('\n');
  assert.equal((await runCli(['record', '--stdin'], { home, input })).code, 0);
  return home;
}

/** A home with `count` entries, "echo entry-0" the oldest. */
export function homeWithEntries(t: TestContext, count: number): Promise<string> {
  return homeWith(
    t,
    Array.from({ length: count }, (_, i) => `echo entry-${i}`),
  );
}

export function terminalFor(
  t: TestContext,
  env: Record<string, string>,
  size = { width: 80, height: 24 },
): Terminal {
  const terminal = openTerminal({ env, ...size });
  t.after(() => terminal.close());
  return terminal;
}

/** Starts the TUI in the terminal's shell (`before` and `after` run around it). */
export function startTui(terminal: Terminal, options: { before?: string; after?: string } = {}) {
  const parts = [options.before, `node ${CLI_PATH}`, options.after].filter(Boolean);
  terminal.type(parts.join('; '));
  terminal.keys('Enter');
}
