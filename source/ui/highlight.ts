/**
 * Splits a command into plain and matched runs for drawing, sanitised piece by piece so
 * match positions (indices into the original text) stay right even where a control
 * character is drawn as several visible characters. Cut to `width` with an ellipsis.
 */
import { isSafeText, sanitizeLine } from '../core/sanitize.js';

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
  return isSafeText(text)
    ? segmentsOfSafeText(text, positions, width)
    : segmentsByCharacter(text, positions, width);
}

/**
 * Any text, one character at a time: a control character may be drawn as several, so
 * each is sanitised on its own and the width counted as drawn.
 */
export function segmentsByCharacter(
  text: string,
  positions: readonly number[],
  width: number,
): Segment[] {
  const matched = new Set(positions);
  const segments: Segment[] = [];
  let used = 0;
  let index = 0;
  for (const char of text) {
    const isMatch = matched.has(index);
    index += char.length;
    const shown = sanitizeLine(char);
    if (used + shown.length > width - ELLIPSIS.length) {
      segments.push({ text: ELLIPSIS, matched: false });
      break;
    }
    used += shown.length;
    const last = segments[segments.length - 1];
    if (last && last.matched === isMatch)
      segments[segments.length - 1] = { text: last.text + shown, matched: isMatch };
    else segments.push({ text: shown, matched: isMatch });
  }
  return segments;
}

/**
 * Text drawn as it is (nearly all history): the same segments as segmentsByCharacter, cut
 * with slices at the matched positions instead of a step per character. A list refresh
 * draws a screenful of rows, and the per-character walk was milliseconds of it.
 */
function segmentsOfSafeText(text: string, positions: readonly number[], width: number): Segment[] {
  if (text.length === 0) return [];
  let end = text.length;
  let cut = false;
  if (end > width - ELLIPSIS.length) {
    // The longest prefix of whole characters that fits (a surrogate pair is two units).
    end = Math.max(0, width - ELLIPSIS.length);
    if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
    cut = true;
  }
  const segments: Segment[] = [];
  const push = (from: number, to: number, matched: boolean) => {
    if (to <= from) return;
    const last = segments[segments.length - 1];
    const piece = text.slice(from, to);
    if (last && last.matched === matched)
      segments[segments.length - 1] = { text: last.text + piece, matched };
    else segments.push({ text: piece, matched });
  };
  let at = 0;
  for (const position of [...positions].sort((a, b) => a - b)) {
    if (position < at || position >= end || isLowSurrogateAfterHigh(text, position)) continue;
    const next = position + (text.codePointAt(position)! > 0xffff ? 2 : 1);
    push(at, position, false);
    push(position, Math.min(next, end), true);
    at = next;
  }
  push(at, end, false);
  if (cut) segments.push({ text: ELLIPSIS, matched: false });
  return segments;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Inside a surrogate pair: not a character of its own, so never a match. */
function isLowSurrogateAfterHigh(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff && isHighSurrogate(text.charCodeAt(index - 1));
}
