/**
 * MCP_TERMINAL_LOCK_STATS=FILE: `record` appends one line per write transaction.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/run-cli.js';
import { tempHome } from '../helpers/temp-home.js';

test('record appends its time in the write lock and the wait for it, one JSON line per transaction', async (t) => {
  const home = tempHome(t);
  const file = join(home, 'lock.ndjson');
  const env = { MCP_TERMINAL_LOCK_STATS: file };
  for (const command of ['echo one', 'echo two']) {
    const result = await runCli(['record', '--command', command], { home, env });
    assert.equal(result.code, 0, result.stderr);
  }
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  assert.equal(lines.length, 2);
  for (const line of lines) {
    const { pid, ms, waitMs } = JSON.parse(line) as { pid: number; ms: number; waitMs: number };
    assert.ok(Number.isInteger(pid) && pid > 0, line);
    assert.ok(Number.isFinite(ms) && ms >= 0 && ms < 5000, line);
    assert.ok(waitMs >= 0 && waitMs <= ms, line);
  }
});
