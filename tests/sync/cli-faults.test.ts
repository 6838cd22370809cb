/**
 * The sync verb against a real sqld: auth, schema, a server that is down or restarts, a sync
 * killed with -9. The first test goes through the built binary end to end; the others run
 * the verbs in this process (run-cli-in-process.ts) except where a process is what is
 * tested (killed mid-sync, syncing through a restart, the server verb).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { createClient } from '@libsql/client/http';
import Database from 'better-sqlite3';
import { spawnOwned } from '../helpers/reaper.js';
import { CLI_PATH, runCli } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { freePort, serverHistoryCount, startSqld, type Sqld } from '../helpers/sqld.js';
import { tempHome } from '../helpers/temp-home.js';
import { waitFor } from '../helpers/wait-for.js';

async function server(t: TestContext, auth = false): Promise<Sqld> {
  const sqld = await startSqld({ auth });
  t.after(() => sqld.dispose());
  return sqld;
}

function cacheCount(home: string): number {
  try {
    const db = new Database(join(home, 'cache.db'), { readonly: true, fileMustExist: true });
    try {
      return Number(db.prepare('SELECT COUNT(*) FROM history_cache').pluck().get());
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

function homeWith(t: TestContext, config: object): string {
  const home = tempHome(t);
  writeFileSync(join(home, 'config.json'), JSON.stringify(config), { mode: 0o600 });
  return home;
}

function ndjson(count: number, prefix: string): string {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({ command: `${prefix} ${i}`, timestamp: 1_000_000 + i }),
  ).join('\n');
}

/** Starts `mcp-terminal sync` in the background; returns the child and its exit. */
function spawnSync(home: string, url: string) {
  const child = spawnOwned(process.execPath, [CLI_PATH, 'sync'], {
    env: { ...process.env, MCP_TERMINAL_HOME: home, TURSO_DATABASE_URL: url },
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited };
}

describe('the sync verb', () => {
  test('two homes through one server: recorded on one, found on the other', async (t) => {
    const sqld = await server(t);
    const env = { TURSO_DATABASE_URL: sqld.url };
    const [a, b] = [tempHome(t), tempHome(t)];
    const uuid = (
      await runCli(['record', '--command', 'kubectl get pods'], { home: a, env })
    ).stdout.trim();
    const pushed = await runCli(['sync', '--json'], { home: a, env });
    assert.equal(pushed.code, 0, pushed.stderr);
    assert.equal(JSON.parse(pushed.stdout).uploaded, 1);
    const pulled = await runCli(['sync'], { home: b, env });
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.match(pulled.stdout, /0 uploaded, 1 downloaded, 0 conflicts/);
    const found = JSON.parse(
      (await runCli(['search', 'kubectl', '--json'], { home: b, env })).stdout,
    );
    assert.equal(found[0].uuid, uuid);
    const status = JSON.parse((await runCli(['status', '--json'], { home: b, env })).stdout);
    assert.equal(status.state, 'SYNCHRONIZED');
    assert.equal(typeof status.lastSyncedAt, 'number');
    assert.equal(status.lastError, null);
  });

  test('no remote configured: a clear error, exit 2', async (t) => {
    const result = await runCliInProcess(['sync'], { home: tempHome(t) });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no remote configured: set TURSO_DATABASE_URL/);
  });

  test('offline_mode "always" never touches the network', async (t) => {
    const home = homeWith(t, {
      sync: { offline_mode: 'always' },
      remote: { url: 'http://127.0.0.1:9' },
    });
    await runCliInProcess(['record', '--command', 'x'], { home });
    const result = await runCliInProcess(['sync'], { home });
    assert.equal(result.code, 5);
    assert.match(result.stderr, /offline_mode is "always"/);
    assert.equal(
      JSON.parse((await runCliInProcess(['status', '--json'], { home })).stdout).state,
      'OFFLINE',
    );
  });
});

