/**
 * `export [--format ndjson|csv]`: the whole history on stdout, oldest first, streamed row
 * by row in ~64 KB writes (waiting for the reader when it is slower), so a million entries
 * never sit in memory. NDJSON lines have the `search --json` shape, the vocabulary
 * `record --stdin` and `import ndjson` read (ndjson-entries.ts); CSV (RFC 4180) has one
 * column per field.
 */
import { plural } from '../core/plural.js';
import { McpError } from '../core/errors.js';
import type { HistoryEntry } from '../core/types.js';
import { loadCommandConfig, withCache, type Command, type TextSink } from './context.js';
import { entryToJson } from './format.js';
import { parseOptions } from './parse-options.js';

const FORMATS = ['ndjson', 'csv'] as const;
type Format = (typeof FORMATS)[number];
const FLUSH_BYTES = 64 * 1024;

const CSV_COLUMNS = [
  'uuid',
  'timestamp',
  'machineId',
  'sessionId',
  'cwd',
  'status',
  'tokensUsed',
  'durationMs',
  'command',
  'response',
] as const;

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function line(format: Format, entry: HistoryEntry): string {
  if (format === 'ndjson') return `${JSON.stringify(entryToJson(entry))}\n`;
  const json = entryToJson(entry) as Record<string, unknown>;
  return `${CSV_COLUMNS.map((column) => csvField(json[column])).join(',')}\r\n`;
}

/** Writes and, when the sink is a stream that says it is full, waits for it to drain. */
async function writeWithBackpressure(sink: TextSink, text: string): Promise<void> {
  const stream = sink as TextSink & { once?: (event: string, listener: () => void) => unknown };
  if (sink.write(text) === false && typeof stream.once === 'function') {
    await new Promise<void>((resolve) => stream.once?.('drain', resolve));
  }
}

export const exportHistory: Command = async (args, context) => {
  const { values } = parseOptions('export', args, { format: { type: 'string' } }, false);
  const format = (values.format ?? 'ndjson') as Format;
  if (!FORMATS.includes(format)) {
    throw new McpError(
      'USAGE',
      `export: --format expects ndjson or csv, got "${String(values.format).slice(0, 40)}"`,
    );
  }
  const config = loadCommandConfig(context);
  return withCache(config, context, async (cache) => {
    let buffer = format === 'csv' ? `${CSV_COLUMNS.join(',')}\r\n` : '';
    let count = 0;
    for (const entry of cache.iterateAll()) {
      buffer += line(format, entry);
      count++;
      if (buffer.length >= FLUSH_BYTES) {
        await writeWithBackpressure(context.stdout, buffer);
        buffer = '';
      }
    }
    if (buffer.length > 0) await writeWithBackpressure(context.stdout, buffer);
    context.stderr.write(`exported ${plural(count, 'entry', 'entries')} (${format})\n`);
    return 0;
  });
};
