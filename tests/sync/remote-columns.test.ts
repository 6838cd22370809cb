/**
 * Columns added to the server's table after it was set up (duration_ms): a server created
 * by an earlier version is brought up to date by the first client that needs the column,
 * its existing rows still sync, and the new field travels between machines.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createClient } from '@libsql/client/http';
import { runCli } from '../helpers/run-cli.js';
import { startSqld } from '../helpers/sqld.js';
import { tempHome } from '../helpers/temp-home.js';

// The server's table as version 0.1.0 created it, before duration_ms.
const V1_TABLE = `CREATE TABLE history (
  command_uuid TEXT PRIMARY KEY, command TEXT NOT NULL, response TEXT, timestamp INTEGER NOT NULL,
  user_id TEXT, machine_id TEXT, session_id TEXT, status TEXT, tokens_used INTEGER, cwd TEXT,
  version TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, seq INTEGER NOT NULL)`;

test('a server set up before duration_ms gets the column; old rows and new durations both sync', async (t) => {
  const sqld = await startSqld();
  t.after(() => sqld.dispose());
  const client = createClient({ url: sqld.url });
  t.after(() => client.close());
  await client.batch(
    [
      'CREATE TABLE mcp_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
      "INSERT INTO mcp_meta VALUES ('schema_version', '1')",
      V1_TABLE,
      'CREATE UNIQUE INDEX history_by_seq ON history(seq)',
      `INSERT INTO history VALUES ('0190aaaa-0000-7000-8000-000000000001', 'old entry', NULL, 1000, NULL,
        'old-box', NULL, '0', NULL, NULL, '000000000001000-00000-old-box', 0, 1)`,
    ],
    'write',
  );
  const env = { TURSO_DATABASE_URL: sqld.url };
  const laptop = tempHome(t);
  // A pull first: reading the new column from the old table must not fail.
  const pulled = await runCli(['sync', '--json'], { home: laptop, env });
  assert.equal(pulled.code, 0, pulled.stderr);
  assert.equal(JSON.parse(pulled.stdout).downloaded, 1);
  assert.equal(
    (
      await runCli(['record', '--command', 'make test', '--duration', '4200'], {
        home: laptop,
        env,
      })
    ).code,
    0,
  );
  assert.equal((await runCli(['sync'], { home: laptop, env })).code, 0);
  const columns = (await client.execute("SELECT name FROM pragma_table_info('history')")).rows.map(
    (r) => r['name'],
  );
  assert.ok(columns.includes('duration_ms'));

  const desktop = tempHome(t);
  assert.equal((await runCli(['sync'], { home: desktop, env })).code, 0);
  const found = JSON.parse((await runCli(['search', '--json'], { home: desktop })).stdout) as {
    command: string;
    durationMs: number | null;
  }[];
  assert.deepEqual(found.map((e) => [e.command, e.durationMs]).sort(), [
    ['make test', 4200],
    ['old entry', null],
  ]);
});
