import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeltaDecoder, DeltaEncoder } from '../../source/ui/data/entry-delta.js';
import { makeEntries, makeEntry } from '../helpers/entries.js';

test('a list with new, changed, moved and gone entries decodes to the list sent', () => {
  const encoder = new DeltaEncoder();
  const decoder = new DeltaDecoder();
  const first = makeEntries(5);
  const shown = decoder.decode(encoder.encode(first));
  assert.deepEqual(shown, first);

  const changed = { ...first[3]!, status: 'error', version: `${first[3]!.version}-2` };
  const second = [makeEntry(9), makeEntry(8), first[0]!, first[1]!, changed, first[2]!];
  const deltas = encoder.encode(second);
  // New and changed entries travel whole; the others as positions in the list before.
  assert.deepEqual(
    deltas.map((delta) => (typeof delta === 'number' ? delta : delta.uuid)),
    ['uuid-9', 'uuid-8', 0, 1, 'uuid-3', 2],
  );
  const next = decoder.decode(deltas);
  assert.deepEqual(next, second);
  // The UI thread's own objects come back, so memoised rows do not redraw.
  assert.equal(next[2], shown[0]);
  assert.equal(next[5], shown[2]);
  assert.notEqual(next[4], shown[3]);
});

test('prepare shapes only the entries that travel', () => {
  const encoder = new DeltaEncoder();
  const cut = (entry: ReturnType<typeof makeEntry>) => ({ ...entry, response: 'cut' });
  const first = encoder.encode([makeEntry(1, { response: 'long' })], cut);
  assert.equal((first[0] as { response: string }).response, 'cut');
  assert.deepEqual(encoder.encode([makeEntry(1, { response: 'long' })], cut), [0]);
});

test('a decoder that missed a list says so instead of showing the wrong entry', () => {
  const encoder = new DeltaEncoder();
  encoder.encode(makeEntries(3));
  assert.throws(() => new DeltaDecoder().decode(encoder.encode(makeEntries(3))), /entry 0/);
});
