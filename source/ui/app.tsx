/**
 * The root component: a header with the query, the list (newest entries, or search results
 * with matches highlighted), a status line. It only wires keys to the reducer and the
 * search function; everything it draws comes from small components.
 */
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useReducer, useRef, useState } from 'react';
import type { HistoryEntry } from '../core/types.js';
import { EntryRow } from './components/entry-row.js';
import { initialListState, listReducer, visibleEntries } from './state/list-state.js';

/** Rows taken by the header and the status line. */
const CHROME_ROWS = 3;

/** Search results: entries best first, with the positions to highlight by uuid. */
export type SearchResults = {
  readonly entries: readonly HistoryEntry[];
  readonly positions: ReadonlyMap<string, readonly number[]>;
};

export type AppProps = {
  readonly entries: readonly HistoryEntry[];
  /** Runs a query (synchronously); absent: typing does not search. */
  readonly search?: (query: string, limit: number) => SearchResults;
  readonly machineId: string;
  readonly totalEntries: number;
  readonly now: number;
};

export function App(props: AppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const rows = stdout.rows ?? 24;
  const columns = stdout.columns ?? 80;
  const [query, setQuery] = useState('');
  // Keys can arrive faster than renders: edits read the latest query from here, not from
  // the render's closure.
  const queryRef = useRef('');
  const [positions, setPositions] = useState<ReadonlyMap<string, readonly number[]>>(new Map());
  const [state, dispatch] = useReducer(
    listReducer,
    initialListState(props.entries, rows - CHROME_ROWS),
  );

  useEffect(() => {
    const onResize = () => dispatch({ type: 'resize', height: (stdout.rows ?? 24) - CHROME_ROWS });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);

  const runQuery = (next: string) => {
    queryRef.current = next;
    setQuery(next);
    if (!props.search) return;
    if (next.trim().length === 0) {
      setPositions(new Map());
      dispatch({ type: 'entries', entries: props.entries });
      dispatch({ type: 'first' });
      return;
    }
    const results = props.search(next, 200);
    setPositions(results.positions);
    dispatch({ type: 'entries', entries: results.entries });
    dispatch({ type: 'first' });
  };

  useInput((input, key) => {
    if (key.escape) {
      // Esc clears the query first; on an empty query it quits.
      if (queryRef.current.length > 0) runQuery('');
      else exit();
    } else if (key.backspace || key.delete) runQuery(queryRef.current.slice(0, -1));
    else if (key.upArrow) dispatch({ type: 'move', delta: -1 });
    else if (key.downArrow) dispatch({ type: 'move', delta: 1 });
    else if (key.pageUp) dispatch({ type: 'page', direction: -1 });
    else if (key.pageDown) dispatch({ type: 'page', direction: 1 });
    else if (key.home) dispatch({ type: 'first' });
    else if (key.end) dispatch({ type: 'last' });
    else if (input.length > 0 && !key.ctrl && !key.meta && !key.return && !key.tab)
      runQuery(queryRef.current + input);
  });

  return (
    <Box flexDirection="column" height={rows}>
      <Box justifyContent="space-between">
        <Text>
          <Text bold>mcp-terminal history</Text>
          <Text color="cyan"> › </Text>
          <Text>{query}</Text>
          <Text dimColor>{query.length === 0 ? 'type to search' : '▏'}</Text>
        </Text>
        <Text dimColor>{props.machineId}</Text>
      </Box>
      <Box flexDirection="column" flexGrow={1}>
        {state.entries.length === 0 ? (
          <Text dimColor>
            No history yet. Record one: mcp-terminal record --command &apos;git status&apos;
          </Text>
        ) : (
          visibleEntries(state).map((entry, index) => (
            <EntryRow
              key={entry.uuid}
              entry={entry}
              selected={state.offset + index === state.selected}
              now={props.now}
              width={columns}
              positions={positions.get(entry.uuid)}
            />
          ))
        )}
      </Box>
      <Text dimColor>
        {query.length > 0 ? `${state.entries.length} matches · ` : ''}
        {props.totalEntries} entries · type to search · ↑↓ PgUp PgDn move · Esc clear/quit
      </Text>
    </Box>
  );
}
