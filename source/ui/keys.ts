/**
 * Every key of the TUI, in one table: which key runs which command in each view, and the
 * words the help view, the status line's hints and the README show for it. The app looks
 * keys up here, so the help cannot list a key the app does not bind, or miss one it does.
 */
import type { NamedKey } from './input/split-keys.js';
import type { View } from './state/app-state.js';

/** What a key does; each view gives its own meaning to the shared ones (up, back...). */
export type Command =
  | 'backspace'
  | 'clearQuery'
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'first'
  | 'last'
  | 'detail'
  | 'print'
  | 'copy'
  | 'scope'
  | 'sync'
  | 'delete'
  | 'conflicts'
  | 'stats'
  | 'help'
  | 'escape'
  | 'back'
  | 'flip'
  | 'keep'
  | 'quit';

/**
 * A key's id: a printable character itself ('q', '?'), 'space', or a named key with its
 * modifiers ('ctrl+u', 'up', 'shift+tab', 'pagedown').
 */
export type KeyId = string;

export type KeyHelp = {
  /** The keys as the help shows them. */
  readonly keys: string;
  readonly action: string;
  /** The keys of this row and what each runs (none: the row only explains, like typing). */
  readonly bind: readonly (readonly [KeyId, Command])[];
  /**
   * A short word for the status line ("Esc quit"); rank 1 is the last hint dropped when the
   * line is too narrow for all of them.
   */
  readonly hint?: {
    readonly text: string;
    readonly rank: number;
    /** The key as the hint names it, when not the whole of `keys` ("Esc" of "Esc / q"). */
    readonly keys?: string;
    /**
     * What the key needs to do anything; the hint shows only then: a selected entry in the
     * list, a conflict in the conflict list, or an empty query ('?' is typed otherwise).
     */
    readonly needs?: 'entry' | 'conflict' | 'emptyQuery';
  };
};

/**
 * Commands that act on the list's selection or move it. While the list still shows the
 * answer to an earlier query or scope they wait for the new answer (hooks/use-app-keys.ts):
 * `foo` then Ctrl-D must ask about the entry `foo` selects, not the one selected before.
 */
export const SELECTION_COMMANDS: ReadonlySet<Command> = new Set<Command>([
  'up',
  'down',
  'pageUp',
  'pageDown',
  'first',
  'last',
  'detail',
  'print',
  'copy',
  'delete',
]);

export const LIST_KEYS: readonly KeyHelp[] = [
  { keys: 'type', action: "fuzzy search (fzf syntax: 'exact ^prefix suffix$ !not)", bind: [] },
  {
    keys: 'Backspace / Ctrl-U',
    action: 'edit / clear the query',
    bind: [
      ['backspace', 'backspace'],
      ['ctrl+u', 'clearQuery'],
    ],
  },
  {
    keys: '↑ ↓  Ctrl-P Ctrl-N',
    action: 'move the selection',
    bind: [
      ['up', 'up'],
      ['down', 'down'],
      ['ctrl+p', 'up'],
      ['ctrl+n', 'down'],
    ],
  },
  {
    keys: 'PgUp PgDn Home End',
    action: 'move by a page / to the ends',
    bind: [
      ['pageup', 'pageUp'],
      ['pagedown', 'pageDown'],
      ['home', 'first'],
      ['end', 'last'],
    ],
  },
  {
    keys: 'Enter',
    action: 'show the full command and response',
    bind: [['return', 'detail']],
    hint: { text: 'detail', rank: 3, needs: 'entry' },
  },
  {
    keys: 'Tab',
    action: 'quit and print the selected command (for the shell)',
    bind: [['tab', 'print']],
    hint: { text: 'print', rank: 4, needs: 'entry' },
  },
  {
    keys: 'Ctrl-Y',
    action: 'copy the selected command to the clipboard',
    bind: [['ctrl+y', 'copy']],
  },
  {
    keys: 'Ctrl-R',
    action: 'scope: all machines, this machine, session, directory',
    bind: [['ctrl+r', 'scope']],
  },
  {
    keys: 'Ctrl-S',
    action: 'sync now',
    bind: [['ctrl+s', 'sync']],
    hint: { text: 'sync', rank: 5 },
  },
  {
    keys: 'Ctrl-D',
    action: 'delete the selected entry on every machine (asks first)',
    bind: [['ctrl+d', 'delete']],
    hint: { text: 'delete', rank: 6, needs: 'entry' },
  },
  { keys: 'Ctrl-X', action: 'open the conflict list', bind: [['ctrl+x', 'conflicts']] },
  {
    keys: 'Ctrl-T',
    action: 'stats: totals, machines, most used commands, busiest days',
    bind: [['ctrl+t', 'stats']],
  },
  {
    keys: '?',
    action: 'this help (on an empty query)',
    bind: [['?', 'help']],
    hint: { text: 'keys', rank: 1, needs: 'emptyQuery' },
  },
  {
    keys: 'Esc',
    action: 'clear the query; on an empty query quit',
    bind: [['escape', 'escape']],
    hint: { text: 'quit', rank: 2 },
  },
];

