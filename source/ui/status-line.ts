/**
 * The bottom line: what the list holds, the scope, and hints for the open view's keys from
 * the key table, as many as fit the width (the hint ranked 1 is the last to go). While a
 * delete waits for its answer the line asks the question instead.
 */
import { plural } from '../core/plural.js';
import { sanitizeLine } from '../core/sanitize.js';
import { VIEW_KEYS, type KeyHelp } from './keys.js';
import { isSearching, type AppState } from './state/app-state.js';
import { scopeLabel } from './state/scope.js';
import { cutToWidth, displayWidth } from './text/display-width.js';

const SEPARATOR = ' | ';

/** The question the delete key asks, with as much of the command as fits. */
export function deleteQuestion(command: string, width: number): string {
  const question = 'delete this entry everywhere? y/n: ';
  return question + cutToWidth(sanitizeLine(command), width - displayWidth(question));
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

  const rows = VIEW_KEYS[state.view].filter((row) => row.hint !== undefined);
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
