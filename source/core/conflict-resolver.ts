/**
 * Conflict resolution, pure: last-write-wins by hybrid logical clock, with the losing
 * version reported so it can be kept and shown.
 *
 * A conflict is the same entry changed on two machines since they last agreed. "Last
 * agreed" is the row's base version: the version this machine and the server both had.
 * A change made by this machine itself is never concurrent with another change of this
 * machine (they are ordered), which is what makes retries and crash-replays idempotent.
 */
import { compareHlc, decodeHlc } from './hlc.js';
import type { HistoryEntry } from './types.js';

/** This machine's row as sync sees it: its version and the last agreed one. */
export type LocalRow = {
  readonly version: string;
  /** The version last agreed with the server; null if never synced. */
  readonly baseVersion: string | null;
};

export type Side = 'local' | 'remote';

/** What to do with a row pulled from the server. */
export type PullDecision =
  | { readonly kind: 'insert' }
  | { readonly kind: 'agree' }
  | { readonly kind: 'apply' }
  | { readonly kind: 'keep' }
  | { readonly kind: 'conflict'; readonly winner: Side };

/** What a push did, given the server's row just before it. */
export type PushDecision =
  { readonly kind: 'applied' } | { readonly kind: 'conflict'; readonly winner: Side };

/**
 * Orders two version strings as clocks. A malformed version (one this code could not have
 * written, say from a cache older than the gate) is older than every well-formed one, as in
 * the server's comparison, so it can never win against an honest edit.
 */
export function compareVersions(a: string, b: string): number {
  const ca = decodeHlc(a);
  const cb = decodeHlc(b);
  if (ca && cb) return compareHlc(ca, cb);
  if (ca || cb) return ca ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function madeBy(version: string, machineId: string): boolean {
  return decodeHlc(version)?.node === machineId;
}

export class ConflictResolver {
  readonly machineId: string;

  constructor(machineId: string) {
    this.machineId = machineId;
  }

  /** Decides how a pulled row meets the local one. */
  onPull(local: LocalRow | null, remote: HistoryEntry): PullDecision {
    if (local === null) return { kind: 'insert' };
    const mine = local.version;
    if (remote.version === mine) return { kind: 'agree' };
    const remoteIsNewer = compareVersions(remote.version, mine) > 0;
    const changedLocally = mine !== local.baseVersion;
    const concurrent =
      changedLocally &&
      remote.version !== local.baseVersion &&
      !madeBy(remote.version, this.machineId);
    if (concurrent) return { kind: 'conflict', winner: remoteIsNewer ? 'remote' : 'local' };
    return remoteIsNewer ? { kind: 'apply' } : { kind: 'keep' };
  }

  /**
   * Decides what a push did: `server` is the server's row just before the push (read in the
   * same transaction), `baseVersion` the version the pushed change was based on.
   */
  onPush(
    pushed: HistoryEntry,
    baseVersion: string | null,
    server: HistoryEntry | null,
  ): PushDecision {
    if (server === null || server.version === pushed.version || server.version === baseVersion) {
      return { kind: 'applied' };
    }
    if (madeBy(server.version, this.machineId)) return { kind: 'applied' };
    return {
      kind: 'conflict',
      winner: compareVersions(pushed.version, server.version) > 0 ? 'local' : 'remote',
    };
  }
}
