/**
 * `delete UUID...` and `delete --query QUERY`: tombstones that sync to every machine. By
 * query, the entries are found as `search` finds them (every entry of each matching command,
 * in the scope given), listed, and deleted only after a yes: from the person at a terminal,
 * or --yes from a script. Nothing is deleted when one uuid is unknown or the answer is no.
 */
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { McpError } from '../core/errors.js';
import { plural } from '../core/plural.js';
import { parseQuery } from '../core/search/query.js';
import { sanitizeLine } from '../core/sanitize.js';
import type { HistoryEntry } from '../core/types.js';
import { search, type SearchOptions } from '../search/search.js';
import type { LocalCache } from '../storage/local-cache.js';
import { loadCommandConfig, withCache, type Command, type CommandContext } from './context.js';
import { nonEmpty, parseOptions } from './parse-options.js';
import { VERB_SPECS } from './verb-specs.js';

/** Commands listed before asking; --dry-run lists them all. */
const SHOWN_BEFORE_ASKING = 20;
const EVERYTHING = 100_000_000;

type ScopeFilters = { machineId?: string; sessionId?: string; cwd?: string };
type Match = { command: string; entries: HistoryEntry[] };

/**
 * Every live entry of each command the query matches in the scope, best match first. The
 * search looks in the narrowest filter only (it judges a command by its newest entry there,
 * which another filter may drop); the listing applies them all.
 */
function findMatches(cache: LocalCache, query: string, scope: ScopeFilters): Match[] {
  const narrowest: SearchOptions =
    scope.sessionId !== undefined
      ? { sessionId: scope.sessionId }
      : scope.cwd !== undefined
        ? { cwd: scope.cwd }
        : scope.machineId !== undefined
          ? { machineId: scope.machineId }
          : {};
  const commands = search(cache, query, { ...narrowest, limit: EVERYTHING }).map(
    (result) => result.entry.command,
  );
  if (commands.length === 0) return [];
  const byCommand = new Map<string, HistoryEntry[]>(commands.map((c) => [c, []]));
  for (const entry of cache.list({ ...scope, commands, limit: EVERYTHING })) {
    byCommand.get(entry.command)?.push(entry);
  }
  return [...byCommand]
    .filter(([, entries]) => entries.length > 0)
    .map(([command, entries]) => ({ command, entries }));
}

function matchLine(match: Match): string {
  return `${String(match.entries.length).padStart(7)}x  ${sanitizeLine(match.command)}`;
}

/** Asks on the terminal; true only for an answer starting with y. */
async function confirm(context: CommandContext, question: string): Promise<boolean> {
  context.stderr.write(`${question} [y/N] `);
  const lines = createInterface({ input: context.stdin, terminal: false });
  try {
    for await (const line of lines) return /^\s*y/i.test(line);
    return false;
  } finally {
    lines.close();
  }
}

function isTerminal(context: CommandContext): boolean {
  return (context.stdin as { isTTY?: boolean }).isTTY === true;
}

async function deleteByQuery(
  cache: LocalCache,
  context: CommandContext,
  query: string,
  scope: ScopeFilters,
  flags: { dryRun: boolean; yes: boolean },
): Promise<number> {
  const matches = findMatches(cache, query, scope);
  const uuids = matches.flatMap((match) => match.entries.map((entry) => entry.uuid));
  const what = `${plural(uuids.length, 'entry', 'entries')} of ${plural(matches.length, 'command')}`;
  if (uuids.length === 0) {
    context.stderr.write(
      `no entries match "${sanitizeLine(query).slice(0, 60)}": nothing to delete\n`,
    );
    return 0;
  }
  const shown = flags.dryRun ? matches : matches.slice(0, SHOWN_BEFORE_ASKING);
  context.stdout.write(`${shown.map(matchLine).join('\n')}\n`);
  if (shown.length < matches.length)
    context.stdout.write(
      `  ... and ${plural(matches.length - shown.length, 'more command')} (see --dry-run)\n`,
    );
  if (flags.dryRun) {
    context.stderr.write(`would delete ${what} (dry run: nothing was changed)\n`);
    return 0;
  }
  if (!flags.yes) {
    if (!isTerminal(context))
      throw new McpError(
        'USAGE',
        `delete: ${what} match; nothing was deleted: add --yes to confirm (there is no terminal to ask on), or look first with --dry-run`,
      );
    if (!(await confirm(context, `Delete ${what} everywhere?`))) {
      // As rm -i: declining is an answer, not a failure.
      context.stderr.write('nothing was deleted\n');
      return 0;
    }
  }
  // The question may have waited a while: an entry deleted meanwhile (a sync, another
  // terminal) is already gone, not a reason to delete nothing.
  const live = uuids.filter((uuid) => cache.get(uuid)?.deleted === false);
  cache.deleteMany(live);
  context.stderr.write(
    `deleted ${live.length === uuids.length ? what : `${plural(live.length, 'entry', 'entries')} (${uuids.length - live.length} went meanwhile)`}: ${live.length === 1 ? 'the deletion syncs' : 'the deletions sync'} to every machine\n`,
  );
  return 0;
}

export const remove: Command = async (args, context) => {
  const { values, positionals } = parseOptions('delete', args, VERB_SPECS.delete.options, true);
  const config = loadCommandConfig(context);
  if (values.query === undefined) {
    // Every option but --query goes with --query.
    const scoped = Object.keys(VERB_SPECS.delete.options).filter(
      (f) => f !== 'query' && f in values,
    );
    if (positionals.length === 0 || scoped.length > 0)
      throw new McpError(
        'USAGE',
        `delete: expects UUIDs, or --query QUERY${scoped.length > 0 ? ` (--${scoped[0]} goes with --query)` : ''}; see: mcp-terminal delete --help`,
      );
    return withCache(config, context, (cache) => {
      // The same uuid twice, or one already deleted (a second run), is done once, not an error.
      const live = [...new Set(positionals)].filter((uuid) => cache.get(uuid)?.deleted !== true);
      cache.deleteMany(live);
      return 0;
    });
  }
  if (positionals.length > 0)
    throw new McpError(
      'USAGE',
      'delete: --query takes one query and no UUIDs (quote a query of several words); see: mcp-terminal delete --help',
    );
  // A query with no term that must match (empty, only operators such as ' or ^, only
  // negations) matches everything: a script's `--query "'$WORD"` with an empty $WORD.
  if (!parseQuery(values.query).some((term) => !term.negate))
    throw new McpError(
      'USAGE',
      `delete: --query "${sanitizeLine(values.query).slice(0, 40)}" has no term that must match, so it would match every entry; nothing was deleted`,
    );
  const scope: ScopeFilters = {
    ...(values.machine !== undefined && { machineId: values.machine }),
    ...(values.session !== undefined && { sessionId: values.session }),
    ...(values.cwd !== undefined && {
      cwd: resolve(context.cwd, nonEmpty('delete', 'cwd', values.cwd) ?? '.'),
    }),
  };
  const flags = { dryRun: values['dry-run'] === true, yes: values.yes === true };
  return withCache(config, context, (cache) =>
    deleteByQuery(cache, context, values.query as string, scope, flags),
  );
};
