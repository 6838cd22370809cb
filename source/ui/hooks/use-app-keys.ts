/**
 * The TUI's keys: each key the terminal sent, in order, looked up in the key table
 * (keys.ts) for the open view and run. A chunk of several keys behaves as the same keys
 * pressed one by one with the screen up to date: every change is applied to `latest` at
 * once (act), so the next key reads the state the previous one left, whether or not a frame
 * was drawn in between; and a key that acts on the selection while the list still shows the
 * answer to an earlier query waits, with every key after it, for the answer to this one.
 */
import { useApp } from 'ink';
import { useEffect, useRef, type Dispatch, type MutableRefObject } from 'react';
import type { HistoryEntry } from '../../core/types.js';
import { appCommands, type CommandContext } from '../app-commands.js';
import type { KeyInput } from '../input/split-keys.js';
import {
  ANY_VIEW_KEYS,
  charId,
  commandFor,
  keyId,
  LIST_KEYS,
  SELECTION_COMMANDS,
  VIEW_KEYS,
  type Command,
  type KeyId,
} from '../keys.js';
import { appReducer, isSearching, type AppAction, type AppState } from '../state/app-state.js';
import type { Whereabouts } from '../state/scope.js';
import { graphemes } from '../text/display-width.js';
import { useKeys } from './use-keys.js';

export type AppKeysOptions = Omit<CommandContext, 'exit' | 'act' | 'dispatch' | 'latest'> & {
  readonly where: Whereabouts;
  readonly latest: MutableRefObject<AppState>;
  readonly dispatch: Dispatch<AppAction>;
  /** The detail view's screen lines for an entry (the same the view draws). */
  readonly detailLines: (entry: HistoryEntry) => readonly string[];
  /** Rows between the header and the message line. */
  readonly bodyHeight: number;
};

/** The query without its last character (a whole grapheme: é typed as e + ◌́ goes at once). */
function withoutLast(query: string): string {
  const parts = [...graphemes(query)];
  parts.pop();
  return parts.join('');
}

