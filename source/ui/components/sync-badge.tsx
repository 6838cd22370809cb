/**
 * The sync-state badge: what the worker last reported, or the progress of the sync running
 * now. Errors that need a person say what to do.
 */
import { Text } from 'ink';
import { sanitizeLine } from '../../core/sanitize.js';
import { badgeLabel, type BadgeState } from '../state/app-state.js';
import { cutToWidth } from '../text/display-width.js';

/** The part of an error that says what went wrong: the server's own words when it gave some. */
function briefReason(error: string | null): string {
  if (error === null) return 'see mcp-terminal status';
  return /^the server failed the request \((.*)\)$/s.exec(error)?.[1] ?? error;
}

const COLORS: Record<string, string> = {
  SYNCHRONIZED: 'green',
  SYNCING: 'cyan',
  PENDING_UPLOAD: 'yellow',
  PENDING_DOWNLOAD: 'yellow',
  CONFLICT: 'magenta',
  OFFLINE: 'gray',
  AUTH_FAILED: 'red',
  SCHEMA_MISMATCH: 'red',
  SYNC_FAILED: 'red',
  LOCAL_ONLY: 'gray',
};

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** The words after the state: counts, progress, or the fix for an error. */
export function badgeDetail(badge: BadgeState): string {
  const label = badgeLabel(badge);
  const status = badge.status;
  if (label === 'SYNCING') {
    const p = badge.progress;
    if (p === null) return '';
    const arrow = p.phase === 'push' ? '↑' : '↓';
    return p.total > 0
      ? `${arrow} ${count(p.done)}/${count(p.total)}`
      : `${arrow} ${count(p.done)}`;
  }
  if (status === null) return '';
  switch (label) {
    case 'PENDING_UPLOAD':
    case 'OFFLINE':
      return status.pendingUpload > 0 ? `${count(status.pendingUpload)} to upload` : '';
    case 'CONFLICT':
      return `${count(status.conflicts)} (Ctrl-X)`;
    case 'AUTH_FAILED':
      return 'check TURSO_AUTH_TOKEN';
    case 'SCHEMA_MISMATCH':
      return 'server is newer: upgrade mcp-terminal';
    case 'SYNC_FAILED':
      // The reason, short: the badge shares the header row; `status` has it whole.
      return cutToWidth(sanitizeLine(briefReason(status.lastError)), 30);
    default:
      return '';
  }
}

/** The badge as drawn: "[SYNCING ↑ 500/1,200]". */
export function badgeText(badge: BadgeState): string {
  const detail = badgeDetail(badge);
  return `[${badgeLabel(badge)}${detail.length > 0 ? ` ${detail}` : ''}]`;
}

export function SyncBadge({ badge }: { badge: BadgeState }) {
  return (
    // Never wraps: the query beside it is cut instead.
    <Text color={COLORS[badgeLabel(badge)] ?? 'gray'} wrap="truncate">
      {badgeText(badge)}
    </Text>
  );
}
