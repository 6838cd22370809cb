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

test('arrivals above a scrolled list keep the same entry on the same screen row', () => {
  const state = run([{ type: 'move', delta: 14 }]);
  assert.equal(state.offset, 5);
  const arrived = [makeEntry(-2), makeEntry(-1), ...state.entries];
  const next = listReducer(state, { type: 'entries', entries: arrived });
  assert.equal(next.entries[next.selected]?.uuid, 'uuid-14');
  assert.equal(next.selected, 16);
  // The view scrolls by what arrived above, so the row under the cursor does not jump.
  assert.equal(next.selected - next.offset, state.selected - state.offset);
  assert.equal(next.offset, 7);
});

test('arrivals at the top of the list are drawn above the selected entry', () => {
  const state = run([{ type: 'move', delta: 3 }]);
  const arrived = [makeEntry(-2), makeEntry(-1), ...state.entries];
  const next = listReducer(state, { type: 'entries', entries: arrived });
  assert.equal(next.entries[next.selected]?.uuid, 'uuid-3');
  assert.deepEqual([next.selected, next.offset], [5, 0]);
  assert.equal(visibleEntries(next)[0]?.uuid, makeEntry(-2).uuid);
});

test('when the entry under the cursor is gone, the cursor keeps its index', () => {
  const state = run([{ type: 'move', delta: 3 }]);
  const next = listReducer(state, {
    type: 'entries',
    entries: state.entries.filter((_, i) => i !== 3),
  });
  assert.equal(next.selected, 3);
  assert.equal(next.entries[next.selected]?.uuid, 'uuid-4');
});

test('a refresh keeps the objects of unchanged rows on screen, and takes changed ones', () => {
  const state = run([{ type: 'move', delta: 3 }]);
  // The same entries read again (new objects), one of them edited meanwhile.
  const reread = [makeEntry(-1), ...state.entries.map((entry) => ({ ...entry }))];
  reread[4] = { ...reread[4]!, command: 'edited', version: 'v-edited' };
  const next = listReducer(state, { type: 'entries', entries: reread });
  const shown = visibleEntries(next);
  assert.equal(shown[0], reread[0], 'the arrival is drawn');
  assert.equal(shown[1], state.entries[0], 'an unchanged row keeps the object on screen');
  assert.equal(shown[4], reread[4], 'an edited row takes the new version');
  assert.equal(shown[4]?.command, 'edited');
  assert.equal(reread[1] === state.entries[0], false, 'the list it was given is not modified');
});

test('a deleted entry leaves the list; the selection stays on its row, or the last one', () => {
  const middle = run([
    { type: 'move', delta: 5 },
    { type: 'remove', uuid: 'uuid-5' },
  ]);
  assert.equal(middle.entries.length, 29);
  assert.equal(middle.entries[middle.selected]?.uuid, 'uuid-6');
  const last = run([{ type: 'last' }, { type: 'remove', uuid: 'uuid-29' }]);
  assert.equal(last.entries[last.selected]?.uuid, 'uuid-28');
  assert.ok(last.offset <= last.selected && last.selected < last.offset + last.height);
  const same = run([]);
  assert.equal(listReducer(same, { type: 'remove', uuid: 'not-here' }), same);
});
