/**
 * `update UUID`: a new version of an entry, which syncs to every machine.
 */
import { loadCommandConfig, withCache, type Command } from './context.js';
import { onePositional, parseOptions, parseWholeNumber } from './parse-options.js';
import { VERB_SPECS } from './verb-specs.js';

export const update: Command = async (args, context) => {
  const { values, positionals } = parseOptions('update', args, VERB_SPECS.update.options, true);
  const uuid = onePositional('update', positionals, 'UUID');
  const patch = {
    response: values.response,
    status: values.status,
    tokensUsed: parseWholeNumber('update', 'tokens', values.tokens, 0, Number.MAX_SAFE_INTEGER),
  };
  const config = loadCommandConfig(context);
  return withCache(config, context, (cache) => {
    context.stdout.write(`${cache.update(uuid, patch).uuid}\n`);
    return 0;
  });
};
