/**
 * Enter: the whole entry. Metadata on top (the time in local time with its zone, as
 * `search` prints it), then the command and the response as sanitised lines wrapped to the
 * terminal's columns, scrolled by the reducer's offset.
 */
import { Box, Text } from 'ink';
import { localTime } from '../../core/local-time.js';
import { sanitizeBlock } from '../../core/sanitize.js';
import type { HistoryEntry } from '../../core/types.js';
import { ago } from '../format-time.js';
import { wrapToWidth } from '../text/display-width.js';

/** "1.2 s", "340 ms", "2 min 5 s"; '-' when unknown. */
export function took(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '-';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Splits text into screen lines of at most `width` columns, never inside a character. */
export function wrapLines(text: string, width: number): string[] {
  return sanitizeBlock(text)
    .split('\n')
    .flatMap((line) => wrapToWidth(line, width));
}

/** Everything the detail view scrolls through, as screen lines. */
export function detailLines(entry: HistoryEntry, width: number, now: number): string[] {
  const meta = [
    `machine  ${entry.machineId}`,
    `session  ${entry.sessionId ?? '-'}`,
    `cwd      ${entry.cwd ?? '-'}`,
    `time     ${localTime(entry.timestamp, { seconds: true, zone: true })} (${ago(entry.timestamp, now)})`,
    `status   ${entry.status ?? '-'}    tokens ${entry.tokensUsed ?? '-'}    took ${took(entry.durationMs)}`,
    `uuid     ${entry.uuid}`,
  ].flatMap((line) => wrapLines(line, width));
  return [
    ...meta,
    '',
    '── command',
    ...wrapLines(entry.command, width),
    '',
    '── response',
    ...(entry.response === null ? ['(none)'] : wrapLines(entry.response, width)),
  ];
}

export type DetailViewProps = {
  readonly lines: readonly string[];
  readonly scroll: number;
  readonly height: number;
};

export function DetailView({ lines, scroll, height }: DetailViewProps) {
  const shown = lines.slice(scroll, scroll + height);
  const more = lines.length > height;
  return (
    <Box flexDirection="column" flexGrow={1}>
      {shown.map((line, i) => (
        <Text key={scroll + i} bold={line.startsWith('── ')} wrap="truncate">
          {line.length === 0 ? ' ' : line}
        </Text>
      ))}
      {more ? (
        <Text dimColor>
          lines {scroll + 1}-{Math.min(lines.length, scroll + height)} of {lines.length}
        </Text>
      ) : null}
    </Box>
  );
}
