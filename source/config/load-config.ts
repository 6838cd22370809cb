/**
 * Loads the configuration once: file, then env, then flags, into a fully defaulted object.
 * Nothing here writes; a bad file is reported path by path and left untouched.
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type * as z from 'zod/mini';
import { McpError } from '../core/errors.js';
import { plainTextTokenWarning } from '../core/loopback.js';
import { configFileSchema, type Config, type ConfigFile } from './schema.js';

export type ConfigSources = {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Overrides from command-line flags, applied last. */
  readonly flags?: {
    readonly sync?: Partial<ConfigFile['sync']>;
    readonly remote?: Partial<ConfigFile['remote']>;
  };
};

/** `$MCP_TERMINAL_HOME`, or `~/.mcp-terminal`. */
export function resolveHome(env: ConfigSources['env']): string {
  const fromEnv = env['MCP_TERMINAL_HOME'];
  return fromEnv && fromEnv.length > 0 ? resolve(fromEnv) : join(homedir(), '.mcp-terminal');
}

/** The cache file of a home: `$MCP_TERMINAL_HOME/cache.db`. */
export function cachePathFor(env: ConfigSources['env']): string {
  return join(resolveHome(env), 'cache.db');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** One line per failing path: where, what it got, what it expected. */
export function formatConfigIssues(
  file: string,
  raw: unknown,
  issues: readonly z.core.$ZodIssue[],
): string[] {
  return issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    if (keys.length > 0) {
      const where = [...issue.path, keys[0] as string].join('.');
      return `${file}: ${where}: unknown setting (config.example.json lists the settings there are)`;
    }
    if (issue.code === 'invalid_type' && issue.path.length === 0) {
      return `${file}: got ${describeValue(raw)}, expected a JSON object like config.example.json`;
    }
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    // Never echo a secret back, even a malformed one.
    const secret = issue.path[issue.path.length - 1] === 'auth_token';
    const got = secret ? '(hidden)' : describeValue(valueAt(raw, issue.path));
    return `${file}: ${where}: got ${got}, expected ${issue.message} (see config.example.json)`;
  });
}

function readConfigFile(path: string): { raw: unknown; exists: boolean } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { raw: {}, exists: false };
    throw new McpError('CONFIG_INVALID', `${path}: cannot read it (${(error as Error).message})`, {
      cause: error,
    });
  }
  try {
    return { raw: JSON.parse(text) as unknown, exists: true };
  } catch (error) {
    throw new McpError(
      'CONFIG_INVALID',
      `${path}: not valid JSON (${(error as Error).message}); fix it or compare with config.example.json`,
      { cause: error },
    );
  }
}

function tokenFileWarning(config: Config): string | null {
  if (!config.fromFile || config.remote.auth_token === null) return null;
  try {
    const mode = statSync(config.configPath).mode;
    if ((mode & 0o077) !== 0) {
      return `warning: ${config.configPath} holds an auth token and is readable by others; run: chmod 600 ${config.configPath}`;
    }
  } catch {
    // The file vanished between read and stat: nothing to warn about.
  }
  return null;
}

/**
 * An existing home that group or others may read or write (list it, replace cache.db). A
 * home this program creates is 0700, so this only fires for folders made some other way.
 * Execute-only bits (0711) are let be: they reveal no names, and the files inside are 0600.
 */
export function homeWarning(home: string): string | null {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(home);
  } catch {
    return null; // not there yet: it will be created 0700
  }
  if (!stat.isDirectory()) return null;
  const readable = (stat.mode & 0o044) !== 0;
  const writable = (stat.mode & 0o022) !== 0;
  if (!readable && !writable) return null;
  const how = readable && writable ? 'readable and writable' : readable ? 'readable' : 'writable';
  const owned = process.getuid === undefined || stat.uid === process.getuid();
  return owned
    ? `warning: ${home} is ${how} by other users; run: chmod 700 ${home}`
    : `warning: ${home} is ${how} by other users and is not yours; set MCP_TERMINAL_HOME to a folder of your own`;
}

/** Warnings about the config that do not stop the program (returned, printed by the caller once per run). */
export function configWarnings(config: Config): string[] {
  const warnings = [
    homeWarning(config.home),
    tokenFileWarning(config),
    plainTextTokenWarning(config.remote.url, config.remote.auth_token),
  ];
  return warnings.filter((line): line is string => line !== null);
}

/** Loads and merges file, env and flags. Throws McpError('CONFIG_INVALID') listing every bad path. */
export function loadConfig(sources: ConfigSources): Config {
  const home = resolveHome(sources.env);
  const configPath = join(home, 'config.json');
  const { raw, exists } = readConfigFile(configPath);
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = formatConfigIssues(configPath, raw, parsed.error.issues);
    throw new McpError('CONFIG_INVALID', lines.join('\n'));
  }
  const file = parsed.data;
  const envUrl = sources.env['TURSO_DATABASE_URL'];
  const envToken = sources.env['TURSO_AUTH_TOKEN'];
  const remote = {
    ...file.remote,
    ...(envUrl ? { url: envUrl } : {}),
    ...(envToken ? { auth_token: envToken } : {}),
    ...sources.flags?.remote,
  };
  const sync = { ...file.sync, ...sources.flags?.sync };
  // Env and flags go through the same schema, so an env URL is checked like a file one.
  const merged = configFileSchema.safeParse({ sync, remote, secrets: file.secrets });
  if (!merged.success) {
    const lines = formatConfigIssues('environment/flags', { sync, remote }, merged.error.issues);
    throw new McpError('CONFIG_INVALID', lines.join('\n'));
  }
  return {
    home,
    configPath,
    cachePath: cachePathFor(sources.env),
    fromFile: exists,
    sync: merged.data.sync,
    remote: merged.data.remote,
    secrets: merged.data.secrets,
  };
}
