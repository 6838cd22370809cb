/**
 * The build patches Ink's Output (scripts/ink-output-rows.js): rows are remembered by what
 * was written on them, and plain rows are passed through instead of rebuilt cell by cell.
 * Here the patched Output, built with the same esbuild plugin as the program, must draw
 * exactly the picture Ink's own Output draws — same characters, same colours and
 * attributes in every cell of a real terminal emulator — for random writes, clips, wide
 * characters, unclosed styles and transformers, over several frames so remembered rows
 * are reused. Seeded, so a failure replays.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import xterm from '@xterm/headless';
import { build } from 'esbuild';
import fc from 'fast-check';
import { inkOutputAcrossFrames } from '../../scripts/ink-patches.mjs';

type Transformer = (line: string, index: number) => string;
type OutputInstance = {
  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
};
type OutputClass = new (size: { width: number; height: number }) => OutputInstance;

type Operation =
  | { type: 'write'; x: number; y: number; text: string; upper: boolean }
  | { type: 'clip'; x1: number; x2: number; y1: number; y2: number }
  | { type: 'unclip' };
type Frame = { width: number; height: number; operations: Operation[] };

const inkOutputPath = join(dirname(fileURLToPath(import.meta.resolve('ink'))), 'output.js');

async function loadPatchedOutput(dir: string): Promise<OutputClass> {
  const bundled = await build({
    entryPoints: [inkOutputPath],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    plugins: [inkOutputAcrossFrames],
  });
  const file = join(dir, 'patched-output.mjs');
  writeFileSync(file, bundled.outputFiles[0]!.text);
  return ((await import(pathToFileURL(file).href)) as { default: OutputClass }).default;
}

const STYLES: readonly (readonly [string, string])[] = [
  ['\u001b[31m', '\u001b[39m'],
  ['\u001b[1m', '\u001b[22m'],
  ['\u001b[2m', '\u001b[22m'],
  ['\u001b[4m', '\u001b[24m'],
  ['\u001b[38;5;200m', '\u001b[39m'],
  ['\u001b[42m', '\u001b[49m'],
];
const WORDS = [
  'ls -la',
  'git status',
  '  ',
  'x',
  'npm run build && echo done ',
  'échappé',
  '中文',
  '🙂ok',
  'a\u0301',
  'tab\tend',
  '',
];

const segment = fc.record({
  word: fc.constantFrom(...WORDS),
  style: fc.option(fc.constantFrom(...STYLES.keys()), { nil: undefined }),
  closed: fc.boolean(),
});
// A pool of lines, so frames repeat lines the way a list that scrolls does.
const line = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) =>
  parts
    .map(({ word, style, closed }) => {
      if (style === undefined) return word;
      const [open, close] = STYLES[style]!;
      return `${open}${word}${closed ? close : ''}`;
    })
    .join(''),
);

function frames(width: number, height: number, lines: string[]) {
  const write = fc.record({
    type: fc.constant('write' as const),
    // Column 0 often: a list row is one write there (the patch's fast path).
    x: fc.oneof(fc.constant(0), fc.integer({ min: -2, max: width + 2 })),
    y: fc.integer({ min: -2, max: height + 1 }),
    text: fc
      .array(fc.constantFrom(...lines), { minLength: 1, maxLength: 3 })
      .map((parts) => parts.join('\n')),
    upper: fc.boolean(),
  });
  const clip = fc.record({
    type: fc.constant('clip' as const),
    x1: fc.integer({ min: 0, max: width }),
    x2: fc.integer({ min: 0, max: width }),
    y1: fc.integer({ min: 0, max: height }),
    y2: fc.integer({ min: 0, max: height }),
  });
  const operation = fc.oneof(
    { arbitrary: write, weight: 6 },
    { arbitrary: clip, weight: 1 },
    { arbitrary: fc.constant({ type: 'unclip' as const }), weight: 1 },
  );
  return fc.array(
    fc.array(operation, { maxLength: 12 }).map((operations) => ({ width, height, operations })),
    { minLength: 1, maxLength: 4 },
  );
}

const scenario = fc
  .record({
    width: fc.integer({ min: 4, max: 40 }),
    height: fc.integer({ min: 1, max: 6 }),
    lines: fc.array(line, { minLength: 1, maxLength: 6 }),
  })
  .chain(({ width, height, lines }) => frames(width, height, lines));

function draw(Output: OutputClass, frame: Frame): string {
  const output = new Output({ width: frame.width, height: frame.height });
  const upper: Transformer = (text) => text.toUpperCase();
  let clips = 0;
  for (const operation of frame.operations) {
    if (operation.type === 'write') {
      output.write(operation.x, operation.y, operation.text, {
        transformers: operation.upper ? [upper] : [],
      });
    } else if (operation.type === 'clip') {
      clips++;
      output.clip(operation);
    } else if (clips > 0) {
      clips--;
      output.unclip();
    }
  }
  return output.get().output;
}

/** Every cell of the screen after the terminal drew `text`: characters, colours, attributes. */
async function picture(text: string): Promise<string[]> {
  const terminal = new xterm.Terminal({ cols: 60, rows: 12, allowProposedApi: true });
  await new Promise<void>((resolve) => terminal.write(text.replaceAll('\n', '\r\n'), resolve));
  const cells: string[] = [];
  const buffer = terminal.buffer.active;
  for (let y = 0; y < terminal.rows; y++) {
    const row = buffer.getLine(y);
    for (let x = 0; x < terminal.cols; x++) {
      const cell = row?.getCell(x);
      if (cell === undefined) continue;
      cells.push(
        [
          cell.getChars() || ' ',
          cell.getFgColorMode(),
          cell.getFgColor(),
          cell.getBgColorMode(),
          cell.getBgColor(),
          cell.isBold(),
          cell.isDim(),
          cell.isUnderline(),
        ].join(','),
      );
    }
  }
  terminal.dispose();
  return cells;
}

test('the patched Output draws the picture Ink draws, frame after frame', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-ink-output-'));
  try {
    const Patched = await loadPatchedOutput(dir);
    const Original = ((await import(pathToFileURL(inkOutputPath).href)) as { default: OutputClass })
      .default;
    assert.notEqual(Patched.prototype.get, Original.prototype.get);
    let passedThrough = 0; // rows drawn by the fast path: their text differs from Ink's
    await fc.assert(
      fc.asyncProperty(scenario, async (sequence) => {
        for (const frame of sequence) {
          const ours = draw(Patched, frame);
          const inks = draw(Original, frame);
          if (ours !== inks) passedThrough++;
          assert.deepEqual(await picture(ours), await picture(inks), JSON.stringify(frame));
        }
      }),
      { seed: 7, numRuns: 300 },
    );
    assert.ok(passedThrough > 20, `fast path taken in ${passedThrough} frames`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
