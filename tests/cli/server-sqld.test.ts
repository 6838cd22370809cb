/**
 * Where `server` gets sqld: MCP_TERMINAL_SQLD names one explicitly (and is then the only one
 * tried), and a name that is not a runnable file gets one line saying what to do, exit 2,
 * before anything starts. The default case (the binary the package ships) is tested on a
 * real install in tests/e2e/package-install.test.ts.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { spawnOwned } from '../helpers/reaper.js';
import { CLI_PATH, runCli } from '../helpers/run-cli.js';
import { freePort, SQLD_BINARY } from '../helpers/sqld.js';
import { tempHome } from '../helpers/temp-home.js';
import { waitFor } from '../helpers/wait-for.js';

for (const [what, value] of [
  ['a path that does not exist', '/nonexistent/sqld'],
  ['a folder', '/tmp'],
] as const) {
  test(`MCP_TERMINAL_SQLD naming ${what}: exit 2, one line`, async (t) => {
    const home = tempHome(t);
    const result = await runCli(['server', '--port', String(await freePort())], {
      home,
      env: { MCP_TERMINAL_SQLD: value },
    });
    assert.equal(result.code, 2, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(`^mcp-terminal: server: MCP_TERMINAL_SQLD=${value} is not an executable file`),
    );
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  });
}

test('MCP_TERMINAL_SQLD naming a sqld: that binary serves', async (t) => {
  const home = tempHome(t);
  const named = join(tempHome(t, 'mcp-sqld-bin-'), 'my-sqld');
  symlinkSync(SQLD_BINARY, named);
  const port = await freePort();
  const server = spawnOwned(
    process.execPath,
    [CLI_PATH, 'server', '--port', String(port), '--data', join(home, 'server')],
    {
      env: { ...process.env, MCP_TERMINAL_HOME: home, MCP_TERMINAL_SQLD: named },
      stdio: 'ignore',
    },
  );
  const exited = new Promise((resolve) => server.once('exit', resolve));
  t.after(async () => {
    server.kill('SIGTERM');
    await exited;
  });
  await waitFor('the server to answer', async () => {
    return (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok ?? false;
  });
  const child = execFileSync('ps', ['-o', 'args=', '--ppid', String(server.pid)], {
    encoding: 'utf8',
  });
  assert.match(child, new RegExp(`^${named} `));
});
