/**
 * The bottom line: what the list holds, the scope, and hints for the open view's keys from
 * the key table, for keys that can act now (no "Enter detail" on an empty list), as many as
 * fit the width (the hint ranked 1 is the last to go). While a delete waits for its answer
 * the line asks the question instead.
 */
import { plural } from '../core/plural.js';
import { sanitizeLine } from '../core/sanitize.js';
import { VIEW_KEYS, type KeyHelp } from './keys.js';
import { isSearching, type AppState } from './state/app-state.js';
import { scopeLabel } from './state/scope.js';
import { cutToWidth, displayWidth } from './text/display-width.js';

const SEPARATOR = ' | ';

/**
 * The delete key's question, longest first: the first that fits the width is asked, so the
 * y/n is always on screen (a narrow terminal once showed `delete this entry e…`).
 */
const QUESTIONS = [
  'delete this entry everywhere? y/n: ',
  'delete everywhere? y/n: ',
  'delete? y/n: ',
  'y/n: ',
  'y/n',
];

/** The question the delete key asks, with as much of the command as fits (cut first). */
export function deleteQuestion(command: string, width: number): string {
  const question =
    QUESTIONS.find((text) => displayWidth(text) <= width) ?? QUESTIONS[QUESTIONS.length - 1]!;
  return cutToWidth(
    question + cutToWidth(sanitizeLine(command), width - displayWidth(question)),
    width,
  );
}

/** Whether the key of a hint can do anything now (an empty list has nothing to delete). */
function canAct(row: KeyHelp, state: AppState): boolean {
  switch (row.hint?.needs) {
    case 'entry':
      return state.list.entries.length > 0;
    case 'conflict':
      return state.conflicts.items.length > 0;
    case 'emptyQuery':
      return state.query.length === 0;
    case undefined:
      return true;
  }
}

function hintText(row: KeyHelp): string {
  return `${row.hint?.keys ?? row.keys} ${row.hint?.text ?? ''}`;
}

export function statusLine(state: AppState, width: number): string {
  if (state.confirmDelete !== null) return deleteQuestion(state.confirmDelete.command, width);
  const info: string[] = [];
  if (isSearching(state)) info.push('searching...');
  else if (state.query.length > 0) info.push(plural(state.list.entries.length, 'match', 'matches'));
  info.push(state.total === null ? '... entries' : plural(state.total, 'entry', 'entries'));
  info.push(scopeLabel(state.scope));

  const rows = VIEW_KEYS[state.view].filter((row) => row.hint !== undefined && canAct(row, state));
  const line = (shown: ReadonlySet<KeyHelp>) =>
    [...info, ...rows.filter((row) => shown.has(row)).map(hintText)].join(SEPARATOR);
  const shown = new Set<KeyHelp>();
  const byRank = [...rows].sort((a, b) => (a.hint?.rank ?? 0) - (b.hint?.rank ?? 0));
  for (const row of byRank) {
    shown.add(row);
    if (displayWidth(line(shown)) > width) shown.delete(row);
  }
  return cutToWidth(line(shown), width);
}
