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

test('keys typed ahead of the search act on its answer: Ctrl-D y, then Tab', async (t) => {
  // `git push --force` (the newest) stays selected until the query worker answers `foo`.
  const home = await homeWith(t, [
    'echo zzqx',
    'foo bar',
    'rm -rf build && make',
    'git push --force',
  ]);
  const terminal = terminalFor(t, { MCP_TERMINAL_HOME: home });
  terminal.type(`CHOSEN="$(node ${CLI_PATH})"; echo "GOT[$CHOSEN]"`);
  terminal.keys('Enter');
  await terminal.waitForScreen(/^> .*git push --force/m);
  terminal.send('foo\u0004y');
  const deleted = await terminal.waitForScreen(/deleted "foo bar"/);
  assert.match(deleted, /3 entries/);
  terminal.send('\u0015zzqx\t');
  await terminal.waitForScreen(/GOT\[echo zzqx\]/);
  const listed = await runCli(['search', 'git push'], { home });
  assert.match(listed.stdout, /git push --force/, 'the old selection is still there');
});

test('an escape sequence split over two reads is one key, not Esc and text', async (t) => {
  const home = await homeWith(t, ['yarn build', 'ls -la', 'git status']);
  const terminal = terminalFor(t, { MCP_TERMINAL_HOME: home });
  startTui(terminal, { after: 'echo ENDED' });
  await terminal.waitForScreen(/^> .*git status/m);
  // ESC, 10 ms, then `[B`: Down (as over a slow ssh link), not Esc (quit) then "[B".
  terminal.split('\u001b', '[B');
  await terminal.waitForScreen(/^> .*ls -la/m);
  // A lone Esc is still Esc: on an empty query it quits.
  terminal.keys('Escape');
  const screen = await terminal.waitForScreen(/ENDED/);
  assert.doesNotMatch(screen, /\[B/);
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

test('Tab to a terminal prints the command with its control sequences neutralised', async (t) => {
  // A stored OSC 0 would retitle the terminal, and ESC [2J clear it, if printed raw.
  const home = await homeWith(t, ['echo \u001b]0;pwned\u0007 title\u001b[2J']);
  const terminal = terminalFor(t, { MCP_TERMINAL_HOME: home });
  const before = terminal.display('#{pane_title}');
  startTui(terminal, { after: 'echo ENDED' });
  await terminal.waitForScreen(/1 entry/);
  terminal.send('\t');
  const screen = await terminal.waitForScreen(/^ENDED$/m);
  assert.match(screen, /echo .*pwned.* title/);
  assert.equal(terminal.display('#{pane_title}'), before, 'the title is unchanged');
});
