/**
 * The root component: wires keys to the reducer and to the side effects (queries, sync,
 * clipboard, conflicts). Everything it draws comes from small components; everything it
 * remembers is in the app reducer.
 */
import { Box, Text, useApp, useInput, type Key } from 'ink';
import { useCallback, useMemo, useReducer, useRef } from 'react';
import type { HistoryEntry } from '../core/types.js';
import type { Copier } from './clipboard.js';
import { ConflictView } from './components/conflict-view.js';
import { DetailView, detailLines } from './components/detail-view.js';
import { EntryRow } from './components/entry-row.js';
import { HelpView } from './components/help-view.js';
import { StatsView } from './components/stats-view.js';
import { SyncBadge } from './components/sync-badge.js';
import type { HistorySource } from './data/history-source.js';
import type { SyncPort } from './data/sync-port.js';
import type { TuiStore } from './data/tui-store.js';
import { useHistoryQuery } from './hooks/use-history-query.js';
import { useSyncEvents } from './hooks/use-sync-events.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { appReducer, initialAppState, isSearching, type AppState } from './state/app-state.js';
import { visibleEntries } from './state/list-state.js';
import { scopeLabel, type Whereabouts } from './state/scope.js';

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

function summary(report: { uploaded: number; downloaded: number } | null): string {
  if (report === null) return 'another process of this machine is syncing; the badge follows it';
  return `synced: ${report.uploaded} up, ${report.downloaded} down`;
}

