/**
 * `server` off loopback needs authentication: refused without a key (exit 2), served with
 * --insecure, and with `server keygen`'s key pair only a token it signed syncs (a token from
 * another key is exit 6). Real sqld through the built CLI; every client connects to
 * 127.0.0.1, and every server started is stopped with its whole process group.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { spawnOwned } from '../helpers/reaper.js';
import { CLI_PATH, runCli } from '../helpers/run-cli.js';
import { freePort } from '../helpers/sqld.js';
import { tempHome } from '../helpers/temp-home.js';
import { waitFor } from '../helpers/wait-for.js';

const mode = (path: string) => statSync(path).mode & 0o777;

type ServerProcess = {
  readonly port: number;
  /** What it wrote to stdout and stderr so far. */
  output(): string;
  /** Its exit code once it ended and its output is complete, else undefined. */
  ended(): number | null | undefined;
  stop(): Promise<void>;
};
const started = new Set<ServerProcess>();
// Even when a test fails midway: no sqld outlives the file.
after(async () => {
  for (const server of started) await server.stop();
});

/**
 * `mcp-terminal server ARGS --port P` in its own process group (spawnOwned), so stopping it
 * reaches sqld too (SIGTERM to the group, then SIGKILL to whatever is left of it).
 */
async function spawnServer(home: string, args: readonly string[]): Promise<ServerProcess> {
  const port = await freePort();
  const child: ChildProcess = spawnOwned(
    process.execPath,
    [CLI_PATH, 'server', ...args, '--port', String(port)],
    {
      env: { ...process.env, MCP_TERMINAL_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  let code: number | null | undefined;
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const closed = new Promise<void>((resolve) =>
    child.once('close', (exitCode) => {
      code = exitCode;
      resolve();
    }),
  );
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // The group is gone already.
    }
  };
  const server: ServerProcess = {
    port,
    output: () => log,
    ended: () => code,
    stop: async () => {
      started.delete(server);
      group('SIGTERM');
      await closed;
      group('SIGKILL');
    },
  };
  started.add(server);
  return server;
}

/** Waits until the server answers /health on 127.0.0.1 ("up") or ends ("ended"). */
async function settle(server: ServerProcess): Promise<'up' | 'ended'> {
  return waitFor(
    `the server on port ${server.port} to answer /health or end`,
    async () => {
      if (server.ended() !== undefined) return 'ended' as const;
      const health = await fetch(`http://127.0.0.1:${server.port}/health`).catch(() => null);
      return health?.ok ? ('up' as const) : null;
    },
    { timeoutMs: 20_000, intervalMs: 25 },
  );
}

async function startServer(home: string, args: readonly string[]): Promise<ServerProcess> {
  const server = await spawnServer(home, args);
  assert.equal(await settle(server), 'up', server.output());
  return server;
}

/** Parses what `server keygen` printed: the public key path and the token. */
function keygenOutput(stdout: string): { publicKey: string; token: string } {
  const publicKey = /--auth-jwt-key-file (\S+)/.exec(stdout)?.[1];
  const token = /TURSO_AUTH_TOKEN=(\S+)/.exec(stdout)?.[1];
  assert.ok(publicKey && token, stdout);
  return { publicKey, token };
}

describe('server off loopback', () => {
  test('--host 0.0.0.0 without a key: exit 2, one line saying what to pass; nothing served', async (t) => {
    const home = tempHome(t);
    const server = await spawnServer(home, ['--host', '0.0.0.0']);
    t.after(() => server.stop());
    assert.equal(await settle(server), 'ended', `it served without auth: ${server.output()}`);
    assert.equal(server.ended(), 2, server.output());
    const lines = server.output().trimEnd().split('\n');
    assert.equal(lines.length, 1, server.output());
    assert.match(lines[0]!, /--host 0\.0\.0\.0 .*needs authentication/);
    assert.match(lines[0]!, /--auth-jwt-key-file FILE/);
    assert.match(lines[0]!, /server keygen/);
    assert.match(lines[0]!, /--insecure/);
  });

  test('a private key given as --auth-jwt-key-file is refused', async (t) => {
    const home = tempHome(t);
    const made = await runCli(['server', 'keygen'], { home });
    assert.equal(made.code, 0, made.stderr);
    const privateKey = join(home, 'server', 'jwt-private.pem');
    const server = await spawnServer(home, [
      '--host',
      '0.0.0.0',
      '--auth-jwt-key-file',
      privateKey,
    ]);
    t.after(() => server.stop());
    assert.equal(await settle(server), 'ended', server.output());
    assert.equal(server.ended(), 2, server.output());
    assert.match(server.output(), /is a private key; pass the public one/);
  });

  test('--insecure starts it, with a warning', async (t) => {
    const home = tempHome(t);
    const server = await startServer(home, ['--host', '0.0.0.0', '--insecure']);
    t.after(() => server.stop());
    assert.match(server.output(), /warning: --insecure: anyone who can reach 0\.0\.0\.0:\d+/);
  });

  test('keygen: key files with their modes; its token syncs, another key’s token is exit 6', async (t) => {
    const home = tempHome(t);
    const made = await runCli(['server', 'keygen'], { home });
    assert.equal(made.code, 0, made.stderr);
    const { publicKey, token } = keygenOutput(made.stdout);
    const dir = join(home, 'server');
    assert.equal(publicKey, join(dir, 'jwt-public.pem'));
    assert.equal(mode(dir), 0o700);
    assert.equal(mode(join(dir, 'jwt-private.pem')), 0o600);
    assert.match(readFileSync(publicKey, 'utf8'), /^-----BEGIN PUBLIC KEY-----/);
    assert.equal(token.split('.').length, 3);

    // Again: the pair is reused (tokens already handed out keep working).
    const pem = readFileSync(join(dir, 'jwt-private.pem'), 'utf8');
    const again = await runCli(['server', 'keygen'], { home });
    assert.match(again.stdout, /^reusing the key pair/);
    assert.equal(readFileSync(join(dir, 'jwt-private.pem'), 'utf8'), pem);

    const server = await startServer(home, ['--host', '0.0.0.0', '--auth-jwt-key-file', publicKey]);
    t.after(() => server.stop());
    assert.match(server.output(), /clients need TURSO_AUTH_TOKEN/);

    const client = tempHome(t);
    assert.equal(
      (await runCli(['record', '--command', 'synced with a token'], { home: client })).code,
      0,
    );
    const url = `http://127.0.0.1:${server.port}`;
    const synced = await runCli(['sync'], {
      home: client,
      env: { TURSO_DATABASE_URL: url, TURSO_AUTH_TOKEN: token },
    });
    assert.equal(synced.code, 0, synced.stderr);
    assert.ok(!(synced.stdout + synced.stderr).includes(token));

    const noToken = await runCli(['sync'], { home: client, env: { TURSO_DATABASE_URL: url } });
    assert.equal(noToken.code, 6, noToken.stderr);

    const other = await runCli(['server', 'keygen', '--out', join(tempHome(t), 'other')], {
      home,
    });
    const wrongKey = keygenOutput(other.stdout).token;
    const refused = await runCli(['sync'], {
      home: client,
      env: { TURSO_DATABASE_URL: url, TURSO_AUTH_TOKEN: wrongKey },
    });
    assert.equal(refused.code, 6, refused.stderr);
    assert.match(refused.stderr, /refused the auth token/);
    assert.ok(!refused.stderr.includes(wrongKey));
  });
});
