/**
 * `search [QUERY]`: entries whose command contains the query, newest first.
 */
import { loadCommandConfig, withCache, type Command } from './context.js';
import { entryToJson, entryToLine } from './format.js';
import { parseOptions, parseWholeNumber } from './parse-options.js';

const OPTIONS = {
  machine: { type: 'string' },
  session: { type: 'string' },
  cwd: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const search: Command = async (args, context) => {
  const { values, positionals } = parseOptions('search', args, OPTIONS, true);
  const limit = parseWholeNumber('search', 'limit', values.limit, 1, 1_000_000) ?? 50;
  const query = positionals.join(' ');
  const config = loadCommandConfig(context);
  return withCache(config, context, (cache) => {
    const entries = cache.list({
      limit,
      machineId: values.machine,
      sessionId: values.session,
      cwd: values.cwd,
      contains: query,
    });
    if (values.json) {
      context.stdout.write(`${JSON.stringify(entries.map(entryToJson))}\n`);
    } else if (entries.length > 0) {
      context.stdout.write(entries.map(entryToLine).join('\n') + '\n');
    }
    return 0;
  });
};
