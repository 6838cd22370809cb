/**
 * Ink measures every line with string-width. Plain ASCII takes a fast path; the first line
 * with anything else (the badge's arrows, an accent or an emoji in a command) compiles
 * string-width's Unicode property expressions, ~20 ms on the UI thread. Done once here,
 * right after the first frame and before the workers start, that cost is paid while the
 * person reads the screen instead of in the middle of the first sync's frames. It is the
 * same module Ink uses (one copy in the bundle), so the compiled expressions are shared.
 */
import stringWidth from 'string-width';

/** Arrows (ambiguous width), a combining accent, CJK, an emoji sequence, Hangul. */
const SAMPLE = '↑↓ é 中文 🙂 👩‍💻 한글 1️⃣';

export function warmUpTextMeasuring(): number {
  return stringWidth(SAMPLE);
}