export const DETAIL_KEYS: readonly KeyHelp[] = [
  {
    keys: '↑ ↓ PgUp PgDn Space Home End',
    action: 'scroll',
    bind: [
      ['up', 'up'],
      ['down', 'down'],
      ['pageup', 'pageUp'],
      ['pagedown', 'pageDown'],
      ['space', 'pageDown'],
      ['home', 'first'],
      ['end', 'last'],
    ],
    hint: { text: 'scroll', rank: 2, keys: '↑ ↓' },
  },
  {
    keys: 'Tab / Ctrl-Y',
    action: 'print on exit / copy the command',
    bind: [
      ['tab', 'print'],
      ['ctrl+y', 'copy'],
    ],
  },
  {
    keys: 'Esc / Enter / q',
    action: 'back to the list',
    bind: [
      ['escape', 'back'],
      ['return', 'back'],
      ['q', 'back'],
    ],
    hint: { text: 'back', rank: 1, keys: 'Esc' },
  },
];

export const CONFLICT_KEYS: readonly KeyHelp[] = [
  {
    keys: '↑ ↓',
    action: 'choose a conflict',
    bind: [
      ['up', 'up'],
      ['down', 'down'],
    ],
    hint: { text: 'choose', rank: 4, needs: 'conflict' },
  },
  {
    keys: 'f',
    action: 'flip: make the losing version win (conflicts resolve --keep <loser>)',
    bind: [['f', 'flip']],
    hint: { text: 'flip', rank: 2, needs: 'conflict' },
  },
  {
    keys: 'k',
    action: 'keep the winning version and close the conflict',
    bind: [['k', 'keep']],
    hint: { text: 'keep', rank: 3, needs: 'conflict' },
  },
  {
    keys: 'Esc / q',
    action: 'back to the list',
    bind: [
      ['escape', 'back'],
      ['q', 'back'],
    ],
    hint: { text: 'back', rank: 1, keys: 'Esc' },
  },
];

/** The help and stats views. */
export const PAGE_KEYS: readonly KeyHelp[] = [
  {
    keys: 'Esc / q / ?',
    action: 'back to the list',
    bind: [
      ['escape', 'back'],
      ['q', 'back'],
      ['?', 'back'],
    ],
    hint: { text: 'back', rank: 1, keys: 'Esc' },
  },
];

/** Keys that do the same in every view. */
export const ANY_VIEW_KEYS: readonly KeyHelp[] = [
  { keys: 'Ctrl-C', action: 'quit', bind: [['ctrl+c', 'quit']] },
];

/** The keys of each view. */
export const VIEW_KEYS: Readonly<Record<View, readonly KeyHelp[]>> = {
  list: LIST_KEYS,
  detail: DETAIL_KEYS,
  conflicts: CONFLICT_KEYS,
  help: PAGE_KEYS,
  stats: PAGE_KEYS,
};

/** The id of a named key ('ctrl+u', 'shift+tab', 'up'). */
export function keyId(key: NamedKey): KeyId {
  return `${key.ctrl ? 'ctrl+' : ''}${key.meta ? 'alt+' : ''}${key.shift ? 'shift+' : ''}${key.name}`;
}

/** The id of one typed character. */
export function charId(char: string): KeyId {
  return char === ' ' ? 'space' : char;
}

/** The command `id` runs in a view with these keys (the keys of every view first). */
export function commandFor(table: readonly KeyHelp[], id: KeyId): Command | undefined {
  for (const rows of [ANY_VIEW_KEYS, table])
    for (const row of rows) for (const [key, command] of row.bind) if (key === id) return command;
  return undefined;
}
