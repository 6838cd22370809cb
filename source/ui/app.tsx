/**
 * The root component: a header, the list of newest entries, a status line. It only wires
 * keys to the reducer; everything it draws comes from small components.
 */
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useReducer } from 'react';
import type { HistoryEntry } from '../core/types.js';
import { EntryRow } from './components/entry-row.js';
import { initialListState, listReducer, visibleEntries } from './state/list-state.js';

/** Rows taken by the header and the status line. */
const CHROME_ROWS = 3;

export type AppProps = {
  readonly entries: readonly HistoryEntry[];
  readonly machineId: string;
  readonly totalEntries: number;
  readonly now: number;
};

export function App(props: AppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const rows = stdout.rows ?? 24;
  const columns = stdout.columns ?? 80;
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

  useInput((input, key) => {
    if (input === 'q' || key.escape) exit();
    else if (key.upArrow) dispatch({ type: 'move', delta: -1 });
    else if (key.downArrow) dispatch({ type: 'move', delta: 1 });
    else if (key.pageUp) dispatch({ type: 'page', direction: -1 });
    else if (key.pageDown) dispatch({ type: 'page', direction: 1 });
    else if (key.home) dispatch({ type: 'first' });
    else if (key.end) dispatch({ type: 'last' });
  });

  return (
    <Box flexDirection="column" height={rows}>
      <Box justifyContent="space-between">
        <Text bold>mcp-terminal history</Text>
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
            />
          ))
        )}
      </Box>
      <Text dimColor>{props.totalEntries} entries · ↑↓ PgUp PgDn Home End move · q quit</Text>
    </Box>
  );
}
