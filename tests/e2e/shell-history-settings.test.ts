/**
 * The hooks record every command as typed, whatever the shell's history settings (Ubuntu's
 * bash has HISTCONTROL=ignoreboth): repeats each time, quotes, tabs, non-ASCII text and
 * multi-line commands intact, a leading space left out. For bash, the person's own history
 * must end up exactly as a bash without the hook keeps it. And a hook that cannot find the
 * program on PATH says so, once.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { cliBinDir, endProcessesOfHome } from '../helpers/cli-on-path.js';
import { runCli } from '../helpers/run-cli.js';
import { tempHome } from '../helpers/temp-home.js';
import { openTerminal, type Terminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

type Shell = 'bash' | 'zsh' | 'fish';

const START: Record<Shell, string> = {
  bash: 'bash --norc --noprofile',
  zsh: 'zsh -f',
  fish: 'fish --no-config',
};
const PROMPT: Record<Shell, string> = { bash: 'bash$', zsh: 'zsh%', fish: 'fish>' };
const SET_PROMPT: Record<Shell, string> = {
  bash: `PS1='bash$ '`,
  zsh: `PROMPT='zsh%% '`,
  fish: `function fish_prompt; echo -n 'fish> '; end`,
};
const HOOK: Record<Shell, string> = {
  bash: `eval "$(mcp-terminal init bash)"`,
  zsh: `eval "$(mcp-terminal init zsh)"`,
  fish: `mcp-terminal init fish | source`,
};

/** What is typed, in order; `keys` are tmux key names sent between typed text. */
type Step = { text?: string; keys?: string[] };
const REPEATED = 'echo rep';
const QUOTED = `echo 'it''s' "a \\"q\\"" é中🙂 e\u0301`;
const STEPS: Step[] = [
  { text: REPEATED, keys: ['Enter'] },
  { text: REPEATED, keys: ['Enter'] },
  { text: 'echo other', keys: ['Enter'] },
  { text: REPEATED, keys: ['Enter'] },
  { text: ' echo hidden', keys: ['Enter'] },
  { text: QUOTED, keys: ['Enter'] },
  // An open quote continues on the next line: one command of two lines.
  { text: 'echo "first', keys: ['Enter'] },
  { text: 'second"', keys: ['Enter'] },
];
/**
 * A tab typed literally (quoted insert), where the shell has one. Typed first, at a prompt:
 * typed ahead while a command runs, the terminal driver itself takes Ctrl-V.
 */
const TABBED = 'echo "a\tb"';
const TAB_STEP: Step[] = [
  { text: 'echo "a', keys: ['C-v', 'Tab'] },
  { text: 'b"', keys: ['Enter'] },
];
/**
 * bash: lines that run nothing (comments, a syntax error) are kept or left out
 * of the history as bash alone would; settings changed mid-session (cleared, even) are the
 * person's from then on.
 */
const BASH_CHANGES: Step[] = [
  { text: ' # a comment with a secret', keys: ['Enter'] },
  { text: '# a comment', keys: ['Enter'] },
  { text: '# a comment', keys: ['Enter'] },
  { text: ' fi', keys: ['Enter'] },
  { text: 'HISTCONTROL=', keys: ['Enter'] },
  { text: 'HISTIGNORE=', keys: ['Enter'] },
  { text: ' echo after-clear', keys: ['Enter'] },
  { text: REPEATED, keys: ['Enter'] },
  { text: REPEATED, keys: ['Enter'] },
];
const LAST = 'echo done';

function typeAll(terminal: Terminal, steps: readonly Step[]): void {
  for (const step of steps) {
    if (step.text !== undefined) terminal.type(step.text);
    if (step.keys !== undefined) terminal.keys(...step.keys);
  }
}

async function recordedCommands(home: string): Promise<string[]> {
  const result = await runCli(['search', '--json', '--limit', '1000'], { home });
  return (JSON.parse(result.stdout) as { command: string }[]).map((e) => e.command);
}

async function openShell(
  t: TestContext,
  shell: Shell,
  settings: string,
  options: { hook: boolean; home: string; path?: string },
): Promise<Terminal> {
  const load = [settings, SET_PROMPT[shell], options.hook ? HOOK[shell] : '']
    .filter((part) => part !== '')
    .join('; ');
  // fish runs the line that loads the hook as its start-up command, as config.fish would:
  // typed, it is a command the hook sees and records (fish_postexec fires for it).
  const loadFile = join(tempHome(t, 'mcp-load-'), 'load.fish');
  if (shell === 'fish') writeFileSync(loadFile, `${load}\n`);
  const terminal = openTerminal({
    shell: shell === 'fish' ? `${START.fish} -C 'source ${loadFile}'` : START[shell],
    width: 120,
    height: 30,
    env: {
      MCP_TERMINAL_HOME: options.home,
      PATH: options.path ?? `${cliBinDir(t)}:${process.env['PATH']}`,
      HOME: tempHome(t, 'mcp-user-'),
    },
  });
  t.after(() => {
    terminal.close();
    endProcessesOfHome(options.home);
  });
  if (shell !== 'fish') {
    terminal.type(load);
    terminal.keys('Enter');
  }
  await terminal.waitForScreen(new RegExp(`^${PROMPT[shell].replace(/[$]/g, '\\$')}$`, 'm'));
  return terminal;
}

