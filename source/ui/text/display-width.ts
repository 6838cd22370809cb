/**
 * Text measured in terminal columns, cut at grapheme boundaries. Every cut, pad and
 * alignment in the TUI goes through here: counting UTF-16 units or code points put CJK at
 * half its width and cut emoji and accented letters in two.
 *
 * Terminals disagree about some emoji: tmux draws 👍🏽 as two glyphs (4 columns) where
 * string-width says 2, and a ZWJ family as one glyph or as its four members. A row wider
 * than the terminal wraps, and every row below moves (ghost rows, a header scrolled away).
 * So a grapheme is counted at the widest a terminal may draw it: string-width's answer or
 * the sum of its code points' widths, whichever is more. A terminal that draws it narrower
 * leaves a few blank columns at the end of a row; none overflows.
 */
import stringWidth from 'string-width';

/** Printable ASCII only: one column per character, no table lookups. */
const PLAIN = /^[\u0020-\u007e]*$/;

/** True for text of printable ASCII only, where a character is a column. */
export function isPlainText(text: string): boolean {
  return PLAIN.test(text);
}

let segmenter: Intl.Segmenter | undefined;

/** The grapheme clusters of `text`, lazily: a long command is walked only as far as needed. */
export function graphemes(text: string): Iterable<string> {
  if (PLAIN.test(text)) return text;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const segments = segmenter.segment(text);
  return {
    *[Symbol.iterator]() {
      for (const { segment } of segments) yield segment;
    },
  };
}

const widths = new Map<string, number>();

/** Columns of one grapheme cluster, at the widest a terminal may draw it. */
export function graphemeWidth(grapheme: string): number {
  if (grapheme.length === 1 && PLAIN.test(grapheme)) return 1;
  let width = widths.get(grapheme);
  if (width === undefined) {
    let parts = 0;
    for (const codePoint of grapheme) parts += stringWidth(codePoint);
    width = Math.max(stringWidth(grapheme), parts);
    if (widths.size > 10_000) widths.clear(); // bounded: history can hold any text
    widths.set(grapheme, width);
  }
  return width;
}

/** Columns of `text` (no control characters: sanitise first). */
export function displayWidth(text: string): number {
  if (PLAIN.test(text)) return text.length;
  let width = 0;
  for (const grapheme of graphemes(text)) width += graphemeWidth(grapheme);
  return width;
}

/**
 * The longest start of `text` that fits in `width` columns; when something was cut, it
 * ends with `ellipsis` (inside the width).
 */
export function cutToWidth(text: string, width: number, ellipsis = '...'): string {
  if (width <= 0) return '';
  const plain = PLAIN.test(text);
  if (plain && text.length <= width) return text;
  const mark = displayWidth(ellipsis) <= width ? ellipsis : '';
  const room = width - displayWidth(mark);
  if (plain) return text.slice(0, room) + mark;
  let used = 0;
  let end = 0;
  let fitsRoom = 0; // UTF-16 length of the start that leaves room for the mark
  for (const grapheme of graphemes(text)) {
    used += graphemeWidth(grapheme);
    if (used > width) return text.slice(0, fitsRoom) + mark;
    end += grapheme.length;
    if (used <= room) fitsRoom = end;
  }
  return text;
}

/** The longest end of `text` that fits in `width` columns, `ellipsis` first when cut. */
export function tailToWidth(text: string, width: number, ellipsis = '...'): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  const mark = displayWidth(ellipsis) <= width ? ellipsis : '';
  const room = width - displayWidth(mark);
  const parts = [...graphemes(text)];
  let used = 0;
  let start = parts.length;
  while (start > 0 && used + graphemeWidth(parts[start - 1]!) <= room)
    used += graphemeWidth(parts[--start]!);
  return mark + parts.slice(start).join('');
}

/** `text` cut to `width` columns, then padded with spaces on the right to exactly `width`. */
export function padEndToWidth(text: string, width: number): string {
  const fitted = cutToWidth(text, width, '');
  return fitted + ' '.repeat(Math.max(0, width - displayWidth(fitted)));
}

/** `text` cut to `width` columns, then padded with spaces on the left to exactly `width`. */
export function padStartToWidth(text: string, width: number): string {
  const fitted = cutToWidth(text, width, '');
  return ' '.repeat(Math.max(0, width - displayWidth(fitted))) + fitted;
}

/**
 * Screen lines of at most `width` columns, broken between graphemes (never inside one);
 * an empty line stays one empty line. `text` is one line, already sanitised.
 */
export function wrapToWidth(text: string, width: number): string[] {
  if (text.length === 0) return [''];
  const size = Math.max(1, width);
  if (PLAIN.test(text)) {
    const lines: string[] = [];
    for (let i = 0; i < text.length; i += size) lines.push(text.slice(i, i + size));
    return lines;
  }
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const grapheme of graphemes(text)) {
    const w = graphemeWidth(grapheme);
    if (used + w > size && line.length > 0) {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += grapheme;
    used += w;
  }
  lines.push(line);
  return lines;
}
