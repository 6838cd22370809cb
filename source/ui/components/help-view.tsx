/**
 * `?`: every key. The list's keys one per line; the detail and conflict views' keys one
 * line each (they are also on those views' bottom lines), so it all fits in 80x24.
 */
import { Box, Text } from 'ink';
import { CONFLICT_KEYS, DETAIL_KEYS, LIST_KEYS, type KeyHelp } from '../keys.js';

/** One line of keys: "key action · key action". */
export function keyLine(keys: readonly KeyHelp[]): string {
  return keys.map((key) => `${key.keys} ${key.action.split(' (')[0]}`).join(' · ');
}

export function HelpView() {
  return (
    <Box flexDirection="column" flexGrow={1}>
      <Text bold>Keys</Text>
      {LIST_KEYS.map((key) => (
        <Text key={key.keys} wrap="truncate">
          <Text color="cyan">{key.keys.padEnd(20)}</Text>
          {key.action}
        </Text>
      ))}
      <Text wrap="truncate">
        <Text bold>Detail: </Text>
        {keyLine(DETAIL_KEYS)}
      </Text>
      <Text wrap="truncate">
        <Text bold>Conflicts: </Text>
        {keyLine(CONFLICT_KEYS)}
      </Text>
      <Text dimColor>Esc or ? to go back</Text>
    </Box>
  );
}
