/**
 * Local security on real files and the built CLI: the cache and its -wal / -shm are 0600 and
 * a home the tool creates is 0700 whatever the umask; old 0644 caches are tightened; a loose
 * existing home and a token bound for plain http:// off this computer are each said once;
 * a cache.db that is a directory is exit 4 with one line. No traffic leaves 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { plainTextTokenWarning, isLoopbackHost } from '../../source/core/loopback.js';
import { spawnOwned } from '../helpers/reaper.js';
import { CLI_PATH, runCli } from '../helpers/run-cli.js';
import { tempHome } from '../helpers/temp-home.js';
import { waitFor } from '../helpers/wait-for.js';

const mode = (path: string) => statSync(path).mode & 0o777;
const TOKEN = 'tok-Zq8-never-printed';

/** Runs `use` with the process umask set to `mask` (children inherit it), then restores it. */
async function withUmask<T>(mask: number, use: () => Promise<T>): Promise<T> {
  const before = process.umask(mask);
  try {
    return await use();
  } finally {
    process.umask(before);
  }
}

/**
 * A TCP server on 127.0.0.1 that accepts and never answers: a `sync` pointed at it keeps
 * the cache open (with its -wal and -shm) until it is killed.
 */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('file modes', () => {
  for (const mask of [0o022, 0o000]) {
    test(`umask ${mask.toString(8).padStart(3, '0')}: a new home is 0700, cache.db, -wal and -shm are 0600`, async (t) => {
      const home = join(tempHome(t), 'new-home');
      await withUmask(mask, async () => {
        const recorded = await runCli(['record', '--command', 'ls'], { home });
        assert.equal(recorded.code, 0, recorded.stderr);
        assert.equal(mode(home), 0o700);
        assert.equal(mode(join(home, 'cache.db')), 0o600);
        assert.equal(recorded.stderr, '', 'a home the tool made is not warned about');

        // The -wal and -shm exist while a process has the cache open: a sync that waits on a
        // server that never answers keeps it open, from the CLI itself.
        const silent = await silentServer();
        t.after(() => silent.close());
        const child = spawnOwned(process.execPath, [CLI_PATH, 'sync'], {
          env: { ...process.env, MCP_TERMINAL_HOME: home, TURSO_DATABASE_URL: silent.url },
          stdio: 'ignore',
        });
        const exited = new Promise((resolve) => child.once('exit', resolve));
        try {
          await waitFor('the sync to open the cache in WAL mode', () =>
            ['-wal', '-shm'].every((suffix) => existsSync(join(home, `cache.db${suffix}`))),
          );
          assert.equal(mode(join(home, 'cache.db-wal')), 0o600);
          assert.equal(mode(join(home, 'cache.db-shm')), 0o600);
        } finally {
          child.kill('SIGKILL');
          await exited;
        }
      });
    });
  }

  test('a 0644 cache and -wal / -shm left by an older version are tightened to 0600 on open', async (t) => {
    const home = tempHome(t);
    assert.equal((await runCli(['record', '--command', 'old'], { home })).code, 0);
    const cache = join(home, 'cache.db');
    chmodSync(cache, 0o644);
    // Left behind by a crashed old process; empty -wal / -shm files are valid to SQLite.
    writeFileSync(`${cache}-wal`, '', { mode: 0o644 });
    writeFileSync(`${cache}-shm`, '', { mode: 0o644 });
    chmodSync(`${cache}-wal`, 0o644);
    chmodSync(`${cache}-shm`, 0o644);
    const listed = await runCli(['search', '--json'], { home });
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal((JSON.parse(listed.stdout) as unknown[]).length, 1);
    assert.equal(mode(cache), 0o600);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(cache + suffix)) assert.equal(mode(cache + suffix), 0o600, suffix);
    }
  });

  test('repair keeps its copy of an old 0644 cache private', async (t) => {
    const home = tempHome(t);
    assert.equal((await runCli(['record', '--command', 'kept'], { home })).code, 0);
    chmodSync(join(home, 'cache.db'), 0o644);
    const repaired = await runCli(['repair', '--force'], { home });
    assert.equal(repaired.code, 0, repaired.stderr);
    const aside = /moved it to (\S+)/.exec(repaired.stdout)?.[1];
    assert.ok(aside, repaired.stdout);
    assert.equal(mode(aside), 0o600);
    assert.equal(mode(join(home, 'cache.db')), 0o600);
  });
});

