/* global Output, sliceAnsi, styledCharsToString -- this file is appended to the module that imports them */
// Appended to Ink's build/output.js by scripts/build.mjs (it uses that module's imports:
// Output, sliceAnsi, styledCharsToString). It replaces Output#get with one that draws the
// same picture but remembers each screen row's text by what was written on it.
//
// Why: Ink turns every frame into a grid of styled cells and back into a string, cell by
// cell, tokenising every ANSI line, even rows identical to one in the frame before. When a
// sync lands, the list moves down and every row is redrawn, and in the first seconds of a
// process that per-character code still runs unoptimised (~30 ms for a screen of new rows).
// So a row's text is remembered by what was written on it (column and text, in order), and
// a row that is one write from column 0 of printable ASCII and colour codes (every list
// row) is passed through as written, with a reset after it: the same picture, none of the
// per-character work.
const rowTexts = new Map();
const ROW_TEXTS_KEPT = 4000;
const BLANK_CELL = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: [] });
// eslint-disable-next-line no-control-regex -- the escape character is what it looks for
const COLOUR_CODES = /\u001b\[[0-9;]*m/g;
const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;
const RESET = '\u001b[0m';

Output.prototype.get = function getWithRowTexts() {
  // What each row receives, in order: column, text, column, text, ...
  const writes = Array.from({ length: this.height }, () => []);
  const clips = [];
  for (const operation of this.operations) {
    if (operation.type === 'clip') clips.push(operation.clip);
    if (operation.type === 'unclip') clips.pop();
    if (operation.type !== 'write') continue;
    const { text, transformers } = operation;
    let { x, y } = operation;
    let lines = text.split('\n');
    const clip = clips.at(-1);
    if (clip) {
      const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
      const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
      if (clipHorizontally) {
        const width = this.caches.getWidestLine(text);
        if (x + width < clip.x1 || x > clip.x2) continue;
      }
      if (clipVertically) {
        if (y + lines.length < clip.y1 || y > clip.y2) continue;
      }
      if (clipHorizontally) {
        lines = lines.map((line) => {
          const from = x < clip.x1 ? clip.x1 - x : 0;
          const width = this.caches.getStringWidth(line);
          const to = x + width > clip.x2 ? clip.x2 - x : width;
          return sliceAnsi(line, from, to);
        });
        if (x < clip.x1) x = clip.x1;
      }
      if (clipVertically) {
        const from = y < clip.y1 ? clip.y1 - y : 0;
        const height = lines.length;
        const to = y + height > clip.y2 ? clip.y2 - y : height;
        lines = lines.slice(from, to);
        if (y < clip.y1) y = clip.y1;
      }
    }
    let offsetY = 0;
    for (let [index, line] of lines.entries()) {
      const row = writes[y + offsetY];
      // As in Ink: once a line falls outside the grid, the rest of the text is dropped.
      if (!row) continue;
      for (const transformer of transformers) line = transformer(line, index);
      row.push(x, line);
      offsetY++;
    }
  }

  if (rowTexts.size > ROW_TEXTS_KEPT) rowTexts.clear();
  const rows = [];
  for (const row of writes) {
    let key = `${this.width}`;
    for (let index = 0; index < row.length; index += 2)
      key += `|${row[index]}:${row[index + 1].length}:${row[index + 1]}`;
    let rowText = rowTexts.get(key);
    if (rowText === undefined) {
      rowText = passThrough(row) ?? rowFromCells(this.width, row, this.caches);
      rowTexts.set(key, rowText);
    }
    rows.push(rowText);
  }
  return { output: rows.join('\n'), height: rows.length };
};

// Ink's grid does not cut a write at the width either, so only the characters matter.
function passThrough(writes) {
  if (writes.length !== 2 || writes[0] !== 0) return undefined;
  const line = writes[1];
  if (!line.includes('\u001b')) return PRINTABLE_ASCII.test(line) ? line.trimEnd() : undefined;
  return PRINTABLE_ASCII.test(line.replace(COLOUR_CODES, '')) ? line + RESET : undefined;
}

// Ink's own cell-by-cell construction of one row (wide characters blank the cells they cover).
function rowFromCells(width, writes, caches) {
  const cells = new Array(width).fill(BLANK_CELL);
  for (let index = 0; index < writes.length; index += 2) {
    let offsetX = writes[index];
    for (const character of caches.getStyledChars(writes[index + 1])) {
      cells[offsetX] = character;
      const characterWidth = Math.max(1, caches.getStringWidth(character.value));
      for (let covered = 1; covered < characterWidth; covered++) {
        cells[offsetX + covered] = {
          type: 'char',
          value: '',
          fullWidth: false,
          styles: character.styles,
        };
      }
      offsetX += characterWidth;
    }
  }
  // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
  return styledCharsToString(cells.filter((cell) => cell !== undefined)).trimEnd();
}
