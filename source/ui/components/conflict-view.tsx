/**
 * The conflict list: one conflict at a time, both versions with the machine that made the
 * change and when; side by side when the terminal is wide, one above the other otherwise.
 * Its keys are in the status line (f flip, k keep, Esc back).
 */
import { Box, Text } from 'ink';
import { decodeHlc } from '../../core/hlc.js';
import { sanitizeLine } from '../../core/sanitize.js';
import type { HistoryEntry } from '../../core/types.js';
import type { Conflict } from '../../core/types.js';
import { ago } from '../format-time.js';
import { cutToWidth } from '../text/display-width.js';

/** Below this width the two versions are stacked. */
const SIDE_BY_SIDE_COLUMNS = 100;

/** One line of a version, cut to the box by terminal columns. */
function cut(text: string, width: number): string {
  return cutToWidth(sanitizeLine(text), width);
}

function Version(props: {
  title: string;
  entry: HistoryEntry | null;
  wins: boolean;
  width: number;
  now: number;
}) {
  const { entry, width } = props;
  const clock = entry === null ? null : decodeHlc(entry.version);
  const lines =
    entry === null
      ? ['(missing from this cache)']
      : [
          entry.deleted ? '(deleted)' : `command  ${entry.command}`,
          `status   ${entry.status ?? '-'}   tokens ${entry.tokensUsed ?? '-'}`,
          `response ${entry.response ?? '-'}`,
          `changed  ${clock === null ? '?' : `${ago(clock.wall, props.now)} by ${clock.node}`}`,
        ];
  return (
    <Box
      flexDirection="column"
      width={width}
      borderStyle="round"
      borderColor={props.wins ? 'green' : 'gray'}
    >
      <Text bold color={props.wins ? 'green' : undefined}>
        {props.title} {props.wins ? '· wins' : '· lost'}
      </Text>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate">
          {cut(line, width - 4)}
        </Text>
      ))}
    </Box>
  );
}

export type ConflictViewProps = {
  readonly items: readonly Conflict[];
  readonly selected: number;
  readonly columns: number;
  readonly now: number;
};

export function ConflictView({ items, selected, columns, now }: ConflictViewProps) {
  const conflict = items[selected];
  if (conflict === undefined) {
    return (
      <Box flexDirection="column" flexGrow={1}>
        <Text color="green">No conflicts: every machine agrees.</Text>
      </Box>
    );
  }
  const local = conflict.loserSide === 'local' ? conflict.loser : conflict.current;
  const remote = conflict.loserSide === 'remote' ? conflict.loser : conflict.current;
  const wide = columns >= SIDE_BY_SIDE_COLUMNS;
  const width = wide ? Math.floor(columns / 2) - 1 : columns;
  return (
    <Box flexDirection="column" flexGrow={1}>
      <Text wrap="truncate">
        <Text bold>
          Conflict {selected + 1} of {items.length}
        </Text>
        <Text dimColor>
          {' '}
          · {conflict.uuid} · found {ago(conflict.detectedAt, now)}
        </Text>
      </Text>
      <Box flexDirection={wide ? 'row' : 'column'}>
        <Version
          title="this machine"
          entry={local}
          wins={conflict.loserSide === 'remote'}
          width={width}
          now={now}
        />
        <Version
          title="other machine"
          entry={remote}
          wins={conflict.loserSide === 'local'}
          width={width}
          now={now}
        />
      </Box>
    </Box>
  );
}
