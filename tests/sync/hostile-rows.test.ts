/**
 * Rows planted straight into the server by SQL (a broken client, anyone holding the token)
 * and outside input that used to stop or fool sync: each case from the hostile review, with
 * the CLI's verbs against a real sqld. None may stop sync, fool the server's "apply only if
 * newer", crash a verb, or leave two homes disagreeing while both say SYNCHRONIZED. The verbs
 * run in this process (run-cli-in-process.ts): the cases are about what the server holds,
 * and a process per verb made this file take minutes on a loaded machine.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { createClient } from '@libsql/client/http';
import { spawnOwned } from '../helpers/reaper.js';
import type { CliResult } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { freePort, SQLD_BINARY, startSqld, type Sqld } from '../helpers/sqld.js';
import { tempHome } from '../helpers/temp-home.js';
import { waitFor } from '../helpers/wait-for.js';

async function server(t: TestContext): Promise<Sqld> {
  const sqld = await startSqld();
  t.after(() => sqld.dispose());
  return sqld;
}

async function plant(url: string, statements: { sql: string; args?: unknown[] }[]) {
  const client = createClient({ url });
  try {
    await client.batch(
      statements.map((s) => ({ sql: s.sql, args: (s.args ?? []) as never })),
      'write',
    );
  } finally {
    client.close();
  }
}

async function serverRow(url: string, uuid: string): Promise<Record<string, unknown> | undefined> {
  const client = createClient({ url });
  try {
    const result = await client.execute({
      sql: 'SELECT version, response FROM history WHERE command_uuid = ?',
      args: [uuid],
    });
    return result.rows[0] as Record<string, unknown> | undefined;
  } finally {
    client.close();
  }
}

function homes(t: TestContext, sqld: Sqld) {
  const env = { TURSO_DATABASE_URL: sqld.url };
  const run = (home: string, args: string[], input?: string) =>
    runCliInProcess(args, { home, env, ...(input === undefined ? {} : { input }) });
  return { env, run, a: tempHome(t), b: tempHome(t) };
}

function ok(result: CliResult): CliResult {
  assert.equal(result.code, 0, `exit ${result.code}: ${result.stderr}`);
  return result;
}

/** No verb may answer outside input with an internal error (exit 1) or a stack trace. */
function noInternal(result: CliResult): CliResult {
  assert.notEqual(result.code, 1, result.stderr);
  assert.doesNotMatch(result.stderr, /internal error|\n\s+at /);
  return result;
}

const UUID = '01900000-0000-7000-8000-00000000beef';
const OTHER = '01900000-0000-7000-8000-00000000f00d';
const PLANT = `INSERT INTO history (command_uuid, command, response, timestamp, version, deleted, seq)
  VALUES (?, ?, ?, ?, ?, 0, (SELECT MAX(seq) FROM history) + 1)`;

describe('versions the code could not have written', () => {
  test("a stored version 'zzzz' cannot keep honest edits out; it is quarantined, both homes converge", async (t) => {
    const sqld = await server(t);
    const { run, a, b } = homes(t, sqld);
    const uuid = ok(await run(a, ['record', '--command', 'deploy'])).stdout.trim();
    ok(await run(a, ['sync']));
    await plant(sqld.url, [
      {
        sql: "UPDATE history SET version = 'zzzz', response = 'forged' WHERE command_uuid = ?",
        args: [uuid],
      },
    ]);
    ok(await run(b, ['sync']));
    const bStatus = JSON.parse(ok(await run(b, ['status', '--json'])).stdout);
    assert.equal(bStatus.quarantined, 1);
    assert.equal(bStatus.quarantine[0].uuid, uuid);
    assert.match(bStatus.quarantine[0].reason, /version/);

    ok(await run(a, ['update', uuid, '--response', 'honest']));
    ok(await run(a, ['sync']));
    assert.equal((await serverRow(sqld.url, uuid))?.['response'], 'honest');
    ok(await run(b, ['sync']));
    const seen = JSON.parse(ok(await run(b, ['search', 'deploy', '--json'])).stdout);
    assert.equal(seen[0].response, 'honest');
    // The honest version replaced the bad row: nothing is quarantined any more.
    assert.equal(JSON.parse(ok(await run(b, ['status', '--json'])).stdout).quarantined, 0);
  });

  test('a version with an out-of-range wall time: quarantined; update and delete still work', async (t) => {
    const sqld = await server(t);
    const { run, a, b } = homes(t, sqld);
    const uuid = ok(await run(a, ['record', '--command', 'make'])).stdout.trim();
    ok(await run(a, ['sync']));
    await plant(sqld.url, [
      {
        sql: "UPDATE history SET version = '999999999999999-zzzzz-z' WHERE command_uuid = ?",
        args: [uuid],
      },
    ]);
    ok(await run(b, ['sync']));
    ok(await run(a, ['sync']));
    noInternal(ok(await run(a, ['update', uuid, '--status', 'ok'])));
    ok(await run(a, ['sync']));
    noInternal(ok(await run(a, ['delete', uuid])));
    ok(await run(a, ['sync']));
    ok(await run(b, ['sync']));
    const left = JSON.parse(ok(await run(b, ['search', '--json'])).stdout);
    assert.deepEqual(left, []);
  });
});