/**
 * bash's own history, as `history` prints it, without the line that loaded the hook (the
 * plain shell's has no hook) and the command that printed it.
 */
async function bashHistory(terminal: Terminal, file: string): Promise<string> {
  terminal.type(`HISTTIMEFORMAT= builtin history > ${file}; echo history-saved`);
  terminal.keys('Enter');
  await terminal.waitForScreen(/^history-saved$/m);
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  // Entries are numbered the same in both shells; only the texts matter.
  return lines
    .slice(1, -1)
    .map((line) => line.replace(/^ *\d+[* ] /, ''))
    .join('\n');
}

const CASES: { shell: Shell; settings: string }[] = [
  { shell: 'bash', settings: 'HISTCONTROL=ignoreboth' },
  { shell: 'bash', settings: 'HISTCONTROL=ignoredups' },
  { shell: 'bash', settings: 'HISTCONTROL=erasedups' },
  { shell: 'bash', settings: `HISTIGNORE='echo oth*:&'` },
  { shell: 'zsh', settings: 'setopt HIST_IGNORE_DUPS' },
  { shell: 'zsh', settings: 'setopt HIST_IGNORE_ALL_DUPS HIST_IGNORE_SPACE' },
  { shell: 'fish', settings: '' },
];

for (const { shell, settings } of CASES) {
  test(`${shell} ${settings || '(defaults)'}: every command is recorded as typed`, async (t) => {
    const home = tempHome(t);
    const terminal = await openShell(t, shell, settings, { hook: true, home });
    // fish has no quoted insert for a literal tab.
    const steps =
      shell === 'fish' ? STEPS : [...TAB_STEP, ...STEPS, ...(shell === 'bash' ? BASH_CHANGES : [])];
    typeAll(terminal, [...steps, { text: LAST, keys: ['Enter'] }]);
    const expected = [
      REPEATED,
      REPEATED,
      'echo other',
      REPEATED,
      QUOTED,
      'echo "first\nsecond"',
      ...(shell === 'fish' ? [] : [TABBED]),
      ...(shell === 'bash' ? ['HISTCONTROL=', 'HISTIGNORE=', REPEATED, REPEATED] : []),
      LAST,
    ].sort();
    // Each command is recorded by its own background process: they land in any order.
    const commands = await waitFor(`${shell} to record ${expected.length} commands`, async () => {
      const all = await recordedCommands(home);
      return all.length >= expected.length && all.includes(LAST) ? all : null;
    });
    assert.deepEqual(commands.sort(), expected);

    if (shell === 'bash') {
      // The person's history is what bash alone makes of the same keys.
      const plain = await openShell(t, shell, settings, { hook: false, home: tempHome(t) });
      typeAll(plain, [...steps, { text: LAST, keys: ['Enter'] }]);
      const dir = tempHome(t, 'mcp-history-');
      assert.equal(
        await bashHistory(terminal, join(dir, 'hooked')),
        await bashHistory(plain, join(dir, 'plain')),
      );
    }
  });
}

for (const shell of ['bash', 'zsh', 'fish'] as const) {
  test(`${shell}: a hook whose program is not on PATH says so once`, async (t) => {
    const home = tempHome(t);
    // The snippet comes from the built CLI by its path; PATH has no mcp-terminal.
    const snippet = join(tempHome(t, 'mcp-snippet-'), `hook.${shell}`);
    const printed = await runCli(['init', shell], { home });
    writeFileSync(snippet, printed.stdout);
    const terminal = openTerminal({
      shell: START[shell],
      width: 120,
      height: 30,
      env: { MCP_TERMINAL_HOME: home, PATH: '/usr/bin:/bin', HOME: tempHome(t, 'mcp-user-') },
    });
    t.after(() => terminal.close());
    terminal.type(`${SET_PROMPT[shell]}; source ${snippet}`);
    terminal.keys('Enter');
    for (const n of [1, 2, 3]) {
      terminal.type(`echo run-${n}`);
      terminal.keys('Enter');
    }
    const screen = await terminal.waitForScreen(/^run-3$/m);
    assert.equal(screen.match(/mcp-terminal: not on PATH/g)?.length, 1, screen);
    assert.match(screen, /npm install -g/);
    assert.deepEqual(await recordedCommands(home), []);
  });
}
