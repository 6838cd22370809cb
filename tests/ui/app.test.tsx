import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { App } from '../../source/ui/app.js';
import { makeEntries, makeEntry } from '../helpers/entries.js';
import { waitFor } from '../helpers/wait-for.js';

const NOW = 1_700_000_000_000;
const DOWN = '\u001b[B';

test('shows the newest entries with machine and relative time', () => {
  const view = render(
    <App entries={makeEntries(3)} machineId="laptop-1234" totalEntries={3} now={NOW} />,
  );
  const frame = view.lastFrame() ?? '';
  assert.match(frame, /mcp-terminal history/);
  assert.match(frame, /› +now laptop-1234 +command 0/);
  assert.match(frame, /1m laptop-1234 +command 1/);
  assert.match(frame, /3 entries/);
  view.unmount();
});

test('arrow keys move the selection', async () => {
  const view = render(<App entries={makeEntries(5)} machineId="m" totalEntries={5} now={NOW} />);
  view.stdin.write(DOWN);
  await waitFor('selection on command 1', () => /› .*command 1/.test(view.lastFrame() ?? ''));
  view.unmount();
});

test('escape sequences in a command are drawn as visible text', () => {
  const hostile = makeEntry(0, { command: 'echo \u001b[31mred\u001b]0;title\u0007' });
  const view = render(<App entries={[hostile]} machineId="m" totalEntries={1} now={NOW} />);
  const frame = view.lastFrame() ?? '';
  assert.match(frame, /echo \^\[\[31mred\^\[\]0;title\^G/);
  view.unmount();
});

test('an empty history says how to record something', () => {
  const view = render(<App entries={[]} machineId="m" totalEntries={0} now={NOW} />);
  assert.match(view.lastFrame() ?? '', /No history yet/);
  view.unmount();
});

test('typing searches and highlights; Backspace edits; Esc clears the query', async () => {
  const entries = [
    makeEntry(0, { command: 'npm install typescript' }),
    makeEntry(1, { command: 'npm test' }),
  ];
  const queries: string[] = [];
  const search = (query: string) => {
    queries.push(query);
    const hit = makeEntry(1, { command: 'npm test' });
    return { entries: [hit], positions: new Map([[hit.uuid, [0, 1, 2, 4]]]) };
  };
  const view = render(
    <App entries={entries} search={search} machineId="m" totalEntries={2} now={NOW} />,
  );
  view.stdin.write('n');
  view.stdin.write('p');
  await waitFor('the query in the header', () => /› np/.test(view.lastFrame() ?? ''));
  await waitFor('one match', () => /1 matches/.test(view.lastFrame() ?? ''));
  assert.ok(!/npm install typescript/.test(view.lastFrame() ?? ''));
  view.stdin.write('\u007f'); // Backspace
  await waitFor('the edited query', () => queries.at(-1) === 'n');
  view.stdin.write('\u001b'); // Esc: clear
  await waitFor('the full list back', () => /npm install typescript/.test(view.lastFrame() ?? ''));
  assert.match(view.lastFrame() ?? '', /type to search/);
  view.unmount();
});

test('highlighted segments keep positions right through sanitising and cut with an ellipsis', async () => {
  const { highlightSegments } = await import('../../source/ui/highlight.js');
  assert.deepEqual(highlightSegments('npm test', [0, 1, 2, 4], 80), [
    { text: 'npm', matched: true },
    { text: ' ', matched: false },
    { text: 't', matched: true },
    { text: 'est', matched: false },
  ]);
  assert.deepEqual(highlightSegments('a\u001bb', [2], 80), [
    { text: 'a^[', matched: false },
    { text: 'b', matched: true },
  ]);
  assert.deepEqual(highlightSegments('abcdef', [], 4), [
    { text: 'abc', matched: false },
    { text: '…', matched: false },
  ]);
  assert.deepEqual(highlightSegments('go 🚀', [3], 80), [
    { text: 'go ', matched: false },
    { text: '🚀', matched: true },
  ]);
});
