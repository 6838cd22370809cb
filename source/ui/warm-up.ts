/**
 * Work that is slow only the first time in a process, done right after the first frame and
 * before the workers start: paid while the person reads the screen, not in the middle of the
 * first sync's frames (where each showed up as a 10-20 ms stall).
 *
 * - Ink measures every line with string-width. Plain ASCII takes a fast path; the first line
 *   with anything else (the badge's arrows, an accent or an emoji in a command) compiles its
 *   Unicode property expressions (~20 ms). It is the same module Ink uses (one copy in the
 *   bundle), so the compiled expressions are shared.
 * - The first number formatted for a locale (the entry count, the badge's progress) loads
 *   ICU's number formatting (~17 ms).
 */
import stringWidth from 'string-width';

/** Arrows (ambiguous width), a combining accent, CJK, an emoji sequence, Hangul. */
const SAMPLE = '↑↓ é 中文 🙂 👩‍💻 한글 1️⃣';

export function warmUp(): string {
  return `${stringWidth(SAMPLE)} ${(100_000).toLocaleString('en-US')}`;
}
