import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  initialListState,
  listReducer,
  visibleEntries,
  type ListAction,
} from '../../source/ui/state/list-state.js';
import { makeEntries, makeEntry } from '../helpers/entries.js';

function run(actions: ListAction[], count = 30, height = 10) {
  return actions.reduce(listReducer, initialListState(makeEntries(count), height));
}

test('moving keeps the selection on screen and inside the list', () => {
  assert.deepEqual(
    [run([{ type: 'move', delta: 1 }]).selected, run([{ type: 'move', delta: -1 }]).selected],
    [1, 0],
  );
  const down = run([{ type: 'move', delta: 12 }]);
  assert.deepEqual([down.selected, down.offset], [12, 3]);
  const end = run([{ type: 'last' }]);
  assert.deepEqual([end.selected, end.offset], [29, 20]);
  const back = run([{ type: 'last' }, { type: 'first' }]);
  assert.deepEqual([back.selected, back.offset], [0, 0]);
  const paged = run([
    { type: 'page', direction: 1 },
    { type: 'page', direction: 1 },
    { type: 'page', direction: -1 },
  ]);
  assert.deepEqual([paged.selected, paged.offset], [10, 10]);
  assert.deepEqual(visibleEntries(paged).map((e) => e.uuid)[0], 'uuid-10');
});

test('an empty list stays at zero', () => {
  const state = run([{ type: 'move', delta: 5 }, { type: 'last' }], 0);
  assert.deepEqual([state.selected, state.offset, visibleEntries(state).length], [0, 0, 0]);
});

test('shrinking the window pulls the offset so the selection stays visible', () => {
  const state = run([
    { type: 'move', delta: 9 },
    { type: 'resize', height: 4 },
  ]);
  assert.deepEqual([state.selected, state.offset, state.height], [9, 6, 4]);
});

test('new entries arriving above keep the same entry under the cursor', () => {
  const state = run([{ type: 'move', delta: 3 }]);
  const arrived = [makeEntry(-2), makeEntry(-1), ...state.entries];
  const next = listReducer(state, { type: 'entries', entries: arrived });
  assert.equal(next.entries[next.selected]?.uuid, 'uuid-3');
  assert.equal(next.selected, 5);
});
