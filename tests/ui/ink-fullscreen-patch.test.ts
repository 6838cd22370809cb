/**
 * The build patches Ink's full-screen frames to write only the lines that changed
 * (scripts/ink-fullscreen-lines.js). Here a terminal emulator receives frame after frame
 * that way, with resizes, lines that fill the width, colours and shorter frames, and after
 * each its screen must be exactly what clearing and drawing that frame whole gives.
 * Seeded, so a failure replays.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import xterm from '@xterm/headless';
import ansiEscapes from 'ansi-escapes';
import fc from 'fast-check';

type InkLike = {
  options: { stdout: { columns: number; rows: number } };
  fullStaticOutput: string;
};
type FrameWriter = (ink: InkLike, output: string) => string;

const fullscreenFrame = new Function(
  'ansiEscapes',
  `${readFileSync(new URL('../../scripts/ink-fullscreen-lines.js', import.meta.url), 'utf8')}
return fullscreenFrame;`,
)(ansiEscapes) as FrameWriter;

const write = (terminal: xterm.Terminal, data: string) =>
  new Promise<void>((resolve) => terminal.write(data, resolve));

function picture(terminal: xterm.Terminal): string[] {
  const cells: string[] = [];
  const buffer = terminal.buffer.active;
  for (let y = 0; y < terminal.rows; y++) {
    const row = buffer.getLine(buffer.viewportY + y);
    for (let x = 0; x < terminal.cols; x++) {
      const cell = row?.getCell(x);
      cells.push(
        `${cell?.getChars() || ' '}/${cell?.getFgColor()}/${cell?.getBgColor()}/${cell?.isBold()}`,
      );
    }
  }
  return cells;
}

const WORDS = ['ls', 'git push', 'x', '', '[SYNCING 1,200/100,000]', 'npm test -- --watch'];
const COLOURS = ['\u001b[31m', '\u001b[1m', '\u001b[42m'];

function line(columns: number) {
  return fc
    .array(fc.record({ word: fc.constantFrom(...WORDS), colour: fc.nat(COLOURS.length) }), {
      maxLength: 5,
    })
    .chain((parts) => {
      const text = parts.map(({ word }) => word).join(' ');
      // Full width often: the case where erasing after the line would eat its last cell.
      return fc.oneof(fc.constant(text.padEnd(columns, '.')), fc.constant(text)).map((plain) => {
        const visible = plain.slice(0, columns);
        const colour = COLOURS[parts.length % (COLOURS.length + 1)];
        return colour === undefined ? visible : `${colour}${visible}\u001b[0m`;
      });
    });
}

const size = fc.record({
  columns: fc.integer({ min: 8, max: 30 }),
  rows: fc.integer({ min: 2, max: 6 }),
});
const frame = size.chain(({ columns, rows }) =>
  fc.record({
    columns: fc.constant(columns),
    rows: fc.constant(rows),
    // Ink's full-screen frames fill the terminal; a shorter or taller one is the edge case.
    lines: fc.array(line(columns), { minLength: rows - 1, maxLength: rows + 1 }),
  }),
);
// Several frames at one size, then sometimes another size.
const scenario = fc.array(
  frame.chain((first) =>
    fc
      .array(fc.array(line(first.columns), { minLength: first.rows, maxLength: first.rows }), {
        maxLength: 5,
      })
      .map((more) => [first, ...more.map((lines) => ({ ...first, lines }))]),
  ),
  { minLength: 1, maxLength: 3 },
);

test('writing only changed lines leaves the screen a full redraw would', async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async (runs) => {
      const ink: InkLike = { options: { stdout: { columns: 0, rows: 0 } }, fullStaticOutput: '' };
      const first = runs[0]![0]!;
      const screen = new xterm.Terminal({
        cols: first.columns,
        rows: first.rows,
        allowProposedApi: true,
      });
      try {
        for (const run of runs) {
          for (const { columns, rows, lines } of run) {
            if (screen.cols !== columns || screen.rows !== rows) screen.resize(columns, rows);
            ink.options.stdout = { columns, rows };
            const output = lines.join('\n');
            await write(screen, fullscreenFrame(ink, output).replaceAll('\n', '\r\n'));
            const fresh = new xterm.Terminal({ cols: columns, rows, allowProposedApi: true });
            // A terminal's line discipline turns Ink's \n into \r\n; the emulator gets it raw.
            await write(fresh, ansiEscapes.clearTerminal + output.replaceAll('\n', '\r\n'));
            assert.deepEqual(picture(screen), picture(fresh), JSON.stringify(lines));
            fresh.dispose();
          }
        }
      } finally {
        screen.dispose();
      }
    }),
    { seed: 11, numRuns: 200 },
  );
});

test('a badge-only change writes one line, not the screen', () => {
  const ink: InkLike = { options: { stdout: { columns: 40, rows: 4 } }, fullStaticOutput: '' };
  const lines = ['mcp-terminal > ', '> git status', '  npm test', '9 entries [SYNCING 10/90]'];
  assert.ok(fullscreenFrame(ink, lines.join('\n')).startsWith(ansiEscapes.clearTerminal));
  lines[3] = '9 entries [SYNCING 20/90]';
  assert.equal(fullscreenFrame(ink, lines.join('\n')), `\u001b[4;1H\u001b[2K${lines[3]}`);
  assert.equal(fullscreenFrame(ink, lines.join('\n')), '');
});
