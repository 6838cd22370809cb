/**
 * `?`: every key, from the key table. The list's keys one per line; the detail and conflict
 * views' keys as a paragraph each (they are also in the status line of those views), so it
 * all fits in 80x24. Every line is fitted to the columns; a shorter terminal shows the first
 * lines.
 */
import { Box, Text } from 'ink';
import {
  ANY_VIEW_KEYS,
  CONFLICT_KEYS,
  DETAIL_KEYS,
  LIST_KEYS,
  PAGE_KEYS,
  type KeyHelp,
} from '../keys.js';
import { cutToWidth, displayWidth, padEndToWidth } from '../text/display-width.js';

/** The width of the keys column. */
const KEYS_COLUMNS = 20;

/** Each row as "keys action", the action without its parenthesis. */
export function keyPhrases(keys: readonly KeyHelp[]): string[] {
  return keys.map((key) => `${key.keys} ${key.action.split(' (')[0]}`);
}

/**
 * `title` then the phrases joined by " · ", wrapped between phrases to `width` columns
 * (a phrase wider than a line is cut).
 */
export function paragraph(title: string, phrases: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = title;
  for (const phrase of phrases) {
    const joined = line === title ? `${line}${phrase}` : `${line} · ${phrase}`;
    if (displayWidth(joined) <= width || line === title) line = joined;
    else {
      lines.push(line);
      line = `  ${phrase}`;
    }
  }
  lines.push(line);
  return lines.map((text) => cutToWidth(text, width));
}

export function HelpView({ width, height }: { width: number; height: number }) {
  const back = PAGE_KEYS[0];
  const rows = [...LIST_KEYS, ...ANY_VIEW_KEYS].map((key) => ({
    keys: padEndToWidth(key.keys, KEYS_COLUMNS),
    action: cutToWidth(key.action, width - KEYS_COLUMNS),
  }));
  const paragraphs = [
    ...paragraph('Detail: ', keyPhrases(DETAIL_KEYS), width),
    ...paragraph('Conflicts: ', keyPhrases(CONFLICT_KEYS), width),
  ];
  const room = Math.max(0, height - 1);
  return (
    <Box flexDirection="column" flexGrow={1}>
      <Text wrap="truncate">
        <Text bold>Keys</Text>
        <Text dimColor>{cutToWidth(` (${back?.keys}: ${back?.action})`, width - 4)}</Text>
      </Text>
      {rows.slice(0, room).map((row) => (
        <Text key={row.keys} wrap="truncate">
          <Text color="cyan">{row.keys}</Text>
          {row.action}
        </Text>
      ))}
      {paragraphs.slice(0, Math.max(0, room - rows.length)).map((line, i) => (
        <Text key={i} wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
