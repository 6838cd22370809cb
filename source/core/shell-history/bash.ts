/**
 * bash history, read by bash's own rules (readline's histfile.c, read_history_range):
 *
 * - A line that starts with `#` and a digit is a time line (bash's history comment character
 *   is `#` unless $histchars says otherwise), never a command. It dates the next command.
 * - Only a file whose FIRST line is a time line has multi-line entries: there, a command
 *   line that no time line precedes belongs to the entry before it (how bash saves a
 *   multi-line command with HISTTIMEFORMAT set). In any other file every line is a command
 *   of its own, even after time lines start to appear (HISTTIMEFORMAT set later in life):
 *   bash does not merge those, so neither do we.
 * - Empty lines are skipped, inside multi-line entries too; a CR before the LF is dropped.
 */
import type { ImportedCommand } from './types.js';
import { MAX_TIMESTAMP_MS } from '../validate-entry.js';

const TIME_LINE = /^#\d/;

/** ms since the epoch for a time line, or null when its digits are no usable time. */
function timeOf(line: string): number | null {
  const digits = /^#(\d{1,12})(?!\d)/.exec(line)?.[1];
  const ms = digits === undefined ? NaN : Number(digits) * 1000;
  return Number.isSafeInteger(ms) && ms < MAX_TIMESTAMP_MS ? ms : null;
}

/** Whether bash reads this file as timestamp-separated, possibly multi-line, entries. */
export function hasMultilineEntries(text: string): boolean {
  return TIME_LINE.test(text);
}

export function* parseBash(text: string): Generator<ImportedCommand> {
  const multiline = hasMultilineEntries(text);
  // A time line seen and not yet given to a command: bash's `last_ts`.
  let pendingTime: number | null | undefined;
  let entry: { lines: string[]; timestamp: number | null } | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.length === 0) continue;
    if (TIME_LINE.test(line)) {
      pendingTime = timeOf(line);
      continue;
    }
    if (multiline && pendingTime === undefined && entry !== null) {
      entry.lines.push(line);
      continue;
    }
    if (entry !== null) yield { command: entry.lines.join('\n'), timestamp: entry.timestamp };
    entry = { lines: [line], timestamp: pendingTime ?? null };
    pendingTime = undefined;
  }
  if (entry !== null) yield { command: entry.lines.join('\n'), timestamp: entry.timestamp };
}
