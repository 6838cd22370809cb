import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  ESCAPE_TIMEOUT_MS,
  KeyReader,
  PASTE_MAX_CHARS,
  PASTE_TIMEOUT_MS,
  splitKeys,
  type KeyInput,
} from '../../source/ui/input/split-keys.js';
import { keyId } from '../../source/ui/keys.js';

/** Keys as short strings: text as itself in quotes, named keys by id, pastes marked. */
function names(keys: readonly KeyInput[]): string[] {
  return keys.map((key) =>
    key.kind === 'text' ? `"${key.text}"` : key.kind === 'paste' ? `paste:${key.text}` : keyId(key),
  );
}

test('keys that arrive in one chunk come out one by one, in order', () => {
  assert.deepEqual(names(splitKeys('x\u0015y')), ['"x"', 'ctrl+u', '"y"']);
  assert.deepEqual(names(splitKeys('abc\u007f\u007fZ')), [
    '"abc"',
    'backspace',
    'backspace',
    '"Z"',
  ]);
  assert.deepEqual(names(splitKeys('\u0012\u0012')), ['ctrl+r', 'ctrl+r']);
  assert.deepEqual(names(splitKeys('\u0004y')), ['ctrl+d', '"y"']);
  assert.deepEqual(names(splitKeys('\r\t\b\u0000\u001c')), [
    'return',
    'tab',
    'backspace',
    'ctrl+space',
    'ctrl+\\',
  ]);
});

test('escape sequences are keys between the text around them', () => {
  assert.deepEqual(names(splitKeys('a\u001b[Bb\u001bOAc')), ['"a"', 'down', '"b"', 'up', '"c"']);
  assert.deepEqual(
    names(splitKeys('\u001b[5~\u001b[6~\u001b[H\u001b[1~\u001b[F\u001b[4~\u001b[3~\u001b[Z')),
    ['pageup', 'pagedown', 'home', 'home', 'end', 'end', 'delete', 'shift+tab'],
  );
  assert.deepEqual(names(splitKeys('\u001b[1;5A\u001b[1;2B\u001b[1;3C')), [
    'ctrl+up',
    'shift+down',
    'alt+right',
  ]);
  // Sequences nothing here uses are keys too (never text): focus reports, F-keys, kitty.
  assert.deepEqual(names(splitKeys('\u001b[I\u001b[15~\u001b[97;5u\u001b[[A')), [
    'unknown',
    'f5',
    'ctrl+unknown',
    'unknown',
  ]);
});

test('Esc alone is the Escape key; what follows a lone Esc is read on its own', () => {
  assert.deepEqual(names(splitKeys('\u001b')), ['escape']);
  assert.deepEqual(names(splitKeys('\u001b\u001b')), ['escape', 'escape']);
  assert.deepEqual(names(splitKeys('\u001bx')), ['escape', '"x"']);
  assert.deepEqual(names(splitKeys('\u001b\u001b[A')), ['escape', 'up']);
  assert.deepEqual(names(splitKeys('\u001b[')), ['escape', '"["'], 'a sequence cut short');
});

test('text runs keep every printable character, wide and combining ones included', () => {
  assert.deepEqual(names(splitKeys('漢字 e\u0301 👍🏽 👨‍👩‍👧')), ['"漢字 e\u0301 👍🏽 👨‍👩‍👧"']);
  // C1 controls are not text either.
  assert.deepEqual(names(splitKeys('a\u0085b')), ['"a"', 'unknown', '"b"']);
});

test('a bracketed paste is text: control characters become spaces, none at its ends', () => {
  assert.deepEqual(names(splitKeys('q\u001b[200~\ngit status\n\tls\u001b[31m\r\n\u001b[201~Z')), [
    '"q"',
    'paste:git status ls [31m',
    '"Z"',
  ]);
  assert.deepEqual(names(splitKeys('\u001b[200~\r\n\u001b[201~')), [], 'only controls: nothing');
  assert.deepEqual(names(splitKeys('\u001b[200~\u0012\u0003\u001b[201~\u0012')), ['ctrl+r']);
});

test('a paste over several chunks, its end marker cut in two, stays one paste', () => {
  const reader = new KeyReader();
  assert.deepEqual(names(reader.push('\u001b[200~ab\n')), ['paste:ab']);
  assert.deepEqual(names(reader.push('cd\u001b[2')), ['paste: cd']);
  assert.deepEqual(names(reader.push('01~\u0012x')), ['ctrl+r', '"x"']);
});

