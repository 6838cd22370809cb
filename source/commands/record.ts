/**
 * `record`: saves one entry (flags) or many (NDJSON on stdin) in the local cache.
 */
import type { NewEntry } from '../core/types.js';
import { McpError } from '../core/errors.js';
import { loadCommandConfig, withCache, type Command } from './context.js';
import { lockStats } from './lock-stats.js';
import { readNdjsonEntries } from './ndjson-entries.js';
import { syncIfDue } from './sync-if-due.js';
import { parseOptions, parseWholeNumber } from './parse-options.js';

/** Entries per write transaction in bulk mode: large enough to be fast, small enough that
 * other processes recording at the same time wait only milliseconds for the lock. */
const BULK_CHUNK = 5000;

const OPTIONS = {
  command: { type: 'string' },
  response: { type: 'string' },
  status: { type: 'string' },
  tokens: { type: 'string' },
  duration: { type: 'string' },
  session: { type: 'string' },
  cwd: { type: 'string' },
  stdin: { type: 'boolean' },
  'sync-if-due': { type: 'boolean' },
} as const;

export const record: Command = async (args, context) => {
  const { values } = parseOptions('record', args, OPTIONS, false);
  const sessionId = values.session ?? context.env['MCP_TERMINAL_SESSION'] ?? null;
  if (values.stdin) {
    if (values.command !== undefined) {
      throw new McpError('USAGE', 'record: give either --command or --stdin, not both');
    }
    const config = loadCommandConfig(context);
    const entries = await readNdjsonEntries(context.stdin, { sessionId });
    return withCache(
      config,
      context,
      (cache) => {
        let written = 0;
        for (let start = 0; start < entries.length; start += BULK_CHUNK) {
          const saved = cache.recordMany(entries.slice(start, start + BULK_CHUNK));
          // A bulk load never yields to the event loop, so checkpoint here: a WAL that grows to
          // gigabytes makes every later page lookup slower (measured: 3x the time in all).
          cache.maintain();
          context.stdout.write(saved.map((entry) => entry.uuid).join('\n') + '\n');
          written += saved.length;
        }
        context.stderr.write(`recorded ${written} entries\n`);
        return 0;
      },
      lockStats(context.env),
    );
  }
  if (values.command === undefined) {
    throw new McpError(
      'USAGE',
      'record: --command is required (or --stdin for NDJSON); see: mcp-terminal record --help',
    );
  }
  const entry: NewEntry = {
    command: values.command,
    response: values.response,
    status: values.status,
    tokensUsed: parseWholeNumber('record', 'tokens', values.tokens, 0, Number.MAX_SAFE_INTEGER),
    durationMs: parseWholeNumber('record', 'duration', values.duration, 0, Number.MAX_SAFE_INTEGER),
    sessionId,
    cwd: values.cwd ?? context.cwd,
  };
  const config = loadCommandConfig(context);
  return withCache(
    config,
    context,
    async (cache) => {
      // recordMany, not record: with secrets.mode "skip" an entry holding a secret is left
      // out (said on stderr), which is what was asked for, not an error.
      for (const saved of cache.recordMany([entry])) context.stdout.write(`${saved.uuid}\n`);
      // The entry is saved whatever the sync does: it never changes the exit code.
      if (values['sync-if-due'] === true) {
        // This process may wait for a sync: its arguments (the command, before secrets were
        // replaced) would stay readable in `ps` meanwhile.
        process.title = 'mcp-terminal record';
        await syncIfDue(config, cache, context.now).catch(() => false);
      }
      return 0;
    },
    lockStats(context.env),
  );
};
