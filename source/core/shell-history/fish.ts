/**
 * fish history (~/.local/share/fish/fish_history): a YAML-like list.
 *
 *     - cmd: git commit -m "two\nlines"
 *       when: 1700000000
 *       paths:
 *         - README.md
 *
 * In `cmd`, fish writes a newline as `\n` and a backslash as `\\`.
 */
import type { ImportedCommand } from './types.js';

function unescapeFish(text: string): string {
  return text.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

export function* parseFish(text: string): Generator<ImportedCommand> {
  let command: string | null = null;
  let timestamp: number | null = null;
  const flush = function* (): Generator<ImportedCommand> {
    if (command !== null && command.trim().length > 0) yield { command, timestamp };
    command = null;
    timestamp = null;
  };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('- cmd: ')) {
      yield* flush();
      command = unescapeFish(line.slice('- cmd: '.length));
    } else if (line.startsWith('  when: ') && command !== null) {
      const seconds = Number(line.slice('  when: '.length).trim());
      timestamp = Number.isSafeInteger(seconds) && seconds >= 0 ? seconds * 1000 : null;
    }
  }
  yield* flush();
}
