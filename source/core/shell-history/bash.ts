/**
 * bash history: one command per line, or, with HISTTIMEFORMAT set, `#<epoch seconds>` lines
 * before each command. In the timed form every line up to the next `#<epoch>` belongs to the
 * same command (how bash saves multi-line commands with `lithist`).
 */
import type { ImportedCommand } from './types.js';

const TIME_LINE = /^#(\d{9,11})$/;

export function* parseBash(text: string): Generator<ImportedCommand> {
  const lines = text.split('\n');
  const timed = lines.some((line) => TIME_LINE.test(line));
  if (!timed) {
    for (const line of lines) {
      const command = line.replace(/\r$/, '');
      if (command.trim().length > 0) yield { command, timestamp: null };
    }
    return;
  }
  let timestamp: number | null = null;
  let pending: string[] = [];
  const flush = function* (): Generator<ImportedCommand> {
    while (pending.length > 0 && pending[pending.length - 1]?.trim() === '') pending.pop();
    const command = pending.join('\n');
    if (command.trim().length > 0) yield { command, timestamp };
    pending = [];
  };
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    const time = TIME_LINE.exec(line);
    if (time) {
      yield* flush();
      timestamp = Number(time[1]) * 1000;
    } else {
      pending.push(line);
    }
  }
  yield* flush();
}
