import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLI_PATH, runCli } from '../helpers/run-cli.js';
import { tempHome } from '../helpers/temp-home.js';
import { openTerminal } from '../helpers/tmux.js';

test('the TUI opens full screen on the newest entries and restores the terminal on quit', async (t) => {
  const home = tempHome(t);
  const input = Array.from({ length: 40 }, (_, i) =>
    JSON.stringify({ command: `echo entry-${i}`, timestamp: 1000 + i }),
  ).join('\n');
  assert.equal((await runCli(['record', '--stdin'], { home, input })).code, 0);

  const terminal = openTerminal({ env: { MCP_TERMINAL_HOME: home } });
  t.after(() => terminal.close());
  terminal.type(`echo BEFORE-TUI; node ${CLI_PATH}`);
  terminal.keys('Enter');
  const screen = await terminal.waitForScreen(/mcp-terminal history/);
  assert.match(screen, /› .*echo entry-39/, 'newest first, selected');
  assert.ok(!screen.includes('BEFORE-TUI'), 'drawn on the alternate screen');
  assert.match(screen, /40 entries/);

  terminal.keys('Down', 'Down');
  await terminal.waitForScreen(/› .*echo entry-37/);

  // Typing filters with the fuzzy engine; Esc clears the query, then quits.
  terminal.type('entry-12');
  const filtered = await terminal.waitForScreen(/1 matches/);
  assert.match(filtered, /› .*echo entry-12/);
  assert.ok(!filtered.includes('entry-39'));
  terminal.keys('Escape');
  await terminal.waitForScreen(/type to search/);
  terminal.keys('Escape');
  const after = await terminal.waitForScreen(/BEFORE-TUI/);
  assert.ok(!after.includes('mcp-terminal history'), 'the alternate screen is gone');
});

test('Ctrl-C also restores the terminal', async (t) => {
  const home = tempHome(t);
  const terminal = openTerminal({ env: { MCP_TERMINAL_HOME: home } });
  t.after(() => terminal.close());
  terminal.type(`echo BEFORE-TUI; node ${CLI_PATH}; echo EXIT=$?`);
  terminal.keys('Enter');
  await terminal.waitForScreen(/No history yet/);
  terminal.keys('C-c');
  const after = await terminal.waitForScreen(/EXIT=\d+/);
  assert.match(after, /BEFORE-TUI/);
  assert.ok(!after.includes('No history yet'));
});
