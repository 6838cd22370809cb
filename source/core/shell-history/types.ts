/**
 * One command read from another tool's history file.
 */
export type ImportedCommand = {
  readonly command: string;
  /** When it ran, ms since the epoch; null when the file does not say. */
  readonly timestamp: number | null;
  readonly cwd?: string | null;
  readonly status?: string | null;
  readonly sessionId?: string | null;
  /** How long it ran, ms, when the file says (zsh extended, Atuin). */
  readonly durationMs?: number | null;
  /** The source's own id for the command, when it has one (Atuin); else its position is used. */
  readonly sourceId?: string;
};

export const SHELLS = ['bash', 'zsh', 'fish', 'atuin'] as const;
export type HistorySourceKind = (typeof SHELLS)[number];
