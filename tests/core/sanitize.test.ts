import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSafeText, sanitizeBlock, sanitizeLine } from '../../source/core/sanitize.js';

test('escape sequences are shown, not executed', () => {
  const hostile = 'ls\u001b[2J\u001b]0;pwned\u0007\u001b]52;c;ZXZpbA==\u0007';
  const shown = sanitizeLine(hostile);
  assert.ok(!shown.includes('\u001b'), 'no ESC reaches the terminal');
  assert.ok(!shown.includes('\u0007'), 'no BEL reaches the terminal');
  assert.equal(shown, 'ls^[[2J^[]0;pwned^G^[]52;c;ZXZpbA==^G');
});

test('C1 controls, DEL and bidi overrides are neutralised', () => {
  assert.equal(sanitizeLine('a\u009bb\u007fc'), 'a\\x9bb^?c');
  assert.equal(sanitizeLine('x\u202ey'), 'x<U+202E>y');
});

test('a line keeps newlines visible; a block keeps them as lines', () => {
  assert.equal(sanitizeLine('a\nb\r\nc\td'), 'a ⏎ b ⏎ c  d');
  assert.equal(sanitizeBlock('a\r\nb\u001b[31m'), 'a\nb^[[31m');
});

test('printable Unicode passes through untouched', () => {
  const text = 'café 日本語 🚀 naïve';
  assert.equal(sanitizeLine(text), text);
});

test('text is safe exactly when sanitising leaves it unchanged', () => {
  // Every character class the replacements touch, and neighbours that must pass.
  const samples = [
    'plain',
    'tab\there',
    'cr\rlf\n',
    'esc\u001b',
    'del\u007f',
    'c1\u0085',
    'nbsp\u00a0',
    'bidi\u2067',
    'zwj\u200d',
    'emoji 🚀',
    'wide 日本',
    '\u009f',
    '\u00a0',
  ];
  for (let code = 0; code < 0x2100; code++) samples.push(`a${String.fromCharCode(code)}b`);
  for (const text of samples) {
    const unchanged = sanitizeLine(text) === text && sanitizeBlock(text) === text;
    assert.equal(isSafeText(text), unchanged, JSON.stringify(text));
  }
});
