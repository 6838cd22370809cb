/**
 * `conflicts [--json]` lists the losing versions of concurrent edits next to the current
 * ones; `conflicts resolve UUID --keep local|remote` overrides the automatic choice.
 */
import { didYouMean } from '../core/did-you-mean.js';
import { McpError } from '../core/errors.js';
import { sanitizeLine } from '../core/sanitize.js';
import type { HistoryEntry } from '../core/types.js';
import { listConflicts, resolveConflict } from '../storage/conflict-store.js';
import { loadCommandConfig, withCache, type Command } from './context.js';
import { entryToJson } from './format.js';
import { parseOptions } from './parse-options.js';
import { VERB_SPECS } from './verb-specs.js';

function describe(entry: HistoryEntry | null): string {
  if (entry === null) return '(missing)';
  if (entry.deleted) return `(deleted) by ${entry.version.slice(22)}`;
  const fields = [entry.command, entry.status ?? '', entry.response ?? ''].map((f) =>
    sanitizeLine(f).slice(0, 60),
  );
  return `${fields.filter(Boolean).join(' | ')}  [${entry.version.slice(22)}]`;
}

export const conflicts: Command = async (args, context) => {
  const { values, positionals } = parseOptions(
    'conflicts',
    args,
    VERB_SPECS.conflicts.options,
    true,
  );
  const config = loadCommandConfig(context);
  if (positionals[0] === 'resolve') {
    const uuid = positionals[1];
    if (uuid === undefined || positionals.length !== 2) {
      throw new McpError(
        'USAGE',
        'conflicts resolve: expects one UUID; see: mcp-terminal conflicts --help',
      );
    }
    if (values.keep !== 'local' && values.keep !== 'remote') {
      throw new McpError(
        'USAGE',
        `conflicts resolve: --keep must be local or remote, got ${values.keep === undefined ? 'nothing' : `"${values.keep}"`}`,
      );
    }
    const keep = values.keep;
    return withCache(config, context, (cache) => {
      const entry = resolveConflict(cache, uuid, keep, context.now);
      context.stdout.write(
        values.json
          ? `${JSON.stringify(entryToJson(entry))}\n`
          : `${uuid}: kept the ${keep} version\n`,
      );
      return 0;
    });
  }
  if (positionals.length > 0) {
    throw new McpError(
      'USAGE',
      `conflicts: unknown action "${positionals[0]?.slice(0, 40)}"${didYouMean(positionals[0] ?? '', ['resolve'])}; use: conflicts [--json] or conflicts resolve UUID --keep local|remote`,
    );
  }
  return withCache(config, context, (cache) => {
    const list = listConflicts(cache);
    if (values.json) {
      const json = list.map((c) => {
        const local = c.loserSide === 'local' ? c.loser : c.current;
        const remote = c.loserSide === 'remote' ? c.loser : c.current;
        return {
          uuid: c.uuid,
          detectedAt: c.detectedAt,
          winner: c.loserSide === 'local' ? 'remote' : 'local',
          local: local && entryToJson(local),
          remote: remote && entryToJson(remote),
        };
      });
      context.stdout.write(`${JSON.stringify(json)}\n`);
      return 0;
    }
    if (list.length === 0) {
      context.stdout.write('no conflicts\n');
      return 0;
    }
    for (const c of list) {
      const won = c.loserSide === 'local' ? 'remote' : 'local';
      context.stdout.write(
        `${c.uuid}  (${won} version won)\n  current: ${describe(c.current)}\n  lost (${c.loserSide}): ${describe(c.loser)}\n`,
      );
    }
    return 0;
  });
};
