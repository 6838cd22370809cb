/**
 * A machine with only the shell hook keeps in sync: two homes with the bash hook in real
 * interactive shells (Ubuntu's HISTCONTROL=ignoreboth), one real sqld, no TUI and nobody
 * running `sync`. A command typed in one appears in the other's search once the other runs
 * any command, within `interval` plus a few seconds; repeats arrive as often as they ran.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { cliBinDir, openHookedBash } from '../helpers/cli-on-path.js';
import { runCli } from '../helpers/run-cli.js';
import { startSqld } from '../helpers/sqld.js';
import { tempHome } from '../helpers/temp-home.js';
import type { Terminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

const INTERVAL_MS = 2000;
/** What "a few seconds" may take on a loaded two-core machine: node start-ups and a sync. */
const SLACK_MS = 10_000;

async function hookedShell(t: TestContext, home: string, url: string): Promise<Terminal> {
  const terminal = openHookedBash(t, { home, url, bin: cliBinDir(t), intervalMs: INTERVAL_MS });
  await terminal.waitForScreen(/^bash\$$/m);
  return terminal;
}

function run(terminal: Terminal, line: string): void {
  terminal.type(line);
  terminal.keys('Enter');
}

async function commands(home: string): Promise<string[]> {
  const result = await runCli(['search', '--json', '--limit', '1000'], { home });
  assert.equal(result.code, 0, result.stderr);
  return (JSON.parse(result.stdout) as { command: string }[]).map((e) => e.command);
}

const count = (list: readonly string[], command: string) =>
  list.filter((c) => c === command).length;

test('the hook alone carries commands between two machines, repeats included', async (t) => {
  const sqld = await startSqld();
  t.after(() => sqld.dispose());
  const homeA = tempHome(t);
  const homeB = tempHome(t);
  const shellA = await hookedShell(t, homeA, sqld.url);
  const shellB = await hookedShell(t, homeB, sqld.url);

  // A test run that fails, then passes: the same command twice, as a person types it.
  run(shellA, 'echo npm-test-run');
  run(shellA, 'false');
  run(shellA, 'echo npm-test-run');
  const typedAt = Date.now();
  await waitFor('A to record its three commands', async () => {
    const mine = await commands(homeA);
    return count(mine, 'echo npm-test-run') === 2 && mine.includes('false');
  });
  // B runs a command at once, before A's last commands have left A (A's background process
  // uploads them when its interval is up): B's follow-up pull, one interval after its own
  // sync, still brings them, with nobody typing anything more.
  run(shellB, 'true');
  const arrived = await waitFor(
    "A's commands in B's search",
    async () => {
      const theirs = await commands(homeB);
      return count(theirs, 'echo npm-test-run') === 2 && theirs.includes('false') ? theirs : null;
    },
    { timeoutMs: INTERVAL_MS + SLACK_MS, intervalMs: 100 },
  );
  assert.ok(arrived.includes('true'), "B's own command is there too");
  t.diagnostic(`A's commands reached B's search ${Date.now() - typedAt} ms after they were typed`);

  // And back: A runs any command, and B's gets there.
  run(shellA, 'echo after');
  await waitFor(
    "B's command in A's search",
    async () => ((await commands(homeA)).includes('true') ? true : null),
    { timeoutMs: INTERVAL_MS + SLACK_MS, intervalMs: 100 },
  );
  const status = await runCli(['status', '--json'], { home: homeA });
  const parsed = JSON.parse(status.stdout) as { lastSyncedAt: number | null };
  assert.ok(parsed.lastSyncedAt !== null, 'A synced without anyone running sync');
});
