import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import stringWidth from 'string-width';
import {
  cutToWidth,
  displayWidth,
  graphemes,
  padEndToWidth,
  padStartToWidth,
  tailToWidth,
  wrapToWidth,
} from '../../source/ui/text/display-width.js';

const FAMILY = '👨‍👩‍👧‍👦';
const THUMB = '👍🏽';
const E_ACUTE = 'e\u0301';

test('width is terminal columns: wide characters two, combining marks none', () => {
  assert.equal(displayWidth('git status'), 10);
  assert.equal(displayWidth('漢字テスト'), 10);
  assert.equal(displayWidth(`caf${E_ACUTE}`), 4);
  assert.equal(displayWidth('\u200b'), 0);
  // Emoji sequences count as wide as a terminal may draw them: tmux draws 👍🏽 as 👍 and 🏽.
  assert.equal(displayWidth(THUMB), 4);
  assert.equal(displayWidth(FAMILY), 8);
  assert.equal(displayWidth('❤️'), 2);
});

test('cuts fall between graphemes and leave room for the ellipsis', () => {
  assert.equal(cutToWidth('abcdefghij', 8), 'abcde...');
  assert.equal(cutToWidth('abcdefgh', 8), 'abcdefgh', 'what fits is not cut');
  assert.equal(cutToWidth('漢字テスト', 7), '漢字...');
  assert.equal(cutToWidth('漢字テスト', 8), '漢字...', 'half a wide character is never drawn');
  assert.equal(cutToWidth(E_ACUTE.repeat(10), 5), `${E_ACUTE}${E_ACUTE}...`);
  assert.equal(cutToWidth(`${FAMILY}${FAMILY}`, 12), `${FAMILY}...`);
  assert.equal(cutToWidth('漢字', 2, ''), '漢');
  assert.equal(cutToWidth('abcdef', 2), 'ab', 'no room for the ellipsis: a plain cut');
  assert.equal(cutToWidth('abc', 0), '');
  assert.equal(tailToWidth('git commit 漢字テスト', 9), '...テスト');
  assert.equal(tailToWidth('short', 9), 'short');
  assert.equal(padEndToWidth('漢', 4), '漢  ');
  assert.equal(padStartToWidth('漢字テスト', 5), ' 漢字');
  assert.deepEqual(wrapToWidth('漢字テスト', 5), ['漢字', 'テス', 'ト']);
  assert.deepEqual(wrapToWidth('', 5), ['']);
  assert.deepEqual(wrapToWidth('abcdefg', 3), ['abc', 'def', 'g']);
});

const PIECES = [
  'a',
  'b',
  ' ',
  '-',
  '漢',
  'テ',
  E_ACUTE,
  'a\u0308',
  THUMB,
  FAMILY,
  '🇯🇵',
  '❤️',
  '\u200b',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((parts) => parts.join(''));

test('every cut fits its width by our count and by string-width (Ink never cuts again)', () => {
  fc.assert(
    fc.property(text, fc.integer({ min: 0, max: 40 }), (input, width) => {
      for (const cut of [
        cutToWidth(input, width),
        cutToWidth(input, width, ''),
        tailToWidth(input, width),
      ]) {
        assert.ok(displayWidth(cut) <= width, JSON.stringify({ input, width, cut }));
        assert.ok(stringWidth(cut) <= width);
      }
      const start = cutToWidth(input, width, '');
      assert.ok(input.startsWith(start));
      // Cut between graphemes: the kept part's graphemes are the input's first ones.
      const kept = [...graphemes(start)];
      assert.deepEqual(kept, [...graphemes(input)].slice(0, kept.length));
      if (displayWidth(input) <= width) assert.equal(cutToWidth(input, width), input);
    }),
    { seed: 16, numRuns: 1000 },
  );
});

test('wrapped lines fit the width and join back to the text', () => {
  fc.assert(
    fc.property(text, fc.integer({ min: 1, max: 20 }), (input, width) => {
      const lines = wrapToWidth(input, width);
      assert.equal(lines.join(''), input);
      for (const line of lines) {
        // A grapheme wider than the whole width has a line to itself.
        if ([...graphemes(line)].length > 1) assert.ok(displayWidth(line) <= width);
      }
    }),
    { seed: 16, numRuns: 1000 },
  );
});