export function App(props: AppProps) {
  const { exit } = useApp();
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

  const detail = state.detail;
  const lines = useMemo(
    () => (detail === null ? [] : detailLines(detail.entry, columns, props.now())),
    [detail?.entry, columns],
  );
  // Ink subscribes the key handler in an effect, after the frame is drawn: a key pressed
  // right after the detail appears can reach the previous render's handler.
  const latestLines = useRef(lines);
  latestLines.current = lines;

  // Rows show minutes at best: a clock in 10 s steps lets unchanged rows skip rendering.
  const rowClock = Math.floor(props.now() / 10_000) * 10_000;

  const selectedEntry = (): HistoryEntry | undefined => {
    const s = latest.current;
    return s.view === 'detail' ? s.detail?.entry : s.list.entries[s.list.selected];
  };

  const setQuery = (query: string) => {
    latest.current = { ...latest.current, query };
    dispatch({ type: 'query', query });
  };

  const accept = () => {
    const entry = selectedEntry();
    if (entry === undefined) {
      dispatch({ type: 'message', text: 'nothing selected to print' });
      return;
    }
    props.onAccept(entry.command);
    exit();
  };

  const copy = () => {
    const entry = selectedEntry();
    if (entry === undefined) {
      dispatch({ type: 'message', text: 'nothing selected to copy' });
      return;
    }
    void props.copy(entry.command).then((result) =>
      dispatch({
        type: 'message',
        text: result.ok ? `copied to the clipboard (${result.via})` : result.reason,
      }),
    );
  };

  const syncNow = () => {
    const sync = props.sync;
    if (sync === null) {
      dispatch({
        type: 'message',
        text: 'no remote configured: set TURSO_DATABASE_URL or run mcp-terminal config init',
      });
      return;
    }
    if (latest.current.badge.requested) {
      dispatch({ type: 'message', text: 'a sync is already running' });
      return;
    }
    latest.current = { ...latest.current, badge: { ...latest.current.badge, requested: true } };
    dispatch({ type: 'syncRequested' });
    sync.syncNow().then(
      (report) => dispatch({ type: 'syncEnded', message: summary(report) }),
      (error: unknown) =>
        dispatch({ type: 'syncEnded', message: `sync failed: ${(error as Error).message}` }),
    );
  };

  const resolve = (flip: boolean) => {
    const conflict = latest.current.conflicts.items[latest.current.conflicts.selected];
    if (conflict === undefined) return;
    const winner = conflict.loserSide === 'local' ? 'remote' : 'local';
    const keep = flip ? conflict.loserSide : winner;
    try {
      props.store.resolve(conflict.uuid, keep);
      props.sync?.notifyWrite();
      dispatch({ type: 'openConflicts', items: props.store.conflicts() });
      dispatch({ type: 'message', text: `kept the ${keep} version of ${conflict.uuid}` });
    } catch (error) {
      dispatch({ type: 'message', text: (error as Error).message });
    }
  };

  const openStats = () => {
    dispatch({ type: 'openStats' });
    props.source.stats().then(
      (stats) => dispatch({ type: 'stats', stats }),
      (error: unknown) =>
        dispatch({ type: 'message', text: `stats failed: ${(error as Error).message}` }),
    );
  };

  const onListKey = (input: string, key: Key) => {
    const query = latest.current.query;
    const move = (action: Parameters<typeof appReducer>[1]) => dispatch(action);
    if (key.escape) {
      if (query.length > 0) setQuery('');
      else exit();
    } else if (key.return) {
      const entry = selectedEntry();
      if (entry) dispatch({ type: 'openDetail', entry: props.store.get(entry.uuid) ?? entry });
    } else if (key.tab) accept();
    else if (key.backspace || key.delete) setQuery(query.slice(0, -1));
    else if (key.upArrow || (key.ctrl && input === 'p'))
      move({ type: 'list', action: { type: 'move', delta: -1 } });
    else if (key.downArrow || (key.ctrl && input === 'n'))
      move({ type: 'list', action: { type: 'move', delta: 1 } });
    else if (key.pageUp) move({ type: 'list', action: { type: 'page', direction: -1 } });
    else if (key.pageDown) move({ type: 'list', action: { type: 'page', direction: 1 } });
    else if (key.home) move({ type: 'list', action: { type: 'first' } });
    else if (key.end) move({ type: 'list', action: { type: 'last' } });
    else if (key.ctrl && input === 'u') setQuery('');
    else if (key.ctrl && input === 'y') copy();
    else if (key.ctrl && input === 'r') dispatch({ type: 'scope', where: props.where });
    else if (key.ctrl && input === 's') syncNow();
    else if (key.ctrl && input === 'x')
      dispatch({ type: 'openConflicts', items: props.store.conflicts() });
    else if (key.ctrl && input === 't') openStats();
    else if (input === '?' && query.length === 0) dispatch({ type: 'openHelp' });
    else if (input.length > 0 && !key.ctrl && !key.meta) setQuery(query + input);
  };

  const onDetailKey = (input: string, key: Key) => {
    const lines = latestLines.current;
    const page = Math.max(1, bodyHeight - 2);
    const max = Math.max(0, lines.length - (bodyHeight - 1));
    const scroll = (delta: number) => dispatch({ type: 'scrollDetail', delta, max });
    if (key.escape || key.return || input === 'q') dispatch({ type: 'back' });
    else if (key.upArrow) scroll(-1);
    else if (key.downArrow) scroll(1);
    else if (key.pageUp) scroll(-page);
    else if (key.pageDown || input === ' ') scroll(page);
    else if (key.home) scroll(-lines.length);
    else if (key.end) scroll(lines.length);
    else if (key.tab) accept();
    else if (key.ctrl && input === 'y') copy();
  };

  const onConflictKey = (input: string, key: Key) => {
    if (key.escape || input === 'q') dispatch({ type: 'back' });
    else if (key.upArrow) dispatch({ type: 'moveConflict', delta: -1 });
    else if (key.downArrow) dispatch({ type: 'moveConflict', delta: 1 });
    else if (input === 'f') resolve(true);
    else if (input === 'k') resolve(false);
  };

  useInput((input, key) => {
    const view = latest.current.view;
    if (view === 'list') onListKey(input, key);
    else if (view === 'detail') onDetailKey(input, key);
    else if (view === 'conflicts') onConflictKey(input, key);
    else if (key.escape || input === '?' || input === 'q') dispatch({ type: 'back' });
  });

  return (
    <Box flexDirection="column" height={rows} width={columns}>
      <Box justifyContent="space-between">
        <Text wrap="truncate">
          <Text bold>mcp-terminal</Text>
          <Text color="cyan"> [{scopeLabel(state.scope)}] &gt; </Text>
          <Text>{state.query}</Text>
          {state.query.length === 0 ? <Text dimColor>type to search</Text> : <Text inverse> </Text>}
        </Text>
        <Box flexShrink={0}>
          <SyncBadge badge={state.badge} />
        </Box>
      </Box>
      <Box flexDirection="column" flexGrow={1}>
        {state.view === 'help' ? (
          <HelpView />
        ) : state.view === 'detail' ? (
          <DetailView lines={lines} scroll={detail?.scroll ?? 0} height={bodyHeight - 1} />
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
          <Text dimColor>
            {state.query.length > 0
              ? `Nothing matches "${state.query}" in ${scopeLabel(state.scope)}.`
              : `No history in ${scopeLabel(state.scope)} yet. Record one: mcp-terminal record --command 'git status'`}
          </Text>
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
        {state.message ?? ' '}
      </Text>
      <Text dimColor wrap="truncate">
        {isSearching(state)
          ? 'searching... | '
          : state.query.length > 0
            ? `${state.list.entries.length} matches | `
            : ''}
        {state.total === null ? '... entries' : `${state.total.toLocaleString('en-US')} entries`} |{' '}
        {scopeLabel(state.scope)} | ? keys | Enter detail | Tab print | Ctrl-S sync | Esc quit
      </Text>
    </Box>
  );
}
