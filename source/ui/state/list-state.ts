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
  | { readonly type: 'entries'; readonly entries: readonly HistoryEntry[] };

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
      const entries = keepUnchanged(state.entries, action.entries);
      const index = current === undefined ? -1 : entries.findIndex((e) => e.uuid === current);
      const next = { ...state, entries };
      if (index < 0) return select(next, state.selected);
      const atTop = state.offset === 0 && index < state.height;
      return select(next, index, atTop ? 0 : state.offset + (index - state.selected));
    }
  }
}

/**
 * The fresh list, with each entry that did not change (same uuid and version) replaced by
 * the object already on screen, so memoised rows skip rendering on a refresh.
 */
function keepUnchanged(
  before: readonly HistoryEntry[],
  after: readonly HistoryEntry[],
): readonly HistoryEntry[] {
  if (before.length === 0) return after;
  const known = new Map(before.map((entry) => [entry.uuid, entry]));
  return after.map((entry) => {
    const old = known.get(entry.uuid);
    return old !== undefined && old.version === entry.version ? old : entry;
  });
}

/** The entries on screen. */
export function visibleEntries(state: ListState): readonly HistoryEntry[] {
  return state.entries.slice(state.offset, state.offset + state.height);
}
