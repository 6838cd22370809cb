/**
 * The top line: the name, the scope, the query and the sync badge. The query is cut from
 * the front to the columns left beside the badge, so the end being typed stays in sight
 * and the line never wraps (a wrapped header pushes the whole screen down).
 */
import { Text } from 'ink';
import { sanitizeLine } from '../../core/sanitize.js';
import type { BadgeState } from '../state/app-state.js';
import { scopeLabel, type ScopeKind } from '../state/scope.js';
import { cutToWidth, displayWidth, tailToWidth } from '../text/display-width.js';
import { badgeText, SyncBadge } from './sync-badge.js';

const TITLE = 'mcp-terminal';
const PLACEHOLDER = 'type to search';

export type HeaderProps = {
  readonly scope: ScopeKind;
  readonly query: string;
  readonly badge: BadgeState;
  readonly columns: number;
};

export function Header({ scope, query, badge, columns }: HeaderProps) {
  const prompt = ` [${scopeLabel(scope)}] > `;
  const badgeWidth = displayWidth(badgeText(badge));
  // One column for the cursor, one between the query and the badge.
  const room = Math.max(0, columns - TITLE.length - displayWidth(prompt) - badgeWidth - 2);
  const shown =
    query.length === 0 ? cutToWidth(PLACEHOLDER, room) : tailToWidth(sanitizeLine(query), room);
  const used =
    TITLE.length + displayWidth(prompt) + displayWidth(shown) + (query.length > 0 ? 1 : 0);
  // Padded by our own count, not laid out by Ink: Ink measures some emoji narrower than
  // terminals draw them, and its flex layout then pushed the badge past the last column.
  const gap = ' '.repeat(Math.max(1, columns - used - badgeWidth));
  return (
    <Text wrap="truncate">
      <Text bold>{TITLE}</Text>
      <Text color="cyan">{prompt}</Text>
      {query.length === 0 ? <Text dimColor>{shown}</Text> : <Text>{shown}</Text>}
      {query.length === 0 ? null : <Text inverse> </Text>}
      {gap}
      <SyncBadge badge={badge} />
    </Text>
  );
}
