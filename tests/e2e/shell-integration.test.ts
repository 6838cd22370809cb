/**
 * `mcp-terminal init` in real shells under tmux: commands are recorded with their status
 * and directory, a leading space keeps one out, and Ctrl-R puts the chosen command on the
 * command line.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliBinDir, endProcessesOfHome } from '../helpers/cli-on-path.js';
import { runCli } from '../helpers/run-cli.js';
import { tempHome } from '../helpers/temp-home.js';
import { openTerminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

type Shell = { name: 'bash' | 'zsh' | 'fish'; start: string; load: string; prompt: string };

const SHELLS: Shell[] = [
  {
    name: 'bash',
    start: 'bash --norc --noprofile',
    load: `PS1='bash$ '; eval "$(mcp-terminal init bash)"`,
    prompt: 'bash$ ',
  },
  {
    name: 'zsh',
    start: 'zsh -f',
    load: `PROMPT='zsh%% '; eval "$(mcp-terminal init zsh)"`,
    prompt: 'zsh% ',
  },
  {
    name: 'fish',
    start: 'fish --no-config',
    load: `function fish_prompt; echo -n 'fish> '; end; mcp-terminal init fish | source`,
    prompt: 'fish> ',
  },
];

const escape = (text: string) => text.replace(/[$%>]/g, '\\$&');

type Recorded = {
  command: string;
  status: string | null;
  cwd: string | null;
  sessionId: string | null;
  durationMs: number | null;
  timestamp: number;
};

async function recorded(home: string): Promise<Recorded[]> {
  const result = await runCli(['search', '--json', '--limit', '100'], { home });
  return JSON.parse(result.stdout) as Recorded[];
}

for (const shell of SHELLS) {
  test(`${shell.name}: records commands with status and directory, honours a leading space, Ctrl-R fills the line`, async (t) => {
    const home = tempHome(t);
    const terminal = openTerminal({
      shell: shell.start,
      width: 100,
      height: 24,
      env: {
        MCP_TERMINAL_HOME: home,
        PATH: `${cliBinDir(t)}:${process.env['PATH']}`,
        HOME: tempHome(t, 'mcp-user-'),
      },
    });
    t.after(() => {
      terminal.close();
      endProcessesOfHome(home);
    });
    terminal.type(shell.load);
    terminal.keys('Enter');
    // capture-pane drops trailing spaces: the prompt alone ends the line without its space.
    await terminal.waitForScreen(new RegExp(`^${escape(shell.prompt.trimEnd())}$`, 'm'));
    for (const line of [
      'echo first-one',
      'false',
      ' echo kept-out',
      'cd /tmp',
      'echo in-tmp',
      'sleep 0.3',
      'echo last-one',
    ]) {
      terminal.type(line);
      terminal.keys('Enter');
    }
    // Each command is recorded by its own background process: they land in any order.
    const expected = [
      'echo first-one',
      'false',
      'cd /tmp',
      'echo in-tmp',
      'sleep 0.3',
      'echo last-one',
    ];
    const entries = await waitFor(`${shell.name} to record every command`, async () => {
      const all = await recorded(home);
      return expected.every((command) => all.some((e) => e.command === command)) ? all : null;
    });
    const by = (command: string) => entries.find((e) => e.command === command);
    assert.equal(by('echo first-one')?.status, '0');
    assert.equal(by('false')?.status, '1');
    assert.equal(by('echo in-tmp')?.cwd, '/tmp');
    const slept = by('sleep 0.3')?.durationMs ?? -1;
    assert.ok(slept >= 250 && slept < 10_000, `sleep 0.3 took ${slept} ms`);
    assert.equal(typeof by('echo first-one')?.durationMs, 'number');
    assert.ok(by('echo first-one')?.sessionId?.startsWith(`${shell.name}-`));
    assert.equal(
      entries.filter((e) => e.command.includes('kept-out')).length,
      0,
      'a leading space is not recorded',
    );
    assert.equal(entries.filter((e) => e.command === 'echo first-one').length, 1, 'each run once');
    // The lines were typed ahead: each entry carries its start time, so the order is the
    // order they ran in, whichever background record finished first. fish has no clock
    // variable: its entries take now less the duration, which is near but not exact.
    const times = expected.map((command) => by(command)?.timestamp ?? NaN);
    const slowGap = (times[5] ?? NaN) - (times[4] ?? NaN);
    assert.ok(
      slowGap >= (shell.name === 'fish' ? 100 : 250),
      `echo last-one ${slowGap} ms after sleep 0.3 started`,
    );
    if (shell.name !== 'fish')
      for (let i = 1; i < times.length; i++)
        assert.ok(
          (times[i - 1] ?? NaN) <= (times[i] ?? NaN),
          `${expected[i]} started after ${expected[i - 1]}`,
        );

    // Ctrl-R: the TUI, a query, Tab; the command waits on the shell's line.
    terminal.keys('C-r');
    await terminal.waitForScreen(/mcp-terminal \[all machines\]/);
    terminal.type('first-one');
    await terminal.waitForScreen(/\b1 match\b/);
    terminal.keys('Tab');
    await terminal.waitForScreen(new RegExp(`^${escape(shell.prompt)}echo first-one$`, 'm'));
  });
}
