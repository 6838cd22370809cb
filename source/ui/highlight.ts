/**
 * Splits a command into plain and matched runs for drawing, sanitised piece by piece so
 * match positions (indices into the original text) stay right even where a control
 * character is drawn as several visible characters. Cut to `width` with an ellipsis.
 */
import { sanitizeLine } from '../core/sanitize.js';

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
