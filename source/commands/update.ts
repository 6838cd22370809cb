/**
 * `update UUID` and `delete UUID`: a new version of an entry, or its tombstone.
 */
import { loadCommandConfig, withCache, type Command } from './context.js';
import { onePositional, parseOptions, parseWholeNumber } from './parse-options.js';

const UPDATE_OPTIONS = {
  response: { type: 'string' },
  status: { type: 'string' },
  tokens: { type: 'string' },
} as const;

export const update: Command = async (args, context) => {
  const { values, positionals } = parseOptions('update', args, UPDATE_OPTIONS, true);
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

export const remove: Command = async (args, context) => {
  const { positionals } = parseOptions('delete', args, {}, true);
  const uuid = onePositional('delete', positionals, 'UUID');
  const config = loadCommandConfig(context);
  return withCache(config, context, (cache) => {
    cache.delete(uuid);
    return 0;
  });
};
