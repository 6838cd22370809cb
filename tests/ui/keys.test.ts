import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { paragraph, keyPhrases } from '../../source/ui/components/help-view.js';
import {
  ANY_VIEW_KEYS,
  commandFor,
  DETAIL_KEYS,
  LIST_KEYS,
  VIEW_KEYS,
} from '../../source/ui/keys.js';
import { appReducer, initialAppState } from '../../source/ui/state/app-state.js';
import { statusLine } from '../../source/ui/status-line.js';
import { displayWidth } from '../../source/ui/text/display-width.js';
import { makeEntries, makeEntry } from '../helpers/entries.js';

/** How the help writes a key id. */
function shown(id: string): string {
  const names: Record<string, string> = {
    up: '↑',
    down: '↓',
    pageup: 'PgUp',
    pagedown: 'PgDn',
    home: 'Home',
    end: 'End',
    return: 'Enter',
    escape: 'Esc',
    tab: 'Tab',
    backspace: 'Backspace',
    space: 'Space',
  };
  if (id.startsWith('ctrl+')) return `Ctrl-${id.slice(5).toUpperCase()}`;
  return names[id] ?? id;
}

test('every key a view binds is named in its help row, and none is bound twice', () => {
  for (const [view, table] of Object.entries(VIEW_KEYS)) {
    const seen = new Set<string>();
    for (const row of [...ANY_VIEW_KEYS, ...table])
      for (const [id] of row.bind) {
        assert.ok(row.keys.split(/[\s/]+/).includes(shown(id)), `${view}: ${id} in "${row.keys}"`);
        assert.ok(!seen.has(id), `${view}: ${id} bound twice`);
        seen.add(id);
      }
  }
  assert.equal(commandFor(LIST_KEYS, 'ctrl+d'), 'delete');
  assert.equal(commandFor(DETAIL_KEYS, 'ctrl+c'), 'quit', 'Ctrl-C quits from every view');
  assert.equal(commandFor(LIST_KEYS, 'q'), undefined, 'q is typed in the list');
});

test('the status line fits any width, keeping the hints ranked first', () => {
  const state = initialAppState({
    entries: makeEntries(3),
    height: 10,
    remote: false,
    status: null,
  });
  const counted = appReducer(state, { type: 'total', total: 1234 });
  for (let width = 20; width <= 200; width++) {
    const line = statusLine(counted, width);
    assert.ok(displayWidth(line) <= width, `${width}: ${line}`);
  }
  assert.equal(
    statusLine(counted, 80),
    '1,234 entries | all machines | Enter detail | Tab print | ? keys | Esc quit',
  );
  assert.equal(statusLine(counted, 50), '1,234 entries | all machines | ? keys | Esc quit');
  assert.match(statusLine(counted, 200), /Ctrl-S sync \| Ctrl-D delete \| \? keys \| Esc quit$/);
  const asking = appReducer(counted, {
    type: 'askDelete',
    entry: makeEntry(1, { command: `rm -rf ${'長'.repeat(60)}` }),
  });
  const question = statusLine(asking, 80);
  assert.match(question, /^delete this entry everywhere\? y\/n: rm -rf 長+\.\.\.$/);
  assert.ok(displayWidth(question) <= 80);
});

test('the status line shows only hints whose keys can act now', () => {
  const state = initialAppState({ entries: [], height: 10, remote: false, status: null });
  const none = appReducer(appReducer(state, { type: 'query', query: 'zz' }), {
    type: 'results',
    entries: [],
    positions: new Map(),
    answers: { query: 'zz', scope: 'all' },
    keepSelection: false,
  });
  // No entry: nothing to show, print or delete; a query: `?` is typed, not the help.
  assert.equal(
    statusLine(none, 200),
    '0 matches | ... entries | all machines | Ctrl-S sync | Esc quit',
  );
  const empty = appReducer(state, { type: 'openConflicts', items: [] });
  assert.equal(statusLine(empty, 200), '... entries | all machines | Esc back');
});

test('the delete question keeps its y/n in sight at any width, the command cut first', () => {
  const state = initialAppState({
    entries: makeEntries(3),
    height: 10,
    remote: false,
    status: null,
  });
  const asking = appReducer(state, {
    type: 'askDelete',
    entry: makeEntry(1, { command: 'rm -rf build && make' }),
  });
  assert.equal(statusLine(asking, 20), 'delete? y/n: rm -...');
  assert.equal(statusLine(asking, 30), 'delete everywhere? y/n: rm ...');
  for (let width = 3; width <= 80; width++) {
    const line = statusLine(asking, width);
    assert.ok(line.includes('y/n') && displayWidth(line) <= width, `${width}: ${line}`);
  }
});

test('help paragraphs wrap between phrases to the width', () => {
  const lines = paragraph('Detail: ', keyPhrases(DETAIL_KEYS), 80);
  assert.ok(lines.length >= 2);
  for (const line of lines) assert.ok(displayWidth(line) <= 80, line);
  // Nothing lost: the lines hold every phrase whole.
  for (const phrase of keyPhrases(DETAIL_KEYS))
    assert.ok(lines.some((line) => line.includes(phrase)));
  assert.match(lines[0] ?? '', /^Detail: ↑ ↓ PgUp PgDn Space Home End scroll/);
});

test('the README and docs/TUI.md list every key of the list, as the key table names them', () => {
  for (const doc of ['README.md', 'docs/TUI.md']) {
    const rows = readFileSync(doc, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('| '))
      .map((line) => (line.split('|')[1] ?? '').trim().replace(/\s+/g, ' '));
    for (const row of [...LIST_KEYS, ...ANY_VIEW_KEYS])
      assert.ok(rows.includes(row.keys.replace(/\s+/g, ' ')), `${doc} lists ${row.keys}`);
  }
});
