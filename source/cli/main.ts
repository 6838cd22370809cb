/**
 * The CLI edge: picks the verb, runs it, and turns errors into one-line messages and exit
 * codes. Verbs are imported lazily so a quick verb never loads the TUI (Ink, React).
 */
import { EXIT_CODES, isMcpError, McpError } from '../core/errors.js';
import { cachePathFor } from '../config/load-config.js';
import { corruptCache, isCorruptionError } from '../storage/cache-integrity.js';
import type { Command, CommandContext } from '../commands/context.js';
import { config } from '../commands/config.js';
import { MAIN_HELP, verbHelp } from '../commands/help.js';
import { asksForHelp } from '../commands/parse-options.js';
import { VERB_NAMES, VERB_SPECS, type VerbName } from '../commands/verb-specs.js';
import { didYouMean } from '../core/did-you-mean.js';
import { sanitizeLine } from '../core/sanitize.js';
import { record } from '../commands/record.js';
import { search } from '../commands/search.js';
import { status } from '../commands/status.js';
import { remove } from '../commands/delete.js';
import { update } from '../commands/update.js';

// The quick verbs are small and share the cache code, so they live in the main bundle:
// one file to load. Heavy parts (the TUI, later sync) are imported lazily where used.
const QUICK_VERBS: Readonly<Record<string, Command>> = {
  record,
  update,
  delete: remove,
  search,
  status,
  config,
};

// Verbs that talk to the server load the libSQL client only when used.
const LAZY_VERBS: Readonly<Record<string, () => Promise<Command>>> = {
  sync: async () => (await import('../commands/sync.js')).sync,
  conflicts: async () => (await import('../commands/conflicts.js')).conflicts,
  server: async () => (await import('../commands/server.js')).server,
  import: async () => (await import('../commands/import/import.js')).importHistory,
  export: async () => (await import('../commands/export.js')).exportHistory,
  stats: async () => (await import('../commands/stats.js')).stats,
  init: async () => (await import('../commands/init/init.js')).init,
  repair: async () => (await import('../commands/repair.js')).repair,
};

function isVerb(name: string): name is VerbName {
  return Object.hasOwn(VERB_SPECS, name);
}

async function findVerb(verb: string): Promise<Command | undefined> {
  if (Object.hasOwn(QUICK_VERBS, verb)) return QUICK_VERBS[verb];
  if (Object.hasOwn(LAZY_VERBS, verb)) return (LAZY_VERBS[verb] as () => Promise<Command>)();
  return undefined;
}

export const VERSION = '0.1.0';

/** SQLite errors about the cache file itself, said as what they mean and what to do. */
function cacheFileError(context: CommandContext, error: unknown): McpError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const path = cachePathFor(context.env);
  const detail = (error as Error).message;
  if (isCorruptionError(error)) return corruptCache(path, detail, error);
  if (code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_IOERR'))
    return new McpError(
      'CACHE_UNAVAILABLE',
      `cannot write ${path} (${detail}): the disk may be full or the file over a size limit; free some space and run the command again: what was stored before is intact`,
    );
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN'))
    return new McpError(
      'CACHE_UNAVAILABLE',
      `cannot write ${path} (${detail}); check that its folder is writable by you (MCP_TERMINAL_HOME picks another)`,
    );
  return null;
}

function printError(context: CommandContext, error: unknown): number {
  error = cacheFileError(context, error) ?? error;
  if (isMcpError(error)) {
    // Messages quote what was given (a verb, a value, a file's line): neutralise control
    // sequences in it, so an argument cannot retitle or clear the person's terminal.
    for (const line of error.message.split('\n'))
      context.stderr.write(`mcp-terminal: ${sanitizeLine(line)}\n`);
    return EXIT_CODES[error.code];
  }
  const message = error instanceof Error ? error.message : String(error);
  context.stderr.write(
    `mcp-terminal: internal error: ${sanitizeLine(message.split('\n')[0] ?? '')}\n`,
  );
  if (context.env['MCP_TERMINAL_DEBUG'] && error instanceof Error)
    context.stderr.write(`${error.stack}\n`);
  return 1;
}

/** Runs one CLI invocation; `openTui` opens the full-screen app when no verb is given. */
export async function runCli(
  argv: readonly string[],
  context: CommandContext,
  openTui: () => Promise<number>,
): Promise<number> {
  const [verb, ...rest] = argv;
  try {
    if (verb === undefined) return await openTui();
    if (verb === '--help' || verb === '-h' || verb === 'help') {
      const topic = rest.join(' ');
      context.stdout.write(`${isVerb(topic) ? verbHelp(topic) : MAIN_HELP}\n`);
      return 0;
    }
    if (verb === '--version' || verb === '-V' || verb === '-v') {
      context.stdout.write(`${VERSION}\n`);
      return 0;
    }
    const run = await findVerb(verb);
    if (!run) {
      const shown = verb.slice(0, 40);
      const hint = verb.startsWith('-')
        ? didYouMean(verb, ['--help', '--version'])
        : didYouMean(verb, VERB_NAMES);
      context.stderr.write(
        `mcp-terminal: unknown ${verb.startsWith('-') ? 'option' : 'verb'} "${sanitizeLine(shown)}"${hint}; verbs: ${VERB_NAMES.join(', ')} (see mcp-terminal --help)\n`,
      );
      return EXIT_CODES.USAGE;
    }
    const helpTopic = verb === 'server' && rest[0] === 'keygen' ? 'server keygen' : verb;
    if (isVerb(helpTopic) && asksForHelp(rest, VERB_SPECS[helpTopic].options)) {
      context.stdout.write(`${verbHelp(helpTopic)}\n`);
      return 0;
    }
    return await run(rest, context);
  } catch (error) {
    return printError(context, error);
  }
}
