/**
 * The whole TUI state as one pure reducer: which view is open, the query and scope, the
 * list, the badge, the conflict list and the one-line message. Side effects (queries,
 * syncs, clipboard) live in the app; they report back through these actions.
 */
import type {
  Conflict,
  HistoryEntry,
  HistoryStats,
  SyncProgress,
  SyncStatus,
} from '../../core/types.js';
import { initialListState, listReducer, type ListAction, type ListState } from './list-state.js';

/** Newest entries loaded at a time for a plain list (more as the selection nears the end). */
export const LIST_WINDOW = 1000;
import { nextScope, type ScopeKind, type Whereabouts } from './scope.js';

export type View = 'list' | 'detail' | 'conflicts' | 'help' | 'stats';

export type { SyncProgress };

export type BadgeState = {
  /** False: no remote configured, the badge says local only. */
  readonly remote: boolean;
  readonly status: SyncStatus | null;
  /** Set while a sync runs (from the worker's progress events). */
  readonly progress: SyncProgress | null;
  /** A sync was asked for with the key and has not finished yet. */
  readonly requested: boolean;
};

export type AppState = {
  readonly view: View;
  readonly query: string;
  readonly scope: ScopeKind;
  readonly list: ListState;
  readonly positions: ReadonlyMap<string, readonly number[]>;
  /**
   * How many of the newest entries the plain list holds; grows by LIST_WINDOW when the
   * selection nears its end, so a million entries can be browsed without loading them all.
   */
  readonly window: number;
  /**
   * The query and scope the list shows results for (they differ while a search runs);
   * `failed`: the search for them failed, and the list still shows an older answer.
   */
  readonly answered: {
    readonly query: string;
    readonly scope: ScopeKind;
    readonly failed?: boolean;
  };
  /** Live entries in the cache; null until counted (counting is not done before the first frame). */
  readonly total: number | null;
  readonly detail: { readonly entry: HistoryEntry; readonly scroll: number } | null;
  readonly conflicts: { readonly items: readonly Conflict[]; readonly selected: number };
  readonly badge: BadgeState;
  /** The stats view's numbers; null while they are being counted. */
  readonly stats: HistoryStats | null;
  /** A one-line message under the list (copied, nothing selected, sync result…). */
  readonly message: string | null;
  /**
   * The entry a delete key asked about: the status line asks y/n, and the next key answers
   * (y deletes, any other key keeps it).
   */
  readonly confirmDelete: HistoryEntry | null;
};

export type AppAction =
  | { readonly type: 'query'; readonly query: string }
  | { readonly type: 'scope'; readonly where: Whereabouts }
  | {
      readonly type: 'results';
      readonly entries: readonly HistoryEntry[];
      readonly positions: ReadonlyMap<string, readonly number[]>;
      /** The query and scope these results answer. */
      readonly answers: { readonly query: string; readonly scope: ScopeKind };
      /** True for a refresh of the same query: the selected entry stays under the cursor. */
      readonly keepSelection: boolean;
    }
  | { readonly type: 'searchFailed'; readonly message: string }
  | { readonly type: 'total'; readonly total: number }
  | { readonly type: 'list'; readonly action: ListAction }
  | { readonly type: 'openDetail'; readonly entry: HistoryEntry }
  | { readonly type: 'scrollDetail'; readonly delta: number; readonly max: number }
  | { readonly type: 'openConflicts'; readonly items: readonly Conflict[] }
  | { readonly type: 'moveConflict'; readonly delta: number }
  | { readonly type: 'openHelp' }
  | { readonly type: 'openStats' }
  | { readonly type: 'stats'; readonly stats: HistoryStats }
  | { readonly type: 'back' }
  | { readonly type: 'syncState'; readonly status: SyncStatus }
  | { readonly type: 'syncProgress'; readonly progress: SyncProgress }
  | { readonly type: 'syncRequested' }
  | { readonly type: 'syncEnded'; readonly message: string | null }
  | { readonly type: 'message'; readonly text: string | null }
  | { readonly type: 'askDelete'; readonly entry: HistoryEntry }
  | { readonly type: 'keepEntry' }
  | { readonly type: 'deleted'; readonly uuid: string; readonly message: string };

export function initialAppState(options: {
  readonly entries: readonly HistoryEntry[];
  readonly height: number;
  readonly remote: boolean;
  readonly status: SyncStatus | null;
}): AppState {
  return {
    view: 'list',
    query: '',
    scope: 'all',
    list: initialListState(options.entries, options.height),
    positions: new Map(),
    window: LIST_WINDOW,
    answered: { query: '', scope: 'all' },
    total: null,
    detail: null,
    conflicts: { items: [], selected: 0 },
    badge: { remote: options.remote, status: options.status, progress: null, requested: false },
    stats: null,
    message: null,
    confirmDelete: null,
  };
}

