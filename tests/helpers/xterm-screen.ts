/**
 * A frame as a terminal shows it: written into a headless xterm.js of the given size, read
 * back row by row. A line wider than the terminal wraps there and pushes the rows below
 * down (and the top row off the screen), as it would in front of a person.
 */
import xterm from '@xterm/headless';
import type { TerminalSize } from './ink-render.js';

export type Screen = {
  /** Each row's text, trailing blanks removed. */
  readonly rows: readonly string[];
  /** Each row's cells: the characters drawn in each column ('' for the right half of a wide one). */
  readonly cells: readonly (readonly string[])[];
};

export async function drawnScreen(frame: string, size: TerminalSize): Promise<Screen> {
  const terminal = new xterm.Terminal({
    cols: size.columns,
    rows: size.rows,
    allowProposedApi: true,
  });
  // Home and clear, then the frame's lines; no newline after the last one (it would scroll).
  const data = `\u001b[H\u001b[2J${frame.replace(/\n/g, '\r\n')}`;
  await new Promise<void>((resolve) => terminal.write(data, resolve));
  const buffer = terminal.buffer.active;
  const rows: string[] = [];
  const cells: string[][] = [];
  for (let y = 0; y < size.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line?.translateToString(true) ?? '');
    const row: string[] = [];
    for (let x = 0; x < size.columns; x++) row.push(line?.getCell(x)?.getChars() ?? '');
    cells.push(row);
  }
  terminal.dispose();
  return { rows, cells };
}