describe('timestamps past any real date', () => {
  test('refused by record --stdin with a clear line; quarantined from the server; every verb still answers', async (t) => {
    const sqld = await server(t);
    const { run, a, b } = homes(t, sqld);
    const refused = await run(
      a,
      ['record', '--stdin'],
      JSON.stringify({ command: 'ls', timestamp: 9007199254740991 }) + '\n',
    );
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /timestamp/);
    ok(await run(a, ['record', '--command', 'good']));
    ok(await run(a, ['sync']));
    await plant(sqld.url, [
      {
        sql: PLANT,
        args: [UUID, 'time bomb', null, 9007199254740991, '001700000000000-00000-evil'],
      },
    ]);
    ok(await run(b, ['sync']));
    for (const args of [
      ['search', '--json'],
      ['search', 'time'],
      ['stats'],
      ['status'],
      ['export'],
    ]) {
      noInternal(ok(await run(b, args)));
    }
    const status = JSON.parse(ok(await run(b, ['status', '--json'])).stdout);
    assert.equal(status.quarantined, 1);
    assert.match(status.quarantine[0].reason, /timestamp/);
  });
});

describe('rows that grow when encoded', () => {
  for (const [name, text] of [
    ['2,000,000 control characters', '\u0001'.repeat(2_000_000)],
    ['2,600,000 backslashes', '\\'.repeat(2_600_000)],
  ] as const) {
    test(`${name}: refused at record time; planted on the server, it travels alone and nothing is stuck`, async (t) => {
      const sqld = await server(t);
      const { run, a, b } = homes(t, sqld);
      const refused = await run(
        a,
        ['record', '--stdin'],
        JSON.stringify({ command: 'cat x', response: text }) + '\n',
      );
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(refused.stderr, /bytes once encoded/);
      ok(await run(a, ['record', '--command', 'before']));
      ok(await run(a, ['sync']));
      await plant(sqld.url, [
        {
          sql: PLANT,
          args: [UUID, 'cat big', text, 1_700_000_000_000, '001700000000000-00000-evil'],
        },
        // Over the command limit every client shares (1 MiB): quarantined, not merged.
        {
          sql: PLANT,
          args: [
            OTHER,
            'x'.repeat(2_000_000),
            null,
            1_700_000_000_000,
            '001700000000000-00000-evil',
          ],
        },
      ]);
      ok(await run(a, ['record', '--command', 'after']));
      ok(await run(a, ['sync']));
      const pulled = JSON.parse(ok(await run(b, ['sync', '--json'])).stdout);
      assert.equal(pulled.downloaded, 3);
      assert.equal(pulled.quarantined, 1);
      const entries = JSON.parse(ok(await run(b, ['search', '--json'])).stdout) as {
        command: string;
        response: string | null;
      }[];
      assert.deepEqual(entries.map((e) => e.command).sort(), ['after', 'before', 'cat big']);
      assert.equal(entries.find((e) => e.command === 'cat big')?.response, text);
      const status = JSON.parse(ok(await run(b, ['status', '--json'])).stdout);
      assert.equal(status.state, 'SYNCHRONIZED');
      assert.equal(status.quarantined, 1);
      assert.equal(status.quarantine[0].uuid, OTHER);
      assert.match(status.quarantine[0].reason, /command is 2000000 bytes/);
      // The home that downloaded it syncs on: it is never pushed back unless changed.
      ok(await run(b, ['record', '--command', 'later']));
      assert.equal(JSON.parse(ok(await run(b, ['sync', '--json'])).stdout).uploaded, 1);
    });
  }
});

