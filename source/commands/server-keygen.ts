/**
 * `server keygen [--out DIR]`: the Ed25519 key pair sqld checks tokens with
 * (`--auth-jwt-key-file`, the public key in PEM) and a token signed with its private key for
 * TURSO_AUTH_TOKEN. node:crypto only. A pair already in DIR is reused, never replaced: a new
 * pair would silently lock out every machine holding a token; delete the files to rotate.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveHome } from '../config/load-config.js';
import { McpError } from '../core/errors.js';
import { ensurePrivateDir, restrictToOwner } from '../storage/file-modes.js';
import { type Command } from './context.js';
import { parseOptions } from './parse-options.js';
import { VERB_SPECS } from './verb-specs.js';

export const PRIVATE_KEY_FILE = 'jwt-private.pem';
export const PUBLIC_KEY_FILE = 'jwt-public.pem';

/**
 * A JWT (EdDSA) for sqld. No `exp`: the token is for unattended background sync on the
 * owner's machines, where an expiry would turn into a sync that stops one day; sqld has no
 * revocation list either, so rotation is a new key pair, which voids every older token.
 */
export function signToken(privateKey: KeyObject, issuedAtSeconds: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'EdDSA', typ: 'JWT' })}.${part({ iat: issuedAtSeconds })}`;
  return `${body}.${sign(null, Buffer.from(body), privateKey).toString('base64url')}`;
}

function readPrivateKey(path: string): KeyObject {
  try {
    const key = createPrivateKey(readFileSync(path));
    if (key.asymmetricKeyType === 'ed25519') return key;
  } catch (error) {
    throw new McpError(
      'USAGE',
      `server keygen: cannot read ${path} (${(error as Error).message})`,
      {
        cause: error,
      },
    );
  }
  throw new McpError('USAGE', `server keygen: ${path} is not an Ed25519 private key; move it away`);
}

/** The pair in `dir`: created when missing (private key 0600), else read back. */
function loadOrCreatePair(dir: string): { privateKey: KeyObject; created: boolean } {
  const privatePath = join(dir, PRIVATE_KEY_FILE);
  const publicPath = join(dir, PUBLIC_KEY_FILE);
  ensurePrivateDir(dir);
  let created = false;
  let privateKey: KeyObject;
  if (existsSync(privatePath)) {
    restrictToOwner(privatePath);
    privateKey = readPrivateKey(privatePath);
  } else {
    privateKey = generateKeyPairSync('ed25519').privateKey;
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
    writeFileSync(privatePath, pem, { mode: 0o600, flag: 'wx' });
    chmodSync(privatePath, 0o600); // whatever the umask
    created = true;
  }
  // Written again every time: derived from the private key, so it always matches it.
  const publicPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' });
  writeFileSync(publicPath, publicPem, { mode: 0o644 });
  return { privateKey, created };
}

export const serverKeygen: Command = async (args, context) => {
  const { values } = parseOptions(
    'server keygen',
    args,
    VERB_SPECS['server keygen'].options,
    false,
  );
  const dir = resolve(values.out ?? join(resolveHome(context.env), 'server'));
  const { privateKey, created } = loadOrCreatePair(dir);
  const publicPath = join(dir, PUBLIC_KEY_FILE);
  const token = signToken(privateKey, Math.floor(context.now() / 1000));
  context.stdout.write(
    `${created ? 'created' : 'reusing'} the key pair in ${dir} (${PRIVATE_KEY_FILE} is private, mode 0600: it signs tokens)\n` +
      `start the server with: mcp-terminal server --host 0.0.0.0 --auth-jwt-key-file ${publicPath}\n` +
      `on each machine: export TURSO_AUTH_TOKEN=${token}\n`,
  );
  return 0;
};