describe('auth and schema', () => {
  test('a JWT-protected server: the right token syncs, a wrong one is AUTH_FAILED and never printed', async (t) => {
    const sqld = await server(t, true);
    const home = tempHome(t);
    await runCliInProcess(['record', '--command', 'echo hi'], { home });
    const good = await runCliInProcess(['sync'], {
      home,
      env: { TURSO_DATABASE_URL: sqld.url, TURSO_AUTH_TOKEN: sqld.token },
    });
    assert.equal(good.code, 0, good.stderr);
    assert.equal(await serverHistoryCount(sqld.url, sqld.token), 1);

    const wrong = 'eyJhbGciOiJFZERTQSJ9.eyJmYWtlIjoxfQ.not-a-real-signature-TOPSECRET';
    const env = { TURSO_DATABASE_URL: sqld.url, TURSO_AUTH_TOKEN: wrong };
    await runCliInProcess(['record', '--command', 'echo again'], { home, env });
    const bad = await runCliInProcess(['sync'], { home, env });
    assert.equal(bad.code, 6, bad.stderr);
    assert.match(bad.stderr, /refused the auth token/);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
    assert.ok(!bad.stderr.includes('TOPSECRET'));
    const status = await runCliInProcess(['status', '--json'], { home, env });
    const report = JSON.parse(status.stdout);
    assert.equal(report.state, 'AUTH_FAILED');
    assert.equal(report.pendingUpload, 1, 'the entry is still queued');
    assert.ok(!status.stdout.includes('TOPSECRET'));
  });

  test('a newer remote schema stops sync with SCHEMA_MISMATCH, not OFFLINE', async (t) => {
    const sqld = await server(t);
    const env = { TURSO_DATABASE_URL: sqld.url };
    const home = tempHome(t);
    await runCliInProcess(['record', '--command', 'x'], { home, env });
    assert.equal((await runCliInProcess(['sync'], { home, env })).code, 0);
    const client = createClient({ url: sqld.url });
    await client.execute("UPDATE mcp_meta SET value = '99' WHERE key = 'schema_version'");
    client.close();
    const result = await runCliInProcess(['sync'], { home, env });
    assert.equal(result.code, 7, result.stderr);
    assert.match(
      result.stderr,
      /schema is version 99, newer than this mcp-terminal knows \(1\); upgrade/,
    );
    assert.equal(
      JSON.parse((await runCliInProcess(['status', '--json'], { home, env })).stdout).state,
      'SCHEMA_MISMATCH',
    );
  });
});