export function useAppKeys(options: AppKeysOptions): void {
  const { exit } = useApp();
  const { latest, dispatch, where } = options;
  const act = (action: AppAction) => {
    latest.current = appReducer(latest.current, action);
    dispatch(action);
  };
  const commands = appCommands({ ...options, exit, act });
  const setQuery = (query: string) => act({ type: 'query', query });
  const list = (action: Extract<AppAction, { type: 'list' }>['action']) =>
    act({ type: 'list', action });

  const onList = (command: Command) => {
    const { query } = latest.current;
    switch (command) {
      case 'backspace':
        return setQuery(withoutLast(query));
      case 'clearQuery':
        return setQuery('');
      case 'up':
        return list({ type: 'move', delta: -1 });
      case 'down':
        return list({ type: 'move', delta: 1 });
      case 'pageUp':
        return list({ type: 'page', direction: -1 });
      case 'pageDown':
        return list({ type: 'page', direction: 1 });
      case 'first':
        return list({ type: 'first' });
      case 'last':
        return list({ type: 'last' });
      case 'detail': {
        const entry = commands.selected();
        if (entry) act({ type: 'openDetail', entry: options.store.get(entry.uuid) ?? entry });
        return;
      }
      case 'print':
        return commands.print();
      case 'copy':
        return commands.copy();
      case 'scope':
        return act({ type: 'scope', where });
      case 'sync':
        return commands.sync();
      case 'delete':
        return commands.askDelete();
      case 'conflicts':
        return act({ type: 'openConflicts', items: options.store.conflicts() });
      case 'stats':
        return commands.stats();
      case 'help':
        return act({ type: 'openHelp' });
      case 'escape':
        return query.length > 0 ? setQuery('') : exit();
    }
  };

  const onDetail = (command: Command) => {
    const detail = latest.current.detail;
    const lines = detail === null ? [] : options.detailLines(detail.entry);
    const height = options.bodyHeight;
    const page = Math.max(1, height - 2);
    const max = Math.max(0, lines.length - (height - 1));
    const scroll = (delta: number) => act({ type: 'scrollDetail', delta, max });
    const moves: Partial<Record<Command, number>> = {
      up: -1,
      down: 1,
      pageUp: -page,
      pageDown: page,
      first: -lines.length,
      last: lines.length,
    };
    const delta = moves[command];
    if (delta !== undefined) scroll(delta);
    else if (command === 'print') commands.print();
    else if (command === 'copy') commands.copy();
    else if (command === 'back') act({ type: 'back' });
  };

  const onConflicts = (command: Command) => {
    if (command === 'up') act({ type: 'moveConflict', delta: -1 });
    else if (command === 'down') act({ type: 'moveConflict', delta: 1 });
    else if (command === 'flip') commands.resolve(true);
    else if (command === 'keep') commands.resolve(false);
    else if (command === 'back') act({ type: 'back' });
  };

  /** One key that is not typed text. */
  const run = (id: KeyId) => {
    const view = latest.current.view;
    const command = commandFor(VIEW_KEYS[view], id);
    if (command === 'quit') return exit();
    // The delete question takes the next key, whatever it is: only y deletes.
    if (latest.current.confirmDelete !== null)
      return commands.answerDelete(id === 'y' || id === 'Y');
    if (command === undefined) return;
    if (view === 'list') onList(command);
    else if (view === 'detail') onDetail(command);
    else if (view === 'conflicts') onConflicts(command);
    else if (command === 'back') act({ type: 'back' });
  };

  /**
   * Typed characters: into the query in the list (in one change per run, so a long run is
   * one search); a character with a command of its own ('?' on an empty query, 'q' in the
   * detail view) is a key, and the characters after it go to the view it opened.
   */
  const onText = (text: string) => {
    let typed = '';
    const flush = () => {
      if (typed.length > 0) setQuery(latest.current.query + typed);
      typed = '';
    };
    for (const char of graphemes(text)) {
      const s = latest.current;
      const isKey =
        s.view !== 'list' ||
        s.confirmDelete !== null ||
        (s.query.length + typed.length === 0 && commandFor(LIST_KEYS, charId(char)) !== undefined);
      if (!isKey) {
        typed += char;
        continue;
      }
      flush();
      run(charId(char));
    }
    flush();
  };

  const handle = (key: KeyInput) => {
    if (key.kind === 'text') return onText(key.text);
    if (key.kind === 'key') return run(keyId(key));
    // A paste is text for the query, never keys; it answers the delete question with no.
    if (latest.current.confirmDelete !== null) return commands.answerDelete(false);
    if (latest.current.view === 'list') setQuery(latest.current.query + key.text);
  };

  /**
   * Keys not yet run, oldest first. Invariant: empty, or its first key must wait (below);
   * the keys after it wait behind it so that keys still run in the order they came.
   */
  const held = useRef<KeyInput[]>([]);

  /**
   * A key that acts on the list's selection (or moves it) while the list shows the answer to
   * an earlier query or scope must wait for the current one. Typing never waits.
   */
  const mustWait = (key: KeyInput): boolean => {
    const s = latest.current;
    if (key.kind !== 'key' || s.view !== 'list' || s.confirmDelete !== null) return false;
    const command = commandFor(LIST_KEYS, keyId(key));
    return command !== undefined && SELECTION_COMMANDS.has(command) && isSearching(s);
  };

  const runHeld = () => {
    const queue = held.current;
    while (queue.length > 0 && !mustWait(queue[0]!)) handle(queue.shift()!);
  };

  // After each frame: the answer the held keys wait for may have landed. When the search
  // failed, the list they would act on is not its answer: they are dropped, never run on it.
  useEffect(() => {
    const s = latest.current;
    if (held.current.length > 0 && s.answered.failed === true && !isSearching(s)) {
      held.current = [];
      act({
        type: 'message',
        text: `${s.message ?? 'search failed'}; keys typed after it dropped`,
      });
    }
    runHeld();
  });

  useKeys((key: KeyInput) => {
    // Ctrl-C quits at once, even with keys waiting (a search that never answers).
    if (key.kind === 'key' && commandFor(ANY_VIEW_KEYS, keyId(key)) === 'quit') return exit();
    held.current.push(key);
    runHeld();
  });
}
