/**
 * One line of the history list: time, machine, command with its matched characters
 * highlighted. Text is sanitised and cut to the width.
 */
import { Box, Text } from 'ink';
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

export function EntryRow(props: EntryRowProps) {
  const { entry, selected, now, width } = props;
  const time = relativeTime(entry.timestamp, now).padStart(10);
  const machine = sanitizeLine(entry.machineId).slice(0, 16).padEnd(16);
  const room = Math.max(2, width - time.length - machine.length - 6);
  const segments = highlightSegments(entry.command, props.positions ?? [], room);
  return (
    <Box>
      <Text color={selected ? 'cyan' : undefined}>{selected ? '› ' : '  '}</Text>
      <Text dimColor>{time} </Text>
      <Text color="magenta">{machine} </Text>
      <Text bold={selected} wrap="truncate">
        {segments.map((segment, i) =>
          segment.matched ? (
            <Text key={i} color="yellow" underline>
              {segment.text}
            </Text>
          ) : (
            <Text key={i}>{segment.text}</Text>
          ),
        )}
      </Text>
    </Box>
  );
}
