/**
 * bash history, read by bash's own rules (readline's histfile.c, read_history_range), made
 * robust where a file is not what one bash would have written:
 *
 * - A line that starts with `#` and a digit is a time line (bash's history comment character
 *   is `#` unless $histchars says otherwise), never a command. It dates the next command.
 * - Multi-line entries: readline reads a command line that no time line precedes as part
 *   of the entry before it only when the file's FIRST line is a time line and the reading
 *   shell has HISTTIMEFORMAT set. A file shared by shells with and without HISTTIMEFORMAT
 *   has that shape too, with long untimed stretches of one-line commands; glued together,
 *   a whole history becomes one oversize "command". So we merge only where the file reads
 *   as one that bash wrote with time lines throughout (readsAsTimed), and a stretch of more
 *   than MAX_CONTINUATION_LINES untimed lines is read as that many commands, never one.
 * - In any other file every line is a command of its own, even after time lines start to
 *   appear (HISTTIMEFORMAT set later in life): bash does not merge those, so neither do we.
 * - Empty lines are skipped, inside multi-line entries too; a CR before the LF is dropped; a
 *   run of NUL bytes is damage (lines.ts): it ends the entry before it.
 */
import { DAMAGE, historyLines, type HistoryLine } from './lines.js';
import type { ImportedCommand } from './types.js';
import { MAX_TIMESTAMP_MS } from '../validate-entry.js';

const TIME_LINE = /^#\d/;

/**
 * The most untimed lines that continue one timed entry. Typed multi-line commands (a loop, a
 * function, a heredoc pasting a config file) fit in a screen or two; a longer stretch is
 * another shell's one-line commands. Misread either way, the cost stays bounded: a command
 * of more lines comes in as its lines, and no more than this many commands are ever glued.
 */
export const MAX_CONTINUATION_LINES = 100;

/**
 * In a file bash wrote with time lines throughout, nearly every entry has its own time line
 * (multi-line commands are few). Counted outside the stretches too long to continue an
 * entry (they are read line by line anyway), at least one time line per two command lines
 * says the rest were written that way too; fewer says untimed one-line commands are mixed
 * in all through the file, and merging would glue them to their timed neighbours.
 */
function readsAsTimed(lines: readonly HistoryLine[]): boolean {
  const first = lines[0];
  if (first === undefined || first === DAMAGE || !TIME_LINE.test(first)) return false;
  let timeLines = 0;
  let commandLines = 0;
  let stretch = 0; // command lines since the last time line (or damage)
  const close = () => {
    commandLines += stretch > 1 + MAX_CONTINUATION_LINES ? 1 : stretch;
    stretch = 0;
  };
  for (const line of lines) {
    if (line === DAMAGE) close();
    else if (TIME_LINE.test(line)) {
      close();
      timeLines++;
    } else if (line.length > 0) stretch++;
  }
  close();
  return commandLines <= 2 * timeLines;
}

/** ms since the epoch for a time line, or null when its digits are no usable time. */
function timeOf(line: string): number | null {
  const digits = /^#(\d{1,12})(?!\d)/.exec(line)?.[1];
  const ms = digits === undefined ? NaN : Number(digits) * 1000;
  return Number.isSafeInteger(ms) && ms < MAX_TIMESTAMP_MS ? ms : null;
}

type Entry = { lines: string[]; timestamp: number | null };

const toCommand = (entry: Entry): ImportedCommand => ({
  command: entry.lines.join('\n'),
  timestamp: entry.timestamp,
});

export function* parseBash(text: string): Generator<ImportedCommand> {
  const lines = historyLines(text);
  const multiline = readsAsTimed(lines);
  // A time line seen and not yet given to a command: bash's `last_ts`.
  let pendingTime: number | null | undefined;
  let entry: Entry | null = null;
  // In an untimed stretch too long to be one entry: each line is a command until a time line.
  let loose = false;
  for (const line of lines) {
    if (line === DAMAGE) {
      // What a time line before the loss dated may be what was lost.
      if (entry !== null) yield toCommand(entry);
      entry = null;
      pendingTime = undefined;
      continue;
    }
    if (line.length === 0) continue;
    if (TIME_LINE.test(line)) {
      pendingTime = timeOf(line);
      loose = false;
      continue;
    }
    if (multiline && !loose && pendingTime === undefined && entry !== null) {
      entry.lines.push(line);
      if (entry.lines.length > 1 + MAX_CONTINUATION_LINES) {
        const [first, ...rest] = entry.lines;
        yield { command: first as string, timestamp: entry.timestamp };
        for (const command of rest) yield { command, timestamp: null };
        entry = null;
        loose = true;
      }
      continue;
    }
    if (entry !== null) yield toCommand(entry);
    entry = { lines: [line], timestamp: pendingTime ?? null };
    pendingTime = undefined;
  }
  if (entry !== null) yield toCommand(entry);
}