/** True while the list still shows the results of an earlier query or scope. */
export function isSearching(state: AppState): boolean {
  return state.answered.query !== state.query || state.answered.scope !== state.scope;
}

/**
 * The list's window, grown by LIST_WINDOW when the selection comes within two screens of
 * the end of a full window (a shorter list already holds everything in its scope).
 */
function windowFor(state: AppState, list: ListState): number {
  const full = state.query.length === 0 && list.entries.length >= state.window;
  const nearEnd = list.entries.length - list.selected <= list.height * 2;
  return full && nearEnd ? state.window + LIST_WINDOW : state.window;
}

function clamp(value: number, max: number): number {
  return Math.max(0, Math.min(value, max));
}

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'query':
      return { ...state, query: action.query, message: null };
    case 'scope':
      return {
        ...state,
        scope: nextScope(state.scope, action.where),
        window: LIST_WINDOW,
        message: null,
      };
    case 'results': {
      let list = listReducer(state.list, { type: 'entries', entries: action.entries });
      // A new answer to the query the list already answers (typed `x` then Backspace, the
      // answer for `x` superseded) keeps the selection a key may have moved meanwhile.
      const shown = state.answered;
      const same =
        shown.failed !== true &&
        shown.query === action.answers.query &&
        shown.scope === action.answers.scope;
      if (!action.keepSelection && !same) list = listReducer(list, { type: 'first' });
      return { ...state, list, positions: action.positions, answered: action.answers };
    }
    case 'searchFailed':
      return {
        ...state,
        answered: { query: state.query, scope: state.scope, failed: true },
        message: action.message,
      };
    case 'total':
      return { ...state, total: action.total };
    case 'list': {
      const list = listReducer(state.list, action.action);
      return { ...state, list, window: windowFor(state, list), message: null };
    }
    case 'openDetail':
      return { ...state, view: 'detail', detail: { entry: action.entry, scroll: 0 } };
    case 'scrollDetail':
      if (state.detail === null) return state;
      return {
        ...state,
        detail: { ...state.detail, scroll: clamp(state.detail.scroll + action.delta, action.max) },
      };
    case 'openConflicts':
      return {
        ...state,
        view: 'conflicts',
        conflicts: {
          items: action.items,
          selected: clamp(state.conflicts.selected, action.items.length - 1),
        },
      };
    case 'moveConflict':
      return {
        ...state,
        conflicts: {
          ...state.conflicts,
          selected: clamp(
            state.conflicts.selected + action.delta,
            state.conflicts.items.length - 1,
          ),
        },
      };
    case 'openHelp':
      return { ...state, view: 'help' };
    case 'openStats':
      return { ...state, view: 'stats', stats: null };
    case 'stats':
      return { ...state, stats: action.stats };
    case 'back':
      return { ...state, view: 'list', detail: null };
    case 'syncState':
      return { ...state, badge: { ...state.badge, status: action.status } };
    case 'syncProgress':
      return { ...state, badge: { ...state.badge, progress: action.progress } };
    case 'syncRequested':
      return { ...state, badge: { ...state.badge, requested: true }, message: null };
    case 'syncEnded':
      return {
        ...state,
        badge: { ...state.badge, requested: false, progress: null },
        message: action.message ?? state.message,
      };
    case 'message':
      return { ...state, message: action.text };
    case 'askDelete':
      return { ...state, confirmDelete: action.entry, message: null };
    case 'keepEntry':
      return { ...state, confirmDelete: null, message: 'kept it: nothing deleted' };
    case 'deleted': {
      // Gone from the list at once; the next answer from the source agrees.
      const list = listReducer(state.list, { type: 'remove', uuid: action.uuid });
      const total = state.total === null ? null : Math.max(0, state.total - 1);
      return { ...state, list, total, confirmDelete: null, message: action.message };
    }
  }
}

/** The state the badge shows: a running sync outranks the last reported state. */
export function badgeLabel(badge: BadgeState): string {
  // No sync worker: no remote, or offline_mode "always" (status says OFFLINE then too).
  if (!badge.remote) return badge.status?.state === 'OFFLINE' ? 'OFFLINE' : 'LOCAL_ONLY';
  if (badge.progress !== null || badge.requested) return 'SYNCING';
  return badge.status?.state ?? 'STARTING';
}
