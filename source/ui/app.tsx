/**
 * The root component: the reducer, the hooks that feed it (queries, sync events, keys) and
 * the layout. Keys are routed in hooks/use-app-keys.ts; everything drawn comes from small
 * components, each line fitted to the terminal's columns.
 */
import { Box, Text } from 'ink';
import { useCallback, useReducer, useRef } from 'react';
import { sanitizeLine } from '../core/sanitize.js';
import type { HistoryEntry } from '../core/types.js';
import type { Copier } from './clipboard.js';
import { ConflictView } from './components/conflict-view.js';
import { DetailView, detailLines } from './components/detail-view.js';
import { EntryRow } from './components/entry-row.js';
import { HelpView } from './components/help-view.js';
import { StatsView } from './components/stats-view.js';
import { Header } from './components/header.js';
import type { HistorySource } from './data/history-source.js';
import type { SyncPort } from './data/sync-port.js';
import type { TuiStore } from './data/tui-store.js';
import { useAppKeys } from './hooks/use-app-keys.js';
import { useHistoryQuery } from './hooks/use-history-query.js';
import { useSyncEvents } from './hooks/use-sync-events.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { appReducer, initialAppState, type AppState } from './state/app-state.js';
import { visibleEntries } from './state/list-state.js';
import { scopeLabel, type Whereabouts } from './state/scope.js';
import { statusLine } from './status-line.js';
import { cutToWidth } from './text/display-width.js';

/** Rows taken by the header, the status line and the message line. */
const CHROME_ROWS = 3;

export type AppProps = {
  /** The first frame's entries: the newest of all machines, read before rendering. */
  readonly initialEntries: readonly HistoryEntry[];
  readonly source: HistorySource;
  readonly store: TuiStore;
  readonly where: Whereabouts;
  /** The background sync; null when no remote is configured. */
  readonly sync: SyncPort | null;
  readonly copy: Copier;
  /** Tab: the command to print once the screen is restored. */
  readonly onAccept: (command: string) => void;
  readonly now: () => number;
  /**
   * How often the cache is checked for other connections' commits (arrivals show within
   * this). A second: while a big sync lands, every check redraws most of the list, and
   * twice a second doubled that work on the UI thread for no difference a person sees.
   * @default 1000
   */
  readonly pollMs?: number;
};

/** What an empty list says. */
function emptyListText(state: AppState): string {
  return state.query.length > 0
    ? `Nothing matches "${sanitizeLine(state.query)}" in ${scopeLabel(state.scope)}.`
    : `No history in ${scopeLabel(state.scope)} yet. Record one: mcp-terminal record --command 'git status'`;
}

export function App(props: AppProps) {
  const { rows, columns } = useTerminalSize();
  const bodyHeight = Math.max(1, rows - CHROME_ROWS);
  const [state, dispatch] = useReducer(appReducer, undefined, () =>
    initialAppState({
      entries: props.initialEntries,
      height: bodyHeight,
      remote: props.sync !== null,
      status: props.store.status(),
    }),
  );
  // Keys can arrive faster than renders: handlers read the latest state from here.
  const latest = useRef<AppState>(state);
  latest.current = state;
  if (state.list.height !== bodyHeight)
    dispatch({ type: 'list', action: { type: 'resize', height: bodyHeight } });

  const onCacheChange = useCallback(() => {
    if (props.sync === null) dispatch({ type: 'syncState', status: props.store.status() });
    if (latest.current.view === 'conflicts')
      dispatch({ type: 'openConflicts', items: props.store.conflicts() });
  }, [props.sync, props.store]);
  useHistoryQuery({
    source: props.source,
    where: props.where,
    query: state.query,
    scope: state.scope,
    window: state.window,
    pollMs: props.pollMs ?? 1000,
    onCacheChange,
    dispatch,
  });
  useSyncEvents(props.sync, dispatch);

  // The detail view's lines, for drawing and for the keys that scroll them (a key in the
  // same chunk as Enter needs them before the frame is drawn).
  const detailCache = useRef<{ entry: HistoryEntry; columns: number; lines: string[] } | null>(
    null,
  );
  const linesFor = (entry: HistoryEntry): readonly string[] => {
    const cached = detailCache.current;
    if (cached?.entry === entry && cached.columns === columns) return cached.lines;
    const lines = detailLines(entry, columns, props.now());
    detailCache.current = { entry, columns, lines };
    return lines;
  };
  const detail = state.detail;

  useAppKeys({
    source: props.source,
    store: props.store,
    where: props.where,
    sync: props.sync,
    copy: props.copy,
    onAccept: props.onAccept,
    latest,
    dispatch,
    detailLines: linesFor,
    bodyHeight,
  });

  // Rows show minutes at best: a clock in 10 s steps lets unchanged rows skip rendering.
  const rowClock = Math.floor(props.now() / 10_000) * 10_000;

  return (
    <Box flexDirection="column" height={rows} width={columns}>
      <Header scope={state.scope} query={state.query} badge={state.badge} columns={columns} />
      <Box flexDirection="column" flexGrow={1}>
        {state.view === 'help' ? (
          <HelpView width={columns} height={bodyHeight} />
        ) : state.view === 'detail' ? (
          <DetailView
            lines={detail === null ? [] : linesFor(detail.entry)}
            scroll={detail?.scroll ?? 0}
            height={bodyHeight - 1}
          />
        ) : state.view === 'stats' ? (
          <StatsView stats={state.stats} width={columns} height={bodyHeight} />
        ) : state.view === 'conflicts' ? (
          <ConflictView
            items={state.conflicts.items}
            selected={state.conflicts.selected}
            columns={columns}
            now={props.now()}
          />
        ) : state.list.entries.length === 0 ? (
          <Text dimColor>{cutToWidth(emptyListText(state), columns)}</Text>
        ) : (
          visibleEntries(state.list).map((entry, index) => (
            <EntryRow
              // Keyed by screen row, not by entry: when a sync lands and the list moves,
              // each row takes its new text instead of being unmounted and mounted again
              // (new React fibers and Yoga nodes were most of a refresh's cost).
              key={index}
              entry={entry}
              selected={state.list.offset + index === state.list.selected}
              now={rowClock}
              width={columns}
              positions={state.positions.get(entry.uuid)}
            />
          ))
        )}
      </Box>
      <Text color="yellow" wrap="truncate">
        {state.message === null ? ' ' : cutToWidth(sanitizeLine(state.message), columns)}
      </Text>
      <Text
        dimColor={state.confirmDelete === null}
        color={state.confirmDelete ? 'yellow' : undefined}
        wrap="truncate"
      >
        {statusLine(state, columns)}
      </Text>
    </Box>
  );
}
