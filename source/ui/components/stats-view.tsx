/**
 * Ctrl-T: the numbers of the history (the same lines as `mcp-terminal stats`), counted in
 * the query worker; "counting..." until they arrive. The lists are shortened to fit the
 * rows there are (most used commands keep the most), and every line is cut to the columns.
 */
import { Box, Text } from 'ink';
import { statsLines } from '../../core/format-stats.js';
import type { HistoryStats } from '../../core/types.js';
import { cutToWidth } from '../text/display-width.js';

/** Lines that are not list items: the total, three titles and three blank lines. */
const FIXED_LINES = 7;

/** The stats with each list cut so that all of it fits in `height` lines. */
export function fitStats(stats: HistoryStats, height: number): HistoryStats {
  const room = Math.max(0, height - FIXED_LINES);
  const quarter = Math.max(1, Math.floor(room / 4));
  let machines = Math.min(stats.machines.length, quarter);
  let days = Math.min(stats.busiestDays.length, quarter);
  const commands = Math.min(stats.topCommands.length, Math.max(0, room - machines - days));
  let spare = room - machines - days - commands;
  const more = (have: number, total: number) => {
    const extra = Math.max(0, Math.min(spare, total - have));
    spare -= extra;
    return have + extra;
  };
  machines = more(machines, stats.machines.length);
  days = more(days, stats.busiestDays.length);
  return {
    ...stats,
    machines: stats.machines.slice(0, machines),
    topCommands: stats.topCommands.slice(0, commands),
    busiestDays: stats.busiestDays.slice(0, days),
  };
}

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
  const lines = statsLines(fitStats(stats, height), width).slice(0, Math.max(1, height));
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} bold={i === 0 || /^[a-z]/.test(line)} wrap="truncate">
          {line.length === 0 ? ' ' : cutToWidth(line, width)}
        </Text>
      ))}
    </Box>
  );
}