describe('faults', () => {
  test('server down: exit 5, OFFLINE, queue kept; server back: synced without loss', async (t) => {
    const sqld = await server(t);
    const env = { TURSO_DATABASE_URL: sqld.url };
    const home = homeWith(t, { sync: { retry_attempts: 1 } });
    await runCliInProcess(['record', '--command', 'first'], { home, env });
    await sqld.stop();
    await runCliInProcess(['record', '--command', 'while down'], { home, env });
    const down = await runCliInProcess(['sync'], { home, env });
    assert.equal(down.code, 5, down.stderr);
    assert.match(down.stderr, /cannot reach the server/);
    const offline = JSON.parse((await runCliInProcess(['status', '--json'], { home, env })).stdout);
    assert.equal(offline.state, 'OFFLINE');
    assert.equal(offline.pendingUpload, 2);
    await sqld.restart();
    const up = await runCliInProcess(['sync'], { home, env });
    assert.equal(up.code, 0, up.stderr);
    assert.equal(await serverHistoryCount(sqld.url), 2);
    assert.equal(
      JSON.parse((await runCliInProcess(['status', '--json'], { home, env })).stdout).state,
      'SYNCHRONIZED',
    );
  });

  test('kill -9 during a large push and during a large pull: the next sync converges, nothing doubled', async (t) => {
    const sqld = await server(t);
    const env = { TURSO_DATABASE_URL: sqld.url };
    const config = { sync: { batch_size: 50 } };
    const [a, b] = [homeWith(t, config), homeWith(t, config)];
    const total = 12_000;
    assert.equal(
      (await runCliInProcess(['record', '--stdin'], { home: a, input: ndjson(total, 'bulk') }))
        .code,
      0,
    );

    const push = spawnSync(a, sqld.url);
    await waitFor(
      'part of the push on the server',
      async () => (await serverHistoryCount(sqld.url)) >= 500,
    );
    push.child.kill('SIGKILL');
    await push.exited;
    const partial = await serverHistoryCount(sqld.url);
    assert.ok(partial < total, `killed mid-push (${partial} of ${total})`);
    const resumed = await runCliInProcess(['sync'], { home: a, env });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(await serverHistoryCount(sqld.url), total);

    const pull = spawnSync(b, sqld.url);
    await waitFor('part of the pull in the cache', () => cacheCount(b) >= 500);
    pull.child.kill('SIGKILL');
    await pull.exited;
    assert.ok(cacheCount(b) < total, 'killed mid-pull');
    const again = await runCliInProcess(['sync'], { home: b, env });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(cacheCount(b), total);
    const listA = JSON.parse(
      (await runCliInProcess(['search', '--json', '--limit', '100000'], { home: a })).stdout,
    );
    const listB = JSON.parse(
      (await runCliInProcess(['search', '--json', '--limit', '100000'], { home: b })).stdout,
    );
    assert.equal(listB.length, total);
    assert.deepEqual(
      listB.map((e: { uuid: string; version: string }) => [e.uuid, e.version]),
      listA.map((e: { uuid: string; version: string }) => [e.uuid, e.version]),
    );
  });

  test('the server restarts in the middle of a sync: a later sync converges', async (t) => {
    const sqld = await server(t);
    const env = { TURSO_DATABASE_URL: sqld.url };
    const home = homeWith(t, { sync: { batch_size: 50, retry_attempts: 5 } });
    const total = 8000;
    assert.equal(
      (await runCliInProcess(['record', '--stdin'], { home, input: ndjson(total, 'restart') }))
        .code,
      0,
    );
    const running = spawnSync(home, sqld.url);
    await waitFor(
      'part of the push on the server',
      async () => (await serverHistoryCount(sqld.url)) >= 300,
    );
    await sqld.restart();
    const code = await running.exited;
    assert.ok(
      code === 0 || code === 5,
      `the interrupted sync completed or failed cleanly (exit ${code})`,
    );
    const after = await runCliInProcess(['sync'], { home, env });
    assert.equal(after.code, 0, after.stderr);
    assert.equal(await serverHistoryCount(sqld.url), total);
    const status = JSON.parse((await runCliInProcess(['status', '--json'], { home, env })).stdout);
    assert.equal(status.pendingUpload, 0);
    assert.equal(status.state, 'SYNCHRONIZED');
  });
});

describe('the server verb', () => {
  test('mcp-terminal server runs sqld in the foreground and prints the URL', async (t) => {
    const home = tempHome(t);
    const port = await freePort();
    const child = spawnOwned(
      process.execPath,
      [CLI_PATH, 'server', '--port', String(port), '--data', join(home, 'srv')],
      {
        env: { ...process.env, MCP_TERMINAL_HOME: home },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    t.after(() => child.kill('SIGKILL'));
    const url = `http://127.0.0.1:${port}`;
    await waitFor(
      'the server to answer',
      async () => (await fetch(`${url}/health`).catch(() => null))?.ok,
    );
    assert.match(stderr, new RegExp(`TURSO_DATABASE_URL=${url.replace(/\./g, '\\.')}`));
    const other = tempHome(t);
    await runCliInProcess(['record', '--command', 'through the verb'], {
      home: other,
      env: { TURSO_DATABASE_URL: url },
    });
    assert.equal(
      (await runCliInProcess(['sync'], { home: other, env: { TURSO_DATABASE_URL: url } })).code,
      0,
    );
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  });
});
