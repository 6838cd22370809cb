/**
 * Which entry a command of a history file is: its identity (from which its stable uuid is
 * derived), its place among same-second runs, and a time for commands the file does not
 * date. Every occurrence is an entry: `ls` typed five times is five entries, because use
 * counts drive ranking.
 *
 * The identity must survive what shells do to their files: appending (the same file plus
 * new lines adds only those lines) and cutting from the front (bash at HISTFILESIZE, zsh at
 * SAVEHIST keep only the newest lines). So it is built from the file's content, never from
 * line numbers:
 *
 * - A dated command: (time, text, n) where n counts earlier commands of the file with the
 *   same time and text. Two `make` in one second are two entries; cutting the front moves
 *   no n unless it cuts between two runs of one second.
 * - A command the file does not date: (the UNTIMED_CONTEXT commands before it, its text, n)
 *   where n counts earlier commands with the same context and text. The trade-off, since
 *   nothing in an undated line is unique: appending keeps every identity; after a cut from
 *   the front, the new first UNTIMED_CONTEXT commands lost their context and come in again
 *   (duplicates), and a new run whose whole context window also occurred in the part cut
 *   away takes an identity already used (missed). Counting from the start (line numbers)
 *   would re-import the whole file after every cut; the text alone (the n-th `ls`) would miss
 *   as many new runs of a command as the cut removed. Measured on a 100,000-command history
 *   with Zipf-like reuse, a 2,000-line file (Debian's HISTFILESIZE) imported after every 300
 *   new commands: context 3 missed 4.5% of new commands and duplicated 0.8%; 4: 0.6% and
 *   1.1%; 5: 0.06% and 1.4%; 6: 0% and 1.7%. 5 it is: a duplicate shows and can be deleted,
 *   a miss is silent. (A 90,000-line file cut by 10,000: 5 duplicates, nothing missed.)
 * - A command with the source's own id (Atuin): that id, its time and text.
 */
import type { ImportedCommand } from './types.js';

export const UNTIMED_CONTEXT = 5;

export type Occurrence = {
  /** What the stable uuid is derived from (with the machine and the tool). */
  readonly identity: readonly (string | number | null)[];
  /**
   * Whether the command has a time: only a dated command can be matched (one for one, by
   * the cache's import) against a run this machine's shell hook recorded itself.
   */
  readonly dated: boolean;
};

/** Counts how often each key was seen. */
function counter(): (key: string) => number {
  const seen = new Map<string, number>();
  return (key) => {
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n;
  };
}

/**
 * Returns a function to call with each command of one file, in file order, that tells
 * which entry it is. Keeps a count per distinct key, so memory grows with the file.
 */
export function occurrences(): (command: ImportedCommand) => Occurrence {
  const identityRank = counter();
  const recent: string[] = [];
  return (command) => {
    const { timestamp, sourceId } = command;
    const text = command.command;
    let identity: (string | number | null)[];
    if (sourceId !== undefined) {
      identity = [sourceId, timestamp, text];
    } else if (timestamp !== null) {
      const rank = identityRank(`t\0${timestamp}\0${text}`);
      identity = ['t', timestamp, text, rank];
    } else {
      const context = recent.join('\0');
      identity = ['u', recent.length, ...recent, text, identityRank(`u\0${context}\0${text}`)];
    }
    recent.push(text);
    if (recent.length > UNTIMED_CONTEXT) recent.shift();
    return { identity, dated: timestamp !== null };
  };
}

/** What placing undated commands needs to know of the whole file (a first pass). */
export type FilePlan = {
  readonly total: number;
  /** The first dated command's time, or null when nothing is dated. */
  readonly firstTime: number | null;
  /** Undated commands before the first dated one. */
  readonly undatedBeforeFirst: number;
};

export function planFile(commands: Iterable<ImportedCommand>): FilePlan {
  let total = 0;
  let firstTime: number | null = null;
  let undatedBeforeFirst = 0;
  for (const { timestamp } of commands) {
    total++;
    if (firstTime !== null) continue;
    if (timestamp === null) undatedBeforeFirst++;
    else firstTime = timestamp;
  }
  return { total, firstTime, undatedBeforeFirst };
}

/**
 * Times for undated commands, keeping the file's order with 1 ms steps: after the dated
 * command before them; before the first dated command when none precedes; when the file
 * dates nothing, just before `fileEnd` (its modification time).
 */
export function undatedTimes(
  plan: FilePlan,
  fileEnd: number,
): (timestamp: number | null) => number {
  let position = 0;
  let last: number | null = null;
  let sinceLast = 0;
  return (timestamp) => {
    position++;
    if (timestamp !== null) {
      last = timestamp;
      sinceLast = 0;
      return timestamp;
    }
    if (last !== null) return last + ++sinceLast;
    if (plan.firstTime !== null) {
      return Math.max(0, plan.firstTime - (plan.undatedBeforeFirst - position + 1));
    }
    return Math.max(0, Math.floor(fileEnd) - (plan.total - position));
  };
}
