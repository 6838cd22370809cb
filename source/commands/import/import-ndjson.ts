/**
 * `import ndjson FILE|-`: brings back what `export --format ndjson` wrote, on this home or
 * another one, so a history can move between homes without a server. Each entry keeps its
 * identity (uuid, machine, session, times, version); an entry already here is neither
 * duplicated nor replaced by an older version, so importing twice changes nothing. The
 * whole input is checked first: a bad line is named and nothing is written.
 */
import { plural } from '../../core/plural.js';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { LocalCache } from '../../storage/local-cache.js';
import type { CommandContext } from '../context.js';
import { readNdjsonWholeEntries } from '../ndjson-entries.js';
import type { HistoryEntry } from '../../core/types.js';
import { count, entries } from './import-source.js';
import { checkInputFile } from './input-file.js';

const CHUNK = 5000;

/** FILE as a stream (`-` is stdin); a missing file is the same one clear line as for shells. */
function openInput(file: string, context: CommandContext): { path: string; input: Readable } {
  if (file === '-') return { path: 'stdin', input: context.stdin };
  const path = resolve(context.cwd, file);
  checkInputFile('import ndjson', path, 'give the file export wrote, or - for stdin');
  return { path, input: createReadStream(path) };
}

/** Reads and checks every line (nothing is written when one is bad). */
export async function readNdjsonFile(
  file: string,
  context: CommandContext,
): Promise<{ path: string; entries: HistoryEntry[] }> {
  const { path, input } = openInput(file, context);
  return { path, entries: await readNdjsonWholeEntries(input) };
}

/** Writes checked entries in chunks and says what happened. */
export function importNdjson(
  cache: LocalCache,
  path: string,
  all: readonly HistoryEntry[],
  context: CommandContext,
): void {
  let added = 0;
  let updated = 0;
  let present = 0;
  for (let start = 0; start < all.length; start += CHUNK) {
    const result = cache.importEntries(all.slice(start, start + CHUNK));
    added += result.added;
    updated += result.updated;
    present += result.present;
    cache.maintain();
  }
  const notes = [
    updated > 0 ? `${entries(updated)} replaced by a newer version` : '',
    present > 0 ? `${count(present)} already here` : '',
  ].filter((note) => note.length > 0);
  context.stderr.write(
    `imported ${plural(added, 'new entry', 'new entries')} from ${path} (ndjson)${notes.length > 0 ? `; ${notes.join('; ')}` : ''}\n`,
  );
}
