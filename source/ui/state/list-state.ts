/**
 * The history list's state as a pure reducer: which entries, which one is selected, and
 * which slice is on screen. Invariant: offset <= selected < offset + height (when any).
 */
import type { HistoryEntry } from '../../core/types.js';

export type ListState = {
  readonly entries: readonly HistoryEntry[];
  readonly selected: number;
  readonly offset: number;
  readonly height: number;
};

export type ListAction =
  | { readonly type: 'move'; readonly delta: number }
  | { readonly type: 'page'; readonly direction: 1 | -1 }
  | { readonly type: 'first' }
  | { readonly type: 'last' }
  | { readonly type: 'resize'; readonly height: number }
  | { readonly type: 'entries'; readonly entries: readonly HistoryEntry[] }
  | { readonly type: 'remove'; readonly uuid: string };

export function initialListState(entries: readonly HistoryEntry[], height: number): ListState {
  return { entries, selected: 0, offset: 0, height: Math.max(1, height) };
}

function select(state: ListState, index: number, offset = state.offset): ListState {
  const last = Math.max(0, state.entries.length - 1);
  const selected = Math.min(Math.max(0, index), last);
  if (selected < offset) offset = selected;
  if (selected >= offset + state.height) offset = selected - state.height + 1;
  offset = Math.max(0, Math.min(offset, Math.max(0, state.entries.length - state.height)));
  return { ...state, selected, offset };
}

export function listReducer(state: ListState, action: ListAction): ListState {
  switch (action.type) {
    case 'move':
      return select(state, state.selected + action.delta);
    case 'page':
      return select(state, state.selected + action.direction * state.height);
    case 'first':
      return select(state, 0);
    case 'last':
      return select(state, state.entries.length - 1);
    case 'resize':
      return select({ ...state, height: Math.max(1, action.height) }, state.selected);
    case 'entries': {
      // The entry under the cursor stays selected when others arrive above it (a sync
      // landing while the person reads). At the top of the list the arrivals are drawn above
      // it; scrolled down, the view scrolls with them so the selected row does not jump.
      const current = state.entries[state.selected]?.uuid;
      const index =
        current === undefined ? -1 : action.entries.findIndex((e) => e.uuid === current);
      const next = { ...state, entries: action.entries };
      const atTop = state.offset === 0 && index < state.height;
      const moved =
        index < 0
          ? select(next, state.selected)
          : select(next, index, atTop ? 0 : state.offset + (index - state.selected));
      return { ...moved, entries: keepOnScreen(state, moved) };
    }
    case 'remove': {
      // The selection stays at the same row: on the entry that moved up into it.
      const entries = state.entries.filter((e) => e.uuid !== action.uuid);
      if (entries.length === state.entries.length) return state;
      return select({ ...state, entries }, state.selected);
    }
  }
}

/**
 * The fresh list, with each row about to be drawn that did not change (same uuid and
 * version) replaced by the object already on screen, so its memoised row skips rendering.
 * Only the screenful is looked at: a refresh during a sync brings a thousand entries, and
 * indexing all of them on every refresh was a millisecond of the UI thread's time for
 * rows nobody sees. (The query worker's lists already reuse unchanged objects.)
 */
function keepOnScreen(before: ListState, after: ListState): readonly HistoryEntry[] {
  const shown = new Map<string, HistoryEntry>();
  const from = Math.max(0, before.offset - before.height);
  for (const entry of before.entries.slice(from, before.offset + before.height * 2))
    shown.set(entry.uuid, entry);
  let entries = after.entries;
  const end = Math.min(entries.length, after.offset + after.height);
  for (let i = after.offset; i < end; i++) {
    const entry = entries[i]!;
    const old = shown.get(entry.uuid);
    if (old === undefined || old === entry || old.version !== entry.version) continue;
    if (entries === after.entries) entries = entries.slice();
    (entries as HistoryEntry[])[i] = old;
  }
  return entries;
}

/** The entries on screen. */
export function visibleEntries(state: ListState): readonly HistoryEntry[] {
  return state.entries.slice(state.offset, state.offset + state.height);
}