describe('home folder warning', () => {
  test('an existing 0755 home: one warning line with the chmod to run; none once it is 0700', async (t) => {
    const home = join(tempHome(t), 'shared-home');
    await withUmask(0o022, async () => {
      mkdirSync(home, { mode: 0o755 });
      chmodSync(home, 0o755);
      const result = await runCli(['record', '--command', 'ls'], { home });
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(result.stderr.trimEnd().split('\n'), [
        `warning: ${home} is readable by other users; run: chmod 700 ${home}`,
      ]);
      assert.equal(mode(home), 0o755, 'an existing home is the user’s to change');
      chmodSync(home, 0o700);
      assert.equal((await runCli(['status'], { home })).stderr, '');
    });
  });
});

describe('cache.db is a directory', () => {
  test('exit 4 and one line naming the path', async (t) => {
    const home = tempHome(t);
    const cache = join(home, 'cache.db');
    mkdirSync(cache);
    for (const verb of [['record', '--command', 'ls'], ['status']]) {
      const result = await runCli(verb, { home });
      assert.equal(result.code, 4, result.stderr);
      const lines = result.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.ok(lines[0]!.includes(cache), lines[0]);
      assert.match(lines[0]!, /is a directory/);
      assert.doesNotMatch(result.stderr, /internal error/);
    }
  });
});

describe('a token over plain http to another computer', () => {
  test('isLoopbackHost: 127.0.0.0/8, ::1 and localhost only', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', 'LOCALHOST.', '::1', '[::1]'])
      assert.ok(isLoopbackHost(host), host);
    for (const host of [
      '10.255.255.1',
      '0.0.0.0',
      '::',
      '128.0.0.1',
      'example.com',
      '127.0.0.1.nip.io',
      '1270.0.0.1',
    ])
      assert.ok(!isLoopbackHost(host), host);
  });

  test('the warning: http/ws to a remote host with a token, never the token itself', () => {
    const warned = plainTextTokenWarning('http://10.255.255.1:9', TOKEN);
    assert.ok(warned);
    assert.match(warned, /unencrypted to http:\/\/10\.255\.255\.1:9\b/);
    assert.match(warned, /https:\/\/ or libsql:\/\//);
    assert.ok(!warned.includes(TOKEN));
    assert.ok(plainTextTokenWarning('ws://db.example.com', TOKEN));
    const inUrl = plainTextTokenWarning(`http://u:p@db.example.com/x?authToken=${TOKEN}`, null);
    assert.ok(inUrl && !inUrl.includes(TOKEN) && !inUrl.includes('u:p'), inUrl ?? '');
    for (const url of [
      'http://127.0.0.1:8080',
      'http://localhost:8080',
      'http://[::1]:8080',
      'https://db.example.com',
      'libsql://db.example.turso.io',
      'wss://db.example.com',
    ])
      assert.equal(plainTextTokenWarning(url, TOKEN), null, url);
    assert.equal(
      plainTextTokenWarning('http://10.255.255.1:9', null),
      null,
      'no token, no warning',
    );
    assert.equal(plainTextTokenWarning(null, TOKEN), null);
  });

  test('status (no network) prints it once; not for loopback or https; the token never shows', async (t) => {
    const home = tempHome(t);
    // offline_mode "always": even a bug could not make this run touch 10.255.255.1.
    writeFileSync(join(home, 'config.json'), JSON.stringify({ sync: { offline_mode: 'always' } }), {
      mode: 0o600,
    });
    const run = (url: string) =>
      runCli(['status'], { home, env: { TURSO_DATABASE_URL: url, TURSO_AUTH_TOKEN: TOKEN } });
    const remote = await run('http://10.255.255.1:9');
    assert.equal(remote.code, 0, remote.stderr);
    const warnings = remote.stderr.split('\n').filter((line) => line.includes('unencrypted'));
    assert.equal(warnings.length, 1, remote.stderr);
    assert.match(warnings[0]!, /use an https:\/\/ or libsql:\/\/ URL/);
    for (const url of [
      'http://127.0.0.1:9',
      'http://localhost:9',
      'https://10.255.255.1:9',
      'libsql://10.255.255.1:9',
    ]) {
      const result = await run(url);
      assert.equal(result.code, 0, result.stderr);
      assert.doesNotMatch(result.stderr, /unencrypted/, url);
      assert.ok(!(result.stdout + result.stderr).includes(TOKEN), url);
    }
    assert.ok(!(remote.stdout + remote.stderr).includes(TOKEN));
    const json = await runCli(['status', '--json'], {
      home,
      env: { TURSO_DATABASE_URL: 'ws://10.255.255.1:9', TURSO_AUTH_TOKEN: TOKEN },
    });
    assert.equal(json.code, 0, json.stderr);
    assert.equal(json.stderr.split('\n').filter((line) => line.includes('unencrypted')).length, 1);
    assert.ok(!(json.stdout + json.stderr).includes(TOKEN));
    JSON.parse(json.stdout); // stdout stays one JSON document
  });
});
