/**
 * Ctrl-T: the numbers of the history (the same lines as `mcp-terminal stats`), counted in
 * the query worker; "counting..." until they arrive.
 */
import { Box, Text } from 'ink';
import { statsLines } from '../../core/format-stats.js';
import type { HistoryStats } from '../../core/types.js';

export function StatsView({
  stats,
  width,
  height,
}: {
  stats: HistoryStats | null;
  width: number;
  height: number;
}) {
  if (stats === null) return <Text dimColor>counting...</Text>;
  const lines = statsLines(stats, width).slice(0, Math.max(1, height - 1));
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} bold={i === 0 || /^[a-z]/.test(line)} wrap="truncate">
          {line.length === 0 ? ' ' : line}
        </Text>
      ))}
      <Text dimColor>Esc or q to go back</Text>
    </Box>
  );
}
