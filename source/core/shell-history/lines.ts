/**
 * The lines of a history file, as every text reader (bash, zsh, fish, the sniffer) sees them.
 *
 * A run of NUL bytes is damage, not content: no shell writes NUL into its history (zsh
 * metafies it), but a crash that loses a write leaves one, often a whole block of them
 * where the lost bytes were. Such a run reads as the end of a line that also ends any
 * multi-line entry (DAMAGE): a line of NULs alone is skipped, and what follows a run is
 * read as a line of its own, never glued to the command before the loss.
 */

/** Where a run of NUL bytes was: a line break that also ends a multi-line entry. */
export const DAMAGE = null;
export type HistoryLine = string | typeof DAMAGE;

const NUL_RUN = /\0+/;

/**
 * The file's lines, without their line ends (a CR before the LF is dropped too), with
 * DAMAGE where a NUL run was. The empty "line" after a final newline is not one.
 */
export function historyLines(text: string): HistoryLine[] {
  const raw = text.split('\n');
  if (raw[raw.length - 1] === '') raw.pop();
  const lines: HistoryLine[] = [];
  for (const each of raw) {
    const line = each.endsWith('\r') ? each.slice(0, -1) : each;
    if (!line.includes('\0')) {
      lines.push(line);
      continue;
    }
    const pieces = line.split(NUL_RUN);
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i] as string;
      if (i > 0) lines.push(DAMAGE);
      if (piece.length > 0) lines.push(piece);
    }
  }
  return lines;
}