test('a sequence cut off at the end of a read waits for its rest; alone it is Esc', () => {
  const reader = new KeyReader();
  // ESC, then `[B` in the next read (a slow ssh link): Down, not Esc then "[B".
  assert.deepEqual(names(reader.push('\u001b')), []);
  assert.equal(reader.timeoutMs, ESCAPE_TIMEOUT_MS);
  assert.deepEqual(names(reader.push('[B')), ['down']);
  assert.equal(reader.timeoutMs, null, 'nothing waits');
  assert.deepEqual(names(reader.push('a\u001b[1;')), ['"a"']);
  assert.deepEqual(names(reader.push('5A')), ['ctrl+up']);
  assert.deepEqual(names(reader.push('\u001bO')), []);
  assert.deepEqual(names(reader.push('B')), ['down']);
  // Nothing came in time: the ESC is the Escape key, and what was cut off is read as it is.
  assert.deepEqual(names(reader.push('\u001b')), []);
  assert.deepEqual(names(reader.expire()), ['escape']);
  assert.deepEqual(names(reader.push('x\u001b[')), ['"x"']);
  assert.deepEqual(names(reader.expire()), ['escape', '"["']);
  assert.deepEqual(names(reader.expire()), [], 'nothing left');
  // Esc then a key in the next read: both count, as in one read.
  reader.push('\u001b');
  assert.deepEqual(names(reader.push('q')), ['escape', '"q"']);
});

test('a paste whose end marker never comes ends when no more input comes in time', () => {
  const reader = new KeyReader();
  assert.deepEqual(names(reader.push('\u001b[200~abc')), ['paste:abc']);
  assert.equal(reader.timeoutMs, PASTE_TIMEOUT_MS);
  assert.deepEqual(names(reader.push('\u001b[2')), [], 'perhaps the end marker');
  assert.deepEqual(names(reader.expire()), ['paste: [2']);
  assert.equal(reader.timeoutMs, null);
  // What comes next is keys again: Down and Esc, not text.
  assert.deepEqual(names(reader.push('\u001b[Bq\u0003')), ['down', '"q"', 'ctrl+c']);
  // A paste keeps at most PASTE_MAX_CHARS for the query; the rest is never keys.
  const long = `\u001b[200~${'a'.repeat(PASTE_MAX_CHARS)}\r${'b'.repeat(100)}\u001b[201~x`;
  const [paste, ...rest] = splitKeys(long);
  assert.equal(paste?.kind === 'paste' && paste.text, 'a'.repeat(PASTE_MAX_CHARS));
  assert.deepEqual(names(rest), ['"x"']);
});

/** Keys with the bytes a terminal sends for them. */
const KEYS: readonly (readonly [string, string])[] = [
  ['\u0015', 'ctrl+u'],
  ['\u0012', 'ctrl+r'],
  ['\u007f', 'backspace'],
  ['\r', 'return'],
  ['\t', 'tab'],
  ['\u001b', 'escape'],
  ['\u001b[A', 'up'],
  ['\u001bOB', 'down'],
  ['\u001b[5~', 'pageup'],
  ['\u001b[1;5D', 'ctrl+left'],
  ['\u001b[Z', 'shift+tab'],
];
const TEXT = ['a', 'Z', ' ', '?', '[', 'O', '~', '漢', 'e\u0301', '👍🏽', '👨‍👩‍👧'];

test('any sequence of keys sent in one chunk splits back into those keys', () => {
  const item = fc.oneof(
    fc.constantFrom(...KEYS).map(([bytes, id]) => ({ bytes, id, text: false })),
    fc.constantFrom(...TEXT).map((text) => ({ bytes: text, id: text, text: true })),
  );
  fc.assert(
    fc.property(fc.array(item, { maxLength: 12 }), (items) => {
      // Text after a lone Esc would be read with it as a sequence: `[A` after Esc is Up.
      // A terminal never sends a lone Esc followed by '[' or 'O' for two keys either.
      for (let i = 1; i < items.length; i++)
        if (items[i - 1]!.id === 'escape' && /^[[O]/.test(items[i]!.bytes)) return;
      const expected: string[] = [];
      for (const { id, text } of items) {
        const last = expected[expected.length - 1];
        if (text && last?.startsWith('"'))
          expected[expected.length - 1] = `${last.slice(0, -1)}${id}"`;
        else expected.push(text ? `"${id}"` : id);
      }
      assert.deepEqual(names(splitKeys(items.map((i) => i.bytes).join(''))), expected);
    }),
    { seed: 16, numRuns: 2000 },
  );
});
