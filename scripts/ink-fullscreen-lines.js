/* global ansiEscapes -- this file is appended to Ink's build/ink.js, which imports it */
// Ink draws a full-screen app by clearing the terminal and writing every line, every frame:
// a progress badge that changes ten times a second rewrites the whole screen ten times a
// second. The terminal then has all of it to parse, and falls behind (a synchronous TTY
// write blocked the UI thread then; source/ui/terminal-output.ts now queues it). This
// writes only the lines that changed, each at its row. A change of terminal size, a frame
// taller than the terminal (Ink lets it scroll) and Ink's <Static> (unused here) still
// clear and draw it all.

// A row is erased before it is written: erasing after a line that fills the width would
// take its last character (the cursor waits on it to wrap).
const ERASE_LINE = '\u001b[2K';

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- called from the patched ink.js
function fullscreenFrame(ink, output) {
  const { columns, rows } = ink.options.stdout;
  const size = `${columns}x${rows}`;
  const lines = output.split('\n');
  const before = ink.lastScreenSize === size ? ink.lastScreenLines : undefined;
  const fits = lines.length <= rows && ink.fullStaticOutput === '';
  ink.lastScreenLines = fits ? lines : undefined;
  ink.lastScreenSize = size;
  if (before === undefined || !fits)
    return ansiEscapes.clearTerminal + ink.fullStaticOutput + output;
  let frame = '';
  for (let row = 0; row < Math.max(lines.length, before.length); row++) {
    const line = lines[row] ?? '';
    if (line !== (before[row] ?? '')) frame += `\u001b[${row + 1};1H${ERASE_LINE}${line}`;
  }
  return frame;
}
