import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ELLIPSIS, highlightSegments, segmentsByCharacter } from '../../source/ui/highlight.js';

/** A small deterministic generator, so a failure repeats. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % n;
  };
}

const ALPHABET = ['a', 'b', 'Z', ' ', '-', '/', 'é', '日', '🚀', '👍🏽', 'x', '.', '"'];

test('the sliced fast path draws what the per-character walk draws', () => {
  const next = random(7);
  for (let round = 0; round < 5000; round++) {
    let text = '';
    const length = next(30);
    for (let i = 0; i < length; i++) text += ALPHABET[next(ALPHABET.length)];
    const positions: number[] = [];
    for (let i = next(6); i > 0; i--) positions.push(next(text.length + 3) - 1);
    const width = next(40);
    assert.deepEqual(
      highlightSegments(text, positions, width),
      segmentsByCharacter(text, positions, width),
      JSON.stringify({ text, positions, width }),
    );
  }
});

test('matches are marked, long text is cut with an ellipsis, controls are shown', () => {
  assert.deepEqual(highlightSegments('git commit', [0, 1, 4], 80), [
    { text: 'gi', matched: true },
    { text: 't ', matched: false },
    { text: 'c', matched: true },
    { text: 'ommit', matched: false },
  ]);
  assert.deepEqual(highlightSegments('abcdefghij', [], 8), [
    { text: 'abcde', matched: false },
    { text: ELLIPSIS, matched: false },
  ]);
  assert.deepEqual(highlightSegments('a\u001bb', [2], 80), [
    { text: 'a^[', matched: false },
    { text: 'b', matched: true },
  ]);
});