describe('change numbers out of range', () => {
  test('seq above 2^53 and at 2^63-1: sync goes on, new rows get ordinary numbers, the planted ones are reported', async (t) => {
    const sqld = await server(t);
    const { run, a, b } = homes(t, sqld);
    ok(await run(a, ['record', '--command', 'one']));
    ok(await run(a, ['sync']));
    await plant(sqld.url, [
      {
        sql: `INSERT INTO history (command_uuid, command, timestamp, version, deleted, seq)
              VALUES ('01900000-0000-7000-8000-000000000001', 'big seq', 1, '001700000000000-00000-evil', 0, 9007199254740993)`,
      },
      {
        sql: `INSERT INTO history (command_uuid, command, timestamp, version, deleted, seq)
              VALUES ('01900000-0000-7000-8000-000000000002', 'max seq', 1, '001700000000000-00000-evil', 0, 9223372036854775807)`,
      },
    ]);
    ok(await run(a, ['record', '--command', 'two']));
    ok(await run(a, ['record', '--command', 'three']));
    ok(await run(a, ['sync']));
    ok(await run(b, ['sync']));
    const commands = JSON.parse(ok(await run(b, ['search', '--json'])).stdout).map(
      (e: { command: string }) => e.command,
    );
    assert.deepEqual(commands.sort(), ['one', 'three', 'two']);
    const status = JSON.parse(ok(await run(b, ['status', '--json'])).stdout);
    assert.equal(status.state, 'SYNCHRONIZED');
    assert.equal(status.quarantined, 2);
    assert.match(status.quarantine[0].reason, /change number/);
    // Met again on every sync (they are out of the paged range), but news only once.
    assert.equal(JSON.parse(ok(await run(b, ['sync', '--json'])).stdout).quarantined, 0);
  });
});

