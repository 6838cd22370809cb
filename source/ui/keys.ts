/**
 * Every key of the TUI, in one table: the help view draws it and the README lists it.
 */
export type KeyHelp = { readonly keys: string; readonly action: string };

export const LIST_KEYS: readonly KeyHelp[] = [
  { keys: 'type', action: "fuzzy search (fzf syntax: 'exact ^prefix suffix$ !not)" },
  { keys: 'Backspace / Ctrl-U', action: 'edit / clear the query' },
  { keys: '↑ ↓  Ctrl-P Ctrl-N', action: 'move the selection' },
  { keys: 'PgUp PgDn Home End', action: 'move by a page / to the ends' },
  { keys: 'Enter', action: 'show the full command and response' },
  { keys: 'Tab', action: 'quit and print the selected command (for the shell line)' },
  { keys: 'Ctrl-Y', action: 'copy the selected command to the clipboard' },
  { keys: 'Ctrl-R', action: 'cycle the scope: all machines, this machine, session, directory' },
  { keys: 'Ctrl-S', action: 'sync now' },
  { keys: 'Ctrl-X', action: 'open the conflict list' },
  { keys: 'Ctrl-T', action: 'stats: totals, machines, most used commands, busiest days' },
  { keys: '?', action: 'this help (on an empty query)' },
  { keys: 'Esc', action: 'clear the query; on an empty query quit' },
  { keys: 'Ctrl-C', action: 'quit' },
];

export const DETAIL_KEYS: readonly KeyHelp[] = [
  { keys: '↑ ↓ PgUp PgDn Home End', action: 'scroll' },
  { keys: 'Tab / Ctrl-Y', action: 'print on exit / copy the command' },
  { keys: 'Esc / Enter / q', action: 'back to the list' },
];

export const CONFLICT_KEYS: readonly KeyHelp[] = [
  { keys: '↑ ↓', action: 'choose a conflict' },
  { keys: 'f', action: 'flip: make the losing version win (conflicts resolve --keep <loser>)' },
  { keys: 'k', action: 'keep the winning version and close the conflict' },
  { keys: 'Esc / q', action: 'back to the list' },
];
