/* global sanitizeAnsi -- this file is appended to Ink's build/squash-text-nodes.js */
// Ink 6.8 sanitises every text node's string on every frame, and twice when the frame is
// laid out: it tokenises the whole string, character by character, to drop escape codes
// other than colours. A list row carries colour codes, so every row paid that each frame
// (renderNodeToOutput was ~4-10 ms of a refresh during a sync, once its Output was cheap).
// The result is a pure function of the string: computed once per distinct string, kept in
// a bounded map.
const sanitizedTexts = new Map();
const SANITIZED_KEPT = 4000;
// Text that sanitizeAnsi returns unchanged: no ESC or C1 control except colour (SGR)
// sequences, which it keeps. One native regex test instead of its per-character walk:
// during a sync most rows are new strings, and the walk (in code V8 had not yet optimised)
// cost several milliseconds of a refresh.
// eslint-disable-next-line no-control-regex
const COLOURED_TEXT_ONLY = /^(?:[^\u001b\u0080-\u009f]|\u001b\[[\d:;]*m)*$/;

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- called from the patched module
function sanitizeAnsiOnce(text) {
  let sanitized = sanitizedTexts.get(text);
  if (sanitized === undefined) {
    if (sanitizedTexts.size >= SANITIZED_KEPT) sanitizedTexts.clear();
    sanitized = COLOURED_TEXT_ONLY.test(text) ? text : sanitizeAnsi(text);
    sanitizedTexts.set(text, sanitized);
  }
  return sanitized;
}
