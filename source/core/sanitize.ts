/**
 * Makes text from history safe to draw on a terminal. History holds whatever a person or an
 * AI produced, including escape sequences that could move the cursor, change the title,
 * write to the clipboard (OSC 52) or hide text. Everything that is not printable is shown
 * as a visible stand-in instead of being sent to the terminal.
 */

// C0 controls except tab/newline handling below, DEL, and C1 controls (0x80-0x9f), which
// some terminals treat as 8-bit CSI/OSC introducers.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Bidirectional overrides can reorder what is displayed (the "Trojan Source" trick).
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
/**
 * Any character either function changes. Nearly all history is free of them: one test
 * (native regex code) then returns the text itself, where the four replacements cost a
 * redraw of a full list several milliseconds before V8 had optimised them.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** True when sanitizeLine and sanitizeBlock return the text unchanged. */
export function isSafeText(text: string): boolean {
  return !UNSAFE.test(text);
}

function visible(char: string): string {
  const code = char.charCodeAt(0);
  if (code === 0x1b) return '^[';
  if (code < 0x20) return `^${String.fromCharCode(code + 64)}`;
  if (code === 0x7f) return '^?';
  return `\\x${code.toString(16).padStart(2, '0')}`;
}

/** One line of display text: newlines and tabs become visible marks too. */
export function sanitizeLine(text: string): string {
  if (isSafeText(text)) return text;
  return text
    .replace(/\r?\n/g, ' ⏎ ')
    .replace(/\t/g, '  ')
    .replace(CONTROL, visible)
    .replace(BIDI, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase()}>`);
}

/** Multi-line display text: newlines are kept, every other control is made visible. */
export function sanitizeBlock(text: string): string {
  if (isSafeText(text)) return text;
  return text
    .replace(/\r\n/g, '\n')
    .replace(/\t/g, '  ')
    .replace(CONTROL, visible)
    .replace(BIDI, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase()}>`);
}
