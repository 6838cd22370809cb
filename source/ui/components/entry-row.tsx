/**
 * One line of the history list: time, machine, status, tokens, then the command with its
 * matched characters highlighted. Text is sanitised and cut to the width.
 */
import chalk from 'chalk';
import { Text } from 'ink';
import { memo } from 'react';
import { sanitizeLine } from '../../core/sanitize.js';
import type { HistoryEntry } from '../../core/types.js';
import { relativeTime } from '../format-time.js';
import { highlightSegments } from '../highlight.js';

export type EntryRowProps = {
  entry: HistoryEntry;
  selected: boolean;
  now: number;
  width: number;
  positions?: readonly number[] | undefined;
};

const OK_STATUS = /^(ok|0|success|done|completed?)$/i;

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
  const machine = sanitizeLine(entry.machineId).slice(0, 14).padEnd(14);
  const status = sanitizeLine(entry.status ?? '')
    .slice(0, 6)
    .padEnd(6);
  const tokens = compactCount(entry.tokensUsed).padStart(5);
  const room = Math.max(
    2,
    width - time.length - machine.length - status.length - tokens.length - 8,
  );
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
