/**
 * One line of the history list: time, machine, command. Text is sanitised and cut to width.
 */
import { Box, Text } from 'ink';
import { sanitizeLine } from '../../core/sanitize.js';
import type { HistoryEntry } from '../../core/types.js';
import { relativeTime } from '../format-time.js';

export function EntryRow(props: {
  entry: HistoryEntry;
  selected: boolean;
  now: number;
  width: number;
}) {
  const { entry, selected, now, width } = props;
  const time = relativeTime(entry.timestamp, now).padStart(10);
  const machine = sanitizeLine(entry.machineId).slice(0, 16).padEnd(16);
  const room = Math.max(1, width - time.length - machine.length - 6);
  const command = sanitizeLine(entry.command);
  const shown = command.length > room ? `${command.slice(0, room - 1)}…` : command;
  return (
    <Box>
      <Text color={selected ? 'cyan' : undefined}>{selected ? '› ' : '  '}</Text>
      <Text dimColor>{time} </Text>
      <Text color="magenta">{machine} </Text>
      <Text bold={selected} wrap="truncate">
        {shown}
      </Text>
    </Box>
  );
}
