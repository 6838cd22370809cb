/**
 * What a command gets from the outside world. Commands never reach for process.* directly,
 * so tests can run them in-process with their own streams and environment.
 */
import type { Readable } from 'node:stream';
import { plural } from '../core/plural.js';
import { configWarnings, loadConfig, type ConfigSources } from '../config/load-config.js';
import type { Config } from '../config/schema.js';
import { secretPolicy } from '../core/secrets.js';
import { LocalCache, type LocalCacheOptions } from '../storage/local-cache.js';

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

/** Counts what the secret filter did during one command, to say it once at the end. */
function secretReport() {
  const names = new Set<string>();
  let replaced = 0;
  let skipped = 0;
  return {
    onSecret(found: readonly string[], wasSkipped: boolean) {
      for (const name of found) names.add(name);
      if (wasSkipped) skipped++;
      else replaced++;
    },
    lines(): string[] {
      const kinds = [...names].join(', ');
      const lines: string[] = [];
      if (replaced > 0)
        lines.push(
          `mcp-terminal: replaced secrets (${kinds}) with markers in ${plural(replaced, 'entry', 'entries')} before saving`,
        );
      if (skipped > 0)
        lines.push(
          `mcp-terminal: left out ${plural(skipped, 'entry', 'entries')} holding secrets (${kinds}): secrets.mode is "skip"`,
        );
      return lines;
    },
  };
}

/** Opens the cache named by the config, closes it after `use`; says what the secret filter did. */
export async function withCache<T>(
  config: Config,
  context: CommandContext,
  use: (cache: LocalCache) => Promise<T> | T,
  extra: Pick<LocalCacheOptions, 'onWriteLock'> = {},
): Promise<T> {
  const report = secretReport();
  const cache = LocalCache.open(config.cachePath, {
    ...extra,
    now: context.now,
    secrets: secretPolicy(config.secrets.mode, config.secrets.patterns),
    onSecret: (found, skipped) => report.onSecret(found, skipped),
  });
  try {
    return await use(cache);
  } finally {
    cache.close();
    for (const line of report.lines()) context.stderr.write(`${line}\n`);
  }
}
