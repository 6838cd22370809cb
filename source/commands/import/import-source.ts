/**
 * One history source into the cache: every command becomes an entry with a stable uuid
 * (core/shell-history/occurrences.ts says which entry it is), in chunks so other terminals
 * keep recording meanwhile, with progress on stderr for big files. Entries the cache would
 * refuse (empty, oversized) are counted and left out rather than stopping a years-long
 * history at one odd line.
 */
import { plural } from '../../core/plural.js';
import { occurrences, planFile, undatedTimes } from '../../core/shell-history/occurrences.js';
import type { HistorySourceKind } from '../../core/shell-history/types.js';
import type { NewEntry } from '../../core/types.js';
import { validateNewEntry } from '../../core/validate-entry.js';
import type { LocalCache } from '../../storage/local-cache.js';
import type { TextSink } from '../context.js';
import type { HistoryFile } from './history-files.js';
import { stableUuid } from './stable-uuid.js';

const CHUNK = 5000;
const PROGRESS_EVERY = 100_000;

export type ImportCounts = {
  readonly added: number;
  /** Already in the cache: imported before, or recorded by this machine's shell hook. */
  readonly present: number;
  /** Refused by the entry checks (empty, over the size limits). */
  readonly rejected: number;
};

type Importable = NewEntry & { readonly uuid: string; readonly dated: boolean };

export const count = (n: number) => n.toLocaleString('en-US');
export const entries = (n: number) => plural(n, 'entry', 'entries');

/** "imported 3 new entries from PATH (bash); 2 already here" */
export function describeImport(kind: string, path: string, counts: ImportCounts): string {
  const notes = [
    counts.present > 0 ? `${count(counts.present)} already here` : '',
    counts.rejected > 0 ? `${count(counts.rejected)} left out (empty or over the size limits)` : '',
  ].filter((note) => note.length > 0);
  return `imported ${plural(counts.added, 'new entry', 'new entries')} from ${path} (${kind})${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`;
}

export function importSource(
  cache: LocalCache,
  kind: HistorySourceKind,
  source: HistoryFile,
  stderr: TextSink,
): ImportCounts {
  const plan = planFile(source.read());
  const which = occurrences();
  const timeOf = undatedTimes(plan, source.modifiedAt);
  let position = 0;
  let added = 0;
  let present = 0;
  let rejected = 0;
  let chunk: Importable[] = [];
  // The hook records the file's commands claimed so far: each covers one run at most.
  const claimed = new Set<string>();
  const flush = () => {
    const result = cache.importMany(chunk, claimed);
    added += result.added;
    present += result.present;
    chunk = [];
    cache.maintain();
  };
  for (const command of source.read()) {
    position++;
    const { identity, dated } = which(command);
    const entry: Importable = {
      uuid: stableUuid(command.timestamp ?? 0, [cache.machineId, kind, ...identity]),
      command: command.command,
      timestamp: timeOf(command.timestamp),
      cwd: command.cwd ?? null,
      status: command.status ?? null,
      sessionId: command.sessionId ?? null,
      durationMs: command.durationMs ?? null,
      dated,
    };
    try {
      validateNewEntry(entry);
    } catch {
      rejected++;
      continue;
    }
    chunk.push(entry);
    if (chunk.length === CHUNK) flush();
    if (plan.total >= PROGRESS_EVERY && position % PROGRESS_EVERY === 0)
      stderr.write(`import ${kind}: ${count(position)} of ${count(plan.total)}\n`);
  }
  if (chunk.length > 0) flush();
  return { added, present, rejected };
}
