/**
 * `record`: saves one entry (flags) or many (NDJSON on stdin) in the local cache.
 */
import { resolve } from 'node:path';
import type { NewEntry } from '../core/types.js';
import { MAX_TIMESTAMP_MS, validateNewEntry } from '../core/validate-entry.js';
import { McpError } from '../core/errors.js';
import { plural } from '../core/plural.js';
import { loadCommandConfig, withCache, type Command } from './context.js';
import { lockStats } from './lock-stats.js';
import { readNdjsonEntries } from './ndjson-entries.js';
import { syncIfDue } from './sync-if-due.js';
import { nonEmpty, parseOptions, parseWholeNumber } from './parse-options.js';
import { VERB_SPECS } from './verb-specs.js';

/** Entries per write transaction in bulk mode: large enough to be fast, small enough that
 * other processes recording at the same time wait only milliseconds for the lock. */
const BULK_CHUNK = 5000;

const OPTIONS = VERB_SPECS.record.options;

/**
 * When the command started: --timestamp as given (the shell hooks pass the start time they
 * took before the command ran, so commands typed ahead keep their order although their
 * background records may finish in any order); else now, less the duration when known.
 */
function startTime(given: string | undefined, durationMs: number | undefined, now: () => number) {
  const timestamp = parseWholeNumber('record', 'timestamp', given, 0, MAX_TIMESTAMP_MS - 1);
  if (timestamp !== undefined) return timestamp;
  const end = now();
  return durationMs === undefined ? end : Math.max(0, end - durationMs);
}

/** The entry's checks, said as flags: "record: --command: expected a non-empty string". */
function validateFlags(entry: NewEntry): void {
  try {
    validateNewEntry(entry);
  } catch (error) {
    if (!(error instanceof McpError) || error.code !== 'INPUT_INVALID') throw error;
    const field = /^(\w+): /.test(error.message) ? '--' : '';
    throw new McpError('INPUT_INVALID', `record: ${field}${error.message}`, { cause: error });
  }
}

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
        context.stderr.write(`recorded ${plural(written, 'entry', 'entries')}\n`);
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
  const durationMs = parseWholeNumber(
    'record',
    'duration',
    values.duration,
    0,
    Number.MAX_SAFE_INTEGER,
  );
  const entry: NewEntry = {
    command: values.command,
    response: values.response,
    status: values.status,
    tokensUsed: parseWholeNumber('record', 'tokens', values.tokens, 0, Number.MAX_SAFE_INTEGER),
    durationMs,
    sessionId,
    cwd: resolve(context.cwd, nonEmpty('record', 'cwd', values.cwd) ?? '.'),
    timestamp: startTime(values.timestamp, durationMs, context.now),
  };
  validateFlags(entry);
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
