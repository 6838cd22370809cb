/**
 * The built program in a real terminal (tmux), against real cache files and a real sqld.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI_PATH, runCli } from '../helpers/run-cli.js';
import { startSqld } from '../helpers/sqld.js';
import { tempHome } from '../helpers/temp-home.js';
import type { Terminal } from '../helpers/tmux.js';
import { homeWithEntries, terminalFor } from '../helpers/tui-terminal.js';

test('the TUI opens full screen on the newest entries, filters, re-lays out and restores the terminal', async (t) => {
  const home = await homeWithEntries(t, 40);
  const terminal = terminalFor(t, { MCP_TERMINAL_HOME: home });
  terminal.type(`echo BEFORE-TUI; node ${CLI_PATH}`);
  terminal.keys('Enter');
  const screen = await terminal.waitForScreen(/40 entries/);
  assert.match(screen, /mcp-terminal \[all machines\] > type to search/);
  assert.match(screen, /^> .*echo entry-39/m, 'newest first, selected');
  assert.ok(!screen.includes('BEFORE-TUI'), 'drawn on the alternate screen');
  assert.equal(screen.split('\n').filter((line) => line.includes('echo entry-')).length, 21);

  terminal.keys('Down', 'Down');
  await terminal.waitForScreen(/^> .*echo entry-37/m);

  // A taller window shows more rows.
  terminal.resize(100, 30);
  await waitForRows(terminal, 27);

  // Typing filters with the fuzzy engine; Esc clears the query, then quits.
  terminal.type('entry-12');
  const filtered = await terminal.waitForScreen(/1 match\b/);
  assert.match(filtered, /^> .*echo entry-12/m);
  assert.ok(!filtered.includes('entry-39'));
  terminal.keys('Escape');
  await terminal.waitForScreen(/type to search/);
  terminal.keys('Escape');
  const after = await terminal.waitForScreen(/BEFORE-TUI/);
  assert.ok(!after.includes('mcp-terminal [all machines]'), 'the alternate screen is gone');
});

async function waitForRows(terminal: Terminal, rows: number): Promise<void> {
  await terminal.waitForScreen(
    new RegExp(`^(?:[\\s\\S]*?echo entry-){${rows}}(?![\\s\\S]*echo entry-)`),
  );
}

test('Ctrl-C also restores the terminal', async (t) => {
  const terminal = terminalFor(t, { MCP_TERMINAL_HOME: tempHome(t) });
  terminal.type(`echo BEFORE-TUI; node ${CLI_PATH}; echo EXIT=$?`);
  terminal.keys('Enter');
  await terminal.waitForScreen(/No history in all machines yet/);
  terminal.keys('C-c');
  const after = await terminal.waitForScreen(/EXIT=\d+/);
  assert.match(after, /BEFORE-TUI/);
  assert.ok(!after.includes('No history'));
});

// SIGTERM: a closed window, a killed job. SIGINT: Ctrl-C pressed before Ink has put the
// terminal in raw mode. Either way the screen comes back and the shell goes on (exit 130).
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} restores the terminal and lets the shell go on`, async (t) => {
    const home = tempHome(t);
    const terminal = terminalFor(t, { MCP_TERMINAL_HOME: home });
    const pidFile = join(home, 'tui.pid');
    terminal.type(
      `echo BEFORE-TUI; bash -c 'echo $$ > ${pidFile}; exec node ${CLI_PATH}'; echo EXIT=$?`,
    );
    terminal.keys('Enter');
    await terminal.waitForScreen(/No history in all machines yet/);
    process.kill(Number(readFileSync(pidFile, 'utf8')), signal);
    const after = await terminal.waitForScreen(/EXIT=130/);
    assert.match(after, /BEFORE-TUI/);
    assert.ok(!after.includes('No history'));
  });
}

test('Tab prints the selected command on stdout once the screen is restored', async (t) => {
  const home = await homeWithEntries(t, 5);
  const terminal = terminalFor(t, { MCP_TERMINAL_HOME: home });
  // As a shell widget uses it: stdout captured, the TUI drawn on the terminal.
  terminal.type(`CHOSEN="$(node ${CLI_PATH})"; echo "GOT[$CHOSEN]"`);
  terminal.keys('Enter');
  await terminal.waitForScreen(/^> .*echo entry-4/m);
  terminal.keys('Down');
  await terminal.waitForScreen(/^> .*echo entry-3/m);
  terminal.keys('Tab');
  await terminal.waitForScreen(/GOT\[echo entry-3\]/);
});

test("Ctrl-S syncs with a real sqld: the badge reaches SYNCHRONIZED and other homes' entries appear live", async (t) => {
  const sqld = await startSqld();
  t.after(() => sqld.dispose());
  const remote = { TURSO_DATABASE_URL: sqld.url };
  const laptop = await homeWithEntries(t, 3);
  // Short interval so the arrival below comes in without a key press.
  writeFileSync(join(laptop, 'config.json'), JSON.stringify({ sync: { interval: 1000 } }), {
    mode: 0o600,
  });
  const desktop = tempHome(t);
  const onDesktop = (args: string[]) => runCli(args, { home: desktop, env: remote });
  assert.equal((await onDesktop(['record', '--command', 'cargo build --release'])).code, 0);
  assert.equal((await onDesktop(['sync'])).code, 0);

  const terminal = terminalFor(
    t,
    { MCP_TERMINAL_HOME: laptop, ...remote },
    { width: 100, height: 24 },
  );
  terminal.type(`node ${CLI_PATH}`);
  terminal.keys('Enter');
  await terminal.waitForScreen(/3 entries/);
  terminal.keys('C-s');
  const synced = await terminal.waitForScreen(/\[SYNCHRONIZED\][\s\S]*4 entries/);
  assert.match(synced, /cargo build --release/);
  assert.match(synced, /synced: 3 up, 1 down/);

  // Recorded on the desktop while the laptop's TUI is open: it appears by itself.
  assert.equal((await onDesktop(['record', '--command', 'make deploy-from-desktop'])).code, 0);
  assert.equal((await onDesktop(['sync'])).code, 0);
  const live = await terminal.waitForScreen(/make deploy-from-desktop[\s\S]*5 entries/);
  assert.match(live, /^> .*echo entry-2/m, 'the selection stays on the entry it was on');
  terminal.keys('Escape');
});
