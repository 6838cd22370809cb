/**
 * The built TUI's layout in a real terminal (tmux) with text that is not one column per
 * character: CJK (two columns), combining accents (none), emoji that tmux draws wider than
 * most width tables say (👍🏽 as two glyphs) or narrower (❤️ as one). Every row must stay in
 * its row: a row that wraps pushes the rest down and the header off the screen.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { homeWith, startTui, terminalFor } from '../helpers/tui-terminal.js';

const WIDE = [
  `echo ${'漢字テスト'.repeat(30)}`,
  `echo ${'e\u0301a\u0308'.repeat(60)}`,
  `git commit -m "${'修正: 日本語のコミットメッセージ 👍🏽 '.repeat(8)}"`,
  `echo ${'⚠️ warn ❤️ '.repeat(12)}`,
  `echo ${'👨‍👩‍👧‍👦🇯🇵'.repeat(20)}`,
];

/** An entry row: selection mark, time, machine, then the command, cut with "..." or whole. */
const ROW = /^(> | {2}) *1970-01-01 \S+ +(\S.*\.\.\.|ls)$/;

for (const [width, height] of [
  [80, 24],
  [100, 30],
] as const) {
  test(`wide and combining text stays in its rows at ${width}x${height}`, async (t) => {
    const home = await homeWith(t, ['ls', ...WIDE]);
    const terminal = terminalFor(t, { MCP_TERMINAL_HOME: home }, { width, height });
    startTui(terminal);
    let rows = (await terminal.waitForScreen(/6 entries/)).split('\n');
    assert.match(rows[0] ?? '', /^mcp-terminal \[all machines\] > type to search +\[LOCAL_ONLY\]$/);
    for (let y = 1; y <= 6; y++) assert.match(rows[y] ?? '', ROW, `row ${y}`);
    for (let y = 7; y < height - 1; y++) assert.equal(rows[y], '', `row ${y} is empty`);
    assert.match(rows[height - 1] ?? '', /^6 entries \| all machines \| .*Esc quit$/);

    // A query of wide characters; the list of its matches.
    terminal.type('日本語👍🏽');
    rows = (await terminal.waitForScreen(/1 match\b/)).split('\n');
    assert.match(rows[0] ?? '', /^mcp-terminal \[all machines\] > 日本語👍🏽 +\[LOCAL_ONLY\]$/);
    assert.match(rows[1] ?? '', /^> *1970-01-01 \S+ +git commit -m "修正.*\.\.\.$/);
    assert.match(rows[height - 1] ?? '', /^1 match \| 6 entries/);

    // The whole command in the detail view, wrapped by columns.
    terminal.keys('Enter');
    const detail = await terminal.waitForScreen(/── response/);
    rows = detail.split('\n');
    assert.match(rows[0] ?? '', /^mcp-terminal \[/);
    const start = rows.indexOf('── command') + 1;
    const lines = rows.slice(start, rows.indexOf('', start));
    // capture-pane drops the blanks at the ends of rows: compare without spaces.
    assert.equal(lines.join('').replace(/ /g, ''), WIDE[2]!.replace(/ /g, ''));
    for (const line of lines) assert.ok(line.length > 0);
  });
}

test('at 80x24 the help and the stats fit with the status line', async (t) => {
  const home = await homeWith(t, ['ls', ...WIDE]);
  const terminal = terminalFor(t, { MCP_TERMINAL_HOME: home });
  startTui(terminal);
  await terminal.waitForScreen(/6 entries/);
  terminal.type('?');
  let rows = (await terminal.waitForScreen(/^Keys/m)).split('\n');
  assert.match(rows[0] ?? '', /^mcp-terminal \[/);
  assert.ok(
    rows.some((row) =>
      /^Ctrl-D +delete the selected entry on every machine \(asks first\)$/.test(row),
    ),
  );
  assert.ok(rows.some((row) => /^Ctrl-C +quit$/.test(row)));
  assert.ok(
    rows.some((row) => /^ .*back to the list$/.test(row)),
    'the conflict keys, whole',
  );
  assert.match(rows[23] ?? '', /^6 entries \| all machines \| Esc back$/);
  // Back to the list first (Esc waits briefly for the rest of a sequence); then the stats,
  // waited for by a line only the stats view has (the help names "busiest days" too).
  terminal.keys('Escape');
  await terminal.waitForScreen(/Esc quit$/m);
  terminal.keys('C-t');
  rows = (await terminal.waitForScreen(/^6 entries from /m)).split('\n');
  assert.match(rows[0] ?? '', /^mcp-terminal \[/);
  assert.match(rows[1] ?? '', /^6 entries from 1970-01-01 to 1970-01-01$/);
  assert.match(rows[23] ?? '', /Esc back$/);
});

test('at 20x5 the delete question keeps its y/n in sight; an empty list hints no Enter', async (t) => {
  const home = await homeWith(t, ['ls', 'rm -rf build && make']);
  const terminal = terminalFor(t, { MCP_TERMINAL_HOME: home }, { width: 20, height: 5 });
  startTui(terminal);
  await terminal.waitForScreen(/^> /m);
  terminal.keys('C-d');
  let rows = (await terminal.waitForScreen(/y\/n/)).split('\n');
  assert.match(rows[4] ?? '', /^delete\? y\/n: rm -\.\.\.$/);
  terminal.type('n');
  await terminal.waitForScreen(/kept it/);
  terminal.resize(80, 24);
  terminal.type('zzzz');
  rows = (await terminal.waitForScreen(/0 matches/)).split('\n');
  assert.equal(rows[23], '0 matches | 2 entries | all machines | Ctrl-S sync | Esc quit');
});
