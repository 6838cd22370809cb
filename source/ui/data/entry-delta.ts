/**
 * Lists from the query worker travel as deltas against the list sent before. While a sync
 * lands the list is asked for again every half second, and most of its 1,000 entries are
 * the ones the UI thread already holds: copying them across threads, then collecting them
 * as garbage, was the biggest part of a refresh on the UI thread. An entry the UI holds at
 * the same version is sent as its position in the previous list; the UI thread puts its
 * own object back there (which also lets memoised rows skip drawing).
 *
 * Both ends must see every list, in order: the worker encodes each list it sends, the UI
 * thread decodes each list it receives, answered or not.
 */
import type { HistoryEntry } from '../../core/types.js';

/** An entry, or the position of the same entry (same uuid and version) in the last list. */
export type EntryDelta = HistoryEntry | number;

export class DeltaEncoder {
  #last = new Map<string, { readonly index: number; readonly version: string }>();

  /** The list as deltas; `prepare` shapes entries actually sent (e.g. cut long text). */
  encode(
    entries: readonly HistoryEntry[],
    prepare: (entry: HistoryEntry) => HistoryEntry = (entry) => entry,
  ): EntryDelta[] {
    const next = new Map<string, { index: number; version: string }>();
    const deltas = entries.map((entry, index) => {
      next.set(entry.uuid, { index, version: entry.version });
      const known = this.#last.get(entry.uuid);
      return known !== undefined && known.version === entry.version ? known.index : prepare(entry);
    });
    this.#last = next;
    return deltas;
  }
}

export class DeltaDecoder {
  #last: readonly HistoryEntry[] = [];

  decode(deltas: readonly EntryDelta[]): readonly HistoryEntry[] {
    const last = this.#last;
    const entries = deltas.map((delta) => {
      if (typeof delta !== 'number') return delta;
      const entry = last[delta];
      if (entry === undefined)
        throw new Error(`query worker list refers to entry ${delta} it never sent`);
      return entry;
    });
    this.#last = entries;
    return entries;
  }
}
