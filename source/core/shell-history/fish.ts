/**
 * fish history (~/.local/share/fish/fish_history): a YAML-like list.
 *
 *     - cmd: git commit -m "two\nlines"
 *       when: 1700000000
 *       paths:
 *         - README.md
 *
 * In `cmd`, fish writes a newline as `\n` and a backslash as `\\`. Lines that are none of
 * these (a corrupt entry, a crash mid-write) are passed over. An entry whose `when:` is
 * missing or no usable time keeps its place with its neighbour's time: the previous
 * entry's, or for entries before any time, the first time that follows. One bad field
 * costs one entry its exact time, never the entry. A run of NUL bytes (damage, lines.ts) is
 * a line break: what follows it is read like any other line.
 */
import { DAMAGE, historyLines } from './lines.js';
import type { ImportedCommand } from './types.js';
import { MAX_TIMESTAMP_MS } from '../validate-entry.js';

export const FISH_CMD = '- cmd: ';
const WHEN = '  when: ';

function unescapeFish(text: string): string {
  return text.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

function timeOf(text: string): number | null {
  const trimmed = text.trim();
  const ms = /^\d{1,12}$/.test(trimmed) ? Number(trimmed) * 1000 : NaN;
  return Number.isSafeInteger(ms) && ms < MAX_TIMESTAMP_MS ? ms : null;
}

export function* parseFish(text: string): Generator<ImportedCommand> {
  let command: string | null = null;
  let time: number | null = null;
  let lastTime: number | null = null;
  // Entries read before the file's first usable time: they take that time when it comes.
  const undated: string[] = [];
  const flush = function* (): Generator<ImportedCommand> {
    if (command === null || command.trim().length === 0) return;
    const timestamp = time ?? lastTime;
    if (timestamp === null) {
      undated.push(command);
      return;
    }
    for (const early of undated) yield { command: early, timestamp };
    undated.length = 0;
    lastTime = timestamp;
    yield { command, timestamp };
  };
  for (const line of historyLines(text)) {
    if (line === DAMAGE) continue;
    if (line.startsWith(FISH_CMD)) {
      yield* flush();
      command = unescapeFish(line.slice(FISH_CMD.length));
      time = null;
    } else if (line.startsWith(WHEN) && command !== null) {
      time = timeOf(line.slice(WHEN.length));
    }
  }
  yield* flush();
  for (const early of undated) yield { command: early, timestamp: null };
}
