/**
 * A bin folder whose `mcp-terminal` runs the built CLI, as an installed package's does:
 * the shell hooks find the program on PATH, never through an alias.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { CLI_PATH } from './run-cli.js';
import { tempHome } from './temp-home.js';

export function cliBinDir(t: TestContext): string {
  const dir = tempHome(t, 'mcp-bin-');
  const wrapper = join(dir, 'mcp-terminal');
  writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${CLI_PATH}" "$@"\n`);
  chmodSync(wrapper, 0o755);
  return dir;
}
