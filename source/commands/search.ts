/**
 * `search [QUERY]`: fuzzy search, best first; with no query, the newest entries.
 */
import { resolve } from 'node:path';
import { search as fuzzySearch } from '../search/search.js';
import { loadCommandConfig, withCache, type Command } from './context.js';
import { entryToJson, entryToLine } from './format.js';
import { nonEmpty, parseOptions, parseWholeNumber } from './parse-options.js';
import { VERB_SPECS } from './verb-specs.js';

const OPTIONS = VERB_SPECS.search.options;

export const search: Command = async (args, context) => {
  const { values, positionals } = parseOptions('search', args, OPTIONS, true);
  const limit = parseWholeNumber('search', 'limit', values.limit, 1, 1_000_000) ?? 50;
  const query = positionals.join(' ');
  const config = loadCommandConfig(context);
  return withCache(config, context, (cache) => {
    const given = nonEmpty('search', 'cwd', values.cwd);
    const cwd = given === undefined ? undefined : resolve(context.cwd, given);
    const filters = { machineId: values.machine, sessionId: values.session, cwd };
    if (query.trim().length === 0) {
      // No query: every entry, newest first (not one per distinct command).
      const entries = cache.list({ limit, ...filters });
      if (values.json)
        context.stdout.write(
          `${JSON.stringify(entries.map((e) => ({ ...entryToJson(e), positions: [] })))}\n`,
        );
      else if (entries.length > 0) context.stdout.write(entries.map(entryToLine).join('\n') + '\n');
      return 0;
    }
    const results = fuzzySearch(cache, query, { limit, ...filters });
    if (values.json) {
      const json = results.map((r) => ({
        ...entryToJson(r.entry),
        score: r.score,
        uses: r.uses,
        positions: r.positions,
      }));
      context.stdout.write(`${JSON.stringify(json)}\n`);
    } else if (results.length > 0) {
      context.stdout.write(results.map((r) => entryToLine(r.entry)).join('\n') + '\n');
    }
    return 0;
  });
};
