/**
 * Splits a command into plain and matched runs for drawing, sanitised piece by piece so
 * match positions (indices into the original text) stay right even where a control
 * character is drawn as several visible characters. Cut to `width` terminal columns with an
 * ellipsis, between graphemes: a wide character counts two columns, an accent stays on its
 * letter, an emoji sequence is kept whole or left out whole.
 */
import { sanitizeLine } from '../core/sanitize.js';
import { displayWidth, graphemes, isPlainText } from './text/display-width.js';

/**
 * Three dots, not U+2026: the first non-ASCII character Ink measures costs ~35 ms (its width
 * library compiles Unicode tables), and the first frame stays ASCII for ASCII history.
 */
export const ELLIPSIS = '...';

export type Segment = { readonly text: string; readonly matched: boolean };

export function highlightSegments(
  text: string,
  positions: readonly number[],
  width: number,
): Segment[] {
  return isPlainText(text)
    ? segmentsOfPlainText(text, positions, width)
    : segmentsByCharacter(text, positions, width);
}

/** Appends a run, merged into the last one when both are matched or both are not. */
function push(segments: Segment[], text: string, matched: boolean): void {
  if (text.length === 0) return;
  const last = segments[segments.length - 1];
  if (last && last.matched === matched)
    segments[segments.length - 1] = { text: last.text + text, matched };
  else segments.push({ text, matched });
}

/** The ellipsis when it fits in `width`, else nothing (a column or two gets no mark). */
function mark(width: number): string {
  return width >= ELLIPSIS.length ? ELLIPSIS : '';
}

/**
 * Any text, one grapheme at a time: a control character may be drawn as several
 * characters, so each grapheme is sanitised on its own and measured as drawn. A grapheme
 * is matched when any of its UTF-16 positions is.
 */
export function segmentsByCharacter(
  text: string,
  positions: readonly number[],
  width: number,
): Segment[] {
  const matched = new Set(positions);
  const room = width - mark(width).length;
  const pieces: Segment[] = [];
  let fitting = 0; // pieces that leave room for the ellipsis
  let used = 0;
  let index = 0;
  let cut = false;
  for (const grapheme of graphemes(text)) {
    let isMatch = false;
    for (let i = index; i < index + grapheme.length && !isMatch; i++) isMatch = matched.has(i);
    index += grapheme.length;
    const shown = sanitizeLine(grapheme);
    used += displayWidth(shown);
    if (used > width) {
      cut = true;
      break;
    }
    pieces.push({ text: shown, matched: isMatch });
    if (used <= room) fitting = pieces.length;
  }
  const segments: Segment[] = [];
  for (const piece of cut ? pieces.slice(0, fitting) : pieces)
    push(segments, piece.text, piece.matched);
  // The ellipsis stays a segment of its own, as on the plain-text path.
  if (cut && mark(width).length > 0) segments.push({ text: ELLIPSIS, matched: false });
  return segments;
}

/**
 * Printable ASCII (nearly all history): one column per character, so the same segments as
 * segmentsByCharacter come from slices at the matched positions instead of a step per
 * character. A list refresh draws a screenful of rows, and the per-character walk was
 * milliseconds of it.
 */
function segmentsOfPlainText(text: string, positions: readonly number[], width: number): Segment[] {
  if (text.length === 0) return [];
  const cut = text.length > width;
  const end = cut ? Math.max(0, width - mark(width).length) : text.length;
  const segments: Segment[] = [];
  let at = 0;
  for (const position of [...positions].sort((a, b) => a - b)) {
    if (position < at || position >= end) continue;
    push(segments, text.slice(at, position), false);
    push(segments, text.slice(position, position + 1), true);
    at = position + 1;
  }
  push(segments, text.slice(at, end), false);
  if (cut && mark(width).length > 0) segments.push({ text: ELLIPSIS, matched: false });
  return segments;
}
