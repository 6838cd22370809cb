/**
 * One line of the history list: time, machine, status, tokens, then the command with its
 * matched characters highlighted. Text is sanitised, and every field cut and padded by
 * terminal columns, so the row is never wider than the terminal (a wider row wraps and
 * pushes every row below it down).
 */
import chalk from 'chalk';
import { Text } from 'ink';
import { memo } from 'react';
import { sanitizeLine } from '../../core/sanitize.js';
import type { HistoryEntry } from '../../core/types.js';
import { relativeTime } from '../format-time.js';
import { highlightSegments } from '../highlight.js';
import { padEndToWidth } from '../text/display-width.js';

export type EntryRowProps = {
  entry: HistoryEntry;
  selected: boolean;
  now: number;
  width: number;
  positions?: readonly number[] | undefined;
};

const OK_STATUS = /^(ok|0|success|done|completed?)$/i;
const MACHINE_COLUMNS = 14;
const STATUS_COLUMNS = 6;

/** "842", "1.2k", "3.4M": tokens in five columns at most. */
export function compactCount(n: number | null): string {
  if (n === null) return '';
  if (n < 1000) return String(n);
  if (n < 999_500) return `${trimZero((n / 1000).toFixed(n < 9_950 ? 1 : 0))}k`;
  return `${trimZero((n / 1_000_000).toFixed(1))}M`;
}

function trimZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/**
 * Memoised: a sync landing redraws the screen often, and most rows have not changed. The
 * row is one string with its colours in it (chalk, the colouring Ink itself uses, so
 * NO_COLOR and colourless terminals are honoured): one Ink node per row instead of a tree
 * of nested Text, because mounting the rows that arrive with a sync, not drawing them, was
 * what a refresh cost on the UI thread. The text was sanitised before any code was added.
 */
export const EntryRow = memo(function EntryRow(props: EntryRowProps) {
  const { entry, selected, now, width } = props;
  const time = relativeTime(entry.timestamp, now).padStart(10);
  const machine = padEndToWidth(sanitizeLine(entry.machineId), MACHINE_COLUMNS);
  const status = padEndToWidth(sanitizeLine(entry.status ?? ''), STATUS_COLUMNS);
  const tokens = compactCount(entry.tokensUsed).padStart(5);
  // Two for the selection mark, four spaces between the fields.
  const room = Math.max(0, width - 10 - MACHINE_COLUMNS - STATUS_COLUMNS - 5 - 6);
  const command = highlightSegments(entry.command, props.positions ?? [], room)
    .map((segment) => (segment.matched ? chalk.yellow.underline(segment.text) : segment.text))
    .join('');
  const statusColour = OK_STATUS.test(entry.status ?? 'ok') ? chalk.green : chalk.red;
  const line =
    (selected ? chalk.cyan('> ') : '  ') +
    `${chalk.dim(time)} ${chalk.magenta(machine)} ${statusColour(status)} ${chalk.dim(tokens)} ` +
    (selected ? chalk.bold(command) : command);
  return <Text wrap="truncate">{line}</Text>;
});
