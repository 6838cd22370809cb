/**
 * The stats as lines of text, for `stats` and the TUI's stats view. Commands are sanitised
 * and cut to the width.
 */
import { plural } from './plural.js';
import { sanitizeLine } from './sanitize.js';
import type { HistoryStats } from './types.js';
import { localDay } from './local-time.js';

const n = (value: number) => value.toLocaleString('en-US');
const day = (ms: number | null) => (ms === null ? '-' : localDay(ms));

export function statsLines(stats: HistoryStats, width = 100): string[] {
  const cut = (text: string) => {
    const line = sanitizeLine(text);
    return line.length > width - 12 ? `${line.slice(0, width - 15)}...` : line;
  };
  return [
    `${plural(stats.total, 'entry', 'entries')} from ${day(stats.first)} to ${day(stats.last)}`,
    '',
    'per machine',
    ...stats.machines.map((m) => `  ${n(m.entries).padStart(10)}  ${cut(m.machineId)}`),
    '',
    'most used commands',
    ...stats.topCommands.map((c) => `  ${n(c.uses).padStart(10)}  ${cut(c.command)}`),
    '',
    'busiest days',
    ...stats.busiestDays.map((d) => `  ${n(d.entries).padStart(10)}  ${d.day}`),
  ];
}
