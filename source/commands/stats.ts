/**
 * `stats [--json]`: totals, entries per machine, the most used commands, the busiest days.
 */
import { statsLines } from '../core/format-stats.js';
import { historyStats } from '../storage/history-stats.js';
import { loadCommandConfig, withCache, type Command } from './context.js';
import { parseOptions } from './parse-options.js';
import { VERB_SPECS } from './verb-specs.js';

export const stats: Command = async (args, context) => {
  const { values } = parseOptions('stats', args, VERB_SPECS.stats.options, false);
  const config = loadCommandConfig(context);
  return withCache(config, context, (cache) => {
    const result = historyStats(cache);
    context.stdout.write(
      values.json ? `${JSON.stringify(result)}\n` : `${statsLines(result).join('\n')}\n`,
    );
    return 0;
  });
};