describe('an honest state', () => {
  test('a home whose syncs fail shows SYNC_FAILED with the reason, never SYNCHRONIZED', async (t) => {
    const sqld = await server(t);
    const { run, a } = homes(t, sqld);
    ok(await run(a, ['record', '--command', 'first']));
    ok(await run(a, ['sync']));
    // The server refuses every write from now on (a trigger, as a broken server would).
    await plant(sqld.url, [
      {
        sql: `CREATE TRIGGER refuse BEFORE UPDATE ON history BEGIN SELECT RAISE(ABORT, 'writes are refused'); END`,
      },
      {
        sql: `CREATE TRIGGER refuse_new BEFORE INSERT ON history BEGIN SELECT RAISE(ABORT, 'writes are refused'); END`,
      },
    ]);
    ok(await run(a, ['record', '--command', 'second']));
    const failed = await run(a, ['sync']);
    assert.equal(failed.code, 5, failed.stderr);
    const status = JSON.parse(ok(await run(a, ['status', '--json'])).stdout);
    assert.equal(status.state, 'SYNC_FAILED');
    assert.match(status.lastError, /refused/);
  });

  test('a URL with no database for this token (HTTP 404) is an auth problem, not PENDING_UPLOAD', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-sqld-ns-'));
    const port = await freePort();
    const child = spawnOwned(
      SQLD_BINARY,
      [
        '--db-path',
        join(dir, 'data'),
        '--http-listen-addr',
        `127.0.0.1:${port}`,
        '--no-welcome',
        '--enable-namespaces',
      ],
      { stdio: 'ignore' },
    );
    t.after(() => {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(
      'sqld with namespaces to answer',
      async () => (await fetch(`${url}/health`).catch(() => null))?.ok ?? false,
    );
    const home = tempHome(t);
    const env = { TURSO_DATABASE_URL: url, TURSO_AUTH_TOKEN: 'token-for-another-db' };
    ok(await runCliInProcess(['record', '--command', 'x'], { home, env }));
    const failed = await runCliInProcess(['sync'], { home, env });
    assert.equal(failed.code, 6, failed.stderr);
    assert.match(failed.stderr, /404/);
    assert.doesNotMatch(failed.stderr + failed.stdout, /token-for-another-db/);
    const status = JSON.parse(
      ok(await runCliInProcess(['status', '--json'], { home, env })).stdout,
    );
    assert.equal(status.state, 'AUTH_FAILED');
  });
});

describe('found by the hostile review', () => {
  test('a row planted at the top of the change-number range: pushes fail loudly, never invisibly', async (t) => {
    const sqld = await server(t);
    const { run, a, b } = homes(t, sqld);
    ok(await run(a, ['record', '--command', 'p0']));
    ok(await run(a, ['sync']));
    await plant(sqld.url, [
      {
        sql: `INSERT INTO history (command_uuid, command, timestamp, version, deleted, seq)
              VALUES (?, 'top', 1700000000000, '001700000000000-00000-mx', 0, 4503599627370496)`,
        args: [UUID],
      },
    ]);
    ok(await run(b, ['sync']));
    ok(await run(a, ['record', '--command', 'p1']));
    const failed = await run(a, ['sync']);
    assert.equal(failed.code, 5, failed.stderr);
    assert.match(failed.stderr, /end of their range/);
    assert.equal(JSON.parse(ok(await run(a, ['status', '--json'])).stdout).state, 'SYNC_FAILED');
  });

  test("a NUL byte in a stored version does not fool the server's apply-if-newer", async (t) => {
    const sqld = await server(t);
    const { run, a, b } = homes(t, sqld);
    const uuid = ok(await run(a, ['record', '--command', 'nul'])).stdout.trim();
    ok(await run(a, ['sync']));
    ok(await run(b, ['sync']));
    await plant(sqld.url, [
      {
        sql: `UPDATE history SET version = '004102444799990-00000-zzz' || char(0) || 'X', response = 'nulplant',
                seq = (SELECT MAX(seq) + 1 FROM history) WHERE command_uuid = ?`,
        args: [uuid],
      },
    ]);
    ok(await run(a, ['update', uuid, '--response', 'edited']));
    ok(await run(a, ['sync']));
    assert.equal((await serverRow(sqld.url, uuid))?.['response'], 'edited');
    ok(await run(b, ['sync']));
    assert.equal(
      JSON.parse(ok(await run(b, ['search', 'nul', '--json'])).stdout)[0].response,
      'edited',
    );
  });

  test('one uuid twice in a page (a table without its key) keeps the later change', async (t) => {
    const sqld = await server(t);
    const { run, a, b } = homes(t, sqld);
    ok(await run(a, ['record', '--command', 'first']));
    ok(await run(a, ['sync']));
    await plant(sqld.url, [
      { sql: 'ALTER TABLE history RENAME TO history_old' },
      {
        sql: `CREATE TABLE history (command_uuid TEXT, command TEXT NOT NULL, response TEXT,
                timestamp INTEGER NOT NULL, user_id TEXT, machine_id TEXT, session_id TEXT, status TEXT,
                tokens_used INTEGER, cwd TEXT, version TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
                seq INTEGER NOT NULL, duration_ms INTEGER)`,
      },
      { sql: 'INSERT INTO history SELECT * FROM history_old' },
      { sql: PLANT, args: [UUID, 'older', null, 1_700_000_000_000, '001700000000000-00000-mx'] },
      { sql: PLANT, args: [UUID, 'newer', null, 1_700_000_000_000, '001700000000001-00000-mx'] },
    ]);
    ok(await run(b, ['sync']));
    const commands = JSON.parse(ok(await run(b, ['search', '--json'])).stdout).map(
      (e: { command: string }) => e.command,
    );
    assert.deepEqual(commands.sort(), ['first', 'newer']);
  });

  test('a home that has never synced is not SYNCHRONIZED', async (t) => {
    const sqld = await server(t);
    const { run, a } = homes(t, sqld);
    assert.equal(
      JSON.parse(ok(await run(a, ['status', '--json'])).stdout).state,
      'PENDING_DOWNLOAD',
    );
    ok(await run(a, ['sync']));
    assert.equal(JSON.parse(ok(await run(a, ['status', '--json'])).stdout).state, 'SYNCHRONIZED');
  });
});
