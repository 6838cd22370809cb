/**
 * The TUI's scopes and how a key cycles through them. Pure: the identities a scope needs
 * (this machine, session and directory) come in as data.
 */
import type { Scope } from '../../core/types.js';

export type ScopeKind = Scope['kind'];

/** Where the TUI runs: what "this machine / session / directory" mean. */
export type Whereabouts = {
  readonly machineId: string;
  /** The session of the terminal ($MCP_TERMINAL_SESSION); null when it has none. */
  readonly sessionId: string | null;
  readonly cwd: string;
};

const ORDER: readonly ScopeKind[] = ['all', 'machine', 'session', 'cwd'];

/** The next scope; "this session" is skipped when the terminal has no session. */
export function nextScope(current: ScopeKind, where: Whereabouts): ScopeKind {
  const available = ORDER.filter((kind) => kind !== 'session' || where.sessionId !== null);
  const index = available.indexOf(current);
  return available[(index + 1) % available.length] ?? 'all';
}

export function toScope(kind: ScopeKind, where: Whereabouts): Scope {
  switch (kind) {
    case 'all':
      return { kind };
    case 'machine':
      return { kind, machineId: where.machineId };
    case 'session':
      return where.sessionId === null ? { kind: 'all' } : { kind, sessionId: where.sessionId };
    case 'cwd':
      return { kind, cwd: where.cwd };
  }
}

export function scopeLabel(kind: ScopeKind): string {
  switch (kind) {
    case 'all':
      return 'all machines';
    case 'machine':
      return 'this machine';
    case 'session':
      return 'this session';
    case 'cwd':
      return 'this directory';
  }
}
