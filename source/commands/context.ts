/**
 * What a command gets from the outside world. Commands never reach for process.* directly,
 * so tests can run them in-process with their own streams and environment.
 */
import type { Readable } from 'node:stream';
import { configWarnings, loadConfig, type ConfigSources } from '../config/load-config.js';
import type { Config } from '../config/schema.js';
import { LocalCache } from '../storage/local-cache.js';

export type TextSink = { write(text: string): unknown };

export type CommandContext = {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly stdin: Readable;
  readonly cwd: string;
  readonly now: () => number;
};

/** A CLI verb: arguments after the verb, the context, and the exit code it ends with. */
export type Command = (args: readonly string[], context: CommandContext) => Promise<number>;

/** Loads the config once and prints its warnings. */
export function loadCommandConfig(context: CommandContext, flags?: ConfigSources['flags']): Config {
  const config = loadConfig({ env: context.env, ...(flags ? { flags } : {}) });
  for (const warning of configWarnings(config)) context.stderr.write(`${warning}\n`);
  return config;
}

/** Opens the cache named by the config, closes it after `use`. */
export async function withCache<T>(
  config: Config,
  context: CommandContext,
  use: (cache: LocalCache) => Promise<T> | T,
): Promise<T> {
  const cache = LocalCache.open(config.cachePath, { now: context.now });
  try {
    return await use(cache);
  } finally {
    cache.close();
  }
}
