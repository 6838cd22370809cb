/**
 * A bin folder whose `mcp-terminal` runs the built CLI, as an installed package's does:
 * the shell hooks find the program on PATH, never through an alias.
 */
import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { CLI_PATH } from './run-cli.js';
import { tempHome } from './temp-home.js';
import { openTerminal, type Terminal } from './tmux.js';

export function cliBinDir(t: TestContext): string {
  const dir = tempHome(t, 'mcp-bin-');
  const wrapper = join(dir, 'mcp-terminal');
  writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${CLI_PATH}" "$@"\n`);
  chmodSync(wrapper, 0o755);
  return dir;
}

/**
 * Ends every process still working in `home` (named by MCP_TERMINAL_HOME in its
 * environment): the hooks' `record --sync-if-due` runs detached from its shell, so closing
 * the terminal does not end it, and one may wait up to a sync interval.
 */
export function endProcessesOfHome(home: string): void {
  const marker = Buffer.from(`\0MCP_TERMINAL_HOME=${home}\0`);
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    let environ: Buffer;
    try {
      environ = Buffer.concat([Buffer.from([0]), readFileSync(`/proc/${name}/environ`)]);
    } catch {
      continue; // ended meanwhile, or not ours to read
    }
    if (environ.includes(marker)) {
      try {
        process.kill(Number(name), 'SIGKILL');
      } catch {
        // Ended meanwhile.
      }
    }
  }
}

/**
 * An interactive bash in a real terminal with Ubuntu's HISTCONTROL=ignoreboth and the hook
 * loaded, for `home`, syncing to `url` every `intervalMs`; `bin` holds the mcp-terminal it
 * finds on PATH. Closing it also ends what its hook left running. The caller waits for the
 * `bash$` prompt.
 */
export function openHookedBash(
  t: TestContext,
  options: { home: string; url: string; bin: string; intervalMs: number },
): Terminal {
  const { home } = options;
  writeFileSync(
    join(home, 'config.json'),
    JSON.stringify({ sync: { interval: options.intervalMs } }),
  );
  const terminal = openTerminal({
    width: 120,
    height: 30,
    env: {
      MCP_TERMINAL_HOME: home,
      TURSO_DATABASE_URL: options.url,
      PATH: `${options.bin}:${process.env['PATH']}`,
      HOME: tempHome(t, 'mcp-user-'),
    },
  });
  t.after(() => {
    terminal.close();
    endProcessesOfHome(home);
  });
  terminal.type(`HISTCONTROL=ignoreboth; PS1='bash$ '; eval "$(mcp-terminal init bash)"`);
  terminal.keys('Enter');
  return terminal;
}
