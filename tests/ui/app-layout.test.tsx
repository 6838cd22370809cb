/**
 * The TUI laid out by terminal columns, checked in a terminal emulator: each frame is
 * written into a headless xterm of the same size and read back cell by cell. A line wider
 * than the terminal would wrap there, push the rows below down and scroll the header away.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stripVTControlCharacters as stripStyles } from 'node:util';
import { localTime } from '../../source/core/local-time.js';
import { ANY_VIEW_KEYS, LIST_KEYS } from '../../source/ui/keys.js';
import type { TerminalSize } from '../helpers/ink-render.js';
import { arriveFrom, NOW, tuiFixture, type TuiFixture } from '../helpers/tui.js';
import { waitFor } from '../helpers/wait-for.js';
import { drawnScreen, type Screen } from '../helpers/xterm-screen.js';

type View = { lastFrame(): string | undefined; stdin: { write(data: string): void } };
const frameOf = (view: View) => view.lastFrame() ?? '';
const until = (view: View, what: string, pattern: RegExp) =>
  waitFor(what, () => (pattern.test(frameOf(view)) ? frameOf(view) : null));

const CJK = `echo ${'漢字テスト'.repeat(30)}`;
const COMBINING = `echo ${'e\u0301a\u0308'.repeat(60)}`;
const THUMBS = `echo ${'👍🏽'.repeat(40)}`;
const FAMILIES = `echo ${'👨‍👩‍👧‍👦🇯🇵'.repeat(20)}`;

function recordWide(f: TuiFixture): void {
  for (const [i, command] of [CJK, COMBINING, THUMBS, FAMILIES, 'ls'].entries())
    f.cache.record({ command, timestamp: NOW - i * 1000 });
}

/** The frame in a terminal: every row exactly the frame's line, the frame exactly the screen. */
async function assertDrawnAsLaidOut(frame: string, size: TerminalSize): Promise<Screen> {
  const lines = frame.split('\n');
  assert.equal(lines.length, size.rows, 'one line per terminal row');
  const screen = await drawnScreen(frame, size);
  assert.deepEqual(
    screen.rows,
    lines.map((line) => stripStyles(line).trimEnd()),
    'no line wrapped',
  );
  assert.match(screen.rows[0] ?? '', /^mcp-terminal \[/, 'the header on the top row');
  return screen;
}

for (const size of [
  { columns: 80, rows: 24 },
  { columns: 100, rows: 30 },
]) {
  test(`wide, combining and emoji commands keep every row in its row at ${size.columns}x${size.rows}`, async (t) => {
    const f = tuiFixture(t);
    recordWide(f);
    const view = f.mount({}, size);
    const frame = await until(view, 'the list', /5 entries/);
    const screen = await assertDrawnAsLaidOut(frame, size);
    const room = size.columns - 41; // the columns left for the command
    const row = (start: string) => screen.rows.find((r) => r.includes(start)) ?? '';
    // CJK: two columns each, cut between characters with room for the ellipsis.
    const cjk = row('echo 漢字');
    assert.ok(cjk.endsWith('...'));
    const cjkChars = (room - 5 - 3) >> 1;
    assert.ok(cjk.endsWith(`echo ${'漢字テスト'.repeat(20).slice(0, cjkChars)}...`), cjk);
    // Accents stay on their letters and the row uses its whole room.
    const graphemes = ['e\u0301', 'a\u0308'];
    const kept = Array.from({ length: room - 5 - 3 }, (_, i) => graphemes[i % 2]).join('');
    assert.ok(row('echo e\u0301').endsWith(`echo ${kept}...`));
    // Emoji sequences are kept whole (never a skin tone or a family member cut off).
    assert.match(row('echo 👍'), /echo (👍🏽)+\.\.\.$/u);
    assert.match(row('echo 👨'), /echo (👨‍👩‍👧‍👦🇯🇵)+(👨‍👩‍👧‍👦)?\.\.\.$/u);
    // A wide character takes two cells: the second is empty in the terminal.
    const y = screen.rows.indexOf(cjk);
    const x = [...(screen.cells[y] ?? [])].indexOf('漢');
    assert.equal(screen.cells[y]?.[x + 1], '');
    // The status line is the last row, whole.
    assert.match(
      screen.rows[size.rows - 1] ?? '',
      /^5 entries \| all machines \| Enter detail \| Tab print .*\? keys \| Esc quit$/,
    );
  });
}

test('a long CJK query keeps the header on one row, its end and the badge in sight', async (t) => {
  const f = tuiFixture(t);
  recordWide(f);
  const size = { columns: 80, rows: 24 };
  const view = f.mount({}, size);
  await until(view, 'the list', /5 entries/);
  view.stdin.write(`${'漢字'.repeat(30)}END`);
  const frame = await until(view, 'the answer', /0 matches/);
  const screen = await assertDrawnAsLaidOut(frame, size);
  assert.match(
    screen.rows[0] ?? '',
    /^mcp-terminal \[all machines\] > \.\.\.[漢字]+END +\[LOCAL_ONLY\]$/,
  );
});

test('at 80x24 the help shows every key and action whole, with the status line', async (t) => {
  const f = tuiFixture(t);
  f.cache.record({ command: 'ls', timestamp: NOW });
  const size = { columns: 80, rows: 24 };
  const view = f.mount({}, size);
  await until(view, 'the list', /1 entr/);
  view.stdin.write('?');
  const screen = await assertDrawnAsLaidOut(await until(view, 'the help', /Keys/), size);
  for (const key of [...LIST_KEYS, ...ANY_VIEW_KEYS])
    assert.ok(
      screen.rows.some((row) => row.startsWith(key.keys) && row.endsWith(key.action)),
      `${key.keys}: ${key.action}`,
    );
  const text = screen.rows.join('\n');
  assert.match(text, /^Detail: .*scroll/m);
  assert.match(text, /back to the list$/m);
  assert.match(text, /^Conflicts: /m);
  assert.match(screen.rows[23] ?? '', /^1 entry \| all machines \| Esc back$/);
});

test('at 80x24 the stats fit: every section and the status line are on screen', async (t) => {
  const f = tuiFixture(t);
  const day = 86_400_000;
  for (let m = 0; m < 5; m++)
    for (let i = 0; i < 12; i++)
      arriveFrom(
        f.cache,
        `machine-${m}`,
        { uuid: `m${m}-${i}`, command: `command-${i % 11} ${'長'.repeat(40)}` },
        NOW - (i % 8) * day - m,
      );
  const size = { columns: 80, rows: 24 };
  const view = f.mount({}, size);
  view.stdin.write('\u0014');
  const screen = await assertDrawnAsLaidOut(await until(view, 'the stats', /busiest days/), size);
  const text = screen.rows.join('\n');
  assert.match(screen.rows[1] ?? '', /^60 entries from /);
  for (const title of ['per machine', 'most used commands', 'busiest days'])
    assert.match(text, new RegExp(`^${title}$`, 'm'));
  assert.match(text, /^ +\d+ {2}\d{4}-\d\d-\d\d$/m, 'at least one day');
  assert.match(screen.rows[23] ?? '', /Esc back$/);
});

test('the detail view wraps a long CJK command by columns, losing nothing, and shows local time', async (t) => {
  const f = tuiFixture(t);
  const entry = f.cache.record({ command: CJK, timestamp: NOW - 90_000 });
  const size = { columns: 80, rows: 24 };
  const view = f.mount({}, size);
  view.stdin.write('\r');
  const screen = await assertDrawnAsLaidOut(await until(view, 'the detail', /── command/), size);
  const start = screen.rows.indexOf('── command') + 1;
  const end = screen.rows.indexOf('', start);
  assert.equal(screen.rows.slice(start, end).join(''), CJK);
  const time = localTime(entry.timestamp, { seconds: true, zone: true });
  assert.ok(screen.rows.includes(`time     ${time} (1m ago)`), time);
  assert.match(time, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d$/);
});

test('the delete question fits the status line at 80 columns', async (t) => {
  const f = tuiFixture(t);
  recordWide(f);
  const size = { columns: 80, rows: 24 };
  const view = f.mount({}, size);
  await until(view, 'the list', /5 entries/);
  view.stdin.write('\u0004');
  const screen = await assertDrawnAsLaidOut(await until(view, 'the question', /y\/n/), size);
  assert.match(screen.rows[23] ?? '', /^delete this entry everywhere\? y\/n: echo 漢字.*\.\.\.$/);
});
