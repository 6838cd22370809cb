/**
 * The built TUI in a real terminal (tmux), given keys the way people give them: several in
 * one read (typed fast over ssh, pasted), and without a terminal at all.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI_PATH, runCli } from '../helpers/run-cli.js';
import { tempHome } from '../helpers/temp-home.js';
import { homeWith, startTui, terminalFor } from '../helpers/tui-terminal.js';

test('keys sent in one chunk all count, in order', async (t) => {
  const home = await homeWith(t, ['yarn build', 'ls -la', 'git status']);
  const terminal = terminalFor(t, { MCP_TERMINAL_HOME: home });
  startTui(terminal);
  await terminal.waitForScreen(/3 entries/);
  terminal.send('x\u0015y');
  await terminal.waitForScreen(/\] > y +\[/);
  terminal.send('\u0015abc\u007f\u007fZ');
  await terminal.waitForScreen(/\] > aZ +\[/);
  // Two Ctrl-R: all machines → this machine → this directory (no session here).
  terminal.send('\u0015\u0012\u0012');
  const scoped = await terminal.waitForScreen(/\[this directory\] > type to search/);
  assert.ok(!scoped.includes('^R') && !scoped.includes('\u0012'));
  // Back to all machines; then two Downs and Enter: the third entry's detail; q goes back
  // and Up moves in the list.
  terminal.send('\u0012');
  await terminal.waitForScreen(/\[all machines\][\s\S]*yarn build/);
  terminal.send('\u001b[B\u001b[B\r');
  await terminal.waitForScreen(/── command\s+yarn build/);
  terminal.send('q\u001b[A');
  await terminal.waitForScreen(/^> .*ls -la/m);
});

test('a paste lands in the query as text, its newlines and tabs made spaces', async (t) => {
  const home = await homeWith(t, ['git status', 'ls']);
  const terminal = terminalFor(t, { MCP_TERMINAL_HOME: home });
  startTui(terminal);
  await terminal.waitForScreen(/2 entries/);
  terminal.paste('git status\nrm -rf /tmp/x\t--force\n');
  const screen = await terminal.waitForScreen(/\] > git status rm -rf \/tmp\/x --force +\[/);
  assert.ok(!screen.includes('── command'), 'a newline in a paste is not Enter');
});

test('every way out turns bracketed paste and autowrap back on as they were', async (t) => {
  const home = await homeWith(t, ['ls']);
  const terminal = terminalFor(t, { MCP_TERMINAL_HOME: home });
  const pidFile = join(home, 'tui.pid');
  // Quit with Esc, then end by a signal; after each, `cat -v` shows what a paste sends.
  for (const end of ['Escape', 'SIGTERM'] as const) {
    terminal.type(
      `clear; bash -c 'echo $$ > ${pidFile}; exec node ${CLI_PATH}'; echo ENDED; cat -v`,
    );
    terminal.keys('Enter');
    await terminal.waitForScreen(/1 entr/);
    assert.equal(terminal.display('#{wrap_flag}'), '0', 'no autowrap while the TUI runs');
    if (end === 'Escape') terminal.keys('Escape');
    else process.kill(Number(readFileSync(pidFile, 'utf8')), end);
    await terminal.waitForScreen(/ENDED/);
    assert.equal(terminal.display('#{wrap_flag}'), '1', `autowrap back after ${end}`);
    terminal.paste('PASTED');
    terminal.keys('Enter');
    const after = await terminal.waitForScreen(/PASTED\s*\n.*PASTED/);
    assert.ok(!after.includes('[200~'), `bracketed paste off after ${end}`);
    terminal.keys('C-d');
  }
});

test('without a terminal it says so in one line, exits 2 and writes nothing to stdout', async (t) => {
  const home = tempHome(t);
  const piped = await runCli([], { home });
  assert.equal(piped.code, 2);
  assert.equal(piped.stdout, '');
  assert.match(
    piped.stderr,
    /^mcp-terminal: the history browser needs a terminal, and stdin is not one; use mcp-terminal search in scripts\n$/,
  );

  // From a shell: stdin from /dev/null, stdout to a file, stderr on the terminal.
  const out = join(home, 'out.txt');
  const terminal = terminalFor(t, { MCP_TERMINAL_HOME: home });
  terminal.type(`node ${CLI_PATH} </dev/null >${out}; echo EXIT=$?`);
  terminal.keys('Enter');
  const screen = await terminal.waitForScreen(/EXIT=\d+/);
  assert.match(screen, /EXIT=2/);
  assert.match(screen, /needs a terminal, and stdin is not one/);
  assert.equal(readFileSync(out, 'utf8'), '', 'no screen-control codes in the file');
});
